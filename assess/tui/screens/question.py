"""The questionnaire screen: section list on the left, one question at a time on the right.

This screen owns the flow: which question is current, saving answers, moving on, keys and the review and
results screens. What is on screen and how it is filled is :class:`QuestionView`'s
(:mod:`assess.tui.screens.question_view`).

Every pick of an option and every submitted input is checked by the engine and, unless it has an
error, saved at once (:class:`assess.pipeline.session.Session` writes the file atomically). Warnings are
shown but never block. Show-if applies live: the next question is computed after each answer.

Keys: enter / pagedown next, pageup back, 1…9 and space choose, F1 help, F2 review, F4 sections,
F5 / F6 not applicable / don't know (where allowed), F7 / F8 consultant note / verified, F10 results,
escape start screen. Plain letters are left to the text inputs.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import Button, Input

from assess.domain.questionnaire import Question
from assess.domain.text import Text
from assess.engine.answers import ParseError
from assess.pipeline.session import Session
from assess.tui.screens.base import REVIEW_RESULTS, LangScreen
from assess.tui.screens.question_view import QuestionView, offers
from assess.tui.widgets.answer import read_value, typed_text
from assess.tui.widgets.choice import ChoiceList
from assess.tui.widgets.consultant import ConsultantPanel
from assess.tui.widgets.footer import LangFooter
from assess.tui.widgets.form import FigureForm
from assess.tui.widgets.sections import SectionList


class QuestionScreen(LangScreen[None]):
    """Walks the visible questions of one :class:`Session`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pagedown", "go(1)", "下一题", priority=True),
        Binding("pageup", "go(-1)", "上一题", priority=True),
        Binding("f1", "help", "帮助"),
        Binding("f2", "review", "复核"),
        Binding("f4", "sections", "章节", show=False),
        Binding("f5", "special('na')", "不适用"),
        Binding("f6", "special('dk')", "不知道"),
        Binding("f7", "note", "备注"),
        Binding("f8", "verify", "核实"),
        Binding("f10", "results", "结果"),
        Binding("escape", "home", "返回", show=False),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.q: Question | None = None
        self.unusual_kept: set[tuple[str, str]] = set()
        """(question, value) figures outside the usual range that the respondent confirmed."""

    def compose(self) -> ComposeResult:
        yield QuestionView(self.session, id="qmain")
        yield LangFooter()

    async def on_mount(self) -> None:
        """Open at the saved question (resume) or the first open one (its widget is already composed)."""
        first = self.session.current()
        if first is not None:
            await self.show(first, reuse=True)

    # ------------------------------------------------------------------ showing a question

    @property
    def group(self) -> list[Question]:
        """The questions on screen: `q` alone, or every field of its form (as the view shows them)."""
        return self.view.group

    @property
    def view(self) -> QuestionView:
        """The section list and question pane (they show; this screen saves and moves)."""
        return self.query_one("#qmain", QuestionView)

    async def show(self, q: Question, typed: str | dict[str, str] | None = None, *, reuse: bool = False) -> None:
        """Make `q` (and the rest of its form) the current question and show it with the saved answers, or
        `typed`: text the respondent had not submitted yet. With `reuse`, the answer widget composed for `q`
        is kept."""
        group = self.session.screen_of(q)
        self.q = q = group[0]
        self.session.set_current(q.id)
        await self.view.show(group, typed, reuse=reuse)
        self.refresh_bindings()

    def _allows(self, special: str) -> bool:
        """Whether n/a or don't know is offered for the question on screen."""
        return self.q is not None and offers(self.q, special)

    def _widget(self) -> Widget | None:
        return self.view.answer_widget()

    def apply_lang(self) -> None:
        """Redraw in the new language, keeping text typed but not yet submitted and the message shown."""
        if self.q is not None:
            widget = self._widget()
            typed = widget.typed() if isinstance(widget, FigureForm) else typed_text(widget)
            level, messages = self.view.messages
            self.run_worker(self._redraw(self.q, typed, level, messages), exclusive=True, group="show")

    async def _redraw(self, q: Question, typed: str | dict[str, str] | None, level: str, messages: list[Text]) -> None:
        await self.show(q, typed)
        self.view.show_issue(level, messages)

    # ------------------------------------------------------------------ reading and saving answers

    def commit(self) -> bool:
        """Check the answer in the widget and save it; False (with the error shown) when it has an error."""
        q = self.q
        if q is None:
            return True
        widget = self._widget()
        if isinstance(widget, FigureForm):
            saved, messages = self.session.record_form(self.group, widget.typed())
        else:
            try:
                value, special = read_value(q, widget, self.session.engine)
            except ParseError as exc:
                self.view.show_issue("error", [exc.text])
                return False
            saved, messages = self.session.record(q, value, special)
        self.view.show_issue("error" if not saved else "warning", messages)
        return saved

    async def action_go(self, step: int) -> None:
        """Save, then move `step` questions on (show-if applied to the new answer); review at the end."""
        if self.q is None:
            return
        if not self.commit() and step > 0:
            return
        if step > 0 and not self._unusual_confirmed():
            return
        await self._move(self.q.id, step)

    def _unusual_confirmed(self) -> bool:
        """A figure outside the usual SME range (saved, as it is allowed) goes on only at a second Enter:
        the first one shows what to check (usually the unit)."""
        q = self.q
        message = self.session.unusual(q) if q is not None else None
        if q is None or message is None:
            return True
        key = (q.id, repr(self.session.file.answers[q.id].value))
        if key in self.unusual_kept:
            return True
        self.unusual_kept.add(key)
        self.view.ask_unusual(message)
        return False

    async def _move(self, qid: str, step: int) -> None:
        target = self.session.neighbour(qid, step)
        if target is not None:
            await self.show(target)
        elif step > 0:
            self.notify(self.t("all_done"))
            self.action_review()

    # ------------------------------------------------------------------ events

    @on(ChoiceList.Changed)
    def _choice_changed(self) -> None:
        if self.commit():
            self.view.answered()

    @on(ChoiceList.Advance)
    @on(FigureForm.Advance)
    @on(Input.Submitted, "#input")
    async def _advance(self) -> None:
        await self.action_go(+1)

    @on(Input.Changed, "#input")
    @on(Input.Changed, ".form-input")
    def _typing(self, event: Input.Changed) -> None:
        """Check as the respondent types (nothing is saved until enter)."""
        qid = (event.input.id or "")[2:] if event.input.id != "input" else self.q.id if self.q else ""
        q = self.session.engine.questions.get(qid)
        if q is not None:
            error = self.session.typing_error(q, event.value)
            self.view.show_issue("error", [error] if error else [])

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        """Back, n/a, don't know, next."""
        if event.button.id in ("na", "dk"):
            await self.action_special(event.button.id)
        else:
            await self.action_go(-1 if event.button.id == "prev" else +1)

    @on(SectionList.Jump)
    async def _jump(self, event: SectionList.Jump) -> None:
        if not self.commit():
            return
        for section, questions in self.session.sections():
            if section.id == event.section_id and questions:
                await self.show(questions[0])

    @on(ConsultantPanel.Changed)
    def _consultant_changed(self, event: ConsultantPanel.Changed) -> None:
        if self.q is not None:
            self.session.set_note(self.q.id, note=event.note, verified=event.verified)
            self.notify(self.t("saved"), timeout=1.5)

    # ------------------------------------------------------------------ actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide n/a, don't-know and consultant keys where they do not apply."""
        if action == "special" and self.q is not None:
            return self._allows(str(parameters[0]))
        if action in ("note", "verify"):
            return self.session.consultant
        return True

    async def action_special(self, special: str) -> None:
        """Answer "not applicable" or "don't know", then go on; on a form: keep what is typed and valid,
        leave the rest to fill in later (the review lists it), and go on."""
        q = self.q
        if q is None or not self._allows(special):
            return
        if q.screen is not None:
            self.commit()
            self.notify(self.t("form_later"))
        else:
            self.session.set_answer(q.id, None, special)
        await self._move(q.id, +1)

    def describe_key(self, action: str, description: str) -> str | None:
        """The footer's word for F6 on a form: the form's "fill in later"."""
        form = self.session.form(self.q) if self.q is not None else None
        if action == "special('dk')" and form is not None:
            return self.t("later_key")
        return None

    def action_help(self) -> None:
        """Show or hide the help text."""
        self.view.toggle_help()

    def action_sections(self) -> None:
        """Focus the section list."""
        self.query_one(SectionList).focus()

    def action_note(self) -> None:
        """Focus the consultant's note."""
        self.query_one(ConsultantPanel).focus_note()

    def action_verify(self) -> None:
        """Toggle "verified onsite"."""
        self.query_one(ConsultantPanel).toggle_verified()

    def action_review(self) -> None:
        """Open the review screen; it returns a question to edit or asks for the results."""
        from assess.tui.screens.review import ReviewScreen

        if self.commit():
            self.app.push_screen(ReviewScreen(self.session), self._after_review)

    async def _after_review(self, target: str | None) -> None:
        if target == REVIEW_RESULTS:
            self.action_results()
            return
        q = self.session.engine.questions.get(target or "")
        if q is not None:
            await self.show(q)
        else:
            self.view.fill_head()

    def action_results(self) -> None:
        """Save, mark complete when nothing required is open, and show the results."""
        from assess.tui.screens.results import show_results

        if self.commit():
            self.session.finish()
            show_results(self, self.session)

    def action_home(self) -> None:
        """Save and go back to the start screen."""
        self.commit()
        self.dismiss(None)

    def flush(self) -> None:
        """Save what can be saved before the app quits (an answer with an error is dropped)."""
        self.commit()
