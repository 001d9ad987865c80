"""Checking, parsing and displaying single answers, per question kind.

Used by the TUI (inline errors as the user types), by the spreadsheet importer (cells to values),
by answer-file validation, and by the report (answers as the respondent saw them).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Literal

from assess.domain.answers import DATE_MAX, DATE_MIN, NUMBER_MAX, Answer, AnswerValue
from assess.domain.questionnaire import Option, Question
from assess.domain.text import Text, en_quantity, fmt_number, t

NA_WORDS = frozenset({"不适用", "n/a", "na", "not applicable", "__na__"})
DK_WORDS = frozenset({"不知道", "不清楚", "dk", "don't know", "dont know", "unknown", "__dk__"})
YES_WORDS = frozenset({"是", "有", "yes", "y", "true", "1", "对"})
NO_WORDS = frozenset({"否", "没有", "无", "no", "n", "false", "0", "不是"})
NA_TEXT = t("不适用", "Not applicable")
DK_TEXT = t("不知道", "Don't know")


@dataclass(frozen=True)
class Issue:
    """A problem with an answer: errors block moving on, warnings never do."""

    level: Literal["error", "warning"]
    message: Text


class ParseError(ValueError):
    """Text that cannot be read as an answer to a question; the message is bilingual."""

    def __init__(self, message: Text) -> None:
        self.text = message
        super().__init__(message.en or message.zh)


def normalise(text: str) -> str:
    """Full-width digits and punctuation to ASCII, trimmed, lower case."""
    return unicodedata.normalize("NFKC", text).strip().lower()


def type_issue(q: Question, value: AnswerValue, options: dict[str, Option]) -> Text | None:
    """Why `value` is not a valid answer to `q` (None when it is)."""
    kind = q.kind
    if kind in ("single", "ladder"):
        if not isinstance(value, str) or value not in options:
            return t(f"“{value}”不是此题的选项", f"'{value}' is not an option of this question")
    elif kind == "multi":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return t("多选题的答案应是选项列表", "a multiple-choice answer is a list of options")
        unknown = [v for v in value if v not in options]
        if unknown:
            return t(f"“{unknown[0]}”不是此题的选项", f"'{unknown[0]}' is not an option of this question")
        if len(set(value)) != len(value):
            return t("同一选项选了两次", "an option is selected twice")
        exclusive = [v for v in value if options[v].exclusive]
        if exclusive and len(value) > 1:
            label = options[exclusive[0]].label
            return t(f"选了“{label.zh}”就不能再选其他项", f"'{label.en}' cannot be combined with other options")
        if q.max_selected and len(value) > q.max_selected:
            return t(f"最多选 {q.max_selected} 项", f"choose at most {q.max_selected}")
    elif kind in ("number", "percent"):
        return _number_issue(q, value)
    elif kind == "yesno":
        if not isinstance(value, bool):
            return t("请回答“是”或“否”", "answer yes or no")
    elif kind in ("text", "longtext"):
        if not isinstance(value, str):
            return t("答案应是文字", "the answer must be text")
        if len(value) > q.max_length:
            return t(f"最多 {q.max_length} 个字", f"at most {q.max_length} characters")
    elif kind == "date":
        if not isinstance(value, str):
            return t("日期格式应为 2024-05-01", "a date looks like 2024-05-01")
        try:
            day = date.fromisoformat(value)
        except ValueError:
            return t(f"“{value}”不是有效日期（格式 2024-05-01）", f"'{value}' is not a valid date (2024-05-01)")
        return _date_issue(q, day)
    return None


def _date_issue(q: Question, day: date) -> Text | None:
    """A date outside the years any answer can mean, or in the future where only a past date fits."""
    if q.past_only and day > date.today():
        return t(f"{day.isoformat()} 还没有到，这里应填已经发生的日期", f"{day.isoformat()} is in the future")
    if not DATE_MIN <= day <= DATE_MAX:
        return t(
            f"日期应在 {DATE_MIN.year} 年到 {DATE_MAX.year} 年之间",
            f"the date must lie between {DATE_MIN.year} and {DATE_MAX.year}",
        )
    return None


def plausibility_issue(q: Question, value: AnswerValue) -> Text | None:
    """The question's warning when a valid number lies outside its plausible range (None otherwise)."""
    p = q.plausible
    if p is None or isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if (p.min is not None and value < p.min) or (p.max is not None and value > p.max):
        return p.message
    return None


