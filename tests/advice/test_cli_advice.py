"""`assess score --json` carries the advice keys; `assess whatif` shows the what-ifs."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from assess.cli import cli
from tests.advice.conftest import PERSONAS

P02 = next(p for p in PERSONAS if p.stem.startswith("p02"))


def _as_new(tmp_path: Path) -> Path:
    data = json.loads(P02.read_text(encoding="utf-8"))
    data["questionnaire"] = {"id": data["questionnaire"]["id"], "version": "1.2.0"}
    out = tmp_path / "p02.json"
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return out


def test_score_json_has_plan_levers_next_and_per_support_advice(tmp_path: Path) -> None:
    res = CliRunner().invoke(cli, ["score", "--json", str(_as_new(tmp_path))])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.output)
    assert {"dimensions", "supports", "actions", "warnings"} <= doc.keys()  # existing keys stay
    assert 5 <= len(doc["plan"]) <= 7
    assert {"id", "zh", "en", "why", "horizon", "dimension", "supports"} <= doc["plan"][0].keys()
    change = doc["levers"][0]["changes"][0]
    assert {"q", "from", "to", "zh", "en"} <= change.keys() and doc["levers"][0]["unlocks"]
    assert doc["overall"]["next"]["score_gap"] == 0.2 and doc["overall"]["next"]["floors"] == []
    hnte = next(s for s in doc["supports"] if s["id"] == "hnte")
    assert hnte["what_if"][0]["status"] == "apply" and "requires" in hnte


def test_whatif_prints_the_changes_for_one_support(tmp_path: Path) -> None:
    path = _as_new(tmp_path)
    res = CliRunner().invoke(cli, ["whatif", str(path), "--support", "hnte"])
    assert res.exit_code == 0 and "研发费用" in res.output and "万元" in res.output
    res = CliRunner().invoke(cli, ["whatif", str(path), "--json"])
    assert res.exit_code == 0 and json.loads(res.output)["levers"]
    res = CliRunner().invoke(cli, ["whatif", str(path), "--support", "nope"])
    assert res.exit_code == 2 and "unknown support 'nope'" in res.output
