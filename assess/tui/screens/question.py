"""The questionnaire screen: section list on the left, one question at a time on the right.

Every pick of an option and every submitted input is checked by the engine and, unless it has an
error, saved at once (:class:`assess.pipeline.session.Session` writes the file atomically). Warnings are
shown but never block. Show-if applies live: the next question is computed after each answer.

Keys: enter / pagedown next, pageup back, 1…9 and space choose, F1 help, F2 review, F4 sections,
F5 / F6 not applicable / don't know (where allowed), F7 / F8 consultant note / verified, F10 results,
escape start screen. Plain letters are left to the text inputs.
"""

from __future__ import annotations

from typing import ClassVar

from rich.markup import escape as _esc
from rich.text import Text as RichText
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Button, Input, Static

from assess.domain.questionnaire import Question
from assess.domain.text import Text
from assess.engine.answers import ParseError
from assess.pipeline.session import Session
from assess.tui.screens.base import REVIEW_RESULTS, LangScreen
from assess.tui.widgets.answer import (
    glossary_markup,
    help_markup,
    hint,
    make_widget,
    read_value,
    status_line,
    typed_text,
)
from assess.tui.widgets.choice import ChoiceList
from assess.tui.widgets.consultant import ConsultantPanel
from assess.tui.widgets.footer import LangFooter
from assess.tui.widgets.form import Field, FigureForm, field_text
from assess.tui.widgets.sections import SectionList, SectionRow, numbered_titles
from assess.tui.widgets.wrapped import Wrapped


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
        self.group: list[Question] = []
        """The questions on screen: `q` alone, or every field of its form."""
        self.show_help = False
        self.messages: tuple[str, list[Text]] = ("", [])
        """The errors or warnings shown under the answer (redrawn on a language switch)."""
        self.unusual_kept: set[tuple[str, str]] = set()
        """(question, value) figures outside the usual range that the respondent confirmed."""

    def compose(self) -> ComposeResult:
        first = self.session.current()  # composed with its widget: one layout pass less on opening
        with Horizontal(id="qmain"):
            yield SectionList(id="sections")
            with Vertical(id="pane"):
                yield Static(id="qhead")
                yield Static(id="qlabel")
                yield Static(id="qhelp", classes="hidden")
                yield Static(id="qconfirm", classes="hidden")
                with Container(id="answer"):
                    if first is not None:
                        yield self._make(self.session.screen_of(first), None)
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

    def _make(self, group: list[Question], typed: str | dict[str, str] | None) -> Widget:
        answers = self.session.file.answers
        if group[0].screen is not None:
            texts = typed if isinstance(typed, dict) else {}
            fields = [Field(q, texts.get(q.id, field_text(answers.get(q.id), self.lang))) for q in group]
            return FigureForm(fields, self.lang, id="form")
        q = group[0]
        text = typed if isinstance(typed, str) else None
        return make_widget(q, self.session.engine.options[q.id], answers.get(q.id), self.lang, text)

    async def show(self, q: Question, typed: str | dict[str, str] | None = None, *, reuse: bool = False) -> None:
        """Show `q` (and the rest of its form) with the saved answers, or `typed`: text the respondent had
        not submitted yet. With `reuse`, the answer widget composed for `q` is kept."""
        self.group = self.session.screen_of(q)
        self.q = q = self.group[0]
        self.session.set_current(q.id)
        widget = self._widget()
        if not reuse or widget is None:
            container = self.query_one("#answer", Container)
            await container.remove_children()
            widget = self._make(self.group, typed)
            await container.mount(widget)
        self.query_one("#answer").set_class(not isinstance(widget, Input), "grow")
        self._show_issue("", [])
        self._fill_texts(q)
        self._fill_head()
        self._fill_confirm(q)
        if self.session.consultant:
            self.query_one(ConsultantPanel).load(q, self.session.file.answers.get(q.id), self.lang)
        if isinstance(widget, FigureForm):
            widget.focus_first()
        else:
            widget.focus()
        self.refresh_bindings()

    def _fill_texts(self, q: Question) -> None:
        """Help, hint and buttons of the question (or form) on screen."""
        form = self.session.form(q)
        options = self.session.engine.options[q.id]
        if form is not None:
            help_text = _esc(self.txt(form.help) or self.t("no_help"))
            hint_text = self.t("form_hint")
        else:
            help_text = help_markup(q, options, self.lang)
            hint_text = hint(q, self.lang)
            if len(options) > 9:
                hint_text = self.t("multi_letters_hint" if q.kind == "multi" else "letters_hint")
        self.query_one("#qhelp", Static).update(help_text + glossary_markup(self._shown_text(q), self.lang))
        self.query_one("#qhelp").set_class(not self.show_help, "hidden")
        self.query_one("#qhint", Static).update(hint_text)
        for key in ("prev", "na", "dk", "next"):
            label = self.txt(form.later) if form is not None and form.later and key == "dk" else self.t(key)
            self.query_one(f"#{key}", Button).label = label
            self.query_one(f"#{key}").display = key in ("prev", "next") or self._allows(key)

    def _shown_text(self, q: Question) -> str:
        """Every text of the screen in the current language (to find the terms the glossary explains)."""
        parts = [self.txt(x.label) + self.txt(x.help) for x in self.group]
        parts += [self.txt(o.label) + self.txt(o.help) for o in self.session.engine.options[q.id].values()]
        return "".join(parts)

    def _allows(self, special: str) -> bool:
        """Whether n/a or don't know is offered; on a form, F6 is "fill in later" (always offered)."""
        if self.q is None:
            return False
        if self.q.screen is not None:
            return special == "dk"
        return bool(self.q.allow_na if special == "na" else self.q.allow_dk)

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
        head = RichText(where + " | ", style="bold")
        head.append(f"{title} | {self.session.file.company.name}")
        self.query_one("#qhead", Static).update(head)
        form = self.session.form(q)
        label = RichText()
        if any(self.session.is_required(x) for x in self.group):
            label.append(self.t("required"), style="red")
        label.append(self.txt(form.title) if form is not None else self.txt(q.label), style="bold")
        self.query_one("#qlabel", Static).update(Wrapped(label))
        pending = self.session.engine.sections_pending(self.session.file.answers, self.session.depth)
        titles = numbered_titles(
            [(self.txt(s.title), shown > 0 or s.id in pending) for s, _, shown in sections], self.lang
        )
        rows = [
            SectionRow(s.id, titles[i], done, shown, s.id == current, s.id in pending)
            for i, (s, done, shown) in enumerate(sections)
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
        """Redraw in the new language, keeping text typed but not yet submitted and the message shown."""
        if self.q is not None:
            widget = self._widget()
            typed = widget.typed() if isinstance(widget, FigureForm) else typed_text(widget)
            level, messages = self.messages
            self.run_worker(self._redraw(self.q, typed, level, messages), exclusive=True, group="show")

    async def _redraw(self, q: Question, typed: str | dict[str, str] | None, level: str, messages: list[Text]) -> None:
        await self.show(q, typed)
        self._show_issue(level, messages)

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
                self._show_issue("error", [exc.text])
                return False
            saved, messages = self.session.record(q, value, special)
        self._show_issue("error" if not saved else "warning", messages)
        return saved

    def _show_issue(self, level: str, messages: list[Text]) -> None:
        """Show errors (red) or warnings (yellow) under the answer; nothing when there are none."""
        self.messages = (level, messages)
        text = "；".join(self.txt(m) for m in messages)
        colour = "red" if level == "error" else "yellow"
        shown = Wrapped(RichText(self.t(level, message=text), style=colour)) if text else ""
        self.query_one("#issue", Static).update(shown)

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
            self._show_issue("error", [error] if error else [])

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
