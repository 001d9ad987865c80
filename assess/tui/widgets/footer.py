"""The key bar at the bottom of every screen, in the app's current language.

Textual's :class:`~textual.widgets.Footer` builds one widget per key and rebuilds them all on every
focus change; on the question screen that cost about 0.15 s of start-up. This bar is a single
widget that redraws one line of text when the bindings change. A click on a key presses it.
``BINDINGS`` descriptions are written in Chinese and translated by :func:`key_label`.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text as RichText
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

from assess.domain.text import Lang
from assess.tui.strings import key_label

ZH_BUILTIN = {"palette": "命令", "Quit": "退出"}
"""Descriptions of Textual's own bindings, in Chinese."""

ALWAYS = frozenset({"quit_safely", "toggle_language"})
"""Actions whose keys the footer always shows (quit and the language switch)."""


class LangFooter(Widget):
    """One line: ``key description`` for every shown, enabled binding; the command palette on the right."""

    DEFAULT_CSS = """
    LangFooter {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._spans: list[tuple[int, int, str]] = []

    def on_mount(self) -> None:
        """Redraw whenever the screen's bindings change (focus moved, a check_action changed)."""
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        """Stop listening."""
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen:
            self.refresh()

    def _label(self, description: str) -> str:
        lang: Lang = "en" if getattr(self.app, "lang", "zh") == "en" else "zh"
        text = ZH_BUILTIN.get(description, description) if lang == "zh" else description
        return key_label(text, lang)

    def _entries(self) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]], Binding | None]:
        """(optional keys, keys always shown, the palette binding); each key as (key, description, key name)."""
        optional: list[tuple[str, str, str]] = []
        always: list[tuple[str, str, str]] = []
        seen: set[str] = set()
        palette = None
        describe = getattr(self.screen, "describe_key", None)
        for _node, binding, enabled, _tip in self.screen.active_bindings.values():
            if binding.action == "command_palette":
                palette = binding
                continue
            if not binding.show or not enabled or binding.action in seen:
                continue
            seen.add(binding.action)
            text = (describe(binding.action, binding.description) if callable(describe) else None) or self._label(
                binding.description
            )
            entry = (self.app.get_key_display(binding), text, binding.key)
            (always if binding.action in ALWAYS else optional).append(entry)
        return optional, always, palette

    def render(self) -> RichText:
        """The keys of the active bindings, each key bold, then its description; quit and language always
        fit (other keys are left out from the end when the line is too narrow)."""
        key_style = "bold " + self.app.theme_variables.get("footer-key-foreground", "")
        optional, always, palette = self._entries()
        width = self.size.width or 80
        while optional and sum(cell_len(f" {k}  {d} ") for k, d, _ in optional + always) > width:
            optional.pop()
        line = RichText(no_wrap=True, overflow="crop")
        spans: list[tuple[int, int, str]] = []
        for key, text, name in optional + always:
            start = line.cell_len
            line.append(f" {key} ", style=key_style)
            line.append(text + " ")
            spans.append((start, line.cell_len, name))
        if palette is not None and self.app.ENABLE_COMMAND_PALETTE:
            tail = RichText(f" {self.app.get_key_display(palette)} ", style=key_style)
            tail.append(self._label(palette.description) + " ")
            gap = width - line.cell_len - tail.cell_len
            if gap > 0:
                line.append(" " * gap)
                spans.append((line.cell_len, line.cell_len + tail.cell_len, palette.key))
                line.append(tail)
        self._spans = spans
        return line

    def on_click(self, event: events.Click) -> None:
        """Press the key that was clicked."""
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
