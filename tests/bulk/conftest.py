"""Fixtures for bulk mode: the shared test questionnaire (tests/data/mini) and mixed input folders."""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from assess.bulk.synth import write_files
from assess.bulk.template import write_template
from assess.engine.core import Engine
from assess.files.loading import Bundle, load_bundle
from assess.pipeline import engine_for

ROOT = Path(__file__).parents[1] / "data" / "mini"
VALID = 12
"""Valid synthetic answer files in the mixed folder."""


@pytest.fixture(scope="session")
def bundle() -> Bundle:
    return load_bundle(ROOT)


@pytest.fixture(scope="session")
def engine(bundle: Bundle) -> Engine:
    return engine_for(bundle, bundle.latest())


ROW_OK = {
    "company": "淮安<script>alert(1)</script>机械",
    "credit_code": "91320800ROW0001",
    "region": "淮阴区",
    "industry": "制造业",
    "revenue": "1,200",
    "founded": "2019年5月1日",
    "accident": "否",
    "erp": "电子表格",
    "security": "定期备份、杀毒软件",
    "connected_pct": "3%",
    "ai_use": "trial",
}
ROW_OK2 = {
    "company": "@SUM(1+1)*cmd食品",
    "region": "清江浦区",
    "industry": "服务业",
    "revenue": 30,
    "accident": "是",
    "erp": "l4",
    "security": "不适用",
    "ai_use": "没用过",
}
ROW_BAD = {"company": "坏数据公司", "region": "淮阴区", "industry": "制造业", "revenue": "很多", "erp": "l1"}


def fill_template(path: Path, rows: list[dict[str, Any]], lang: str = "zh") -> Path:
    """Write the template to `path` and fill in `rows` (dicts of column id → cell)."""
    write_template(path, lang, root=ROOT)
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    ids = [str(c.value).split()[0] for c in ws[1]]
    for r in rows:
        ws.append([r.get(i) for i in ids])
    wb.save(path)
    return path


@pytest.fixture
def mixed(tmp_path: Path, engine: Engine) -> Path:
    """A folder with 12 valid files, a spreadsheet (2 good rows, 1 bad), and 5 broken inputs.

    Broken: malformed JSON, truncated file, unknown questionnaire version, wrong answer type. Also a
    re-assessment (same credit code as a valid file, another response id), which supersedes it."""
    folder = tmp_path / "in"
    files = write_files(engine, folder / "app", VALID)
    (folder / "broken").mkdir()
    (folder / "broken" / "malformed.json").write_text("{ this is not json", encoding="utf-8")
    text = files[0].read_text(encoding="utf-8")
    (folder / "broken" / "truncated.json").write_text(text[: len(text) // 2], encoding="utf-8")
    doc = json.loads(text)
    (folder / "broken" / "version.json").write_text(
        json.dumps({**doc, "response_id": "v9", "questionnaire": {"id": "mini", "version": "9.9.9"}}), encoding="utf-8"
    )
    wrong = {**doc, "response_id": "wrongtype", "company": {"name": "类型错", "credit_code": "X-WRONG"}}
    wrong["answers"] = {**doc["answers"], "revenue": "many"}
    (folder / "broken" / "wrongtype.json").write_text(json.dumps(wrong, ensure_ascii=False), encoding="utf-8")
    (folder / "broken" / "zz-duplicate.json").write_text(
        json.dumps({**doc, "response_id": "dup-of-0"}, ensure_ascii=False), encoding="utf-8"
    )
    (folder / "notes.txt").write_text("ignored: not an answer file", encoding="utf-8")
    fill_template(folder / "sheet.xlsx", [ROW_OK, ROW_BAD, ROW_OK2])
    return folder


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def outputs(outdir: Path) -> dict[str, Any]:
    """The comparable content of a run's outputs (xlsx as cell values)."""
    out: dict[str, Any] = {}
    for name in ("results.csv", "results.jsonl", "errors.csv", "followup.csv"):
        out[name] = (outdir / name).read_bytes()
    wb = openpyxl.load_workbook(outdir / "results.xlsx", read_only=True)
    out["xlsx"] = {ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}
    wb.close()
    return out


@pytest.fixture
def copy_tree() -> Callable[[Path, Path], Path]:
    def copy(src: Path, dst: Path) -> Path:
        shutil.copytree(src, dst)
        return dst

    return copy
