"""The section list on the left of the questionnaire screen, with progress per section."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rich.console import Group
from rich.text import Text as RichText
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from assess.tui.widgets.wrapped import Wrapped


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


NUMBER = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|\d+[.、)]\s*)")
"""A section number at the start of a title (一、 or 3.)."""

ZH_NUMBERS = "一二三四五六七八九十"


def numbered_titles(titles: list[tuple[str, bool]], lang: str) -> list[str]:
    """Titles numbered 1, 2, 3 … in order, counting only the sections that apply (`True`); the number
    written in the title is replaced (two alternative sections may both be "三、" in the data)."""
    out, n = [], 0
    for title, applies in titles:
        bare = NUMBER.sub("", title)
        if not applies:
            out.append(bare)
            continue
        n += 1
        mark = f"{ZH_NUMBERS[n - 1]}、" if lang == "zh" and n <= len(ZH_NUMBERS) else f"{n}. "
        out.append(mark + bare)
    return out


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
            title = Wrapped(RichText(row.title, style="bold" if row.current else ""))
            options.append(
                Option(Group(title, RichText("  " + status, style=style)), id=row.id, disabled=row.total == 0)
            )
        self.set_options(options)
        current = next((i for i, r in enumerate(rows) if r.current), None)
        if current is not None:
            self.highlighted = current

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Turn the selection into a :class:`Jump`."""
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Jump(event.option.id))
