"""Re-assessments in one bulk run: the newest assessment per company counts, the older ones are superseded.

A folder often holds a company's first assessment and its re-assessment a year later. Both are valid;
the results and the summary count the company once, with its newest assessment, and show the change
since the previous one ("level then → now"). The older one is listed in ``superseded.csv`` (not an error).

Which is newest is only known once every input is read, so scored records are spooled to a temporary
file in the output folder and written to the tables at the end; memory holds two small entries per
company, never the records. An entry's repeated texts (dates, level codes) are interned: a run of
20,000 companies keeps about 0.3 KB per company.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from .outputs import TMP_PREFIX
from .record import Record

SUPERSEDED_HEADER = [
    "input",
    "row",
    "response_id",
    "company",
    "credit_code",
    "assessed_on",
    "overall_level",
    "ai_level",
    "superseded_by",
    "superseded_by_response_id",
]


@dataclass(frozen=True, slots=True)
class Seen:
    """What is kept per company while the run reads its inputs."""

    seq: int
    """Input order."""
    where: str
    response_id: str
    assessed_on: str
    overall: str
    ai: str

    @property
    def rank(self) -> tuple[str, int]:
        """(assessed on, input order): the later date wins; on the same date, the later input."""
        return self.assessed_on, self.seq

    @classmethod
    def of(cls, rec: Record, seq: int, where: str) -> Seen:
        """The entry of a scored record (dates and level codes shared between entries)."""
        day, overall, ai = sys.intern(rec.assessed_on), sys.intern(rec.overall[1]), sys.intern(rec.ai[1])
        return cls(seq, where, rec.response_id, day, overall, ai)


class Newest:
    """The newest and the previous assessment of each company (credit code, else name)."""

    def __init__(self) -> None:
        self.best: dict[str, Seen] = {}
        self.prev: dict[str, Seen] = {}

    def see(self, key: str, s: Seen) -> bool:
        """Record an assessment; True when it is (so far) the newest of its company."""
        best = self.best.get(key)
        if best is None or s.rank > best.rank:
            if best is not None:
                self.prev[key] = best
            self.best[key] = s
            return True
        prev = self.prev.get(key)
        if prev is None or s.rank > prev.rank:
            self.prev[key] = s
        return False

    def superseded_by(self, key: str, seq: int) -> Seen | None:
        """The newer assessment that supersedes input `seq` (None when `seq` is the newest)."""
        best = self.best[key]
        return None if best.seq == seq else best

    def previous(self, key: str) -> Seen | None:
        """The assessment before the newest one, if the run has one."""
        return self.prev.get(key)


class Spool:
    """Pickled records in a temporary file of the output folder, read back once in the same order."""

    def __init__(self, folder: Path) -> None:
        fd, name = tempfile.mkstemp(prefix=TMP_PREFIX, suffix=".spool", dir=folder)
        self.path = Path(name)
        self.file: IO[bytes] = os.fdopen(fd, "w+b")
        self.count = 0

    def add(self, item: Any) -> None:
        """Append one item."""
        pickle.dump(item, self.file, protocol=pickle.HIGHEST_PROTOCOL)
        self.count += 1

    def replay(self) -> Iterator[Any]:
        """Every item, in the order added (the spool is then removed)."""
        self.file.flush()
        self.file.seek(0)
        for _ in range(self.count):
            yield pickle.load(self.file)
        self.abort()

    def abort(self) -> None:
        """Remove the spool file."""
        with contextlib.suppress(OSError):
            self.file.close()
        with contextlib.suppress(OSError):
            self.path.unlink()
