"""Input boxes that enforce the answer-file format's limits where the value is typed or pasted.

The limits come from the format model (:mod:`assess.domain.answers`, a question's ``max_length``), so
nothing the app accepts can make the saved file invalid. A paste longer than the room left is cut to
fit (the terminal bell says so) instead of being refused whole.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.widgets import Input

if TYPE_CHECKING:
    from textual.document._document import EditResult
    from textual.document._edit import Edit
    from textual.widgets import TextArea


class LimitedInput(Input):
    """An :class:`Input` whose value never exceeds ``max_length`` characters (pastes are cut to fit)."""

    def replace(self, text: str, start: int, end: int) -> None:
        """Replace ``value[start:end]`` with as much of `text` as fits."""
        if self.max_length:
            lo, hi = sorted((max(0, start), min(len(self.value), end)))
            room = self.max_length - (len(self.value) - (hi - lo))
            if len(text) > room:
                text = text[: max(0, room)]
                self.app.bell()
        super().replace(text, start, end)


def limited_text_area(text: str, *, max_length: int, **kwargs: Any) -> TextArea:
    """A :class:`TextArea` holding at most `max_length` characters (typing and pasting stop there).

    Its ``edit`` is wrapped rather than overridden in a subclass: Textual 8.2 can render a TextArea
    subclass before its component styles exist (KeyError 'text-area--gutter', textual#6528). TextArea is
    imported here: only long-text questions need one, and its import is not small."""
    from textual.widgets import TextArea

    area = TextArea(text[:max_length], **kwargs)
    plain_edit = area.edit

    def edit(edit: Edit) -> EditResult:
        replaced = len(area.get_text_range(edit.from_location, edit.to_location))
        room = max_length - (len(area.text) - replaced)
        if len(edit.text) > room:
            edit.text = edit.text[: max(0, room)]
            area.app.bell()
        return plain_edit(edit)

    area.edit = edit  # type: ignore[method-assign]
    return area
