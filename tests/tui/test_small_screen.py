"""The app at 80×24 in both languages: snapshots of the start screen, a long question, a consultant
screen, the review and the results; the figures form and its "fill in later"; letter keys for options
10+; the footer keeps quit and language; results show plan, levers and the gap to the next level.

Question screens use the published questionnaire 1.1.0 (published versions never change, so these
snapshots do not move when the draft is edited). Update with ``--snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from assess.domain.results import AssessmentResult, Change, FloorGap, Lever, NextLevel, PlanItem
from assess.domain.text import Text
from assess.files import resources
from assess.files.loading import Bundle, load_bundle
from assess.files.storage import load_answers
from assess.tui.app import AssessApp
from assess.tui.screens.question import QuestionScreen
from assess.tui.screens.results import ResultsScreen
from tests.tui.conftest import SIZE, answer, make_app, start_new
from tests.tui.test_snapshots import FIXED_WS, fixed_ws, settle
from tests.tui.test_walk import only_file

__all__ = ["fixed_ws"]

LANGS = ["zh", "en"]


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Bundle:
    """The shipped definitions with 1.1.0 as the newest version (drafts removed)."""
    root = tmp_path_factory.mktemp("published") / "questionnaires"
    shutil.copytree(resources.questionnaire_dir(), root)
    (root / "huaian-ai" / "1.2.0.yaml").unlink(missing_ok=True)
    return load_bundle(root)


@pytest.fixture(scope="module")
def draft() -> Bundle:
    """The shipped definitions (newest: the draft with the figures form)."""
    return load_bundle()


@pytest.fixture
def empty_fixed_ws() -> Iterator[Path]:
    """An empty workspace at a fixed path (the start screen shows it)."""
    shutil.rmtree(FIXED_WS, ignore_errors=True)
    FIXED_WS.mkdir(parents=True)
    yield FIXED_WS
    shutil.rmtree(FIXED_WS, ignore_errors=True)


def with_advice(result: AssessmentResult) -> AssessmentResult:
    """`result` with a plan, levers and the distance to the next level, as the advice step fills them."""
    change = Change(
        q="rd_expense", before=100, after=400, text=Text(zh="研发费用提高到400万元", en="Raise R&D to 4m yuan")
    )
    plan = [
        PlanItem(
            id="p1",
            title=Text(zh="上一套进销存系统，把库存和订单管起来", en="Adopt an order and stock system"),
            why=[Text(zh="数字化基础是最弱的一环", en="Digital foundations are the weakest link")],
            horizon="90d",
            supports=[s.id for s in result.supports[:1]],
        ),
        PlanItem(
            id="p2", title=Text(zh="试用大模型办公助手", en="Try an LLM office assistant"), why=[], horizon="year"
        ),
    ]
    sup = [s.id for s in result.supports[:2]]
    nxt = None
    if result.overall.next_level is not None:
        gaps = [FloorGap(dimension=result.dimensions[0].id, gap=12.5)]
        nxt = NextLevel(level=result.overall.next_level, score_gap=7.5, floors=gaps)
    overall = result.overall.model_copy(update={"next": nxt})
    return result.model_copy(
        update={"plan": plan, "levers": [Lever(changes=[change], unlocks=sup)], "overall": overall}
    )


@pytest.mark.parametrize("lang", LANGS)
def test_start_screen(snap_compare: Any, published: Bundle, empty_fixed_ws: Path, lang: str) -> None:
    assert snap_compare(make_app(published, empty_fixed_ws, lang=lang), terminal_size=SIZE, run_before=settle)


@pytest.mark.parametrize("lang", LANGS)
def test_long_question_with_help(snap_compare: Any, published: Bundle, workspace: Path, lang: str) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await start_new(pilot)
        await answer(pilot, "1", "enter", "2018-01-01", "enter", "f1")  # region, date: the industry (13 options)
        await settle(pilot)

    assert snap_compare(make_app(published, workspace, lang=lang), terminal_size=SIZE, run_before=run_before)


@pytest.mark.parametrize("lang", LANGS)
def test_consultant_screen(snap_compare: Any, published: Bundle, workspace: Path, lang: str) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await start_new(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, QuestionScreen)
        target = screen.session.engine.questions["c1_literacy"]
        await screen.show(target)
        await settle(pilot)

    app = make_app(published, workspace, consultant="张三", lang=lang)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


@pytest.mark.parametrize("lang", LANGS)
def test_review(snap_compare: Any, published: Bundle, workspace: Path, lang: str) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await start_new(pilot)
        await answer(pilot, "1", "enter", "2018-01-01", "enter", "1", "enter", "1", "enter", "f2")
        await settle(pilot)

    assert snap_compare(make_app(published, workspace, lang=lang), terminal_size=SIZE, run_before=run_before)


@pytest.fixture
def advised_results(monkeypatch: pytest.MonkeyPatch) -> None:
    """The results screen shows the fixture's result with advice filled in (:func:`with_advice`)."""
    real = ResultsScreen.__init__

    def init(self: ResultsScreen, session: Any) -> None:
        real(self, session)
        self.result = with_advice(self.result)

    monkeypatch.setattr(ResultsScreen, "__init__", init)


