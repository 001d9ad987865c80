"""The kind registry: everything the core does differently per question kind, one class per kind.

A question kind's behaviour lives here and nowhere else in the core: how an answer value is checked
(:meth:`Kind.issue`), read from typed or spreadsheet text (:meth:`Kind.parse`), scored by the explained
engine (:meth:`Kind.score`) and by the batch engine (:meth:`Kind.reader` / :meth:`Kind.column` encode it
as a numpy column, :meth:`Kind.batch_scores` scores that column), how ``assess validate`` checks a
literal compared with it (:meth:`Kind.literal_problem`), how what-if varies it (:attr:`Kind.vary`,
:meth:`Kind.candidates`), how it is synthesised (:meth:`Kind.synth`) and offered in the collection
spreadsheet (:attr:`Kind.prompt`, :meth:`Kind.cell_choices`). Adding a kind means adding its name to
:data:`assess.domain.questionnaire.QuestionKind` (the file format) and one class to :data:`KINDS`;
``tests/unit/test_ops.py`` fails until it has a cross-engine case.

Values are stored in their canonical form: an option code, a list of codes, a number, true/false, a
text, a date as ``2024-05-01``.
"""

from __future__ import annotations

import math
import random
import re
import unicodedata
from collections.abc import Callable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from assess.domain.answers import DATE_MAX, DATE_MIN, NUMBER_MAX, AnswerValue
from assess.domain.questionnaire import Option, Question, QuestionKind
from assess.domain.text import Lang, Text, fmt_number, t
from assess.engine.vector import Col, Decline, Floats

if TYPE_CHECKING:
    import numpy as np
else:
    from assess.engine.lazy_numpy import np  # the app never needs the batch forms: numpy on first use

Vary = Literal["choice", "multi", "yesno", "number"]
"""How what-if varies an answer: try other options, add an option, flip it, or bisect a number."""
Reader = Callable[[Any], object]
"""Checks one value of an answer file (parsed JSON) and gives what the batch column stores; raises
:class:`~assess.engine.vector.Decline`, KeyError or TypeError when the one-company path must decide."""

YES_WORDS = frozenset({"是", "有", "yes", "y", "true", "1", "对"})
NO_WORDS = frozenset({"否", "没有", "无", "no", "n", "false", "0", "不是"})
DATE_FORM = re.compile(r"\d{4}-\d\d-\d\d")
"""The canonical form of a date in answer files."""


class ParseError(ValueError):
    """Text that cannot be read as an answer to a question; the message is bilingual."""

    def __init__(self, message: Text) -> None:
        self.text = message
        super().__init__(message.en or message.zh)


def normalise(text: str) -> str:
    """Full-width digits and punctuation to ASCII, trimmed, lower case."""
    return unicodedata.normalize("NFKC", text).strip().lower()


def canonical_day(v: object) -> date:
    """A date in its canonical form (``2024-05-01``); anything else is declined by the fast path."""
    if type(v) is not str or not DATE_FORM.fullmatch(v):
        raise Decline
    try:
        return date.fromisoformat(v)
    except ValueError:
        raise Decline from None


def wide_number(lo: float | None, hi: float | None, integer: bool, rng: random.Random) -> float | None:
    """A number log-uniform over 10^-3 … 10^13 (clamped to the bounds), whole or with 1–3 decimals:
    the magnitudes where float rounding of two engines could drift apart. None when none fits."""
    lo_v, hi_v = lo if lo is not None else 0.0, hi if hi is not None else 1e13
    x = min(max(10 ** rng.uniform(-3, 13), lo_v), hi_v)
    x = float(round(x)) if integer else round(x, rng.choice([0, 1, 2, 3]))
    return x if lo_v <= x <= hi_v else None


def _nan(col: Col) -> Floats:
    return np.full(len(col.known), np.nan)


def _known(n: int, rows: Any) -> Any:
    """A mask of `n` companies, true at `rows`."""
    known = np.zeros(n, dtype=bool)
    known[rows] = True
    return known


def _numbers(n: int, rows: Any, values: list[Any]) -> Floats:
    """`values` at `rows` of a column of `n` numbers, NaN elsewhere."""
    num = np.full(n, np.nan)
    num[rows] = values
    return num


