"""Checking, parsing and displaying single answers (each kind's part: :mod:`assess.engine.kinds`).

Used by the TUI (inline errors as the user types), by the spreadsheet importer (cells to values),
by answer-file validation, and by the report (answers as the respondent saw them).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from assess.domain.answers import Answer, AnswerValue
from assess.domain.questionnaire import Option, Question
from assess.domain.text import Text, en_quantity, fmt_number, t
from assess.engine.kinds import KINDS, normalise
from assess.engine.kinds import ParseError as ParseError

NA_WORDS = frozenset({"不适用", "n/a", "na", "not applicable", "__na__"})
DK_WORDS = frozenset({"不知道", "不清楚", "dk", "don't know", "dont know", "unknown", "__dk__"})
NA_TEXT = t("不适用", "Not applicable")
DK_TEXT = t("不知道", "Don't know")


@dataclass(frozen=True)
class Issue:
    """A problem with an answer: errors block moving on, warnings never do."""

    level: Literal["error", "warning"]
    message: Text


def type_issue(q: Question, value: AnswerValue, options: dict[str, Option]) -> Text | None:
    """Why `value` is not a valid answer to `q` (None when it is)."""
    return KINDS[q.kind].issue(q, value, options)


def plausibility_issue(q: Question, value: AnswerValue) -> Text | None:
    """The question's warning when a valid number lies outside its plausible range (None otherwise)."""
    p = q.plausible
    if p is None or isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if (p.min is not None and value < p.min) or (p.max is not None and value > p.max):
        return p.message
    return None


def parse_value(q: Question, text: str, options: dict[str, Option]) -> Answer:
    """Read typed or spreadsheet text as an answer to `q`.

    Accepts option codes or labels (Chinese or English), 是/否, numbers with thousands separators or
    full-width digits, dates as 2024-05-01, 2024/5/1 or 2024年5月1日, and 不适用 / 不知道.

    Raises:
        ParseError: the text cannot be read; the message says what is expected.
    """
    raw = text.strip()
    norm = normalise(raw)
    if q.allow_na and norm in NA_WORDS:
        return Answer(special="na")
    if q.allow_dk and norm in DK_WORDS:
        return Answer(special="dk")
    return Answer(value=KINDS[q.kind].parse(q, raw, norm, options))


def display(q: Question, answer: Answer | None, options: dict[str, Option]) -> Text:
    """The answer as the respondent saw it, in both languages."""
    if answer is None or (answer.special is None and not answer.is_real):
        return t("未答", "Not answered")
    if answer.special == "na":
        return NA_TEXT
    if answer.special == "dk":
        return DK_TEXT
    v = answer.value
    if isinstance(v, bool):
        return t("是", "Yes") if v else t("否", "No")
    if isinstance(v, list):
        labels = [options[c].label if c in options else t(c, c) for c in v]
        return t("、".join(x.zh for x in labels), "; ".join(x.get("en") for x in labels))
    if isinstance(v, str) and v in options:
        return options[v].label
    if isinstance(v, int | float):
        unit = q.unit or KINDS[q.kind].unit or t("", "")
        return t(f"{fmt_number(v)} {unit.zh}".strip(), en_quantity(v, unit.get("en")))
    return t(str(v), str(v))
