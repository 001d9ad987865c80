"""Issue 14, point 13: a folder with a company's first assessment and its re-assessment."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from assess.bulk import run_bulk
from assess.bulk.synth import write_files
from assess.engine.core import Engine
from tests.bulk.conftest import ROOT, read_csv


def reassess(t0: Path, folder: Path, *, visit: str, answers: dict[str, Any], name: str | None = None) -> Path:
    """A re-assessment of the company of `t0`, a year later, with some answers changed."""
    doc = json.loads(t0.read_text(encoding="utf-8"))
    doc["response_id"] = doc["response_id"] + "-t1"
    doc["based_on"] = json.loads(t0.read_text(encoding="utf-8"))["response_id"]
    doc["visit_date"] = visit
    doc["answers"] = {**doc["answers"], **answers}
    if name is not None:
        doc["company"] = {"name": name}
    out = folder / f"z-{doc['response_id']}.json"
    out.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return out


@pytest.mark.parametrize("t1_first", [False, True])
def test_the_newest_assessment_counts_and_the_older_is_superseded(
    engine: Engine, tmp_path: Path, t1_first: bool
) -> None:
    folder = tmp_path / "in"
    files = write_files(engine, folder, 3)
    t0 = files[0]
    doc0 = json.loads(t0.read_text(encoding="utf-8"))
    doc0["visit_date"] = "2025-11-01"
    t0.write_text(json.dumps(doc0, ensure_ascii=False), encoding="utf-8")
    t1 = reassess(
        t0,
        folder,
        visit="2026-11-01",
        answers={"erp": "l4", "security": ["backup", "antivirus", "policy"], "ai_use": "daily"},
    )
    if t1_first:  # input order must not matter: the later visit wins
        t1 = t1.rename(folder / "a-first.json")
    out = tmp_path / "out"
    assert run_bulk([str(folder)], out, root=ROOT, workers=0, progress=False, summary_pdf=False) == 0
    results = read_csv(out / "results.csv")
    assert len(results) == 3  # three companies, each once
    assert read_csv(out / "errors.csv") == []
    (older,) = read_csv(out / "superseded.csv")
    assert older["response_id"] == doc0["response_id"] and older["assessed_on"] == "2025-11-01"
    assert Path(older["superseded_by"]).name == t1.name
    (now,) = [r for r in results if r["response_id"] == doc0["response_id"] + "-t1"]
    assert now["previous_assessed_on"] == "2025-11-01"
    assert now["overall_then_now"] == f"{older['overall_level']} → {now['overall_level']}"
    assert now["ai_then_now"] == f"{older['ai_level']} → {now['ai_level']}"
    others = [r for r in results if r is not now]
    assert all(r["overall_then_now"] == "" for r in others)
    jsonl = [json.loads(x) for x in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    assert doc0["response_id"] not in {x["response_id"] for x in jsonl}
    html = (out / "summary.html").read_text(encoding="utf-8")
    assert "superseded.csv" in html  # the summary says one assessment was replaced
    assert not list(out.glob(".assess-tmp-*"))


def test_without_a_credit_code_the_company_name_decides(engine: Engine, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (t0,) = write_files(engine, folder, 1)
    doc = json.loads(t0.read_text(encoding="utf-8"))
    doc["company"] = {"name": "淮安 某某 机械"}
    doc["visit_date"] = "2025-01-01"
    t0.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    reassess(t0, folder, visit="2026-01-01", answers={}, name="淮安某某机械")  # same name, spacing aside
    out = tmp_path / "out"
    assert run_bulk([str(folder)], out, root=ROOT, workers=0, progress=False, summary_pdf=False) == 0
    assert [r["response_id"] for r in read_csv(out / "results.csv")] == [doc["response_id"] + "-t1"]
    assert len(read_csv(out / "superseded.csv")) == 1


@pytest.mark.parametrize("t1_first", [False, True])
def test_a_reassessment_leaves_every_other_company_s_rows_as_they_were(
    engine: Engine, tmp_path: Path, t1_first: bool
) -> None:
    """Without re-assessments the tables are written as results arrive; with one they are written again at
    the end: every other company's rows, follow-up lines and result lines are the same either way."""
    folder = tmp_path / "in"
    files = write_files(engine, folder, 6)
    doc0 = json.loads(files[2].read_text(encoding="utf-8"))

    def run(out: Path) -> dict[str, list[str]]:
        assert run_bulk([str(folder)], out, root=ROOT, workers=0, progress=False, summary_pdf=False) == 0
        tables = {}
        for name in ("results.csv", "followup.csv", "results.jsonl"):
            lines = (out / name).read_text(encoding="utf-8-sig").splitlines()
            tables[name] = [x for x in lines if doc0["company"]["name"] not in x]
        wb = openpyxl.load_workbook(out / "results.xlsx", read_only=True)
        for ws in wb.worksheets:
            rows = [tuple(r) for r in ws.iter_rows(values_only=True)]
            tables[ws.title] = [repr(r) for r in rows if doc0["response_id"] not in r]
        wb.close()
        return tables

    alone = run(tmp_path / "alone")
    t1 = reassess(files[2], folder, visit="2027-01-01", answers={"erp": "l3"})
    if t1_first:
        t1.rename(folder / "a-first.json")
    again = run(tmp_path / "again")
    assert len(read_csv(tmp_path / "again" / "superseded.csv")) == 1
    for name, rows in alone.items():
        assert [r for r in again[name] if doc0["response_id"] + "-t1" not in r] == rows, name