class Kind:
    """One question kind's behaviour (the base class: a kind that is neither scored nor varied)."""

    name: ClassVar[QuestionKind]
    choice: ClassVar[bool] = False
    """Answered from options (``options`` required)."""
    numeric: ClassVar[bool] = False
    """A number: compared with numbers, scored by bands, has a plausible range."""
    multiple: ClassVar[bool] = False
    """Several options at once (read by ``selected`` / ``count_selected``)."""
    dated: ClassVar[bool] = False
    """A date (read by ``years_since``)."""
    on_form: ClassVar[bool] = False
    """A one-line input, so it may be asked on a form with others."""
    quick_fix: ClassVar[bool] = False
    """A change of this answer is a decision a company can carry out within 90 days (plan horizon)."""
    vary: ClassVar[Vary | None] = None
    """How what-if varies it (None: what-if never changes it)."""
    unit: ClassVar[Text | None] = None
    """The unit shown when the question names none."""
    prompt: ClassVar[Text]
    """How to fill in a spreadsheet cell of this kind."""

    # ---------------------------------------------------------------- answers

    def issue(self, q: Question, value: AnswerValue, options: Mapping[str, Option]) -> Text | None:
        """Why `value` is not a valid answer to `q` (None when it is)."""
        return None

    def parse(self, q: Question, raw: str, norm: str, options: Mapping[str, Option]) -> AnswerValue:
        """The value of text typed or read from a spreadsheet (`norm` is :func:`normalise` of `raw`)."""
        return raw

    def literal_problem(self, q: Question, codes: set[str], value: object) -> str | None:
        """Why a rule cannot compare this question with `value` (``assess validate``), or None."""
        return None

    # ---------------------------------------------------------------- scoring, explained engine

    def scorable(self, q: Question, options_scored: bool) -> bool:
        """Whether the question can earn points in a dimension (`options_scored`: an option has a score)."""
        return False

    def score(self, q: Question, v: AnswerValue | None, options: Mapping[str, Option]) -> float | None:
        """0–100 points of a real answer `v` (None when unscored)."""
        return None

    # ---------------------------------------------------------------- batch engine

    def reader(self, q: Question, index: Mapping[str, int], exclusive: frozenset[str]) -> Reader:
        """The check and encoding of one value on the fast path (`index`: option code → column)."""
        limit = q.max_length

        def read(v: object) -> object:
            if type(v) is not str or len(v) > limit:
                raise Decline
            return v

        return read

    def column(self, n: int, rows: Any, values: list[Any], vocab: tuple[str, ...]) -> Col:
        """The values a reader gave, at `rows` (ascending), as a column of `n` companies."""
        text = np.full(n, None, dtype=object)
        text[rows] = values
        return Col("text", _known(n, rows), text=text)

    def batch_scores(self, q: Question, col: Col, table: Floats) -> Floats:
        """Points per company, as :meth:`score` gives them (NaN when unscored); `table`: option scores."""
        return _nan(col)

    def batch_exact(self, scores: list[float]) -> bool:
        """Whether the batch engine adds these option scores up exactly in any order."""
        return True

    # ---------------------------------------------------------------- synthesis, what-if, spreadsheet

    def synth(
        self, q: Question, codes: list[str], exclusive: frozenset[str], rng: random.Random, wide: bool
    ) -> AnswerValue | None:
        """A random valid answer (None: left unanswered); `wide`: numbers of any magnitude."""
        return "测试"

    def candidates(
        self, cur: AnswerValue | None, options: Mapping[str, Option], exclusive: frozenset[str]
    ) -> list[AnswerValue]:
        """Values what-if tries instead of `cur`, smallest step first (numbers are bisected instead)."""
        return []

    def cell_choices(self, options: Mapping[str, Option], lang: Lang) -> list[str]:
        """The drop-down list of a spreadsheet cell (empty: typed freely)."""
        return []


