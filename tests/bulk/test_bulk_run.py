"""assess bulk on mixed inputs: exact counts, errors naming input/row/field, atomic outputs, summary."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from assess.bulk import run as run_mod
from assess.bulk import run_bulk
from assess.bulk.tables import CORE

from .conftest import ROOT, VALID, outputs, read_csv


def bulk(inputs: list[str], out: Path, **kw: object) -> int:
    kw.setdefault("workers", 0)
    kw.setdefault("progress", False)
    kw.setdefault("summary_pdf", False)
    return run_bulk(inputs, out, root=ROOT, **kw)  # type: ignore[arg-type]


def test_a_mixed_folder_scores_every_good_input_and_names_every_bad_one(mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert bulk([str(mixed)], out) == 1
    results = read_csv(out / "results.csv")
    assert len(results) == VALID + 2  # 12 files (one superseded by its copy) + 2 good spreadsheet rows
    errors = read_csv(out / "errors.csv")
    found = {(Path(e["input"]).name, e["row"], e["field"]) for e in errors}
    assert found == {
        ("malformed.json", "", ""),
        ("truncated.json", "", ""),
        ("version.json", "", "questionnaire.version"),
        ("wrongtype.json", "", "answers.revenue"),
        ("sheet.xlsx", "3", "revenue"),
    }
    assert all(e["message"] for e in errors)
    # the same company again (same credit code, same date, read later) is its newer assessment, not an error
    (older,) = read_csv(out / "superseded.csv")
    assert Path(older["superseded_by"]).name == "zz-duplicate.json"
    assert "zz-duplicate.json" in {Path(r["input"]).name for r in results}
    assert len((out / "results.jsonl").read_text(encoding="utf-8").splitlines()) == VALID + 2
    wb = openpyxl.load_workbook(out / "results.xlsx", read_only=True)
    assert wb.sheetnames == ["results", "dimension scores", "supports", "codebook"]
    for name in ("results", "dimension scores", "supports"):
        assert sum(1 for _ in wb[name].iter_rows()) == VALID + 3  # header + rows
    wb.close()
    assert (out / "summary.html").is_file()
    assert not list(out.glob(".assess-tmp-*"))


def test_results_jsonl_has_the_score_json_shape(mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    bulk([str(mixed)], out)
    lines = [json.loads(x) for x in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    first = lines[0]
    for key in ("file", "company", "questionnaire", "overall", "ai_readiness", "dimensions", "supports"):
        assert key in first
    assert {"id", "zh", "en"} <= set(first["overall"]["level"])
    rows = [x for x in lines if "row" in x]
    assert [x["row"] for x in rows] == [2, 4]
    assert rows[0]["company"] == "淮安<script>alert(1)</script>机械"


def test_results_csv_has_a_bom_and_neutralises_formulas(mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    bulk([str(mixed)], out)
    raw = (out / "results.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header = raw[3:].split(b"\r\n", 1)[0].decode()
    assert header.startswith(",".join(c for c, _ in CORE[:4]))
    companies = [r["company"] for r in read_csv(out / "results.csv")]
    assert "'@SUM(1+1)*cmd食品" in companies


def test_the_summary_escapes_company_names(mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    bulk([str(mixed)], out)
    html = (out / "summary.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_every_input_kind_is_accepted(mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    files = sorted((mixed / "app").glob("*.json"))
    rc = bulk(
        [
            str(files[0]),
            str(mixed / "app" / "*-00000[1-3].json"),
            str(mixed / "sheet.xlsx"),
            str(tmp_path / "missing.json"),
            str(mixed / "notes.txt"),
            str(mixed / "nothing*.json"),
        ],
        out,
    )
    assert rc == 1
    assert len(read_csv(out / "results.csv")) == 1 + 3 + 2
    messages = {Path(e["input"]).name: e["message"] for e in read_csv(out / "errors.csv")}
    assert messages["missing.json"] == "no such file or folder"
    assert "not an answer file" in messages["notes.txt"]
    assert "matches no file" in messages["nothing*.json"]


def test_a_clean_batch_exits_0_and_the_output_folder_inside_an_input_is_not_read(mixed: Path) -> None:
    app = mixed / "app"
    assert bulk([str(app)], app / "out") == 0
    assert bulk([str(app)], app / "out") == 0  # results.csv of the first run is not read as a spreadsheet
    assert len(read_csv(app / "out" / "results.csv")) == VALID


def test_a_csv_saved_by_chinese_excel_gb18030_is_read(tmp_path: Path) -> None:
    sheet = tmp_path / "gbk.csv"
    sheet.write_bytes("company,region,industry,erp,accident\n清河机械,淮阴区,制造业,电子表格,否\n".encode("gb18030"))
    assert bulk([str(sheet)], tmp_path / "out") == 0
    (row,) = read_csv(tmp_path / "out" / "results.csv")
    assert row["company"] == "清河机械"
    assert row["region"] == "淮阴区"


def test_an_unknown_column_is_reported_once_and_the_rows_still_score(tmp_path: Path) -> None:
    sheet = tmp_path / "extra.csv"
    sheet.write_text("company,region,# note,erpp\n甲,淮阴区,x,l1\n乙,淮阴区,y,l2\n", encoding="utf-8")
    assert bulk([str(sheet)], tmp_path / "out") == 1
    assert [(e["row"], e["field"]) for e in read_csv(tmp_path / "out" / "errors.csv")] == [("1", "erpp")]
    assert len(read_csv(tmp_path / "out" / "results.csv")) == 2


def test_a_killed_run_leaves_the_previous_outputs_whole(
    mixed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    bulk([str(mixed / "app")], out)
    before = outputs(out)
    calls = 0

    def boom(self: object, *a: object) -> None:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise KeyboardInterrupt

    monkeypatch.setattr(run_mod.Tables, "add", boom)
    with pytest.raises(KeyboardInterrupt):
        bulk([str(mixed)], out)
    assert outputs(out) == before
    assert not list(out.glob(".assess-tmp-*"))


def test_progress_is_logged_as_plain_lines_when_not_a_terminal(
    mixed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bulk([str(mixed)], tmp_path / "out", progress=True)
    err = capsys.readouterr().err
    assert "bulk: 20 done (15 scored, 5 failed)" in err
    assert "14 scored, 1 superseded by a newer assessment (superseded.csv), 5 failed" in err.splitlines()[-1]


def test_an_output_folder_that_cannot_be_made_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert bulk([str(tmp_path)], blocker / "out") == 2
    assert "cannot create the output folder" in capsys.readouterr().err


def test_the_same_file_named_twice_is_read_once_and_a_repeated_response_id_is_an_error(
    mixed: Path, tmp_path: Path
) -> None:
    one = sorted((mixed / "app").glob("*.json"))[0]
    copy = tmp_path / "copy.json"
    copy.write_bytes(one.read_bytes())
    assert bulk([str(one), str(mixed / "app"), str(copy)], tmp_path / "out") == 1
    assert len(read_csv(tmp_path / "out" / "results.csv")) == VALID
    (err,) = read_csv(tmp_path / "out" / "errors.csv")
    assert (Path(err["input"]).name, err["field"]) == ("copy.json", "response_id")


def test_a_summary_that_fails_to_render_still_leaves_the_results(
    mixed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*a: object, **k: object) -> int:
        raise RuntimeError("template exploded")

    monkeypatch.setattr(run_mod, "render", broken)
    out = tmp_path / "out"
    assert bulk([str(mixed / "app")], out) == 1
    assert len(read_csv(out / "results.csv")) == VALID
    (err,) = read_csv(out / "errors.csv")
    assert err["input"] == "summary.pdf"
    assert "template exploded" in err["message"]


def test_figures_only_writes_the_same_tables_errors_and_summary(
    mixed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert bulk([str(mixed)], tmp_path / "full", progress=True) == 1
    assert (
        "scored by the batch engine: 0, by the explained engine: 15;" in capsys.readouterr().err
    )  # superseded ones too
    assert bulk([str(mixed)], tmp_path / "fast", figures_only=True, chunk=5, progress=True) == 1
    # the 12 files go through the batch engine; the 2 spreadsheet rows are scored one by one (the fallback)
    assert "scored by the batch engine: 13, by the explained engine: 2;" in capsys.readouterr().err
    full, fast = outputs(tmp_path / "full"), outputs(tmp_path / "fast")
    for name in ("results.csv", "errors.csv", "followup.csv", "xlsx"):
        assert fast[name] == full[name], name
    html = [(tmp_path / d / "summary.html").read_text(encoding="utf-8") for d in ("full", "fast")]
    assert html[0] == html[1]
    explained = [json.loads(x) for x in full["results.jsonl"].decode().splitlines()]
    figures = [json.loads(x) for x in fast["results.jsonl"].decode().splitlines()]
    assert [x["file"] for x in figures] == [x["file"] for x in explained]
    for f, e in zip(figures, explained, strict=True):
        assert f["explained"] is False and "trace" not in f["overall"]
        assert f["overall"]["level"] == {k: e["overall"]["level"][k] for k in ("id", "zh", "en")}
        assert {s["id"]: s["status"] for s in f["supports"]} == {s["id"]: s["status"] for s in e["supports"]}
        assert [(d["id"], d["score"]) for d in f["dimensions"]] == [(d["id"], d["score"]) for d in e["dimensions"]]


def test_english_tables_separate_blocking_floors_with_semicolons(mixed: Path, tmp_path: Path) -> None:
    """The "blocked by" column of an English run lists the floors with '; ', not the Chinese '；'."""
    out = tmp_path / "out"
    bulk([str(mixed)], out, lang="en")
    text = (out / "results.csv").read_text(encoding="utf-8-sig")
    assert "; " in text and "；" not in text
