"""The questionnaire screen: section list on the left, one question at a time on the right.

Every pick of an option and every submitted input is checked by the engine and, unless it has an
error, saved at once (:class:`assess.tui.session.Session` writes the file atomically). Warnings are
shown but never block. Show-if applies live: the next question is computed after each answer.

| Key | What it does |
|---|---|
| enter / pagedown | save and go to the next question |
| pageup | previous question |
| 1 … 9, space | choose or tick options |
| F1 | help text on or off |
| F2 | review all answers |
| F4 | focus the section list |
| F5 / F6 | not applicable / don't know (where the question allows it) |
| F7 / F8 | consultant mode: note, verified onsite |
| F10 | results |
| escape | back to the start screen |
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Static

from assess.domain.answers import Answer
from assess.domain.questionnaire import Question
from assess.domain.text import Text
from assess.engine.answers import ParseError
from assess.tui.screens.base import LangScreen
from assess.tui.session import Session
from assess.tui.widgets.answer import help_markup, hint, make_widget, read_value, typed_text
from assess.tui.widgets.choice import ChoiceList
from assess.tui.widgets.footer import LangFooter
from assess.tui.widgets.sections import SectionList, SectionRow

REVIEW_RESULTS = ":results"
"""What the review screen returns to ask for the results instead of a question to edit."""


class QuestionScreen(LangScreen[None]):
    """Walks the visible questions of one :class:`Session`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pagedown", "next", "下一题", priority=True),
        Binding("pageup", "prev", "上一题", priority=True),
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
        self.show_help = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="qmain"):
            yield SectionList(id="sections")
            with VerticalScroll(id="pane"):
                yield Static(id="qhead")
                yield Static(id="qlabel")
                yield Static(id="qhelp", classes="hidden")
                yield Static(id="qconfirm", classes="hidden")
                yield Container(id="answer")
                yield Static(id="qhint")
                yield Static(id="issue")
                with Horizontal(id="qbuttons"):
                    yield Button("", id="prev", compact=True)
                    yield Button("", id="na", compact=True)
                    yield Button("", id="dk", compact=True)
                    yield Button("", id="next", variant="primary", compact=True)
                if self.session.consultant:
                    with Vertical(id="consultant"):
                        yield Static(id="evidence")
                        yield Input(id="note")
                        yield Checkbox("", id="verified")
        yield LangFooter()

    async def on_mount(self) -> None:
        """Open at the saved question (resume) or the first open one."""
        first = self.session.current()
        if first is not None:
            await self.show(first)

    # ------------------------------------------------------------------ showing a question

    async def show(self, q: Question, typed: str | None = None) -> None:
        """Show `q` with its saved answer (or `typed`, text the respondent had not submitted yet)."""
        self.q = q
        self.session.set_current(q.id)
        container = self.query_one("#answer", Container)
        await container.remove_children()
        options = self.session.engine.options[q.id]
        widget = make_widget(q, options, self.session.file.answers.get(q.id), self.lang, typed)
        await container.mount(widget)
        self.query_one("#issue", Static).update("")
        self.query_one("#qlabel", Static).update(f"[b]{_esc(self.txt(q.label))}[/b]")
        self.query_one("#qhelp", Static).update(help_markup(q, options, self.lang))
        self.query_one("#qhelp").set_class(not self.show_help, "hidden")
        self.query_one("#qhint", Static).update(hint(q, self.lang))
        self._fill_head()
        self._fill_confirm(q)
        self._fill_buttons(q)
        self._fill_consultant(q)
        widget.focus()
        self.query_one("#pane", VerticalScroll).scroll_home(animate=False)
        self.refresh_bindings()

    def _widget(self) -> Widget | None:
        found = self.query("#answer > *")
        return found.first() if found else None

    def _fill_head(self) -> None:
        """Company, section, question n of m, required mark, section progress (after every answer)."""
        q = self.q
        if q is None:
            return
        sections = self.session.sections()
        ids = [v.id for _, qs in sections for v in qs]
        n = ids.index(q.id) + 1 if q.id in ids else 0
        title = next(self.txt(s.title) for s, _ in sections if s.id == self.session.engine.section_of[q.id])
        where = self.t("question_of", n=n, total=len(ids))
        self.query_one("#qhead", Static).update(_esc(f"{self.session.file.company.name} | {title} | {where}"))
        required = f"[red]{self.t('required')}[/red]" if self.session.is_required(q) else ""
        self.query_one("#qlabel", Static).update(f"{required}[b]{_esc(self.txt(q.label))}[/b]")
        current = self.session.engine.section_of[q.id]
        rows = [SectionRow(s.id, self.txt(s.title), sum(self.session.is_answered(x.id) for x in qs), len(qs),
                           s.id == current) for s, qs in sections]
        self.query_one(SectionList).show(rows, self.t("section_done"), self.t("section_hidden"))

    def _fill_confirm(self, q: Question) -> None:
        answer = self.session.file.answers.get(q.id)
        banner = self.query_one("#qconfirm", Static)
        message = ""
        if answer is not None and answer.to_confirm:
            message = self.t("to_confirm", value=self.txt(self.session.engine.display(q.id, answer)))
        elif answer is not None and answer.special is not None:
            message = self.t("special_given", value=self.txt(self.session.engine.display(q.id, answer)))
        banner.update(_esc(message))
        banner.set_class(not message, "hidden")

    def _fill_buttons(self, q: Question) -> None:
        for key in ("prev", "na", "dk", "next"):
            self.query_one(f"#{key}", Button).label = self.t(key)
        self.query_one("#na", Button).display = q.allow_na
        self.query_one("#dk", Button).display = q.allow_dk

    def _fill_consultant(self, q: Question) -> None:
        if not self.session.consultant:
            return
        answer = self.session.file.answers.get(q.id)
        self.query_one("#evidence", Static).update(
            _esc(self.t("evidence", text=self.txt(q.evidence))) if q.evidence else "")
        note = self.query_one("#note", Input)
        note.value = (answer.note or "") if answer else ""
        note.placeholder = f"{self.t('note')}：{self.t('note_placeholder')}"
        box = self.query_one("#verified", Checkbox)
        box.label = self.t("verified")
        with box.prevent(Checkbox.Changed):
            box.value = bool(answer and answer.verified)

    def apply_lang(self) -> None:
        """Redraw in the new language, keeping text typed but not yet submitted."""
        if self.q is not None:
            self.run_worker(self.show(self.q, typed=self._typed()), exclusive=True, group="show")

    # ------------------------------------------------------------------ reading and saving answers

    def _typed(self) -> str | None:
        return typed_text(self._widget())

    def commit(self) -> bool:
        """Check the answer in the widget and save it; False (with the error shown) when it has an error."""
        q = self.q
        if q is None:
            return True
        issue = self.query_one("#issue", Static)
        try:
            value, special = read_value(q, self._widget(), self.session.engine)
        except ParseError as exc:
            issue.update(f"[red]{_esc(self.t('error', message=self.txt(exc.text)))}[/red]")
            return False
        old = self.session.file.answers.get(q.id)
        if value is None and special is None:
            if old is not None and old.special is not None:
                self.session.confirm(q.id)
            elif old is not None and old.is_real:
                self.session.set_answer(q.id, None)
            return True
        issues = self.session.check(q, Answer.model_validate({"value": value, "special": special}))
        errors = [i for i in issues if i.level == "error"]
        if errors:
            issue.update(f"[red]{_esc(self.t('error', message=self.txt(errors[0].message)))}[/red]")
            return False
        if old is not None and old.value == value and old.special == special:
            self.session.confirm(q.id)
        else:
            self.session.set_answer(q.id, value, special)
        warnings = [self.txt(i.message) for i in issues]
        issue.update(f"[yellow]{_esc(self.t('warning', message='；'.join(warnings)))}[/yellow]" if warnings else "")
        return True

    async def go(self, step: int) -> None:
        """Save, then move `step` questions on (show-if applied to the new answer); review at the end."""
        if self.q is None:
            return
        if not self.commit() and step > 0:
            return
        target = self.session.neighbour(self.q.id, step)
        if target is not None:
            await self.show(target)
        elif step > 0:
            self.notify(self.t("all_done"))
            self.action_review()

    # ------------------------------------------------------------------ events

    @on(ChoiceList.Changed)
    def _choice_changed(self) -> None:
        if self.commit() and self.q is not None:
            self._fill_confirm(self.q)
            self._fill_head()

    @on(ChoiceList.Advance)
    @on(Input.Submitted, "#input")
    async def _advance(self) -> None:
        await self.go(+1)

    @on(Input.Changed, "#input")
    def _typing(self, event: Input.Changed) -> None:
        """Check as the respondent types (nothing is saved until enter)."""
        if self.q is None or not event.value.strip():
            self.query_one("#issue", Static).update("")
            return
        message: Text | None = None
        try:
            answer = self.session.engine.parse(self.q, event.value)
            errors = [i for i in self.session.check(self.q, answer) if i.level == "error"]
            message = errors[0].message if errors else None
        except ParseError as exc:
            message = exc.text
        self.query_one("#issue", Static).update(
            f"[red]{_esc(self.t('error', message=self.txt(message)))}[/red]" if message else "")

    @on(Button.Pressed, "#prev")
    async def _prev_pressed(self) -> None:
        await self.go(-1)

    @on(Button.Pressed, "#next")
    async def _next_pressed(self) -> None:
        await self.go(+1)

    @on(Button.Pressed, "#na")
    async def _na_pressed(self) -> None:
        await self.action_special("na")

    @on(Button.Pressed, "#dk")
    async def _dk_pressed(self) -> None:
        await self.action_special("dk")

    @on(SectionList.Jump)
    async def _jump(self, event: SectionList.Jump) -> None:
        if not self.commit():
            return
        for section, questions in self.session.sections():
            if section.id == event.section_id and questions:
                await self.show(questions[0])

    @on(Input.Submitted, "#note")
    @on(Input.Blurred, "#note")
    def _note(self, event: Input.Submitted | Input.Blurred) -> None:
        if self.q is not None:
            old = self.session.file.answers.get(self.q.id)
            if (old.note if old else None) != (event.value or None):
                self.session.set_note(self.q.id, note=event.value)
                self.notify(self.t("saved"), timeout=1.5)

    @on(Checkbox.Changed, "#verified")
    def _verified(self, event: Checkbox.Changed) -> None:
        if self.q is not None:
            self.session.set_note(self.q.id, verified=event.value)

    # ------------------------------------------------------------------ actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide n/a, don't-know and consultant keys where they do not apply."""
        if action == "special" and self.q is not None:
            return self.q.allow_na if parameters == ("na",) else self.q.allow_dk
        if action in ("note", "verify"):
            return self.session.consultant
        return True

    async def action_next(self) -> None:
        """Save and go on."""
        await self.go(+1)

    async def action_prev(self) -> None:
        """Go back one question."""
        await self.go(-1)

    async def action_special(self, special: str) -> None:
        """Answer "not applicable" or "don't know", then go on."""
        q = self.q
        if q is None or not (q.allow_na if special == "na" else q.allow_dk):
            return
        self.session.set_answer(q.id, None, special)
        target = self.session.neighbour(q.id, +1)
        if target is not None:
            await self.show(target)
        else:
            self.action_review()

    def action_help(self) -> None:
        """Show or hide the help text."""
        self.show_help = not self.show_help
        self.query_one("#qhelp").set_class(not self.show_help, "hidden")

    def action_sections(self) -> None:
        """Focus the section list."""
        self.query_one(SectionList).focus()

    def action_note(self) -> None:
        """Focus the consultant's note."""
        self.query_one("#note", Input).focus()

    def action_verify(self) -> None:
        """Toggle "verified onsite"."""
        self.query_one("#verified", Checkbox).toggle()

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
        elif self.q is not None:
            self._fill_head()

    def action_results(self) -> None:
        """Save, mark complete when nothing required is open, and show the results."""
        from assess.tui.screens.results import ResultsScreen

        if self.commit():
            self.session.finish()
            self.app.push_screen(ResultsScreen(self.session))

    def action_home(self) -> None:
        """Save and go back to the start screen."""
        self.commit()
        self.dismiss(None)

    def flush(self) -> None:
        """Save what can be saved before the app quits (an answer with an error is dropped)."""
        self.commit()


def _esc(text: str) -> str:
    """Escape Rich markup in questionnaire or company text."""
    from rich.markup import escape

    return escape(text)