class Single(Kind):
    name: ClassVar[QuestionKind] = "single"
    choice = True
    quick_fix = True
    vary = "choice"
    prompt = Text(zh="单选：从下拉列表选择", en="single choice: pick from the list")

    def issue(self, q: Question, value: AnswerValue, options: Mapping[str, Option]) -> Text | None:
        if not isinstance(value, str) or value not in options:
            return t(f"“{value}”不是此题的选项", f"'{value}' is not an option of this question")
        return None

    def parse(self, q: Question, raw: str, norm: str, options: Mapping[str, Option]) -> AnswerValue:
        return _option_code(norm, options)

    def literal_problem(self, q: Question, codes: set[str], value: object) -> str | None:
        if not isinstance(value, str) or value not in codes:
            return f"{value!r} is not an option code of {q.id} ({', '.join(sorted(codes))})"
        return None

    def scorable(self, q: Question, options_scored: bool) -> bool:
        return options_scored

    def score(self, q: Question, v: AnswerValue | None, options: Mapping[str, Option]) -> float | None:
        if isinstance(v, str):
            return options[v].score if v in options else None
        return None

    def reader(self, q: Question, index: Mapping[str, int], exclusive: frozenset[str]) -> Reader:
        return index.__getitem__

    def column(self, n: int, rows: Any, values: list[Any], vocab: tuple[str, ...]) -> Col:
        codes = np.full(n, -1, dtype=np.int32)
        codes[rows] = values
        return Col("code", _known(n, rows), codes=codes, vocab=vocab)

    def batch_scores(self, q: Question, col: Col, table: Floats) -> Floats:
        if col.codes is None:
            return _nan(col)
        return np.where(col.known, table[col.codes], np.nan)

    def synth(
        self, q: Question, codes: list[str], exclusive: frozenset[str], rng: random.Random, wide: bool
    ) -> AnswerValue | None:
        return rng.choice(codes)

    def candidates(
        self, cur: AnswerValue | None, options: Mapping[str, Option], exclusive: frozenset[str]
    ) -> list[AnswerValue]:
        now = options[cur].score if isinstance(cur, str) and cur in options else None
        if now is not None and all(o.score is not None for o in options.values()):
            up = [o for o in options.values() if o.score is not None and o.score > now]
            return [o.code for o in sorted(up, key=lambda o: o.score or 0)]
        return [code for code in options if code != cur]

    def cell_choices(self, options: Mapping[str, Option], lang: Lang) -> list[str]:
        return [o.label.get(lang) for o in options.values()]


class Ladder(Single):
    """A single choice whose options are concrete states, one step after another."""

    name: ClassVar[QuestionKind] = "ladder"
    quick_fix = False  # climbing a step of a ladder takes longer than a decision
    prompt = Text(zh="阶梯题：选最符合现状的一项", en="ladder: pick the state that matches today")


