"""The answer file: what an assessment saves (JSON), read by the app, the CLI and bulk mode.

Answers are keyed by question id and hold codes, never labels. A plain value is accepted as
shorthand for ``{"value": ...}`` (handy in spreadsheets and tests). Results are never stored here.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from assess.domain.text import Lang

AnswerValue = str | bool | int | float | list[str]
"""A code, yes/no, a number, a text or date (ISO string), or a list of codes."""

ANSWER_FORMAT = 1

# The limits of the format. Each has one home, here: the models below, the fast batch reader
# (assess.engine.frame), the app's input boxes and the README all use these constants.
ID_MAX = 64
"""Longest response id (also ``based_on``)."""
NAME_MAX = 200
"""Longest company name, contact, respondent or assessor name."""
CODE_MAX = 40
"""Longest unified social credit code."""
NOTE_MAX = 4000
"""Longest consultant note on one answer."""
NUMBER_MAX = 1e15
"""Largest magnitude of a number answer (beyond it no figure is real; floats stay exact below it)."""
DATE_MIN = date(1900, 1, 1)
DATE_MAX = date(2199, 12, 31)
"""Dates outside these are typing mistakes, whatever the question."""
FILE_MAX_BYTES = 5 * 1024 * 1024
"""Largest answer file read (5 MiB; a complete full diagnosis is about 20 KiB)."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


def _bare_or_object(schema: dict[str, Any]) -> None:
    """The JSON Schema of an answer as files write it: the object form, or the bare-value shorthand
    (``"p_employees": 260``, ``"__na__"``, ``null``) that :meth:`Answer._shorthand` reads."""
    full = dict(schema)
    schema.clear()
    schema["description"] = full.pop("description", "")
    schema["anyOf"] = [
        full,
        {"type": ["string", "boolean", "number", "null"], "title": "Bare value"},
        {"type": "array", "items": {"type": "string"}, "title": "Bare list of option codes"},
    ]


class Answer(_Model):
    """One answer, with the consultant's note and "verified onsite" flag."""

    model_config = ConfigDict(extra="forbid", defer_build=True, json_schema_extra=_bare_or_object)

    value: AnswerValue | None = None
    special: Literal["na", "dk"] | None = None
    """``na`` = not applicable, ``dk`` = don't know (then `value` is empty)."""
    note: str | None = Field(default=None, max_length=NOTE_MAX)
    verified: bool = False
    """Checked onsite by the consultant."""
    to_confirm: bool = False
    """Pre-filled from an earlier assessment; the respondent has not confirmed it yet."""

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: object) -> object:
        if isinstance(data, dict):
            return data
        if isinstance(data, str) and data in ("__na__", "__dk__"):
            return {"special": data.strip("_")}
        return {"value": data}

    @property
    def is_given(self) -> bool:
        """Answered at all: a real value, "not applicable" or "don't know" (what progress counts)."""
        return self.special is not None or self.is_real

    @property
    def is_real(self) -> bool:
        """A real answer: not empty, not n/a, not don't-know."""
        return self.special is None and self.value is not None and self.value != [] and self.value != ""


class QuestionnaireRef(_Model):
    """Which questionnaire version the answers belong to."""

    id: str
    version: str
    sha256: str | None = None
    """Content hash of the definition the answers were given against."""


class Company(_Model):
    """Who the assessment is about. Free text, never trusted: escaped wherever it is shown."""

    name: str = Field(min_length=1, max_length=NAME_MAX)
    credit_code: str | None = Field(default=None, max_length=CODE_MAX)
    """统一社会信用代码, if given."""
    contact: str | None = Field(default=None, max_length=NAME_MAX)


class Progress(_Model):
    """Where the respondent was (UI state, kept apart from the answers)."""

    current: str | None = None


class AnswerFile(_Model):
    """A saved assessment."""

    format: Literal[1] = 1
    questionnaire: QuestionnaireRef
    response_id: str = Field(min_length=1, max_length=ID_MAX)
    company: Company
    respondent: str | None = Field(default=None, max_length=NAME_MAX)
    mode: Literal["self", "consultant"] = "self"
    assessor: str | None = Field(default=None, max_length=NAME_MAX)
    visit_date: date | None = None
    depth: Literal["quick", "full"] = "quick"
    language: Lang = "zh"
    status: Literal["in_progress", "complete"] = "in_progress"
    created_at: datetime
    updated_at: datetime
    completed_at: datetime | None = None
    answers: dict[str, Answer] = Field(default_factory=dict)
    progress: Progress = Field(default_factory=Progress)
    based_on: str | None = Field(default=None, max_length=ID_MAX)
    """response_id of the earlier assessment (T0) this re-assessment started from."""
    migrated_from: str | None = None
    """Questionnaire version the answers were migrated from."""

    @property
    def assessed_on(self) -> date:
        """The date the assessment refers to (visit date, completion, or last change)."""
        if self.visit_date:
            return self.visit_date
        return (self.completed_at or self.updated_at).date()
