"""The app's session model without a screen: recording answers, confirming, resuming, saving."""

from __future__ import annotations

from pathlib import Path

from assess.files.loading import Bundle
from assess.files.storage import load_answers
from assess.pipeline.session import Session


def new(bundle: Bundle, workspace: Path) -> Session:
    """A fresh quick scan of the tiny questionnaire."""
    return Session.new(bundle, workspace, "淮安测试", depth="quick", assessor=None, language="zh")


def test_errors_keep_an_answer_out_and_warnings_do_not(tui_bundle: Bundle, workspace: Path) -> None:
    s = new(tui_bundle, workspace)
    q = s.engine.questions
    assert s.record(q["revenue"], 1000, None) == (True, [])
    saved, errors = s.record(q["rd_expense"], 2000, None)
    assert not saved and errors[0].zh == "研发费用不能超过营业收入"
    assert "rd_expense" not in load_answers(s.path).answers
    s.record(q["revenue"], 100000, None)
    saved, warnings = s.record(q["rd_expense"], 6000, None)
    assert saved and "核对单位" in warnings[0].zh
    assert load_answers(s.path).answers["rd_expense"].value == 6000


def test_empty_input_clears_a_value_but_keeps_dont_know(tui_bundle: Bundle, workspace: Path) -> None:
    s = new(tui_bundle, workspace)
    q = s.engine.questions["revenue"]
    s.record(q, 500, None)
    s.record(q, None, None)
    assert "revenue" not in s.file.answers
    s.record(q, None, "dk")
    s.record(q, None, None)
    assert s.file.answers["revenue"].special == "dk"


def test_notes_survive_a_changed_answer(tui_bundle: Bundle, workspace: Path) -> None:
    s = new(tui_bundle, workspace)
    s.set_note("region", note="看过执照", verified=True)
    s.record(s.engine.questions["region"], "huaiyin", None)
    a = load_answers(s.path).answers["region"]
    assert (a.value, a.note, a.verified) == ("huaiyin", "看过执照", True)


def test_resume_opens_the_saved_question_and_progress_counts_sections(tui_bundle: Bundle, workspace: Path) -> None:
    s = new(tui_bundle, workspace)
    s.record(s.engine.questions["region"], "qingjiang", None)
    s.set_current("founded")
    again = Session.open(tui_bundle, s.path)
    current = again.current()
    assert current is not None and current.id == "founded"
    n, total, sections = again.progress("founded")
    assert (n, total) == (3, 10)
    first, done, shown = sections[0]
    assert (first.id, done, shown) == ("profile", 1, 7)


def test_typing_errors_are_found_without_saving(tui_bundle: Bundle, workspace: Path) -> None:
    s = new(tui_bundle, workspace)
    q = s.engine.questions["revenue"]
    error = s.typing_error(q, "abc")
    assert error is not None and "不是数字" in error.zh
    assert s.typing_error(q, "1,200") is None
    assert "revenue" not in load_answers(s.path).answers
