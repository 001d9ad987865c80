"""The section list on the left of the questionnaire screen, with progress per section."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text as RichText
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option


@dataclass(frozen=True)
class SectionRow:
    """One section as shown: id, title, answered and visible counts, and whether it is current."""

    id: str
    title: str
    answered: int
    total: int
    current: bool
    pending: bool = False
    """No question shown yet because an earlier answer that decides it is still open."""


class SectionList(OptionList):
    """Sections with "done", "n/m" or "hidden"; selecting one posts :class:`Jump`."""

    @dataclass
    class Jump(Message):
        """The respondent chose a section."""

        section_id: str

    def show(self, rows: list[SectionRow], done: str, hidden: str, pending: str) -> None:
        """Replace the rows (keeps the highlight on the current section)."""
        options = []
        for row in rows:
            if row.total == 0:
                status, style = (pending if row.pending else hidden), "dim"
            elif row.answered >= row.total:
                status, style = done, "green"
            else:
                status, style = f"{row.answered}/{row.total}", ""
            prompt = RichText(row.title, style="bold" if row.current else "")
            prompt.append("\n  ")
            prompt.append(status, style=style)
            options.append(Option(prompt, id=row.id, disabled=row.total == 0))
        self.set_options(options)
        current = next((i for i, r in enumerate(rows) if r.current), None)
        if current is not None:
            self.highlighted = current

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Turn the selection into a :class:`Jump`."""
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Jump(event.option.id))
