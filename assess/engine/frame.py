"""Many answer files as columns: one typed numpy column per question, for the batch scorer.

:func:`build_frame` takes answer files already parsed from JSON (plain dicts) and checks each one
while it copies its answers into columns. It accepts a file only when it is certain that the
one-company path would accept it too (strict JSON types, canonical dates, no unknown fields, every
answer valid for its question); anything else is *declined*, not judged: the caller sends a declined
file through :func:`assess.pipeline.evaluate`, which gives the authoritative result or the one-line
error message. So the fast path never decides on a file it does not fully understand.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

from assess.domain.answers import CODE_MAX, ID_MAX, NAME_MAX, NOTE_MAX, AnswerFile
from assess.engine.core import Engine
from assess.engine.kinds import KINDS, Reader, canonical_day
from assess.engine.vector import Col, Decline, Mask

_STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?(Z|[+-]\d\d:\d\d)?")
_TOP = frozenset(AnswerFile.model_fields)
_ANSWER = frozenset({"value", "special", "note", "verified", "to_confirm"})
_SPECIAL = {"__na__": 1, "__dk__": 2}
T = TypeVar("T")


@dataclass
class Frame:
    """The answers of a batch of companies, one column per question (visibility not yet applied)."""

    n: int
    cols: dict[str, Col]
    """Each question's real answers (known = answered with a real value)."""
    special: dict[str, npt.NDArray[np.int8]]
    """1 = not applicable, 2 = don't know, 0 = neither."""
    depth_full: Mask
    assessed: npt.NDArray[np.int64]
    """The date each assessment refers to, as a proleptic ordinal (``date.toordinal``)."""
    accepted: Mask
    """Files taken by the fast path; the others are declined (their answers are left empty)."""


def _text(v: object, limit: int, *, required: bool = False) -> None:
    if v is None and not required:
        return
    if type(v) is not str or len(v) > limit or (required and not v):
        raise Decline


def _iso(v: object, pattern: re.Pattern[str], parse: Callable[[str], T]) -> T:
    """A date or time in the canonical form the app writes (anything else is declined)."""
    if type(v) is not str or not pattern.fullmatch(v):
        raise Decline
    try:
        return parse(v)
    except ValueError:
        raise Decline from None


def _stamp(v: object) -> datetime:
    return _iso(v, _STAMP, datetime.fromisoformat)


def _fields(v: object, allowed: frozenset[str]) -> Mapping[str, Any]:
    if type(v) is not dict or not allowed.issuperset(v):
        raise Decline
    return v


def check_header(doc: object, engine: Engine) -> tuple[bool, date]:
    """Whether the file is of the engine's questionnaire version, well formed (full depth?, assessed on).

    Raises:
        Decline: anything the fast path does not take.
    """
    d = _fields(doc, _TOP)
    if d.get("format", 1) != 1 or type(d.get("format", 1)) is not int:
        raise Decline
    ref = _fields(d.get("questionnaire"), frozenset({"id", "version", "sha256"}))
    if ref.get("id") != engine.questionnaire.id or ref.get("version") != engine.questionnaire.version:
        raise Decline
    if ref.get("sha256") not in (None, engine.sha256):
        raise Decline  # answers given against other wording: the one-company path warns about it
    _text(d.get("response_id"), ID_MAX, required=True)
    company = _fields(d.get("company"), frozenset({"name", "credit_code", "contact"}))
    _text(company.get("name"), NAME_MAX, required=True)
    _text(company.get("credit_code"), CODE_MAX)
    _text(company.get("contact"), NAME_MAX)
    for key in ("respondent", "assessor"):
        _text(d.get(key), NAME_MAX)
    _text(d.get("based_on"), ID_MAX)
    _text(d.get("migrated_from"), 1 << 30)
    for key, allowed in (
        ("mode", ("self", "consultant")),
        ("depth", ("quick", "full")),
        ("language", ("zh", "en")),
        ("status", ("in_progress", "complete")),
    ):
        if key in d and d[key] not in allowed:
            raise Decline
    _text(_fields(d.get("progress", {}), frozenset({"current"})).get("current"), 1 << 30)
    if type(d.get("answers", {})) is not dict:
        raise Decline
    updated = _stamp(d.get("updated_at"))
    _stamp(d.get("created_at"))
    completed = _stamp(d["completed_at"]) if d.get("completed_at") is not None else None
    visit = canonical_day(d["visit_date"]) if d.get("visit_date") is not None else None
    assessed = visit or (completed or updated).date()
    return d.get("depth", "quick") == "full", assessed


