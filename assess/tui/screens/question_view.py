"""What the questionnaire screen shows: the section list on the left, one question (or form) on the right.

:class:`QuestionView` composes both and fills them from the session: the head line (question n of m,
section, company), the label with its required mark, help with the glossary, a pre-filled answer to
confirm, the answer widget, the key hint, errors or warnings, the buttons, the consultant panel, and the
progress of every section. It never saves and never moves: the screen decides which question is shown and
what happens to an answer (:mod:`assess.tui.screens.question`).
"""

from __future__ import annotations

from rich.markup import escape as _esc
from rich.text import Text as RichText
from textual.app import ComposeResult
from textual.containers import Container, Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Button, Input, Static

from assess.domain.questionnaire import Question
from assess.domain.text import Text, clauses
from assess.pipeline.session import Session
from assess.tui.screens.base import Localised
from assess.tui.widgets.answer import glossary_markup, help_markup, hint, make_widget, status_line
from assess.tui.widgets.consultant import ConsultantPanel
from assess.tui.widgets.form import Field, FigureForm, field_text
from assess.tui.widgets.sections import SectionList, SectionRow, numbered_titles
from assess.tui.widgets.wrapped import Wrapped

BUTTONS = ("prev", "na", "dk", "next")
"""The button ids under the answer, left to right."""


def offers(q: Question, special: str) -> bool:
    """Whether `q` offers n/a or don't know; on a form, F6 is "fill in later" (always offered)."""
    if q.screen is not None:
        return special == "dk"
    return bool(q.allow_na if special == "na" else q.allow_dk)


class QuestionView(Localised, Horizontal):
    """Section list and question pane of one :class:`Session`; :meth:`show` puts a question on them."""

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self.group: list[Question] = []
        """The questions shown: one, or every field of a form."""
        self.show_help = False
        self.messages: tuple[str, list[Text]] = ("", [])
        """The errors or warnings shown under the answer (redrawn on a language switch)."""

    def compose(self) -> ComposeResult:
        first = self.session.current()  # composed with its widget: one layout pass less on opening
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
                for key in BUTTONS:
                    yield Button("", id=key, compact=True, variant="primary" if key == "next" else "default")
            if self.session.consultant:
                yield ConsultantPanel(id="consultant")

    def _make(self, group: list[Question], typed: str | dict[str, str] | None) -> Widget:
        answers = self.session.file.answers
        if group[0].screen is not None:
            texts = typed if isinstance(typed, dict) else {}
            fields = [Field(q, texts.get(q.id, field_text(answers.get(q.id), self.lang))) for q in group]
            return FigureForm(fields, self.lang, id="form")
        q = group[0]
        text = typed if isinstance(typed, str) else None
        return make_widget(q, self.session.engine.options[q.id], answers.get(q.id), self.lang, text)

    def answer_widget(self) -> Widget | None:
        """The widget the answer is typed or picked in (None before one is composed)."""
        found = self.query("#answer > *")
        return found.first() if found else None

    async def show(
        self, group: list[Question], typed: str | dict[str, str] | None = None, *, reuse: bool = False
    ) -> None:
        """Show `group` (one question or a form) in the app's language with the saved answers, or `typed`:
        text not submitted yet, and focus its answer. With `reuse`, the answer widget already composed is kept."""
        self.group = group
        q = group[0]
        widget = self.answer_widget()
        if not reuse or widget is None:
            container = self.query_one("#answer", Container)
            await container.remove_children()
            widget = self._make(group, typed)
            await container.mount(widget)
        self.query_one("#answer").set_class(not isinstance(widget, Input), "grow")
        self.show_issue("", [])
        self._fill_texts(q)
        self.fill_head()
        self._fill_confirm(q)
        if self.session.consultant:
            self.query_one(ConsultantPanel).load(q, self.session.file.answers.get(q.id), self.lang)
        if isinstance(widget, FigureForm):
            widget.focus_first()
        else:
            widget.focus()

    def answered(self) -> None:
        """Redraw what a saved answer changes: the confirmation banner, the head and the section progress."""
        if self.group:
            self._fill_confirm(self.group[0])
            self.fill_head()

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
        for key in BUTTONS:
            label = self.txt(form.later) if form is not None and form.later and key == "dk" else self.t(key)
            self.query_one(f"#{key}", Button).label = label
            self.query_one(f"#{key}").display = key in ("prev", "next") or offers(q, key)

    def _shown_text(self, q: Question) -> str:
        """Every text of the screen in the current language (to find the terms the glossary explains)."""
        parts = [self.txt(x.label) + self.txt(x.help) for x in self.group]
        parts += [self.txt(o.label) + self.txt(o.help) for o in self.session.engine.options[q.id].values()]
        return "".join(parts)

    def fill_head(self) -> None:
        """Company, section, question n of m, required mark, section progress (after every answer)."""
        if not self.group:
            return
        q = self.group[0]
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

    def show_issue(self, level: str, messages: list[Text]) -> None:
        """Show errors (red) or warnings (yellow) under the answer; nothing when there are none."""
        self.messages = (level, messages)
        text = clauses((self.txt(m) for m in messages), self.lang)
        colour = "red" if level == "error" else "yellow"
        shown = Wrapped(RichText(self.t(level, message=text), style=colour)) if text else ""
        self.query_one("#issue", Static).update(shown)

    def ask_unusual(self, message: Text) -> None:
        """Ask to check a figure outside the usual range (shown where the issues are, kept out of them)."""
        text = self.t("confirm_unusual", message=self.txt(message))
        self.query_one("#issue", Static).update(f"[yellow]{_esc(text)}[/]")

    def toggle_help(self) -> None:
        """Show or hide the help text."""
        self.show_help = not self.show_help
        self.query_one("#qhelp").set_class(not self.show_help, "hidden")
