"""The questionnaire screen: section list on the left, one question at a time on the right.

Every pick of an option and every submitted input is checked by the engine and, unless it has an
error, saved at once (:class:`assess.tui.session.Session` writes the file atomically). Warnings are
shown but never block. Show-if applies live: the next question is computed after each answer.

Keys: enter / pagedown next, pageup back, 1…9 and space choose, F1 help, F2 review, F4 sections,
F5 / F6 not applicable / don't know (where allowed), F7 / F8 consultant note / verified, F10 results,
escape start screen. Plain letters are left to the text inputs.
"""

from __future__ import annotations

from typing import ClassVar

from rich.markup import escape as _esc
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Input, Static

from assess.domain.questionnaire import Question
from assess.domain.text import Text
from assess.engine.answers import ParseError
from assess.tui.screens.base import LangScreen
from assess.tui.session import Session
from assess.tui.widgets.answer import help_markup, hint, make_widget, read_value, status_line, typed_text
from assess.tui.widgets.choice import ChoiceList
from assess.tui.widgets.consultant import ConsultantPanel
from assess.tui.widgets.footer import LangFooter
from assess.tui.widgets.sections import SectionList, SectionRow

REVIEW_RESULTS = ":results"
"""What the review screen returns to ask for the results instead of a question to edit."""


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
        self.show_help = False
        self.unusual_kept: set[tuple[str, str]] = set()
        """(question, value) figures outside the usual range that the respondent confirmed."""

    def compose(self) -> ComposeResult:
        first = self.session.current()  # composed with its widget: one layout pass less on opening
        with Horizontal(id="qmain"):
            yield SectionList(id="sections")
            with VerticalScroll(id="pane"):
                yield Static(id="qhead")
                yield Static(id="qlabel")
                yield Static(id="qhelp", classes="hidden")
                yield Static(id="qconfirm", classes="hidden")
                with Container(id="answer"):
                    if first is not None:
                        yield self._make(first, None)
                yield Static(id="qhint")
                yield Static(id="issue")
                with Horizontal(id="qbuttons"):
                    for key in ("prev", "na", "dk", "next"):
                        yield Button("", id=key, compact=True, variant="primary" if key == "next" else "default")
                if self.session.consultant:
                    yield ConsultantPanel(id="consultant")
        yield LangFooter()

    async def on_mount(self) -> None:
        """Open at the saved question (resume) or the first open one (its widget is already composed)."""
        first = self.session.current()
        if first is not None:
            await self.show(first, reuse=True)

    # ------------------------------------------------------------------ showing a question

    def _make(self, q: Question, typed: str | None) -> Widget:
        options = self.session.engine.options[q.id]
        return make_widget(q, options, self.session.file.answers.get(q.id), self.lang, typed)

    async def show(self, q: Question, typed: str | None = None, *, reuse: bool = False) -> None:
        """Show `q` with its saved answer (or `typed`, text the respondent had not submitted yet).

        With `reuse`, the answer widget composed for `q` is kept."""
        self.q = q
        self.session.set_current(q.id)
        options = self.session.engine.options[q.id]
        widget = self._widget()
        if not reuse or widget is None:
            container = self.query_one("#answer", Container)
            await container.remove_children()
            widget = self._make(q, typed)
            await container.mount(widget)
        self.query_one("#issue", Static).update("")
        self.query_one("#qhelp", Static).update(help_markup(q, options, self.lang))
        self.query_one("#qhelp").set_class(not self.show_help, "hidden")
        self.query_one("#qhint", Static).update(hint(q, self.lang))
        self._fill_head()
        self._fill_confirm(q)
        for key in ("prev", "na", "dk", "next"):
            self.query_one(f"#{key}", Button).label = self.t(key)
            self.query_one(f"#{key}").display = key in ("prev", "next") or bool(getattr(q, f"allow_{key}"))
        if self.session.consultant:
            self.query_one(ConsultantPanel).load(q, self.session.file.answers.get(q.id), self.lang)
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
        n, total, sections = self.session.progress(q.id)
        current = self.session.engine.section_of[q.id]
        title = next(self.txt(s.title) for s, _, _ in sections if s.id == current)
        where = self.t("question_of", n=n, total=total)
        self.query_one("#qhead", Static).update(_esc(f"{self.session.file.company.name} | {title} | {where}"))
        required = f"[red]{self.t('required')}[/red]" if self.session.is_required(q) else ""
        self.query_one("#qlabel", Static).update(f"{required}[b]{_esc(self.txt(q.label))}[/b]")
        pending = self.session.engine.sections_pending(self.session.file.answers, self.session.depth)
        rows = [
            SectionRow(s.id, self.txt(s.title), done, shown, s.id == current, s.id in pending)
            for s, done, shown in sections
        ]
        self.query_one(SectionList).show(
            rows, self.t("section_done"), self.t("section_hidden"), self.t("section_pending")
        )

    def _fill_confirm(self, q: Question) -> None:
        message = status_line(q, self.session.file.answers.get(q.id), self.session.engine, self.lang)
        banner = self.query_one("#qconfirm", Static)
        banner.update(_esc(message))
        banner.set_class(not message, "hidden")

    def apply_lang(self) -> None:
        """Redraw in the new language, keeping text typed but not yet submitted."""
        if self.q is not None:
            self.run_worker(self.show(self.q, typed=typed_text(self._widget())), exclusive=True, group="show")

    # ------------------------------------------------------------------ reading and saving answers

    def commit(self) -> bool:
        """Check the answer in the widget and save it; False (with the error shown) when it has an error."""
        q = self.q
        if q is None:
            return True
        try:
            value, special = read_value(q, self._widget(), self.session.engine)
        except ParseError as exc:
            self._issue("error", [exc.text])
            return False
        saved, messages = self.session.record(q, value, special)
        self._issue("error" if not saved else "warning", messages)
        return saved

    def _issue(self, level: str, messages: list[Text]) -> None:
        """Show errors (red) or warnings (yellow) under the answer; nothing when there are none."""
        text = "；".join(self.txt(m) for m in messages)
        colour = "red" if level == "error" else "yellow"
        self.query_one("#issue", Static).update(f"[{colour}]{_esc(self.t(level, message=text))}[/]" if text else "")

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
        text = self.t("confirm_unusual", message=self.txt(message))
        self.query_one("#issue", Static).update(f"[yellow]{_esc(text)}[/]")
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
        if self.commit() and self.q is not None:
            self._fill_confirm(self.q)
            self._fill_head()

    @on(ChoiceList.Advance)
    @on(Input.Submitted, "#input")
    async def _advance(self) -> None:
        await self.action_go(+1)

    @on(Input.Changed, "#input")
    def _typing(self, event: Input.Changed) -> None:
        """Check as the respondent types (nothing is saved until enter)."""
        if self.q is not None:
            error = self.session.typing_error(self.q, event.value)
            self._issue("error", [error] if error else [])

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
            return self.q.allow_na if parameters == ("na",) else self.q.allow_dk
        if action in ("note", "verify"):
            return self.session.consultant
        return True

    async def action_special(self, special: str) -> None:
        """Answer "not applicable" or "don't know", then go on."""
        q = self.q
        if q is None or not (q.allow_na if special == "na" else q.allow_dk):
            return
        self.session.set_answer(q.id, None, special)
        await self._move(q.id, +1)

    def action_help(self) -> None:
        """Show or hide the help text."""
        self.show_help = not self.show_help
        self.query_one("#qhelp").set_class(not self.show_help, "hidden")

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
        elif self.q is not None:
            self._fill_head()

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
