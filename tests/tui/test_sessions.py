"""Never losing work: autosave after every answer, resume at the same question, ctrl+q, consultant
notes and the re-assessment (T1) from an earlier assessment (T0)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable

from assess.files.loading import Bundle
from assess.files.repair import list_workspace
from assess.files.storage import load_answers
from assess.tui.screens.question import QuestionScreen
from assess.tui.screens.results import ResultsScreen
from assess.tui.screens.start import StartScreen
from tests.tui.conftest import SIZE, answer, make_app, start_new
from tests.tui.test_walk import QUICK_SCAN, current, only_file


async def test_every_answer_is_saved_at_once_and_reopening_resumes_there(tui_bundle: Bundle, workspace: Path) -> None:
    app = make_app(tui_bundle, workspace)
    async with app.run_test(size=SIZE) as pilot:
        await start_new(pilot)
        for _, keys in QUICK_SCAN[:4]:
            await answer(pilot, *keys)
        assert current(app) == "rd_expense"
        await answer(pilot, "52")  # typed, not submitted: may be lost
        saved = load_answers(only_file(workspace))  # on disk while the app still runs
        assert set(saved.answers) == {"region", "industry", "founded", "revenue"}
        assert saved.progress.current == "rd_expense"
    # the app was torn down without quitting (like a closed terminal); open it again
    app = make_app(tui_bundle, workspace)
    async with app.run_test(size=SIZE) as pilot:
        start = app.screen
        assert isinstance(start, StartScreen)
        table = start.query_one("#workspace", DataTable)
        assert "淮安测试科技有限公司" in str(table.get_row_at(0)[0])
        assert "4/11" in str(table.get_row_at(0)[2])
        table.focus()
        await answer(pilot, "enter")
        assert current(app) == "rd_expense"
        await answer(pilot, "pageup")
        assert app.screen.query_one("#input").value == "15000"  # type: ignore[attr-defined]


async def test_ctrl_q_saves_the_answer_being_typed_and_quits(tui_bundle: Bundle, workspace: Path) -> None:
    app = make_app(tui_bundle, workspace)
    async with app.run_test(size=SIZE) as pilot:
        await start_new(pilot)
        await answer(pilot, "1", "enter", "1", "enter", "2020-01-02", "ctrl+q")
        assert app.return_code == 0
    assert load_answers(only_file(workspace)).answers["founded"].value == "2020-01-02"


async def test_the_workspace_list_can_be_searched(tui_bundle: Bundle, t0_workspace: Path) -> None:
    app = make_app(tui_bundle, t0_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await start_new(pilot, "另一家公司")
        await answer(pilot, "escape")
        table = app.screen.query_one("#workspace", DataTable)
        assert table.row_count == 2
        await answer(pilot, "f4", "喆堃")
        assert table.row_count == 1
        assert "淮安喆堃科技有限公司" in str(table.get_row_at(0)[0])
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert str(table.get_row_at(0)[3])  # the level of the complete assessment


async def test_consultant_mode_records_assessor_notes_and_verified_flags(tui_bundle: Bundle, workspace: Path) -> None:
    app = make_app(tui_bundle, workspace, consultant="王顾问")
    async with app.run_test(size=SIZE) as pilot:
        await start_new(pilot)
        await answer(pilot, "1", "f7", "营业执照已查看", "enter", "f8")
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        screen.query_one("#choice").focus()
        await answer(pilot, "enter")
        assert current(app) == "industry"
    saved = load_answers(only_file(workspace))
    assert saved.mode == "consultant"
    assert saved.assessor == "王顾问"
    assert saved.visit_date is not None
    assert saved.answers["region"].note == "营业执照已查看"
    assert saved.answers["region"].verified is True
    assert saved.answers["region"].value == "qingjiang"


async def test_a_reassessment_starts_prefilled_and_marked_for_confirmation(
    tui_bundle: Bundle, t0_workspace: Path
) -> None:
    app = make_app(tui_bundle, t0_workspace, consultant="王顾问")
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one("#workspace").focus()
        await answer(pilot, "f9")
        assert isinstance(app.screen, QuestionScreen)
        assert current(app) == "region"
        assert "请确认" in str(app.screen.query_one("#qconfirm").render())  # type: ignore[attr-defined]
        await answer(pilot, "enter")  # keeps the earlier answer: confirmed
        assert current(app) == "industry"
    t1 = next(
        e.answer_file for e in list_workspace(t0_workspace) if e.answer_file and e.answer_file.based_on == "mini-0001"
    )
    assert t1 is not None
    assert t1.answers["region"].value == "qingjiang"
    assert t1.answers["region"].to_confirm is False
    assert t1.answers["industry"].to_confirm is True


async def test_a_complete_assessment_opens_on_its_results(tui_bundle: Bundle, t0_workspace: Path) -> None:
    app = make_app(tui_bundle, t0_workspace)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one("#workspace").focus()
        await answer(pilot, "enter")
        assert isinstance(app.screen, ResultsScreen)
        await answer(pilot, "enter")  # explain the overall score
        assert type(app.screen).__name__ == "ExplainScreen"
        await answer(pilot, "escape", "escape")
        assert isinstance(app.screen, QuestionScreen)
