"""Numbers no real figure has, in every number field: integers beyond float range (10^19), 1e308,
NaN, ±Infinity, negative numbers. Each is refused with the file and the field named, by `assess score`,
`assess whatif`, `assess bulk` (both engines) and from a spreadsheet cell; nothing crashes."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from .conftest import Box, assert_names, run
from .corpus import base_doc, csv_text, dumps, number_questions, sheet_rows

HOSTILE: dict[str, Any] = {
    "int_1e19": 10**19,
    "int_neg_1e19": -(10**19),
    "1e308": 1e308,
    "neg_1e308": -1e308,
    "nan": float("nan"),
    "inf": float("inf"),
    "neg_inf": float("-inf"),
    "neg_1": -1,
}
"""JSON values (NaN and Infinity as the literals Python's json writes)."""

CELLS = ["10000000000000000000", "1e308", "-1e308", "NaN", "nan", "inf", "-Infinity", "-1", "1e19", "１e９９９"]
"""The same as a person or a script types them in a spreadsheet cell."""

NUMBERS = [q.id for q in number_questions()]
CASES = [(q, name) for q in NUMBERS for name in HOSTILE]


def hostile_file(box: Box, qid: str, name: str) -> Path:
    doc = base_doc()
    doc["answers"][qid] = HOSTILE[name]
    return box.put(f"{qid}-{name}.json", dumps(doc))


@pytest.mark.parametrize(("qid", "name"), CASES, ids=[f"{q}={n}" for q, n in CASES])
def test_score_refuses_an_impossible_number_naming_file_and_field(box: Box, qid: str, name: str) -> None:
    path = hostile_file(box, qid, name)
    out = run(box, ["score", path], code=1)
    assert_names(out, path, qid)


@pytest.mark.parametrize("name", list(HOSTILE))
@pytest.mark.parametrize("qid", ["p_employees", "p_rd_y1", "p_rd_domestic"])
def test_whatif_refuses_an_impossible_number(box: Box, qid: str, name: str) -> None:
    path = hostile_file(box, qid, name)
    out = run(box, ["whatif", path, "--json"], code=1)
    assert_names(out, path, qid)
    assert out.stdout == ""


@pytest.mark.usefixtures("no_summary_pdf")
@pytest.mark.parametrize("figures_only", [False, True], ids=["explained", "figures-only"])
def test_bulk_refuses_every_impossible_number_with_both_engines(box: Box, figures_only: bool) -> None:
    files = [hostile_file(box, q, n) for q, n in CASES]
    ok = box.put("ok.json", dumps(base_doc()))
    args = ["bulk", box.inp, "-o", box.out, "--workers", "0", *(["--figures-only"] if figures_only else [])]
    run(box, args, code=1)
    with open(box.out / "errors.csv", encoding="utf-8-sig", newline="") as f:
        errors = {(Path(r["input"]).name, r["field"]) for r in csv.DictReader(f)}
    for path, (qid, _) in zip(files, CASES, strict=True):
        assert (path.name, qid) in errors or any(n == path.name and qid in fld for n, fld in errors), path.name
    with open(box.out / "results.csv", encoding="utf-8-sig", newline="") as f:
        scored = list(csv.reader(f))[1:]
    assert len(scored) == 1 and ok.name in ",".join(scored[0])


@pytest.mark.parametrize("qid", ["p_employees", "p_revenue_y1", "a1_equip_digital"])
def test_a_spreadsheet_cell_with_an_impossible_number_names_row_and_column(box: Box, qid: str) -> None:
    rows = sheet_rows(len(CELLS))
    col = rows[0].index(qid)
    for row, text in zip(rows[1:], CELLS, strict=True):
        row[col] = text
    sheet = box.put("numbers.csv", csv_text(rows))
    out = run(box, ["import", sheet, "-o", box.out], code=1)
    for i in range(len(CELLS)):
        assert f"{sheet}:{i + 2}: {qid}:" in out.stderr, out.stderr
    assert not list(box.out.glob("*.json")) if box.out.exists() else True