def _unpack(answer: object) -> tuple[object, int]:
    """(value, special code) of an answer in any accepted shape (the shorthands included)."""
    if type(answer) is dict:
        a = _fields(answer, _ANSWER)
        _text(a.get("note"), NOTE_MAX)
        if type(a.get("verified", False)) is not bool or type(a.get("to_confirm", False)) is not bool:
            raise Decline
        return a.get("value"), {None: 0, "na": 1, "dk": 2}.get(a.get("special"), -1)
    if type(answer) is str and answer in _SPECIAL:
        return None, _SPECIAL[answer]
    return answer, 0


class _Question:
    """Where one question's answers go, and the check each one passes on the way in (its kind's
    :meth:`~assess.engine.kinds.Kind.reader`).

    Only answered rows are stored (row numbers ascending), so a batch costs what its answers cost."""

    def __init__(self, engine: Engine, qid: str) -> None:
        q = engine.questions[qid]
        self.q = q
        self.kind = KINDS[q.kind]
        self.vocab = tuple(engine.options[qid])
        self.rows: list[int] = []
        self.values: list[Any] = []
        self.special: list[tuple[int, int]] = []
        self.allowed = (0, *((1,) if q.allow_na else ()), *((2,) if q.allow_dk else ()))
        index = {code: i for i, code in enumerate(self.vocab)}
        self.convert: Reader = self.kind.reader(q, index, frozenset(engine.exclusive_codes.get(qid, ())))
        """Checks a real value and gives what the column stores (KeyError / TypeError / Decline if invalid)."""

    def unusual(self, row: int, answer: object) -> object:
        """The value of an answer in a shape other than ``{"value": ...}`` (notes, n/a, shorthands)."""
        value, special = _unpack(answer)
        if special not in self.allowed or (special and value is not None):
            raise Decline
        if special:
            self.special.append((row, special))
        return value

    def drop(self, row: int) -> None:
        """Forget what was stored of `row` (a file declined half way through)."""
        while self.rows and self.rows[-1] == row:
            self.rows.pop()
            self.values.pop()
        while self.special and self.special[-1][0] == row:
            self.special.pop()

    def column(self, n: int) -> Col:
        """The stored answers as a typed column of `n` rows."""
        return self.kind.column(n, np.array(self.rows, dtype=np.int64), self.values, self.vocab)

    def special_column(self, n: int) -> npt.NDArray[np.int8]:
        """1 = not applicable, 2 = don't know, per row."""
        out = np.zeros(n, dtype=np.int8)
        for row, code in self.special:
            out[row] = code
        return out


class FrameBuilder:
    """Takes answer files one at a time (a batch never holds their parsed JSON), then gives the Frame."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.qs = {qid: _Question(engine, qid) for qid in engine.questions}
        self.slots = {qid: (q.convert, q.values.append, q.rows.append, q) for qid, q in self.qs.items()}
        """Per question, the bound methods the inner loop calls (no attribute look-ups per answer)."""
        self.accepted: list[bool] = []
        self.depth_full: list[bool] = []
        self.assessed: list[int] = []

    def add(self, doc: object) -> date | None:
        """Check and store one answer file (parsed JSON): the date it is assessed on, or None when it
        is declined (see the module docstring)."""
        row, slots = len(self.accepted), self.slots
        try:
            full, on = check_header(doc, self.engine)
            for qid, answer in doc.get("answers", {}).items():  # type: ignore[attr-defined]
                convert, put_value, put_row, target = slots[qid]
                if type(answer) is dict and len(answer) == 1 and "value" in answer:
                    value = answer["value"]
                else:
                    value = target.unusual(row, answer)
                if value or (value is not None and value != "" and value != []):  # 0 and false are answers
                    put_value(convert(value))
                    put_row(row)
        except (Decline, KeyError, TypeError):  # an unknown question or option, a value of the wrong type
            for target in self.qs.values():
                target.drop(row)
            full, on = False, date.min
            self.accepted.append(False)
        else:
            self.accepted.append(True)
        self.depth_full.append(full)
        self.assessed.append(on.toordinal())
        return on if self.accepted[-1] else None

    def frame(self) -> Frame:
        """The columns of every file added."""
        n = len(self.accepted)
        return Frame(
            n=n,
            cols={qid: target.column(n) for qid, target in self.qs.items()},
            special={qid: target.special_column(n) for qid, target in self.qs.items()},
            depth_full=np.array(self.depth_full, dtype=bool),
            assessed=np.array(self.assessed, dtype=np.int64),
            accepted=np.array(self.accepted, dtype=bool),
        )


def build_frame(engine: Engine, docs: list[object]) -> Frame:
    """Columns of the answers of `docs` (answer files parsed from JSON); see the module docstring."""
    builder = FrameBuilder(engine)
    for doc in docs:
        builder.add(doc)
    return builder.frame()