@pytest.mark.parametrize("lang", LANGS)
def test_results_with_plan_and_levers(
    snap_compare: Any, tui_bundle: Bundle, fixed_ws: Path, lang: str, advised_results: None
) -> None:

    async def run_before(pilot: Pilot[Any]) -> None:
        pilot.app.screen.query_one("#workspace").focus()
        await answer(pilot, "enter")
        await settle(pilot)

    assert snap_compare(make_app(tui_bundle, fixed_ws, lang=lang), terminal_size=SIZE, run_before=run_before)


async def test_results_show_level_place_gap_plan_and_levers(
    tui_bundle: Bundle, fixed_ws: Path, advised_results: None
) -> None:
    app = make_app(tui_bundle, fixed_ws)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one("#workspace").focus()
        await answer(pilot, "enter")
        screen = app.screen
        assert isinstance(screen, ResultsScreen)
        overview = "".join(str(screen.query_one("#overview").render_line(y).text) for y in range(8))
        assert "第 " in overview and "共 " in overview
        assert "还差 7.5 分" in overview or screen.result.overall.next_level is None
        await answer(pilot, "right")
        actions = "".join(str(screen.query_one("#actions").render_line(y).text) for y in range(6))
        assert "90 天内" in actions and "上一套进销存系统" in actions
        await answer(pilot, "right")
        supports = "".join(str(screen.query_one("#supports").render_line(y).text) for y in range(4))
        assert "研发费用提高到400万元" in supports


async def test_english_results_list_things_with_commas(
    tui_bundle: Bundle, fixed_ws: Path, advised_results: None
) -> None:
    """Every explanation behind a row (plan items, levers, supports with their clauses and departments) lists
    its items with commas in English, never with the Chinese 、."""
    app = make_app(tui_bundle, fixed_ws, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one("#workspace").focus()
        await answer(pilot, "enter")
        screen = app.screen
        assert isinstance(screen, ResultsScreen)
        lines = [x for title, body in screen.explanations.values() for x in [title, *body]]
        assert any(x.startswith("Supports that can help:") for x in lines)
        assert not [x for x in lines if "、" in x]


async def test_the_figures_form_can_be_left_for_later(draft: Bundle, workspace: Path) -> None:
    app = make_app(draft, workspace)
    async with app.run_test(size=SIZE) as pilot:
        await start_new(pilot)
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        while len(screen.group) == 1:
            q = screen.q
            assert q is not None
            await answer(pilot, *(["60", "enter"] if q.kind == "number" else ["1", "enter"]))
        fields = [q.id for q in screen.group]
        assert len(fields) >= 6 and "ask the accountant" not in footer(app)
        assert "稍后填" in footer(app) and "退出" in footer(app) and "语言" in footer(app)
        await answer(pilot, "4800", "enter", "f6")  # the first figure only, then "ask the accountant"
        assert screen.q is not None and screen.q.screen is None
    saved = load_answers(only_file(workspace))
    assert saved.answers[fields[0]].value == 4800
    assert all(f not in saved.answers for f in fields[1:])


async def test_option_ten_and_up_are_picked_by_letters(published: Bundle, workspace: Path) -> None:
    app = make_app(published, workspace, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await start_new(pilot)
        await answer(pilot, "a", "enter")  # option 10 of the region
    saved = load_answers(only_file(workspace))
    assert saved.answers["p_region"].value == "other_park_ha"


def footer(app: AssessApp) -> str:
    """The footer line as shown."""
    from assess.tui.widgets.footer import LangFooter

    return str(app.screen.query_one(LangFooter).render())


@pytest.mark.parametrize("lang", LANGS)
async def test_notifications_wrap_by_the_chinese_rules(tui_bundle: Bundle, workspace: Path, lang: str) -> None:
    """A toast at 80×24: every line fits, none starts with closing punctuation, a date stays whole."""
    from textual.widgets._toast import Toast

    from assess.tui.linebreak import CLOSING, cells
    from assess.tui.strings import tr

    app = make_app(tui_bundle, workspace, lang=lang)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.clear_notifications()
        path = workspace / "淮安市清江浦区喆堃现代农业科技发展有限公司_2026-12-02_快速体检报告.pdf"
        app.notify(tr("export_done", lang, path=str(path)), markup=False)
        app.notify(tr("form_later", lang))
        await pilot.pause()
        toasts = list(app.screen.query(Toast))
        assert len(toasts) == 2
        for toast in toasts:
            width = toast.content_region.width
            lines = [toast.render_line(y).text.rstrip() for y in range(toast.content_region.height)]
            lines = [x.strip() for x in lines if x.strip()]
            assert lines and all(cells(x) <= width for x in lines)
            assert all(x[0] not in CLOSING for x in lines)
        shown = "".join("".join(toast.render_line(y).text for y in range(toast.size.height)) for toast in toasts)
        assert "2026-12-02" in shown.replace(" ", "")
