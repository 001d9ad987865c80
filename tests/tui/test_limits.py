"""Nothing typed in the app can make its own answer file invalid, and an invalid file never makes an
assessment unreadable (issue 14, points 1-3 and 12). Driven through Pilot."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from textual import events
from textual.widgets import Input, Static, TextArea

from assess.domain.answers import NAME_MAX, NOTE_MAX
from assess.files.loading import Bundle, load_bundle
from assess.files.repair import list_workspace
from assess.files.storage import load_answers
from assess.tui.screens.question import QuestionScreen
from tests.tui.conftest import MINI, SIZE, T0, answer, make_app, start_new
from tests.tui.test_walk import current, only_file


@pytest.fixture(scope="module")
def bounded_bundle(tmp_path_factory: pytest.TempPathFactory) -> Bundle:
    """The tiny questionnaire with a plausible range on revenue and a past-only founding date."""
    root = tmp_path_factory.mktemp("bounded")
    shutil.copytree(MINI, root, dirs_exist_ok=True)
    path = root / "mini" / "1.0.0.yaml"
    doc = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    for q in doc["sections"][0]["questions"]:
        if q["id"] == "revenue":
            q["plausible"] = {
                "max": 100000,
                "message": {"zh": "超出常见范围：单位是万元", "en": "Unusual: unit is 10k CNY"},
            }
        if q["id"] == "founded":
            q["past_only"] = True
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return load_bundle(root)


def question_screen(app: object) -> QuestionScreen:
    screen = getattr(app, "screen", None)
    assert isinstance(screen, QuestionScreen)
    return screen


async def show(pilot: object, qid: str) -> None:
    """Jump to question `qid` the way the review screen does."""
    screen = question_screen(pilot.app)  # type: ignore[attr-defined]
    await screen.show(screen.session.engine.questions[qid])
    await pilot.pause()  # type: ignore[attr-defined]


def issue_text(app: object) -> str:
    return str(question_screen(app).query_one("#issue", Static).content)


async def test_enter_on_an_untouched_choice_question_does_not_answer(tui_bundle: Bundle, workspace: Path) -> None:
    app = make_app(tui_bundle, workspace)
    async with app.run_test(size=SIZE) as pilot:
        await start_new(pilot)
        assert current(app) == "region"
        await answer(pilot, "enter")  # the first option is highlighted, but nothing was chosen
        assert current(app) == "industry"
        assert "region" not in load_answers(only_file(workspace)).answers
        await answer(pilot, "pageup", "down", "enter")  # moving the highlight points at an option: enter takes it
        assert current(app) == "industry"
    assert load_answers(only_file(workspace)).answers["region"].value == "huaiyin"


async def test_a_pasted_company_name_is_cut_to_the_format_limit(tui_bundle: Bundle, workspace: Path) -> None:
    app = make_app(tui_bundle, workspace)
    async with app.run_test(size=SIZE) as pilot:
        box = app.screen.query_one("#company", Input)
        box.focus()
        box.post_message(events.Paste("淮" * (NAME_MAX + 100)))
        await pilot.pause()
        assert len(box.value) == NAME_MAX
        await answer(pilot, "enter")
        assert current(app) == "region"  # the app runs on; before, this crashed with exit 0
    assert load_answers(only_file(workspace)).company.name == "淮" * NAME_MAX


async def test_the_consultant_name_and_the_note_keep_their_limits(tui_bundle: Bundle, workspace: Path) -> None:
    app = make_app(tui_bundle, workspace, consultant="张" * (NAME_MAX + 5))
    async with app.run_test(size=SIZE) as pilot:
        assert len(app.screen.query_one("#assessor", Input).value) == NAME_MAX
        await start_new(pilot)
        await answer(pilot, "1", "f7")
        note = app.screen.query_one("#note", Input)
        note.post_message(events.Paste("记" * 5000))
        await pilot.pause()
        assert len(note.value) == NOTE_MAX
        await answer(pilot, "enter")
    saved = load_answers(only_file(workspace))  # validates: the file stays readable
    assert saved.answers["region"].note == "记" * NOTE_MAX
    assert saved.assessor == "张" * NAME_MAX


async def test_text_answers_keep_their_question_limit(tui_bundle: Bundle, workspace: Path) -> None:
    app = make_app(tui_bundle, workspace)
    async with app.run_test(size=SIZE) as pilot:
        await start_new(pilot, key="f6")  # full diagnosis: the long-text question is asked
        await show(pilot, "contact_name")
        box = app.screen.query_one("#input", Input)
        box.post_message(events.Paste("王" * 80))
        await pilot.pause()
        assert len(box.value) == 50  # the question's max_length
        await answer(pilot, "enter")
        await show(pilot, "notes")
        area = app.screen.query_one("#longtext", TextArea)
        area.post_message(events.Paste("说" * 2500))
        await pilot.pause()
        assert len(area.text) == 2000  # the default max_length of a long text
        await answer(pilot, "pagedown")
    saved = load_answers(only_file(workspace)).answers
    assert saved["contact_name"].value == "王" * 50
    assert saved["notes"].value == "说" * 2000


async def test_a_file_that_fails_validation_opens_without_the_bad_fields(tui_bundle: Bundle, workspace: Path) -> None:
    doc = json.loads(T0.read_text(encoding="utf-8"))
    doc["answers"]["ai_plan"]["note"] = "长" * 5000  # what the app of before let a consultant type
    doc["answers"]["revenue"] = 10**400
    doc["company"]["contact"] = "x" * 300
    original = json.dumps(doc, ensure_ascii=False).encode("utf-8")
    path = workspace / "mini-0001.json"
    path.write_bytes(original)
    (entry,) = list_workspace(workspace)
    assert entry.answer_file is not None and entry.error is None  # listed as readable, not 无法读取
    app = make_app(tui_bundle, workspace)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one("#workspace").focus()
        await answer(pilot, "enter")
        shown = [n.message for n in app._notifications]
        assert any("answers.ai_plan.note" in m and "answers.revenue" in m and "company.contact" in m for m in shown)
    (backup,) = workspace.glob("mini-0001.json.*.bak")
    assert backup.read_bytes() == original
    repaired = load_answers(path)
    assert repaired.answers["ai_plan"].value is True and repaired.answers["ai_plan"].note is None
    assert "revenue" not in repaired.answers and repaired.company.contact is None
    assert repaired.answers["erp"].value == "l2"  # everything else is kept


async def test_a_figure_outside_the_usual_range_asks_for_a_second_enter(
    bounded_bundle: Bundle, workspace: Path
) -> None:
    app = make_app(bounded_bundle, workspace)
    async with app.run_test(size=SIZE) as pilot:
        await start_new(pilot)
        await show(pilot, "revenue")
        await answer(pilot, "500000", "enter")
        assert current(app) == "revenue"
        assert "单位是万元" in issue_text(app) and "再按一次回车" in issue_text(app)
        await answer(pilot, "enter")
        assert current(app) == "rd_expense"
        await show(pilot, "revenue")
        await answer(pilot, "enter")  # confirmed once: not asked again
        assert current(app) == "rd_expense"
    assert load_answers(only_file(workspace)).answers["revenue"].value == 500000


async def test_a_founding_date_in_the_future_is_refused(bounded_bundle: Bundle, workspace: Path) -> None:
    app = make_app(bounded_bundle, workspace)
    async with app.run_test(size=SIZE) as pilot:
        await start_new(pilot)
        await show(pilot, "founded")
        await answer(pilot, "2099-01-01", "enter")
        assert current(app) == "founded"
        assert "还没有到" in issue_text(app)
    assert "founded" not in load_answers(only_file(workspace)).answers
