"""Walking the questionnaire by key presses: a whole quick scan, skip logic, validation, n/a and
don't know, language switch, and results that match ``assess score``."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from assess.files.loading import Bundle
from assess.files.repair import list_workspace
from assess.files.storage import load_answers
from assess.tui.app import AssessApp
from assess.tui.screens.question import QuestionScreen
from assess.tui.screens.results import ResultsScreen
from assess.tui.screens.review import ReviewScreen
from assess.tui.screens.start import StartScreen
from assess.tui.widgets.answer import typed_text
from tests.tui.conftest import MINI, SIZE, answer, assert_results_match_cli, make_app, start_new

QUICK_SCAN = [
    ("region", ["1", "enter"]),
    ("industry", ["1", "enter"]),
    ("founded", ["2015-03-01", "enter"]),
    ("revenue", ["15000", "enter"]),
    ("rd_expense", ["525", "enter"]),
    ("accident", ["2", "enter"]),
    ("contact_name", ["张三", "enter"]),
    ("erp", ["3", "enter"]),
    ("security", ["1", "2", "enter"]),
    ("connected_pct", ["45", "enter"]),
    ("ai_use", ["2", "enter"]),
    ("ai_plan", ["1", "enter"]),
]
"""The quick scan of the tiny questionnaire for a manufacturer, question by question."""


def current(app: AssessApp) -> str:
    """Id of the question on screen."""
    screen = app.screen
    assert isinstance(screen, QuestionScreen), type(screen)
    assert screen.q is not None
    return screen.q.id


def only_file(workspace: Path) -> Path:
    """The single answer file in the workspace."""
    entries = list_workspace(workspace)
    assert len(entries) == 1
    return entries[0].path


async def test_a_whole_quick_scan_can_be_done_by_keys_and_matches_assess_score(
    tui_bundle: Bundle, workspace: Path
) -> None:
    app = make_app(tui_bundle, workspace)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, StartScreen)
        await start_new(pilot)
        for qid, keys in QUICK_SCAN:
            assert current(app) == qid
            await answer(pilot, *keys)
        assert isinstance(app.screen, ReviewScreen)
        await answer(pilot, "f10")
        assert isinstance(app.screen, ResultsScreen)
        shown = app.screen.result
        screen_text = str(app.screen.query_one("#overview").render_line(0).text)
    path = only_file(workspace)
    saved = load_answers(path)
    assert saved.status == "complete"
    assert saved.answers["security"].value == ["backup", "antivirus"]
    assert saved.answers["founded"].value == "2015-03-01"
    assert_results_match_cli(path, shown, MINI)
    assert shown.overall.level.label.zh in screen_text


async def test_show_if_applies_live(tui_bundle: Bundle, workspace: Path) -> None:
    app = make_app(tui_bundle, workspace)
    async with app.run_test(size=SIZE) as pilot:
        await start_new(pilot)
        await answer(pilot, "1", "enter", "2", "enter")  # services: no networked-equipment question
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        assert "connected_pct" not in [q.id for q in screen.session.visible()]
        await answer(pilot, "pageup", "1")  # back to industry, now manufacturing
        assert "connected_pct" in [q.id for q in screen.session.visible()]
        assert "第 2／11 题" in str(screen.query_one("#qhead", Static).render())


async def test_an_error_blocks_moving_on_and_a_warning_does_not(tui_bundle: Bundle, workspace: Path) -> None:
    app = make_app(tui_bundle, workspace)
    async with app.run_test(size=SIZE) as pilot:
        await start_new(pilot)
        await answer(pilot, "1", "enter", "1", "enter", "enter")
        assert current(app) == "revenue"
        await answer(pilot, "abc", "enter")
        assert current(app) == "revenue"
        assert "不是数字" in str(app.screen.query_one("#issue", Static).content)
        await answer(pilot, *["backspace"] * 3, "１２,000", "enter")  # full-width digits are fine
        assert current(app) == "rd_expense"
        await answer(pilot, "20000", "enter")  # more than revenue: an error
        assert current(app) == "rd_expense"
        assert "研发费用不能超过营业收入" in str(app.screen.query_one("#issue", Static).content)
        await answer(pilot, *["backspace"] * 5, "6000", "enter")  # only a warning: moves on
        assert current(app) == "accident"
    saved = load_answers(only_file(workspace))
    assert saved.answers["revenue"].value == 12000
    assert saved.answers["rd_expense"].value == 6000


async def test_not_applicable_and_dont_know_are_offered_only_where_allowed(tui_bundle: Bundle, workspace: Path) -> None:
    app = make_app(tui_bundle, workspace)
    async with app.run_test(size=SIZE) as pilot:
        await start_new(pilot)
        await answer(pilot, "f6")  # region allows neither: nothing happens
        assert current(app) == "region"
        await answer(pilot, "1", "enter", "1", "enter", "enter", "f6")  # revenue: don't know
        assert current(app) == "rd_expense"
        for _qid, keys in QUICK_SCAN[4:8]:
            await answer(pilot, *keys)
        assert current(app) == "security"
        await answer(pilot, "f5")
        assert current(app) == "connected_pct"
    saved = load_answers(only_file(workspace))
    assert saved.answers["revenue"].special == "dk"
    assert saved.answers["security"].special == "na"


async def test_language_switches_live_and_keeps_answers(tui_bundle: Bundle, workspace: Path) -> None:
    app = make_app(tui_bundle, workspace)
    async with app.run_test(size=SIZE) as pilot:
        await start_new(pilot)
        await answer(pilot, "1", "enter", "1", "enter", "2015-0")
        await answer(pilot, "f3")
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        assert "Date of establishment" in str(screen.query_one("#qlabel", Static).content)
        assert typed_text(screen._widget()) == "2015-0"
        footer_text = str(screen.query_one("LangFooter").render())
        assert "Next" in footer_text and "下一题" not in footer_text
        await answer(pilot, "pageup")
        assert "Main industry" in str(screen.query_one("#qlabel", Static).content)
        await answer(pilot, "f3")
        assert "主要行业" in str(screen.query_one("#qlabel", Static).content)
    saved = load_answers(only_file(workspace))
    assert saved.answers["industry"].value == "manufacturing"
    assert saved.language == "zh"


async def test_review_lists_required_open_first_and_jumps_to_edit(tui_bundle: Bundle, workspace: Path) -> None:
    app = make_app(tui_bundle, workspace)
    async with app.run_test(size=SIZE) as pilot:
        await start_new(pilot)
        await answer(pilot, "1", "enter", "f2")
        review = app.screen
        assert isinstance(review, ReviewScreen)
        first = review.query_one("#review").get_option_at_index(1)  # type: ignore[attr-defined]
        assert first.id == "!industry"
        await answer(pilot, "enter")
        assert current(app) == "industry"


async def test_a_full_diagnosis_asks_long_text_where_enter_is_a_new_line(tui_bundle: Bundle, workspace: Path) -> None:
    app = make_app(tui_bundle, workspace)
    async with app.run_test(size=SIZE) as pilot:
        await start_new(pilot, key="f6")
        for _, keys in QUICK_SCAN[:6]:
            await answer(pilot, *keys)
        assert current(app) == "notes"
        await answer(pilot, "第一行", "enter", "第二行", "pagedown")
        assert current(app) == "contact_name"
    saved = load_answers(only_file(workspace))
    assert saved.depth == "full"
    assert saved.answers["notes"].value == "第一行\n第二行"
