"""Hostile inputs, made in code: base documents and the builders the test modules share."""

from __future__ import annotations

import copy
import csv
import io
import json
import math
from functools import cache
from pathlib import Path
from typing import Any

from assess.domain.questionnaire import Question
from assess.loading import load_bundle

PERSONAS = Path(__file__).parents[1] / "personas"
BASE = PERSONAS / "p02_machinery_rd35.json"
"""A complete full-depth assessment under 1.2.0 (every number question answered)."""


@cache
def _base() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(BASE.read_text(encoding="utf-8"))
    return doc


def base_doc() -> dict[str, Any]:
    """A fresh copy of the base assessment."""
    return copy.deepcopy(_base())


@cache
def questions() -> dict[str, Question]:
    """The questions of the base assessment's questionnaire version, by id."""
    bundle = load_bundle()
    q = bundle.get("huaian-ai", _base()["questionnaire"]["version"])
    assert q is not None
    return {x.id: x for s in q.sections for x in s.questions}


def number_questions() -> list[Question]:
    """Every question whose answer is a number (numbers and percentages)."""
    return [q for q in questions().values() if q.kind in ("number", "percent")]


def dumps(doc: Any) -> bytes:
    """JSON as a careless writer makes it: NaN and Infinity literals allowed, non-ASCII as is."""
    return json.dumps(doc, ensure_ascii=False, allow_nan=True).encode("utf-8")


def cell(value: Any) -> str:
    """An answer value as a person types it in a spreadsheet cell."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return ",".join(value)
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return str(int(value))
    return str(value)


def sheet_rows(n: int = 1, **overrides: str) -> list[list[str]]:
    """The header and `n` rows of the base assessment, as a spreadsheet for `assess import` holds them
    (each row its own response id; `overrides` replace cells by column id)."""
    doc = base_doc()
    answers = {k: (v["value"] if isinstance(v, dict) else v) for k, v in doc["answers"].items()}
    header = ["response_id", "company", "credit_code", "depth", *answers]
    rows = [header]
    for i in range(n):
        cells = {
            "response_id": f"row{i + 1}",
            "company": f"{doc['company']['name']}{i + 1}",
            "credit_code": f"9132080000000{i:05d}",
            "depth": "full",
            **{k: cell(v) for k, v in answers.items()},
            **overrides,
        }
        rows.append([cells[h] for h in header])
    return rows


def csv_text(rows: list[list[str]]) -> str:
    """Rows as CSV text."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    return buf.getvalue()
