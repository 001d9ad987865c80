"""Bilingual text: every string a user reads exists in Chinese (first) and English."""

from __future__ import annotations

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


def t(zh: str, en: str) -> Text:
    """Build a :class:`Text` in code (engine messages; no validation needed)."""
    from assess.domain.fast import build

    return build(Text, zh=zh, en=en)
