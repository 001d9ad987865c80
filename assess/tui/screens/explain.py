"""A dialog that explains one number or verdict of the results: its trace, items, reasons."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group, RenderableType
from rich.text import Text as RichText
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from assess.tui.widgets.wrapped import Hanging, Wrapped

BULLETS = ("+ ", "- ", "? ", "> ")
"""Line prefixes that get a hanging indent (reasons, missing, questions to answer, next steps)."""


def _line(text: str) -> RenderableType:
    """A line of the explanation, wrapped by the Chinese rules; a bulleted one wraps under its text, not
    under its bullet."""
    if text.startswith(BULLETS):
        return Hanging(text[:2], RichText(text[2:]))
    return Wrapped(text)


class ExplainScreen(ModalScreen[None]):
    """Shows `title` and `lines` (plain text, never markup); escape or enter closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "关闭"),
        Binding("enter", "close", "关闭", show=False),
    ]

    def __init__(self, title: str, lines: list[str], close_label: str) -> None:
        super().__init__()
        self.title_text = title
        self.lines = lines
        self.close_label = close_label

    def compose(self) -> ComposeResult:
        with Vertical(id="explain"):
            yield Static(Wrapped(RichText(self.title_text, style="bold")), id="explain-title")
            with VerticalScroll(id="explain-body"):
                yield Static(Group(*(_line(x) for x in self.lines)))
            yield Button(self.close_label, id="explain-close", compact=True)

    def on_mount(self) -> None:
        """Focus the text so arrows scroll it."""
        self.query_one("#explain-body").focus()

    def on_button_pressed(self) -> None:
        """Close."""
        self.dismiss(None)

    def action_close(self) -> None:
        """Close."""
        self.dismiss(None)