class Multi(Kind):
    name: ClassVar[QuestionKind] = "multi"
    choice = True
    multiple = True
    quick_fix = True
    vary = "multi"
    prompt = Text(zh="多选：用“、”或“;”分隔多项", en="multiple choice: separate options with ; or 、")

    def issue(self, q: Question, value: AnswerValue, options: Mapping[str, Option]) -> Text | None:
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
        return None

    def parse(self, q: Question, raw: str, norm: str, options: Mapping[str, Option]) -> AnswerValue:
        """Whole labels are matched first (longest first), so labels that contain separators, such as
        "国家、省或行业标准", are read as one option."""
        labels = sorted(
            ((normalise(lb), code) for code, o in options.items() for lb in (o.label.zh, o.label.en) if lb.strip()),
            key=lambda x: -len(x[0]),
        )
        for label, code in labels:
            if any(sep in label for sep in ",;，；、|"):
                norm = norm.replace(label, f";{code};")
        parts = [p.strip() for p in re.split(r"[,;，；、|\n]+", norm) if p.strip()]
        return list(dict.fromkeys(_option_code(p, options) for p in parts))

    def literal_problem(self, q: Question, codes: set[str], value: object) -> str | None:
        return f"{q.id} is multiple choice: use op 'selected'"

    def scorable(self, q: Question, options_scored: bool) -> bool:
        return options_scored

    def score(self, q: Question, v: AnswerValue | None, options: Mapping[str, Option]) -> float | None:
        if not isinstance(v, list):
            return None
        scores = [options[c].score for c in v if c in options]
        known = [s for s in scores if s is not None]
        return min(100.0, sum(known)) if known else None

    def reader(self, q: Question, index: Mapping[str, int], exclusive: frozenset[str]) -> Reader:
        codeset = frozenset(index)
        most = q.max_selected or len(index)

        def read(v: Any) -> object:
            if type(v) is not list or not codeset.issuperset(v) or len(set(v)) != len(v):
                raise Decline  # not a list, an unknown code, or a code twice
            if (len(v) > 1 and not exclusive.isdisjoint(v)) or len(v) > most:
                raise Decline
            return v

        return read

    def column(self, n: int, rows: Any, values: list[Any], vocab: tuple[str, ...]) -> Col:
        known = _known(n, rows)
        index = {code: i for i, code in enumerate(vocab)}
        matrix = np.zeros((n, len(vocab)), dtype=bool)
        sizes = np.fromiter(map(len, values), dtype=np.int64, count=len(values))
        picks = np.fromiter((index[code] for v in values for code in v), dtype=np.int64)
        matrix[np.repeat(rows, sizes), picks] = True
        return Col("list", known, matrix=matrix, vocab=vocab)

    def batch_scores(self, q: Question, col: Col, table: Floats) -> Floats:
        if col.matrix is None:
            return _nan(col)
        has = ~np.isnan(table)
        total = col.matrix.astype(np.float64) @ np.where(has, table, 0.0)
        scored = col.known & (col.matrix @ has.astype(np.int64) > 0)
        return np.where(scored, np.minimum(100.0, total), np.nan)

    def batch_exact(self, scores: list[float]) -> bool:
        return all((s * 64).is_integer() for s in scores)

    def synth(
        self, q: Question, codes: list[str], exclusive: frozenset[str], rng: random.Random, wide: bool
    ) -> AnswerValue | None:
        plain = [c for c in codes if c not in exclusive]
        k = rng.randint(1, min(len(plain), q.max_selected or len(plain))) if plain else 0
        return rng.sample(plain, k) if k else codes[:1]

    def candidates(
        self, cur: AnswerValue | None, options: Mapping[str, Option], exclusive: frozenset[str]
    ) -> list[AnswerValue]:
        have = [c for c in (cur if isinstance(cur, list) else []) if c not in exclusive]
        return [[*have, code] for code in options if code not in have and code not in exclusive]

    def cell_choices(self, options: Mapping[str, Option], lang: Lang) -> list[str]:
        return [o.label.get(lang) for o in options.values()]


class YesNo(Kind):
    name: ClassVar[QuestionKind] = "yesno"
    quick_fix = True
    vary = "yesno"
    prompt = Text(zh="是/否", en="yes/no")

    def issue(self, q: Question, value: AnswerValue, options: Mapping[str, Option]) -> Text | None:
        return None if isinstance(value, bool) else t("请回答“是”或“否”", "answer yes or no")

    def parse(self, q: Question, raw: str, norm: str, options: Mapping[str, Option]) -> AnswerValue:
        if norm in YES_WORDS:
            return True
        if norm in NO_WORDS:
            return False
        raise ParseError(t(f"“{raw}”：请填“是”或“否”", f"'{raw}': answer yes or no"))

    def literal_problem(self, q: Question, codes: set[str], value: object) -> str | None:
        if not isinstance(value, bool):
            return f"{q.id} is yes/no: compare with true or false, not {value!r}"
        return None

    def scorable(self, q: Question, options_scored: bool) -> bool:
        return True

    def score(self, q: Question, v: AnswerValue | None, options: Mapping[str, Option]) -> float | None:
        return (100.0 if v else 0.0) if isinstance(v, bool) else None

    def reader(self, q: Question, index: Mapping[str, int], exclusive: frozenset[str]) -> Reader:
        def read(v: object) -> object:
            if type(v) is not bool:
                raise Decline
            return 1.0 if v else 0.0

        return read

    def column(self, n: int, rows: Any, values: list[Any], vocab: tuple[str, ...]) -> Col:
        return Col("bool", _known(n, rows), num=_numbers(n, rows, values))

    def batch_scores(self, q: Question, col: Col, table: Floats) -> Floats:
        if col.num is None:
            return _nan(col)
        return np.where(col.known, col.num * 100.0, np.nan)

    def synth(
        self, q: Question, codes: list[str], exclusive: frozenset[str], rng: random.Random, wide: bool
    ) -> AnswerValue | None:
        return rng.random() < 0.5

    def candidates(
        self, cur: AnswerValue | None, options: Mapping[str, Option], exclusive: frozenset[str]
    ) -> list[AnswerValue]:
        return [not cur]

    def cell_choices(self, options: Mapping[str, Option], lang: Lang) -> list[str]:
        return ["是", "否"] if lang == "zh" else ["yes", "no"]


