"""A checkbox that shows its state as ``[x]`` / ``[ ]`` in every terminal.

Textual's :class:`~textual.widgets.Checkbox` draws ``▐X▌`` and shows the state only by colour, which a
``TERM=linux`` console or a monochrome terminal loses (and the half blocks are ambiguous-width in CJK
terminals)."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox


class AsciiCheckbox(Checkbox):
    """A :class:`Checkbox` drawn as ``[x] label`` or ``[ ] label``."""

    @property
    def _button(self) -> Content:
        """The box: ``[x]`` when ticked, ``[ ]`` when not (bold when focused)."""
        return Content.styled("[x]" if self.value else "[ ]", "bold" if self.has_focus else "")
