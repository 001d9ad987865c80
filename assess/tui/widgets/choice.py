"""The answer widget for single choice, ladder, yes/no and multiple choice questions.

| Key(s) | What it does |
|---|---|
| up / down | move the highlight |
| 1 … 9, a … z | choose (single) or tick/untick (multiple) option n (letters from option 10 on) |
| space | choose / tick the highlighted option |
| enter | single: choose the highlighted option (once one is chosen or the highlight moved) and go on;
  nothing chosen and the highlight untouched: go on without answering; multiple: go on |

Markers are ASCII (``(x)``, ``[x]``) so that they keep their width in every terminal.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text as RichText
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from assess.tui.widgets.wrapped import Hanging

__all__ = ["KEYS", "Choice", "ChoiceList", "Hanging"]

KEYS = "123456789abcdefghijklmnopqrstuvwxyz"
"""The key that picks option n: digits, then letters for options 10 and up (a choice list has no text
input, so letters are free)."""


@dataclass(frozen=True)
class Choice:
    """One option as shown: its code, label and optional help line."""

    code: str
    label: str
    help: str = ""
    exclusive: bool = False


class ChoiceList(OptionList):
    """Options with number keys; posts :class:`Changed` on every pick and :class:`Advance` on enter."""

    BINDINGS = [  # noqa: RUF012
        *(Binding(key, f"pick({n})", show=False) for n, key in enumerate(KEYS)),
        Binding("space", "toggle_choice", show=False),
        Binding("enter", "advance", show=False),
    ]

    @dataclass
    class Changed(Message):
        """The selection changed (codes in option order)."""

        choice_list: ChoiceList
        codes: list[str]

        @property
        def control(self) -> ChoiceList:
            """The list that changed."""
            return self.choice_list

    @dataclass
    class Advance(Message):
        """The respondent pressed enter: go to the next question."""

        choice_list: ChoiceList

    def __init__(self, choices: list[Choice], *, multi: bool, selected: list[str], id: str | None = None) -> None:
        self.choices = choices
        self.multi = multi
        self.selected: list[str] = [c.code for c in choices if c.code in selected]
        super().__init__(*(Option(self._prompt(i, c), id=c.code) for i, c in enumerate(choices)), id=id)
        self.moved = False  # after OptionList's own start-up highlight
        """The respondent moved the highlight (enter then chooses the highlighted option)."""

    def on_mount(self) -> None:
        """Highlight the chosen option (or the first one)."""
        codes = [c.code for c in self.choices]
        first = next((codes.index(c) for c in self.selected), 0)
        self.highlighted = first if codes else None

    def _prompt(self, index: int, choice: Choice) -> Hanging:
        """Number and marker, then the label wrapping under itself (hanging indent)."""
        chosen = choice.code in self.selected
        mark = ("[x]" if self.multi else "(x)") if chosen else ("[ ]" if self.multi else "( )")
        number = f"{KEYS[index]}." if index < len(KEYS) else "  "
        label = RichText(choice.label, style="bold" if chosen else "")
        if choice.help:
            label.append(f"\n{choice.help}", style="dim")
        return Hanging(f"{number} {mark} ", label)

    def _redraw(self) -> None:
        for i, c in enumerate(self.choices):
            self.replace_option_prompt_at_index(i, self._prompt(i, c))

    def pick(self, index: int, *, toggle: bool) -> None:
        """Choose option `index` (or tick/untick it in a multiple choice) and post :class:`Changed`."""
        if not 0 <= index < len(self.choices):
            return
        choice = self.choices[index]
        if not self.multi:
            self.selected = [choice.code]
        elif choice.code in self.selected and toggle:
            self.selected.remove(choice.code)
        elif choice.exclusive:
            self.selected = [choice.code]
        else:
            exclusive = {c.code for c in self.choices if c.exclusive}
            self.selected = [c for c in self.selected if c not in exclusive] + [choice.code]
            self.selected = [c.code for c in self.choices if c.code in self.selected]
        self.highlighted = index
        self._redraw()
        self.post_message(self.Changed(self, list(self.selected)))

    def action_pick(self, index: int) -> None:
        """Number key: choose / toggle option `index`."""
        self.pick(index, toggle=True)

    def action_toggle_choice(self) -> None:
        """Space: choose / toggle the highlighted option."""
        if self.highlighted is not None:
            self.pick(self.highlighted, toggle=True)

    def _moved(self) -> None:
        self.moved = True

    def action_cursor_up(self) -> None:
        """Up: move the highlight (the respondent is now pointing at an option)."""
        self._moved()
        super().action_cursor_up()

    def action_cursor_down(self) -> None:
        """Down: move the highlight (the respondent is now pointing at an option)."""
        self._moved()
        super().action_cursor_down()

    def action_first(self) -> None:
        """Home: highlight the first option."""
        self._moved()
        super().action_first()

    def action_last(self) -> None:
        """End: highlight the last option."""
        self._moved()
        super().action_last()

    def action_advance(self) -> None:
        """Enter: a single choice takes the highlighted option first (only once the respondent has chosen
        or moved the highlight: the first option's highlight on opening is not an answer); then go on."""
        if not self.multi and self.highlighted is not None and (self.selected or self.moved):
            code = self.choices[self.highlighted].code
            if self.selected != [code]:
                self.pick(self.highlighted, toggle=False)
        self.post_message(self.Advance(self))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A mouse click chooses (or ticks) the clicked option."""
        event.stop()
        self.pick(event.option_index, toggle=True)