class Number(Kind):
    name: ClassVar[QuestionKind] = "number"
    numeric = True
    on_form = True
    vary = "number"
    prompt = Text(zh="数字", en="number")

    def _unit(self, q: Question) -> Text:
        return q.unit or self.unit or t("", "")

    def issue(self, q: Question, value: AnswerValue, options: Mapping[str, Option]) -> Text | None:
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
        unit = self._unit(q)
        if lo is not None and value < lo:
            return t(f"不能小于 {fmt_number(lo)}{unit.zh}", f"must be at least {fmt_number(lo)}{unit.en}")
        if hi is not None and value > hi:
            return t(f"不能大于 {fmt_number(hi)}{unit.zh}", f"must be at most {fmt_number(hi)}{unit.en}")
        return None

    def parse(self, q: Question, raw: str, norm: str, options: Mapping[str, Option]) -> AnswerValue:
        cleaned = norm.replace(",", "").replace(" ", "").rstrip("%")
        for unit in (q.unit.zh, q.unit.en.lower()) if q.unit else ():
            if unit and cleaned.endswith(unit.lower()):
                cleaned = cleaned[: -len(unit)]
        try:
            num = float(cleaned)
        except ValueError:
            raise ParseError(t(f"“{raw}”不是数字", f"'{raw}' is not a number")) from None
        return int(num) if num.is_integer() and (q.integer or "." not in cleaned) else num

    def literal_problem(self, q: Question, codes: set[str], value: object) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return f"{q.id} is a number: compare with a number, not {value!r}"
        return None

    def scorable(self, q: Question, options_scored: bool) -> bool:
        return bool(q.bands)

    def score(self, q: Question, v: AnswerValue | None, options: Mapping[str, Option]) -> float | None:
        if isinstance(v, int | float) and q.bands:
            for band in q.bands:
                if (band.min is None or v >= band.min) and (band.max is None or v < band.max):
                    return band.score
        return None

    def reader(self, q: Question, index: Mapping[str, int], exclusive: frozenset[str]) -> Reader:
        lo_q, hi_q = q.bounds
        lo = max(lo_q, -NUMBER_MAX) if lo_q is not None else -NUMBER_MAX
        hi = min(hi_q, NUMBER_MAX) if hi_q is not None else NUMBER_MAX
        integer = q.integer

        def read(v: Any) -> object:
            kind = type(v)
            if (kind is int or kind is float) and lo <= v <= hi:  # NaN and infinities fail here
                if kind is int or not integer or v.is_integer():
                    return float(v)
            raise Decline

        return read

    def column(self, n: int, rows: Any, values: list[Any], vocab: tuple[str, ...]) -> Col:
        return Col("num", _known(n, rows), num=_numbers(n, rows, values))

    def batch_scores(self, q: Question, col: Col, table: Floats) -> Floats:
        if col.num is None or not q.bands:
            return _nan(col)
        out, open_ = np.full(len(col.known), np.nan), col.known.copy()
        for band in q.bands:
            v = col.num
            hit = (
                open_
                & (v >= band.min if band.min is not None else True)
                & (v < band.max if band.max is not None else True)
            )
            out, open_ = np.where(hit, band.score, out), open_ & ~hit
        return out

    def synth(
        self, q: Question, codes: list[str], exclusive: frozenset[str], rng: random.Random, wide: bool
    ) -> AnswerValue | None:
        lo, hi = q.bounds
        if wide and rng.random() < 0.7 and (x := wide_number(lo, hi, q.integer, rng)) is not None:
            return x
        lo_v, hi_v = (lo if lo is not None else 0.0), (hi if hi is not None else max(1000.0, (lo or 0) + 1000))
        hi_v = min(hi_v, lo_v + 5000)
        return rng.randint(int(lo_v) + (0 if float(lo_v).is_integer() else 1), int(hi_v))


class Percent(Number):
    """A number from 0 to 100 (unless narrowed), in %."""

    name: ClassVar[QuestionKind] = "percent"
    unit = Text(zh="%", en="%")
    prompt = Text(zh="百分比（0–100）", en="percentage (0–100)")


