"""A footer that shows key descriptions in the app's current language."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer

from assess.domain.text import Lang
from assess.tui.strings import key_label

ZH_BUILTIN = {"palette": "命令", "Quit": "退出"}
"""Descriptions of Textual's own bindings, in Chinese."""


class LangFooter(Footer):
    """:class:`Footer` whose key descriptions follow ``app.lang`` (``BINDINGS`` are written in Chinese)."""

    def compose(self) -> ComposeResult:
        lang: Lang = "en" if getattr(self.app, "lang", "zh") == "en" else "zh"
        for widget in super().compose():
            description = getattr(widget, "description", None)
            if isinstance(description, str) and description:
                text = ZH_BUILTIN.get(description, description) if lang == "zh" else description
                widget.description = key_label(text, lang)  # type: ignore[attr-defined]
            yield widget
