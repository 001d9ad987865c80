"""The mouse, the command palette in Chinese, the PDF export worker, and the start-up import rules."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import Static

from assess.loading import Bundle
from assess.storage import load_answers
from assess.tui.screens.results import ResultsScreen
from tests.tui.conftest import SIZE, answer, make_app, start_new
from tests.tui.test_walk import current, only_file


async def test_the_mouse_picks_options_and_presses_buttons(tui_bundle: Bundle, workspace: Path) -> None:
    app = make_app(tui_bundle, workspace)
    async with app.run_test(size=SIZE) as pilot:
        await start_new(pilot)
        choice = app.screen.query_one("#choice")
        await pilot.click(choice, offset=(10, 1))  # the second option
        await pilot.pause()
        await pilot.click("#next")
        await pilot.pause()
        assert current(app) == "industry"
        await pilot.click("#prev")
        await pilot.pause()
        assert current(app) == "region"
    assert load_answers(only_file(workspace)).answers["region"].value == "huaiyin"


async def test_the_command_palette_speaks_chinese(tui_bundle: Bundle, workspace: Path) -> None:
    app = make_app(tui_bundle, workspace)
    async with app.run_test(size=SIZE) as pilot:
        await start_new(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "复核答案" in titles and "查看结果" in titles and "退出（已自动保存）" in titles
        await answer(pilot, "ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await answer(pilot, "复核", "enter")
        assert type(app.screen).__name__ == "ReviewScreen"


@pytest.mark.slow
async def test_the_pdf_export_runs_in_a_worker_and_says_where_it_wrote(tui_bundle: Bundle, t0_workspace: Path) -> None:
    app = make_app(tui_bundle, t0_workspace)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one("#workspace").focus()
        await answer(pilot, "enter", "f9")
        screen = app.screen
        assert isinstance(screen, ResultsScreen)
        first = str(screen.query_one("#export-status", Static).render())
        assert "正在生成报告" in first or "报告已保存" in first  # a warm process may already be done
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = str(screen.query_one("#export-status", Static).render())
    pdf = t0_workspace / "mini-0001.pdf"
    assert "报告已保存" in status and str(pdf) in status.replace("\n", "")
    assert pdf.read_bytes().startswith(b"%PDF")


def test_starting_the_app_imports_no_weasyprint() -> None:
    code = (
        "import sys; import assess.tui.app, assess.tui.screens.start, assess.tui.screens.question, "
        "assess.tui.screens.results; print(sorted(m for m in ('weasyprint', 'jinja2', 'openpyxl') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


async def test_a_company_name_with_markup_is_shown_literally(tui_bundle: Bundle, workspace: Path) -> None:
    app = make_app(tui_bundle, workspace)
    async with app.run_test(size=SIZE) as pilot:
        await start_new(pilot, "[b]坏[/b]公司[link=x]")
        head = str(app.screen.query_one("#qhead", Static).render())
        assert "[b]坏[/b]公司[link=x]" in head
        await answer(pilot, "escape")
        table = app.screen.query_one("#workspace")
        assert "[b]坏[/b]公司[link=x]" in str(table.get_row_at(0)[0])  # type: ignore[attr-defined]
