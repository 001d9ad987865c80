"""The center summary: counts, distributions, floors, demand by group with the privacy rule."""

from __future__ import annotations

import multiprocessing as mp
from pathlib import Path

import pytest

from assess.bulk.record import Record
from assess.bulk.summary import MIN_GROUP, Summary, SummaryFailed, SummaryProcess, render
from assess.files.loading import Bundle


def rec(i: int, region: str, sector: str = "food", status: str = "apply", d1: float | None = 50.0) -> Record:
    return Record(
        response_id=f"r{i}",
        company=f"公司{i}",
        credit_code=None,
        contact=None,
        questionnaire="mini",
        version="1.0.0",
        status="complete",
        depth="quick",
        assessed_on="2026-01-01",
        region=(region, (region + "区", region)),
        sector=(sector, (sector, sector)),
        overall=(50.0, "L2", ("筑基级", "Foundations")),
        ai=(20.0, "AI0", ("未感知", "Unaware")),
        blocked=[
            ("overall", "L3", ("业务系统、设备联网均不低于 50 分", "Business systems, Connectivity each at least 50"))
        ],
        dims={"D1": d1, "D2": 90.0, "C1": 20.0},
        blocks={},
        supports={"toolbox": status, "hightech": "need_info"},
        answered=5,
        shown=9,
    )


def test_groups_under_five_companies_are_merged_into_other(bundle: Bundle) -> None:
    s = Summary()
    for i in range(MIN_GROUP):
        s.add(rec(i, "qinghe"))
    for i in range(MIN_GROUP - 1):
        s.add(rec(10 + i, "huaiyin", status="prepare"))
    s.add(rec(20, "lianshui"))
    ctx = s.context(bundle, "zh")
    (table,) = ctx["by_region"]
    cols = table["cols"]
    assert [(c[1], c[2]) for c in cols] == [("qinghe区", 5), ("其他（不足 5 家的组合并）", 5)]
    voucher = table["rows"][0]
    assert voucher["cells"] == [(5, 0), (1, 4)]
    assert all("huaiyin" not in str(c) for c in cols)


def test_counts_distributions_and_floors(bundle: Bundle) -> None:
    s = Summary()
    s.add(rec(1, "a", d1=5.0))
    s.add(rec(2, "a", d1=100.0))
    s.add(rec(3, "a", d1=None))
    ctx = s.context(bundle, "en")
    assert ctx["scored"] == 3
    assert [(lv["id"], lv["n"]) for lv in ctx["overall"]] == [("L1", 0), ("L2", 3), ("L3", 0)]
    d1 = next(d for d in ctx["dims"] if d["id"] == "D1")
    assert (d1["n"], d1["missing"], d1["low"], d1["high"], d1["mean"]) == (2, 1, 5.0, 100.0, 52.5)
    assert [n for n, _ in d1["bins"]] == [1, 0, 0, 0, 0, 0, 0, 0, 0, 1]
    assert ctx["floors"] == [
        {"index": "overall", "level": "L3", "label": "Business systems, Connectivity each at least 50", "n": 3}
    ]
    voucher = ctx["supports"][0]
    assert voucher["counts"] == {"apply": 3, "prepare": 0, "need_info": 0, "not_eligible": 0}
    assert len(voucher["follow"]["apply"]) == 3


def test_wide_breakdowns_are_split_into_tables_that_fit_the_page(bundle: Bundle) -> None:
    s = Summary()
    for g in range(8):
        for i in range(MIN_GROUP):
            s.add(rec(g * 10 + i, f"g{g}"))
    tables = s.context(bundle, "zh")["by_region"]
    assert [len(t["cols"]) for t in tables] == [6, 2]
    assert all(len(r["cells"]) == len(t["cols"]) for t in tables for r in t["rows"])


def test_the_summary_pdf_is_aggregates_and_the_company_lists_are_behind_a_flag(bundle: Bundle, tmp_path) -> None:
    import pytest

    pytest.importorskip("weasyprint")
    from pypdf import PdfReader

    from assess.bulk.summary import render

    s = Summary()
    for i in range(300):
        s.add(rec(i, ["qinghe", "huaiyin", "lianshui"][i % 3], status=["apply", "prepare"][i % 2]))
    ctx = s.context(bundle, "zh")
    short = render(ctx, tmp_path / "a.html", tmp_path / "a.pdf")
    long = render(ctx, tmp_path / "b.html", tmp_path / "b.pdf", appendix=True)
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "a.pdf").pages)
    assert "公司0" not in text and "followup.csv" in text  # where the lists are
    assert "公司0" in "".join(p.extract_text() for p in PdfReader(tmp_path / "b.pdf").pages)
    assert short < long and short <= 4
    assert "公司0" in (tmp_path / "a.html").read_text(encoding="utf-8")  # the HTML keeps the first of each list


def test_the_summary_process_writes_what_this_process_writes_and_reports_a_failure(
    bundle: Bundle, tmp_path: Path
) -> None:
    """Beside a worker pool the summary is rendered in a process of its own: the same files; a failure
    there is a one-line message, and a process that died is one too."""
    context = mp.get_context("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")
    s = Summary()
    for i in range(12):
        s.add(rec(i, "qinghe"))
    ctx = s.context(bundle, "zh")
    render(ctx, tmp_path / "here.html", None)
    assert SummaryProcess(context, pdf=False).render(ctx, tmp_path / "there.html", None) == 0
    here, there = ((tmp_path / f"{n}.html").read_text(encoding="utf-8") for n in ("here", "there"))
    assert there == here

    with pytest.raises(SummaryFailed) as failed:
        SummaryProcess(context, pdf=False).render({"lang": "zh"}, tmp_path / "bad.html", None)
    assert "UndefinedError" in failed.value.message and not failed.value.expected
    assert not (tmp_path / "bad.html").exists()

    dead = SummaryProcess(context, pdf=False)
    dead._proc.terminate()
    dead._proc.join()
    with pytest.raises(SummaryFailed, match="summary process stopped"):
        dead.render(ctx, tmp_path / "dead.html", None)


def test_the_english_summary_uses_english_punctuation(bundle: Bundle, tmp_path: Path) -> None:
    """The English summary's labels are followed by ': ', not the Chinese '：' (company names aside)."""
    s = Summary()
    for i in range(2 * MIN_GROUP):
        s.add(rec(i, "qinghe", status=["apply", "prepare"][i % 2]))
    render(s.context(bundle, "en"), tmp_path / "s.html", None)
    html = (tmp_path / "s.html").read_text(encoding="utf-8")
    assert "Questionnaire: " in html and "Apply: " in html and "：" not in html
