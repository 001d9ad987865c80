"""A small form: several figures (revenue and R&D for three years ...) asked on one screen.

One row per question: its label, a one-line input and the unit. Enter or down goes to the next field,
up to the previous one; enter on the last field posts :class:`FigureForm.Advance` (the screen saves
every field and goes on). Nothing here saves: the question screen reads :meth:`FigureForm.typed`.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text as RichText
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, Static

from assess.domain.answers import Answer
from assess.domain.questionnaire import Question
from assess.domain.text import Lang
from assess.tui.widgets.wrapped import Wrapped


@dataclass(frozen=True)
class Field:
    """One row of the form as shown."""

    q: Question
    text: str
    """The saved answer as typed text ('' when open)."""


class FigureForm(Vertical):
    """Rows of label, input and unit; ids of the inputs are ``f-<question id>``."""

    BINDINGS = [  # noqa: RUF012
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
    ]

    @dataclass
    class Advance(Message):
        """Enter on the last field: save the form and go on."""

        form: FigureForm

    def __init__(self, fields: list[Field], lang: Lang, id: str | None = None) -> None:
        super().__init__(id=id)
        self.fields = fields
        self.lang = lang

    def compose(self) -> ComposeResult:
        for f in self.fields:
            with Horizontal(classes="form-row"):
                yield Static(Wrapped(RichText(f.q.label.get(self.lang))), classes="form-label")
                yield Input(f.text, id=f"f-{f.q.id}", classes="form-input")
                yield Static(f.q.unit.get(self.lang) if f.q.unit else "", classes="form-unit")

    def inputs(self) -> list[Input]:
        """The inputs, in order."""
        return list(self.query(".form-input").results(Input))

    def typed(self) -> dict[str, str]:
        """Question id → text in its field."""
        return {i.id[2:]: i.value for i in self.inputs() if i.id}

    def focus_first(self) -> None:
        """Put the cursor in the first empty field (or the first one)."""
        inputs = self.inputs()
        target = next((i for i in inputs if not i.value.strip()), inputs[0] if inputs else None)
        if target is not None:
            target.focus()

    def action_move(self, step: int) -> None:
        """Up / down: the previous or next field."""
        inputs = self.inputs()
        at = next((n for n, i in enumerate(inputs) if i.has_focus), 0)
        inputs[max(0, min(len(inputs) - 1, at + step))].focus()

    @on(Input.Submitted, ".form-input")
    def _next(self, event: Input.Submitted) -> None:
        event.stop()
        inputs = self.inputs()
        at = inputs.index(event.input)
        if at + 1 < len(inputs):
            inputs[at + 1].focus()
        else:
            self.post_message(self.Advance(self))


def field_text(answer: Answer | None, lang: Lang) -> str:
    """A saved answer as text to edit: the number, or 不适用 / 不知道 typed back."""
    if answer is None:
        return ""
    if answer.special == "na":
        return "不适用" if lang == "zh" else "n/a"
    if answer.special == "dk":
        return "不知道" if lang == "zh" else "don't know"
    return "" if answer.value is None else str(answer.value)