def _number_issue(q: Question, value: AnswerValue) -> Text | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return t("请填写数字", "enter a number")
    if isinstance(value, int) and abs(value) > NUMBER_MAX:  # checked before any float(): 10**400 overflows
        return _too_large(q)
    if not math.isfinite(value):
        return t("请填写数字", "enter a number")
    if abs(value) > NUMBER_MAX:
        return _too_large(q)
    if q.integer and not float(value).is_integer():
        return t("请填写整数", "enter a whole number")
    lo, hi = q.bounds
    unit = q.unit.zh if q.unit else ("%" if q.kind == "percent" else "")
    unit_en = q.unit.en if q.unit else ("%" if q.kind == "percent" else "")
    if lo is not None and value < lo:
        return t(f"不能小于 {fmt_number(lo)}{unit}", f"must be at least {fmt_number(lo)}{unit_en}")
    if hi is not None and value > hi:
        return t(f"不能大于 {fmt_number(hi)}{unit}", f"must be at most {fmt_number(hi)}{unit_en}")
    return None


def _too_large(q: Question) -> Text:
    unit = q.unit or t("", "")
    return t(
        f"数字太大（绝对值不能超过 {fmt_number(NUMBER_MAX)}{unit.zh}），请核对单位",
        f"the number is too large (at most {fmt_number(NUMBER_MAX)} {unit.get('en')}); check the unit",
    )


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
    value: AnswerValue
    if q.kind in ("single", "ladder"):
        value = _option_code(norm, options)
    elif q.kind == "multi":
        value = _multi_codes(norm, options)
    elif q.kind in ("number", "percent"):
        cleaned = norm.replace(",", "").replace(" ", "").rstrip("%")
        for unit in (q.unit.zh, q.unit.en.lower()) if q.unit else ():
            if unit and cleaned.endswith(unit.lower()):
                cleaned = cleaned[: -len(unit)]
        try:
            num = float(cleaned)
        except ValueError:
            raise ParseError(t(f"“{raw}”不是数字", f"'{raw}' is not a number")) from None
        value = int(num) if num.is_integer() and (q.integer or "." not in cleaned) else num
    elif q.kind == "yesno":
        if norm in YES_WORDS:
            value = True
        elif norm in NO_WORDS:
            value = False
        else:
            raise ParseError(t(f"“{raw}”：请填“是”或“否”", f"'{raw}': answer yes or no"))
    elif q.kind == "date":
        value = _date(raw)
    else:
        value = raw
    return Answer(value=value)


def _multi_codes(norm: str, options: dict[str, Option]) -> list[str]:
    """Codes of a multiple-choice cell. Whole labels are matched first (longest first), so labels
    that contain separators, such as "国家、省或行业标准", are read as one option."""
    labels = sorted(
        ((normalise(lb), code) for code, o in options.items() for lb in (o.label.zh, o.label.en) if lb.strip()),
        key=lambda x: -len(x[0]),
    )
    for label, code in labels:
        if any(sep in label for sep in ",;，；、|"):
            norm = norm.replace(label, f";{code};")
    parts = [p.strip() for p in re.split(r"[,;，；、|\n]+", norm) if p.strip()]
    return list(dict.fromkeys(_option_code(p, options) for p in parts))


def _option_code(norm: str, options: dict[str, Option]) -> str:
    for code, opt in options.items():
        if norm in (code.lower(), normalise(opt.label.zh), normalise(opt.label.en)):
            return code
    if norm.isdigit() and 1 <= int(norm) <= len(options):
        return list(options)[int(norm) - 1]
    raise ParseError(t(f"“{norm}”不是此题的选项", f"'{norm}' is not an option of this question"))


def _date(raw: str) -> str:
    m = re.fullmatch(r"\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*", normalise(raw))
    try:
        if not m:
            raise ValueError
        return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        raise ParseError(t(f"“{raw}”不是有效日期，例如 2024-05-01", f"'{raw}' is not a date like 2024-05-01")) from None


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
        unit = q.unit or (t("%", "%") if q.kind == "percent" else t("", ""))
        return t(f"{fmt_number(v)} {unit.zh}".strip(), en_quantity(v, unit.get("en")))
    return t(str(v), str(v))
