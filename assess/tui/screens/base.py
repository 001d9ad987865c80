"""What every screen shares: the current language and a shortcut to the UI strings."""

from __future__ import annotations

from typing import TypeVar

from textual.screen import Screen

from assess.domain.text import Lang, Text
from assess.tui.strings import colon, paren, tr

ResultType = TypeVar("ResultType")

REVIEW_RESULTS = ":results"
"""What the review screen returns to ask for the results instead of a question to edit."""


class Localised:
    """The app's current language and the texts in it, for a screen or a widget of the app."""

    @property
    def lang(self) -> Lang:
        """The app's current language."""
        lang = getattr(getattr(self, "app", None), "lang", "zh")
        return "en" if lang == "en" else "zh"

    def t(self, key: str, **values: object) -> str:
        """UI text `key` in the current language."""
        return tr(key, self.lang, **values)

    def txt(self, text: Text | None) -> str:
        """Questionnaire text in the current language ('' for None)."""
        return text.get(self.lang) if text is not None else ""


class LangScreen(Localised, Screen[ResultType]):
    """A screen that can redraw its text when the app language changes (see :meth:`apply_lang`)."""

    @property
    def colon(self) -> str:
        """The colon after a label: full-width in Chinese."""
        return colon(self.lang)

    def paren(self, text: str) -> str:
        """`text` in full-width brackets in Chinese, ASCII ones in English."""
        return paren(text, self.lang)

    def apply_lang(self) -> None:
        """Redraw every text in the new language (answers and focus are kept)."""
