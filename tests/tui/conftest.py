"""Fixtures for the terminal app tests: the shared tiny questionnaire (tests/data/mini) and temp workspaces."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from textual.pilot import Pilot

from assess.cli import cli
from assess.domain.results import AssessmentResult
from assess.files.loading import Bundle, load_bundle
from assess.tui.app import AssessApp

DATA = Path(__file__).parent / "data"
MINI = Path(__file__).parent.parent / "data" / "mini"
T0 = DATA / "t0.json"
SIZE = (80, 24)


@pytest.fixture(scope="session")
def tui_bundle() -> Bundle:
    """The tiny questionnaire (every kind) with its catalog."""
    return load_bundle(MINI)


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """An empty workspace folder."""
    ws = tmp_path / "ws"
    ws.mkdir()
    return ws


@pytest.fixture
def t0_workspace(workspace: Path) -> Path:
    """A workspace holding one complete assessment (T0) of 淮安喆堃科技有限公司."""
    shutil.copy(T0, workspace / "mini-0001.json")
    return workspace


def make_app(bundle: Bundle, workspace: Path, consultant: str | None = None, lang: str = "zh") -> AssessApp:
    """The app on the tiny questionnaire."""
    return AssessApp(bundle, workspace, consultant, "en" if lang == "en" else "zh")


async def start_new(pilot: Pilot[None], company: str = "淮安测试科技有限公司", key: str = "enter") -> None:
    """Type a company name on the start screen and start a quick scan (enter) or full diagnosis (f6)."""
    pilot.app.screen.query_one("#company").focus()
    await pilot.press(*company)
    await pilot.press(key)
    await pilot.pause()


async def answer(pilot: Pilot[None], *keys: str) -> None:
    """Press keys (typing text char by char) and let the app settle."""
    for k in keys:
        if len(k) > 1 and k not in KEY_NAMES:
            await pilot.press(*k)
        else:
            await pilot.press(k)
    await pilot.pause()


KEY_NAMES = {
    "enter",
    "pagedown",
    "pageup",
    "escape",
    "space",
    "tab",
    "backspace",
    "f1",
    "f2",
    "f3",
    "f4",
    "f5",
    "f6",
    "f7",
    "f8",
    "f9",
    "f10",
    "ctrl+q",
    "ctrl+p",
    "up",
    "down",
    "left",
    "right",
}


def assert_results_match_cli(path: Path, shown: AssessmentResult, questionnaires: Path) -> dict[str, Any]:
    """The results screen says what `assess score --json` says for the same answer file; returns the JSON."""
    out = CliRunner().invoke(cli, ["score", str(path), "--json", "--questionnaires", str(questionnaires)])
    assert out.exit_code == 0, out.output
    scored: dict[str, Any] = json.loads(out.output)
    assert scored["overall"]["score"] == shown.overall.score
    assert scored["overall"]["level"]["id"] == shown.overall.level.id
    assert scored["ai_readiness"]["level"]["id"] == shown.ai_readiness.level.id
    assert [d["score"] for d in scored["dimensions"]] == [d.score for d in shown.dimensions]
    assert [s["status"] for s in scored["supports"]] == [s.status for s in shown.supports]
    return scored
