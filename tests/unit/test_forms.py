"""Forms (``screen:``): several figures asked on one screen; `assess validate` checks their shape."""

from __future__ import annotations

import shutil
from pathlib import Path

from assess.domain.questionnaire import group_screens
from assess.files.loading import load_bundle
from assess.pipeline.lint import lint_path

MINI = Path(__file__).parents[1] / "data" / "mini"
FORM = """    screens:
      - id: money
        title: {zh: 财务数据, en: Figures}
    questions:
"""


def _with_form(tmp_path: Path) -> Path:
    """A copy of the mini questionnaire whose revenue and R&D expense share the form `money`."""
    root = tmp_path / "defs"
    shutil.copytree(MINI, root)
    p = root / "mini" / "1.0.0.yaml"
    text = p.read_text(encoding="utf-8").replace("    questions:\n", FORM, 1)
    for qid in ("revenue", "rd_expense"):
        text = text.replace(
            f"      - id: {qid}\n        kind: number\n",
            f"      - id: {qid}\n        kind: number\n        screen: money\n",
        )
    p.write_text(text, encoding="utf-8")
    return root


def test_form_questions_share_one_screen(tmp_path: Path) -> None:
    root = _with_form(tmp_path)
    assert [str(x) for x in lint_path(root) if "form" in x.message] == []
    qn = load_bundle(root).latest()
    screens = group_screens([q for s in qn.sections for q in s.questions])
    assert [[q.id for q in s] for s in screens[:5]] == [
        ["region"],
        ["industry"],
        ["founded"],
        ["revenue", "rd_expense"],
        ["accident"],
    ]


def test_a_form_split_by_another_question_is_reported(tmp_path: Path) -> None:
    root = _with_form(tmp_path)
    p = root / "mini" / "1.0.0.yaml"
    text = p.read_text(encoding="utf-8").replace(
        "      - id: founded\n        kind: date\n", "      - id: founded\n        kind: date\n        screen: money\n"
    )
    text = text.replace(
        "      - id: revenue\n        kind: number\n        screen: money\n",
        "      - id: revenue\n        kind: number\n",
    )
    p.write_text(text, encoding="utf-8")
    messages = [x.message for x in lint_path(root)]
    assert any("must follow each other" in m for m in messages), messages


def test_a_choice_on_a_form_or_an_unknown_form_is_reported(tmp_path: Path) -> None:
    root = _with_form(tmp_path)
    p = root / "mini" / "1.0.0.yaml"
    text = p.read_text(encoding="utf-8").replace(
        "      - id: industry\n        kind: single\n",
        "      - id: industry\n        kind: single\n        screen: other\n",
    )
    p.write_text(text, encoding="utf-8")
    messages = [x.message for x in lint_path(root)]
    assert any("unknown form 'other'" in m for m in messages), messages
    assert any("a single question cannot be on a form" in m for m in messages), messages
