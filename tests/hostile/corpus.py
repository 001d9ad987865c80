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
from assess.files.loading import load_bundle

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


# ------------------------------------------------------------------ xlsx by hand

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
PROLOG = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
XLSX_PARTS = (
    "[Content_Types].xml",
    "_rels/.rels",
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "xl/worksheets/sheet1.xml",
    "xl/sharedStrings.xml",
)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _col(i: int) -> str:
    name = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        name = chr(65 + r) + name
    return name


def xlsx_parts(rows: list[list[str]], formulas: dict[tuple[int, int], str] | None = None) -> dict[str, str]:
    """The XML parts of a minimal workbook holding `rows` as shared strings (the way Excel saves text);
    `formulas` puts a formula (with no cached value) in the given (row, column) cells instead."""
    strings: list[str] = []
    index: dict[str, int] = {}
    body = []
    for r, row in enumerate(rows, 1):
        cells = []
        for c, text in enumerate(row):
            ref = f"{_col(c)}{r}"
            formula = (formulas or {}).get((r, c))
            if formula is not None:
                cells.append(f'<c r="{ref}" t="str"><f>{_esc(formula)}</f></c>')
                continue
            if text not in index:
                index[text] = len(strings)
                strings.append(text)
            cells.append(f'<c r="{ref}" t="s"><v>{index[text]}</v></c>')
        body.append(f'<row r="{r}">{"".join(cells)}</row>')
    sst = "".join(f'<si><t xml:space="preserve">{_esc(s)}</t></si>' for s in strings)
    return {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_CT}.worksheet+xml"/>'
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_CT}.sharedStrings+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" Type="{_REL}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
            '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{_PKG}">'
            f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
            "</Relationships>"
        ),
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{_MAIN}"><sheetData>{"".join(body)}</sheetData></worksheet>',
        "xl/sharedStrings.xml": f'<sst xmlns="{_MAIN}" count="{len(strings)}" uniqueCount="{len(strings)}">{sst}</sst>',
    }


def xlsx_bytes(parts: dict[str, str | bytes], doctype: dict[str, str] | None = None) -> bytes:
    """A zip of `parts` (each with the XML declaration, and the given DOCTYPE before its root)."""
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, xml in parts.items():
            if isinstance(xml, bytes):
                z.writestr(name, xml)
            else:
                z.writestr(name, PROLOG + (doctype or {}).get(name, "") + xml)
    return buf.getvalue()
