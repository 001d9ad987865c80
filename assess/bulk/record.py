"""What a worker hands back about one scored assessment: its compact facts and its rows, formatted.

:class:`Record` holds the facts the summary, the follow-up list and the re-assessment bookkeeping use.
:class:`Rows` holds the assessment's lines of results.csv, results.xlsx and followup.csv, already
formatted by the worker (where the work runs in parallel): the parent only fills in what it alone
knows (the row number, the report file, the change since a previous assessment) and writes.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, fields
from operator import attrgetter
from typing import Any

Label = tuple[str, str]
"""(zh, en)."""

ROW = "\x00"
"""Stands for the row number in :class:`Rows`' XML (never in a cell: :func:`assess.domain.sanitize.clean` drops it)."""


@dataclass(slots=True)
class Record:
    """The compact facts of one scored assessment that the tables and the summary use."""

    response_id: str
    company: str
    credit_code: str | None
    contact: str | None
    questionnaire: str
    version: str
    status: str
    depth: str
    assessed_on: str
    region: tuple[str, Label] | None
    sector: tuple[str, Label] | None
    overall: tuple[float | None, str, Label]
    ai: tuple[float | None, str, Label]
    blocked: list[tuple[str, str, Label]]
    """(index, level id, floor label) of each floor that kept a level back."""
    dims: dict[str, float | None]
    blocks: dict[str, float | None]
    supports: dict[str, str]
    answered: int
    shown: int

    def __reduce__(self) -> tuple[type[Record], tuple[Any, ...]]:
        return Record, _RECORD(self)  # a plain tuple: pickled to the parent and to the spool, 10,000s of times

    def company_key(self) -> str:
        """Who the assessment is about: the credit code, else the normalised name."""
        if self.credit_code and self.credit_code.strip():
            return "code:" + self.credit_code.strip().upper()
        return "name:" + "".join(unicodedata.normalize("NFKC", self.company).split()).lower()


@dataclass(slots=True)
class Rows:
    """One assessment's lines of the tables, formatted (and encoded) but for what only the parent knows.

    The columns the parent fills in (report file, previous assessment, level then → now) are the
    last four of the core columns: in results.csv they sit between :attr:`csv_head` and
    :attr:`csv_tail`, in the results sheet they end the row after :attr:`results`."""

    csv_head: bytes
    """results.csv up to and including the comma before the parent's columns."""
    csv_tail: bytes
    """results.csv from the comma after the parent's columns, with the line end."""
    results: bytes
    """The results sheet's ``<row>`` and its cells before the parent's (no ``</row>``)."""
    scores: bytes
    """The whole ``<row>`` of the dimension scores sheet."""
    supports: bytes
    """The whole ``<row>`` of the supports sheet."""
    follow: bytes
    """The lines of followup.csv (empty when no support applies)."""

    def __reduce__(self) -> tuple[type[Rows], tuple[Any, ...]]:
        return Rows, _ROWS(self)


_RECORD = attrgetter(*(f.name for f in fields(Record)))
_ROWS = attrgetter(*(f.name for f in fields(Rows)))
