"""The mouse, the command palette in Chinese, the PDF export worker, and the start-up import rules."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import Input, Static

from assess.domain.answers import AnswerFile
from assess.files.loading import Bundle
from assess.files.storage import load_answers
from assess.tui.screens.results import ResultsScreen
from assess.tui.screens.save import SaveScreen, chosen_path, default_path
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
async def test_the_export_asks_where_to_save_and_shows_the_full_path(
    tui_bundle: Bundle, t0_workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app(tui_bundle, t0_workspace)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one("#workspace").focus()
        await answer(pilot, "enter", "f9")
        dialog = app.screen
        assert isinstance(dialog, SaveScreen)
        typed = dialog.query_one("#save-path", Input).value
        assert typed == str(tmp_path.resolve() / f"淮安喆堃科技有限公司-{date.today().isoformat()}.pdf")
        await answer(pilot, "enter")
        screen = app.screen
        assert isinstance(screen, ResultsScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = str(screen.query_one("#export-status", Static).content)
    assert "报告已保存" in status and typed in status
    assert Path(typed).read_bytes().startswith(b"%PDF")


def test_the_default_file_name_never_carries_a_path_from_the_company_name(tmp_path: Path) -> None:
    path = default_path("../../etc/坏公司:*?", tmp_path, date(2026, 12, 1))
    assert path.parent == tmp_path.resolve() and path.name.endswith("-2026-12-01.pdf") and "/" not in path.name
    assert chosen_path(str(tmp_path), path) == path  # a folder gets the default name
    assert chosen_path(str(tmp_path / "x"), path) == tmp_path.resolve() / "x.pdf"
    assert chosen_path(str(tmp_path / "missing" / "r.pdf"), path) == str(tmp_path / "missing")


def test_starting_the_app_imports_no_weasyprint() -> None:
    """Nor numpy: the app scores one company with the explained engine (numpy is a tenth of start-up)."""
    code = (
        "import sys; import assess.tui.app, assess.tui.screens.start, assess.tui.screens.question, "
        "assess.tui.screens.results; from assess.files.bundle_cache import load_bundle_cached; "
        "from assess.pipeline import engine_for; b = load_bundle_cached(); engine_for(b, b.latest()); "
        "print(sorted(m for m in ('weasyprint', 'jinja2', 'openpyxl', 'numpy') if m in sys.modules))"
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


def test_a_floor_the_advice_words_is_said_once_without_points_added() -> None:
    """The gap line of the results screen takes each failing floor's words from the advice step ("网络与
    设备联网 50 分，还差 5 分达到 55 分"), without repeating the points after them ("… 55 分 +5.0")."""
    from assess.files.loading import load_bundle
    from assess.files.storage import load_answers
    from assess.pipeline import evaluate
    from assess.tui.screens.result_rows import gap

    bundle = load_bundle()
    r = evaluate(bundle, load_answers(Path(__file__).parents[1] / "personas" / "p05_ecommerce.json")).result
    nxt = r.overall.next
    assert nxt is not None and any(f.label is not None and f.gap > 0 for f in nxt.floors)
    names = {d.id: d.label.zh for d in r.dimensions}
    text = gap(r.overall, bundle.latest().scoring.overall, names, "zh")
    assert "还差 5 分达到 55 分" in text and " +" not in text


async def test_legal_duties_are_their_own_group_with_their_state(workspace: Path) -> None:
    """On the supports tab a duty (labelling AI content, filing a public AI service) is not listed under
    "可以申报": duties come first, each saying whether it must be done (需办理) or is done (已办理); a list
    of answers still needed ends "，还有 N 项" (not "等 N 项", which reads as the total). A support's
    explanation names the version of the rules it was judged by."""
    import shutil

    from assess.files.loading import load_bundle

    shutil.copy(Path(__file__).parents[1] / "personas" / "p05_ecommerce.json", workspace / "p05.json")
    app = make_app(load_bundle(), workspace)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one("#workspace").focus()
        await answer(pilot, "enter", "right", "right")
        screen = app.screen
        assert isinstance(screen, ResultsScreen)
        shown = [str(screen.query_one("#supports").render_line(y).text).strip() for y in range(20)]
        tsme = screen.explanations["sup-tsme"][1]  # the explanation behind a row names the rules it used
        assert any(x.startswith("判断依据的规则版本：《科技型中小企业评价办法》") for x in tsme)
    assert shown[0].startswith("合规义务（")
    assert any(x.startswith("需办理：") for x in shown) and "已办理" in shown
    apply_at = next(i for i, x in enumerate(shown) if x.startswith("可以申报（"))
    assert not [x for x in shown[apply_at:] if "（合规义务）" in x]
    assert any("，还有 " in x for x in shown) and not any("等 " in x and " 项" in x for x in shown)


async def test_the_saved_assessments_table_fits_80_columns_with_a_long_company_name(workspace: Path) -> None:
    """A 20-character company name, its status, progress, level and when it was last changed all fit on
    one line at 80 columns: the time of a change this year is shown without the year."""
    import json
    import re
    from datetime import UTC, datetime

    from assess.files.loading import load_bundle
    from assess.tui.screens.start import changed_at

    doc = json.loads((Path(__file__).parents[1] / "personas" / "p05_ecommerce.json").read_text(encoding="utf-8"))
    doc["company"]["name"] = "江苏淮安某某某某智能装备制造股份有限公司"  # 20 characters, 40 cells
    doc["updated_at"] = datetime.now(UTC).isoformat()
    (workspace / "long.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    app = make_app(load_bundle(), workspace)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#workspace")
        lines = [str(table.render_line(y).text) for y in range(3)]
    row = next(x for x in lines if doc["company"]["name"] in x)
    assert "已完成" in row and re.search(r" \d\d-\d\d \d\d:\d\d$", row.rstrip()), row  # the time, whole

    old = AnswerFile.model_validate({**doc, "updated_at": "2025-03-01T08:00:00+00:00"})
    assert changed_at(old, date(2026, 12, 2)) == "2025-03-01"
    assert len(changed_at(old, date(2025, 12, 2))) == len("03-01 08:00")