class TextKind(Kind):
    """A one-line text (a name, a contact): kept as typed, never scored."""

    name: ClassVar[QuestionKind] = "text"
    on_form = True
    prompt = Text(zh="文字", en="text")

    def issue(self, q: Question, value: AnswerValue, options: Mapping[str, Option]) -> Text | None:
        if not isinstance(value, str):
            return t("答案应是文字", "the answer must be text")
        if len(value) > q.max_length:
            return t(f"最多 {q.max_length} 个字", f"at most {q.max_length} characters")
        return None


class LongText(TextKind):
    """Several lines of text (notes): not on a form."""

    name: ClassVar[QuestionKind] = "longtext"
    on_form = False


class DateKind(Kind):
    """A calendar day, stored as ``2024-05-01``; read as years since by ``years_since``."""

    name: ClassVar[QuestionKind] = "date"
    dated = True
    on_form = True
    prompt = Text(zh="日期，如 2024-05-01", en="date, e.g. 2024-05-01")

    def issue(self, q: Question, value: AnswerValue, options: Mapping[str, Option]) -> Text | None:
        if not isinstance(value, str):
            return t("日期格式应为 2024-05-01", "a date looks like 2024-05-01")
        try:
            day = date.fromisoformat(value)
        except ValueError:
            return t(f"“{value}”不是有效日期（格式 2024-05-01）", f"'{value}' is not a valid date (2024-05-01)")
        if q.past_only and day > date.today():
            return t(f"{day.isoformat()} 还没有到，这里应填已经发生的日期", f"{day.isoformat()} is in the future")
        if not DATE_MIN <= day <= DATE_MAX:
            return t(
                f"日期应在 {DATE_MIN.year} 年到 {DATE_MAX.year} 年之间",
                f"the date must lie between {DATE_MIN.year} and {DATE_MAX.year}",
            )
        return None

    def parse(self, q: Question, raw: str, norm: str, options: Mapping[str, Option]) -> AnswerValue:
        m = re.fullmatch(r"\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*", normalise(raw))
        try:
            if not m:
                raise ValueError
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            raise ParseError(
                t(f"“{raw}”不是有效日期，例如 2024-05-01", f"'{raw}' is not a date like 2024-05-01")
            ) from None

    def reader(self, q: Question, index: Mapping[str, int], exclusive: frozenset[str]) -> Reader:
        past_only = q.past_only

        def read(v: object) -> object:
            day = canonical_day(v)
            if not DATE_MIN <= day <= (min(DATE_MAX, date.today()) if past_only else DATE_MAX):
                raise Decline  # the one-company path words the error
            return (v, day.toordinal())

        return read

    def column(self, n: int, rows: Any, values: list[Any], vocab: tuple[str, ...]) -> Col:
        text = np.full(n, None, dtype=object)
        text[rows] = [v[0] for v in values]
        return Col("text", _known(n, rows), num=_numbers(n, rows, [v[1] for v in values]), text=text)

    def synth(
        self, q: Question, codes: list[str], exclusive: frozenset[str], rng: random.Random, wide: bool
    ) -> AnswerValue | None:
        return f"{rng.randint(1995, 2023)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _option_code(norm: str, options: Mapping[str, Option]) -> str:
    for code, opt in options.items():
        if norm in (code.lower(), normalise(opt.label.zh), normalise(opt.label.en)):
            return code
    if norm.isdigit() and 1 <= int(norm) <= len(options):
        return list(options)[int(norm) - 1]
    raise ParseError(t(f"“{norm}”不是此题的选项", f"'{norm}' is not an option of this question"))


def _too_large(q: Question) -> Text:
    unit = q.unit or t("", "")
    return t(
        f"数字太大（绝对值不能超过 {fmt_number(NUMBER_MAX)}{unit.zh}），请核对单位",
        f"the number is too large (at most {fmt_number(NUMBER_MAX)} {unit.get('en')}); check the unit",
    )


KINDS: dict[str, Kind] = {
    k.name: k() for k in (Single, Ladder, Multi, YesNo, Number, Percent, TextKind, LongText, DateKind)
}
"""Question kind → its behaviour; one entry per :data:`~assess.domain.questionnaire.QuestionKind`."""


def kind_of(q: Question) -> Kind:
    """The behaviour of `q`'s kind."""
    return KINDS[q.kind]
