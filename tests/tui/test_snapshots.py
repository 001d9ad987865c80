"""Snapshots (SVG, 80×24, Chinese) of the start, question, review and results screens.

Update after an intended change with ``pytest tests/tui/test_snapshots.py --snapshot-update`` and look at
the SVGs in ``__snapshots__/`` before committing them. The workspace lives at a fixed path because the
start screen shows it.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from assess.files.loading import Bundle
from tests.tui.conftest import SIZE, T0, answer, make_app, start_new
from tests.tui.test_walk import QUICK_SCAN

FIXED_WS = Path("/tmp/assess-tui-snapshots/ws")


class _Today(date):
    """2026-12-02 whatever the day the tests run: the start screen leaves out the year of this year's times."""

    @classmethod
    def today(cls) -> _Today:
        return cls(2026, 12, 2)


@pytest.fixture
def fixed_ws(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A workspace at a fixed path holding the complete T0 assessment; times shown in UTC, as on 2026-12-02."""
    monkeypatch.setattr("assess.tui.screens.start.date", _Today)
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    shutil.rmtree(FIXED_WS, ignore_errors=True)
    FIXED_WS.mkdir(parents=True)
    shutil.copy(T0, FIXED_WS / "mini-0001.json")
    yield FIXED_WS
    shutil.rmtree(FIXED_WS, ignore_errors=True)
    monkeypatch.undo()
    time.tzset()


async def settle(pilot: Pilot[Any]) -> None:
    """Let workers finish and the screen repaint."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_start_screen(snap_compare: Any, tui_bundle: Bundle, fixed_ws: Path) -> None:
    assert snap_compare(make_app(tui_bundle, fixed_ws), terminal_size=SIZE, run_before=settle)


def test_question_screen_with_help(snap_compare: Any, tui_bundle: Bundle, workspace: Path) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await start_new(pilot)
        for _, keys in QUICK_SCAN[:7]:
            await answer(pilot, *keys)
        await answer(pilot, "f1", "down", "down")
        await settle(pilot)

    assert snap_compare(make_app(tui_bundle, workspace), terminal_size=SIZE, run_before=run_before)


def test_review_screen(snap_compare: Any, tui_bundle: Bundle, workspace: Path) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await start_new(pilot)
        for _, keys in QUICK_SCAN[:3]:
            await answer(pilot, *keys)
        await answer(pilot, "f2")
        await settle(pilot)

    assert snap_compare(make_app(tui_bundle, workspace), terminal_size=SIZE, run_before=run_before)


def test_results_screen(snap_compare: Any, tui_bundle: Bundle, fixed_ws: Path) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        pilot.app.screen.query_one("#workspace").focus()
        await answer(pilot, "enter")
        await settle(pilot)

    assert snap_compare(make_app(tui_bundle, fixed_ws), terminal_size=SIZE, run_before=run_before)


def test_supports_tab(snap_compare: Any, tui_bundle: Bundle, fixed_ws: Path) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        pilot.app.screen.query_one("#workspace").focus()
        await answer(pilot, "enter")
        pilot.app.screen.query_one("#tabs").active = "tab-supports"  # type: ignore[attr-defined]
        await settle(pilot)

    assert snap_compare(make_app(tui_bundle, fixed_ws), terminal_size=SIZE, run_before=run_before)
