"""Bilingual text: every string a user reads exists in Chinese (first) and English."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, ConfigDict, model_validator

Lang = Literal["zh", "en"]
"""The two interface and report languages; Chinese is the default."""

LANGS: tuple[Lang, ...] = ("zh", "en")


class Text(BaseModel):
    """A label, help text or message in Chinese and English.

    In YAML it is written ``{zh: 注册地, en: Place of registration}``. A bare string is accepted only
    in tests' tiny questionnaires and is used for both languages; `assess validate` reports it as a
    missing translation.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    zh: str
    """Simplified Chinese, as an SME owner reads it."""
    en: str = ""
    """English."""

    @model_validator(mode="before")
    @classmethod
    def _from_plain_string(cls, data: object) -> object:
        if isinstance(data, str):
            return {"zh": data, "en": ""}
        return data

    def get(self, lang: Lang) -> str:
        """The text in `lang`, falling back to the other language when that one is empty."""
        if lang == "en":
            return self.en or self.zh
        return self.zh or self.en

    def __str__(self) -> str:
        return self.zh


def fmt_number(x: float, *, grouping: bool = True) -> str:
    """A number as every front end prints it: whole numbers without decimals, others with up to two
    (trailing zeros dropped); thousands separated with commas unless `grouping` is off."""
    sep = "," if grouping else ""
    if float(x).is_integer():
        return f"{int(x):{sep}}"
    return f"{x:{sep}.2f}".rstrip("0").rstrip(".")


def en_quantity(x: float, unit: str) -> str:
    """A number with its unit as an English reader writes it: amounts in 10k yuan become yuan
    ("420 million yuan", "250,000 yuan"), other units follow a non-breaking space ("4\u00a0points"),
    a per cent sign follows directly."""
    if not unit:
        return fmt_number(x)
    if unit == "10k yuan":
        y = x * 10000
        for size, word in ((1e9, "billion"), (1e6, "million")):
            if abs(y) >= size:
                return f"{fmt_number(round(y / size, 2))}\u00a0{word} yuan"
        return f"{fmt_number(round(y))}\u00a0yuan"
    if unit.startswith("%"):
        return fmt_number(x) + unit
    return f"{fmt_number(x)}\u00a0{unit}"


def listing(items: Iterable[str], lang: Lang) -> str:
    """Items of a list in one line: 、 between them in Chinese, commas in English."""
    return ("、" if lang == "zh" else ", ").join(items)


def clauses(items: Iterable[str], lang: Lang) -> str:
    """Clauses (reasons, changes, messages) in one line: ； between them in Chinese, semicolons in English."""
    return ("；" if lang == "zh" else "; ").join(items)


def t(zh: str, en: str) -> Text:
    """Build a :class:`Text` in code (engine messages; no validation needed)."""
    from assess.domain.fast import build

    return build(Text, zh=zh, en=en)
