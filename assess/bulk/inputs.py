"""Expanding ``assess bulk`` inputs (files, folders, globs, spreadsheets) into a stream of work items.

Everything is a generator: folders are walked lazily (one directory listing at a time, sorted so
runs are reproducible), spreadsheets are read row by row. Problems found here (a missing path, an
unreadable spreadsheet, an unknown column) become :class:`InputError` items in the same stream, in
input order, so one bad input never stops the batch.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from assess.domain.errors import AssessError
from assess.files.loading import Bundle
from assess.pipeline import engine_for

from .sheets import SheetError, SheetInfo, check_columns, check_sheet_file, file_stamp, header_id, read_rows

ANSWER_SUFFIXES = (".json",)
SHEET_SUFFIXES = (".xlsx", ".xlsm", ".csv")


@dataclass(frozen=True, slots=True)
class FileItem:
    """An answer file to score."""

    seq: int
    input: str
    """The path as the user will recognise it (as given, or as found under a given folder)."""
    path: str
    """Absolute path (what workers open)."""
    mtime: float


@dataclass(frozen=True, slots=True)
class RowItem:
    """One spreadsheet row to turn into answers and score."""

    seq: int
    info: SheetInfo
    row: int
    values: tuple[object, ...]

    @property
    def input(self) -> str:
        """The spreadsheet, as the user named it."""
        return self.info.input

    @property
    def mtime(self) -> float:
        """The spreadsheet's modification time."""
        return self.info.mtime


@dataclass(frozen=True, slots=True)
class InputError:
    """An input that could not be read (one line of errors.csv)."""

    seq: int
    input: str
    row: int | None
    field: str
    message: str


WorkItem = FileItem | RowItem
Item = FileItem | RowItem | InputError


def _is_candidate(name: str) -> bool:
    low = name.lower()
    return not name.startswith((".", "~$")) and low.endswith(ANSWER_SUFFIXES + SHEET_SUFFIXES)


def walk(folder: str, exclude: Path | None) -> Iterator[str]:
    """Candidate files under `folder`, depth first, sorted; hidden folders and `exclude` are skipped."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for e in entries:
        if e.is_dir():
            if e.name.startswith(".") or (exclude is not None and Path(e.path).resolve() == exclude):
                continue
            yield from walk(e.path, exclude)
        elif e.is_file() and _is_candidate(e.name):
            yield e.path


def paths(inputs: list[str], exclude: Path | None) -> Iterator[tuple[str, str | None]]:
    """(path, None) for each file to read, or (input, message) for an input that names nothing."""
    for raw in inputs:
        if os.path.isdir(raw):
            yield from ((p, None) for p in walk(raw, exclude))
        elif os.path.exists(raw):
            low = raw.lower()
            if low.endswith(ANSWER_SUFFIXES + SHEET_SUFFIXES):
                yield raw, None
            elif low.endswith(".xls"):
                yield raw, "old Excel .xls format: open it in Excel or WPS and save it as .xlsx"
            else:
                yield raw, "not an answer file or spreadsheet (.json, .xlsx, .csv)"
        elif glob.has_magic(raw):
            found = sorted(glob.iglob(raw, recursive=True))
            if not found:
                yield raw, "the pattern matches no file"
            for p in found:
                if os.path.isdir(p):
                    yield from ((q, None) for q in walk(p, exclude))
                elif _is_candidate(os.path.basename(p)):
                    yield p, None
        else:
            yield raw, "no such file or folder"


def expand(inputs: list[str], bundle: Bundle, *, exclude: Path | None = None) -> Iterator[Item]:
    """Every work item and input error, numbered in input order (the same path is read once)."""
    seq = 0
    seen: set[str] = set()
    folders: dict[str, str] = {}
    for path, problem in paths(inputs, exclude):
        if problem is not None:
            yield InputError(seq, path, None, "", problem)
            seq += 1
            continue
        real = _realpath(path, folders)
        if real in seen:
            continue
        seen.add(real)
        if path.lower().endswith(ANSWER_SUFFIXES):
            try:
                mtime = os.stat(real).st_mtime
            except OSError as e:
                yield InputError(seq, path, None, "", f"cannot read: {e.strerror}")
            else:
                yield FileItem(seq, path, real, mtime)
            seq += 1
            continue
        for item in sheet_items(path, bundle, seq):
            yield item
            seq += 1


def _realpath(path: str, folders: dict[str, str]) -> str:
    """``os.path.realpath(path)``, resolving each folder once (a folder of 10,000 files is one lookup)."""
    folder, name = os.path.split(path)
    if name in ("", ".", "..") or os.path.islink(path):
        return os.path.realpath(path)
    real = folders.get(folder)
    if real is None:
        real = folders[folder] = os.path.realpath(folder)
    return os.path.join(real, name)


def sheet_items(path: str, bundle: Bundle, seq: int) -> Iterator[Item]:
    """One :class:`RowItem` per non-empty data row of a spreadsheet (or errors about the sheet)."""
    try:
        ref, rows = read_rows(Path(path))
        q = bundle.get(*ref) if ref else bundle.latest()
        if q is None:
            assert ref is not None
            raise AssessError(f"questionnaire {ref[0]} version {ref[1]} is not known", field="questionnaire.version")
        engine = engine_for(bundle, q)
        header = next(rows, None)
        if header is None:
            raise SheetError("the spreadsheet is empty")
        columns, col_errors = check_columns(engine, [header_id(c) for c in header[1]])
        stamp, mtime = file_stamp(Path(path))
        for field, message in col_errors:
            yield InputError(seq, path, 1, field, message)
            seq += 1
        if not any(c in engine.questions for c in columns):
            return
        info = SheetInfo(path, columns, (q.id, q.version), stamp, mtime)
        for row, values in rows:
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                continue
            yield RowItem(seq, info, row, tuple(values))
            seq += 1
    except AssessError as e:
        yield InputError(seq, path, None, e.field or "", e.message)
    except (SheetError, OSError) as e:
        yield InputError(seq, path, None, "", str(e))


def count(inputs: list[str], exclude: Path | None = None) -> int:
    """A quick estimate of the number of work items (for the progress bar's total and ETA)."""
    n = 0
    for path, problem in paths(inputs, exclude):
        if problem is None and not path.lower().endswith(ANSWER_SUFFIXES):
            try:
                check_sheet_file(Path(path))  # no line counting of a pipe or a zip bomb
            except SheetError:
                problem = "unreadable"
        if problem is not None or path.lower().endswith(ANSWER_SUFFIXES):
            n += 1
        elif path.lower().endswith(".csv"):
            try:
                n += max(0, _lines(path) - 1)
            except OSError:
                n += 1
        else:
            n += _xlsx_rows(path)
    return n


def _lines(path: str) -> int:
    n = 0
    with open(path, "rb") as f:
        while block := f.read(1 << 20):
            n += block.count(b"\n")
    return n


def _xlsx_rows(path: str) -> int:
    try:
        import openpyxl

        wb = openpyxl.load_workbook(path, read_only=True)
        try:
            return max(0, (wb.worksheets[0].max_row or 1) - 1)
        finally:
            wb.close()
    except Exception:  # an unreadable workbook counts as one (error) item
        return 1
