"""End to end on the bundled questionnaire: a quick scan answered by key presses only, whatever the
content is (first option, a mid-range number, a date, short text), then results that match
``assess score`` on the saved file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assess.domain.questionnaire import Question
from assess.files import resources
from assess.files.loading import Bundle, load_bundle
from assess.files.storage import load_answers
from assess.tui.app import AssessApp
from assess.tui.screens.question import QuestionScreen
from assess.tui.screens.results import ResultsScreen
from assess.tui.screens.review import ReviewScreen
from tests.tui.conftest import SIZE, answer, assert_results_match_cli, make_app, start_new
from tests.tui.test_walk import only_file


@pytest.fixture(scope="module")
def bundled_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the shipped definitions, so that the app and ``assess score`` read the same files even
    while the content is being edited."""
    copy = tmp_path_factory.mktemp("defs") / "questionnaires"
    shutil.copytree(resources.questionnaire_dir(), copy)
    return copy


@pytest.fixture(scope="module")
def bundled(bundled_dir: Path) -> Bundle:
    """The questionnaires and catalog shipped with the package."""
    return load_bundle(bundled_dir)


def keys_for(q: Question, attempt: int) -> list[str]:
    """Keys that answer `q`; a later attempt tries another value (a check may refuse the first)."""
    if q.kind in ("single", "ladder", "yesno", "multi"):
        return [str(1 + attempt), "enter"]
    if q.kind in ("number", "percent"):
        lo, hi = q.bounds
        lo = lo if lo is not None else 0
        hi = hi if hi is not None else lo + 1000
        value = [lo + (hi - lo) / 10, lo, hi][attempt % 3]
        return [str(int(value)) if q.integer or float(value).is_integer() else f"{value:.1f}", "enter"]
    if q.kind == "date":
        return ["2020-01-01", "enter"]
    if q.kind == "longtext":
        return ["测试", "pagedown"]
    return ["测试", "enter"]


async def answer_until_review(app: AssessApp, pilot: object) -> int:
    """Answer every question shown until the review screen opens; the number answered."""
    count = 0
    attempts: dict[str, int] = {}
    while isinstance(app.screen, QuestionScreen):
        screen = app.screen
        q = screen.q
        assert q is not None
        n = attempts[q.id] = attempts.get(q.id, -1) + 1
        assert n < 4, f"cannot answer {q.id}: {screen.query_one('#issue').render()}"
        if len(screen.group) > 1:  # a form: one figure per line, enter after each
            for field in screen.group:
                await answer(pilot, *(["backspace"] * 30), *keys_for(field, n))  # type: ignore[arg-type]
        else:
            if n:
                await answer(pilot, *(["backspace"] * 30))  # type: ignore[arg-type]
            await answer(pilot, *keys_for(q, n))  # type: ignore[arg-type]
        count += n == 0
        assert count < 300
    return count


async def test_a_quick_scan_of_the_bundled_questionnaire(bundled: Bundle, bundled_dir: Path, workspace: Path) -> None:
    app = make_app(bundled, workspace)
    async with app.run_test(size=SIZE) as pilot:
        await start_new(pilot, "淮安示例智能制造有限公司")
        answered = await answer_until_review(app, pilot)
        assert answered >= 10
        assert isinstance(app.screen, ReviewScreen)
        await answer(pilot, "f10")
        assert isinstance(app.screen, ResultsScreen)
        shown = app.screen.result
    path = only_file(workspace)
    assert load_answers(path).status == "complete"
    assert_results_match_cli(path, shown, bundled_dir)
