"""Consultant mode, under each question: what evidence to look at, a note, and "verified onsite"."""

from __future__ import annotations

from dataclasses import dataclass

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Checkbox, Input, Static

from assess.domain.answers import NOTE_MAX, Answer
from assess.domain.questionnaire import Question
from assess.domain.text import Lang
from assess.tui.strings import colon, tr
from assess.tui.widgets.checkbox import AsciiCheckbox
from assess.tui.widgets.limited import LimitedInput


class ConsultantPanel(Vertical):
    """Posts :class:`Changed` when the note is submitted or left, or the verified box is toggled."""

    @dataclass
    class Changed(Message):
        """The note (None: unchanged) or the verified flag (None: unchanged) changed."""

        note: str | None = None
        verified: bool | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="evidence")
        yield LimitedInput(id="note", max_length=NOTE_MAX)
        yield AsciiCheckbox("", id="verified", compact=True)

    def load(self, q: Question, answer: Answer | None, lang: Lang) -> None:
        """Show the evidence hint, note and flag of `q`."""
        self.query_one("#evidence", Static).update(
            escape(tr("evidence", lang, text=q.evidence.get(lang))) if q.evidence else ""
        )
        note = self.query_one("#note", Input)
        note.value = (answer.note or "") if answer else ""
        note.placeholder = f"{tr('note', lang)}{colon(lang)}{tr('note_placeholder', lang)}"
        self._saved_note = note.value
        box = self.query_one("#verified", Checkbox)
        box.label = tr("verified", lang)
        with box.prevent(Checkbox.Changed):
            box.value = bool(answer and answer.verified)

    def focus_note(self) -> None:
        """Put the cursor in the note."""
        self.query_one("#note", Input).focus()

    def toggle_verified(self) -> None:
        """Flip "verified onsite"."""
        self.query_one("#verified", Checkbox).toggle()

    @on(Input.Submitted, "#note")
    @on(Input.Blurred, "#note")
    def _note(self, event: Input.Submitted | Input.Blurred) -> None:
        event.stop()
        if event.value != getattr(self, "_saved_note", ""):
            self._saved_note = event.value
            self.post_message(self.Changed(note=event.value))

    @on(Checkbox.Changed, "#verified")
    def _verified(self, event: Checkbox.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(verified=event.value))
