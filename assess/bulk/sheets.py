"""Spreadsheets for offline collection: reading rows (.xlsx, .csv) and turning a row into answers.

One row per company. The header row holds, per column, an id on its first line (a question id or
one of :data:`META`) and a label after it (``"A1\\n企业所在区县"``); only the id is read. Columns
whose header starts with ``#`` are notes and are ignored. Cells hold codes or labels (Chinese or
English), 是/否, numbers with separators, dates, 不适用/不知道 — whatever
:meth:`assess.engine.core.Engine.parse` reads. Every problem names the file, the row and the field.

The template writer and the importer live in :mod:`assess.bulk.template`.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import re
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from defusedxml import DefusedXmlException

from assess.domain.answers import Answer, AnswerFile
from assess.domain.errors import AssessError
from assess.domain.questionnaire import Question
from assess.domain.text import Text, t
from assess.engine.answers import ParseError, parse_value
from assess.engine.core import Engine
from assess.files.readers import check_regular

META: dict[str, Text] = {
    "response_id": t("答卷编号（可空）", "Response id (optional)"),
    "company": t("企业名称", "Company name"),
    "credit_code": t("统一社会信用代码", "Unified social credit code"),
    "contact": t("联系人及电话", "Contact"),
    "respondent": t("填写人", "Respondent"),
    "assessor": t("评估顾问", "Assessor"),
    "visit_date": t("走访日期", "Visit date"),
    "depth": t("深度（quick 快速/full 完整）", "Depth (quick/full)"),
}
"""Columns that are not questions: the company and the assessment's metadata.

The questionnaire version comes from the template's hidden meta sheet; a sheet without one (a CSV)
is read against the newest bundled version."""

META_SHEET = "_meta"
"""Hidden sheet of the template naming the questionnaire, its version and the answers sheet."""

_DEPTHS = {"quick": "quick", "快速": "quick", "快速自评": "quick", "full": "full", "完整": "full", "完整诊断": "full"}
_DATE_Q = Question(id="visit_date", kind="date", label=META["visit_date"])
CellError = tuple[str, str]
"""(field, message) of one problem in a row."""


SHEET_MAX_BYTES = 100 * 1024 * 1024
"""Largest spreadsheet file read (100 MiB, .csv or .xlsx as stored)."""
XLSX_MAX_UNCOMPRESSED = 512 * 1024 * 1024
"""Largest total uncompressed size of an .xlsx (512 MiB, about 100,000 rows); checked before opening, so
a zip bomb renamed .xlsx is refused at once."""
XLSX_MAX_MEMBERS = 10_000
"""Most parts (files inside the zip) an .xlsx may hold."""
XLSX_MAX_RATIO = 100
"""Most a part over 1 MiB may unpack to, as a multiple of its packed size (Excel's sheets pack about
15:1; a zip bomb's repeated bytes 1,000:1)."""
_UNSAFE_XML = "unsafe spreadsheet: its XML declares entities or DTDs (refused, nothing was read)"
_DTD_MARKS = tuple(m for w in (b"<!DOCTYPE", b"<!ENTITY") for m in (w, w.decode().encode("utf-16-le")))


class SheetError(Exception):
    """A spreadsheet that cannot be read at all (the message names why)."""


class _Unreadable(AssessError):
    """What :mod:`assess.files.readers` raises for a spreadsheet path (turned into a :class:`SheetError`)."""


def check_sheet_file(path: Path) -> None:
    """A regular file under :data:`SHEET_MAX_BYTES`; for .xlsx, a zip within the size and part limits.

    Raises:
        SheetError: a device, pipe or folder; too large; a zip bomb; not a zip at all.
    """
    try:
        check_regular(path, SHEET_MAX_BYTES, _Unreadable)
    except _Unreadable as e:
        raise SheetError(e.message) from None
    if path.suffix.lower() == ".csv":
        return
    try:
        with zipfile.ZipFile(path) as z:
            members = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as e:
        raise SheetError(f"not a readable .xlsx workbook (not a zip file: {e})") from None
    if len(members) > XLSX_MAX_MEMBERS:
        raise SheetError(f"refused: the workbook holds {len(members)} parts (limit {XLSX_MAX_MEMBERS})")
    size = sum(m.file_size for m in members)
    if size > XLSX_MAX_UNCOMPRESSED:
        mib = XLSX_MAX_UNCOMPRESSED >> 20
        raise SheetError(f"refused: the workbook unpacks to {size >> 20} MiB (limit {mib} MiB; a zip bomb?)")
    for m in members:
        if m.file_size > 1 << 20 and m.file_size > XLSX_MAX_RATIO * max(m.compress_size, 1):
            ratio = m.file_size // max(m.compress_size, 1)
            raise SheetError(
                f"refused: the part {m.filename} unpacks to {ratio}x its size (limit {XLSX_MAX_RATIO}x; a zip bomb?)"
            )
    _check_prologs(path, members)


def _check_prologs(path: Path, members: list[zipfile.ZipInfo]) -> None:
    """Refuse a workbook any of whose XML parts declares a DTD or entities: only the start of each part is
    read, where a DOCTYPE must stand. The parser (defusedxml) refuses entities as well; this also covers
    parts openpyxl does not parse, external DTDs, and an environment that turned defusedxml off."""
    try:
        with zipfile.ZipFile(path) as z:
            for m in members:
                if m.is_dir() or not m.filename.lower().endswith((".xml", ".rels", ".vml")):
                    continue
                with z.open(m) as f:
                    head = f.read(1 << 16).upper()
                if any(mark in head for mark in _DTD_MARKS):
                    raise SheetError(_UNSAFE_XML)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, zlib.error) as e:
        raise SheetError(f"not a readable .xlsx workbook (damaged zip: {e})") from None


def _xml_error(e: Exception) -> SheetError:
    """The message for an exception openpyxl raised while parsing the workbook's XML."""
    cause: BaseException | None = e
    while cause is not None:  # openpyxl wraps what the parser raised
        if isinstance(cause, DefusedXmlException):
            return SheetError(_UNSAFE_XML)
        cause = cause.__cause__ or cause.__context__
    first = str(e).strip().splitlines()[0] if str(e).strip() else ""
    return SheetError(f"not a readable .xlsx workbook ({type(e).__name__}: {first})")


@dataclass(frozen=True)
class SheetInfo:
    """What every row of one spreadsheet shares (pickled once per chunk of rows)."""

    input: str
    columns: tuple[str | None, ...]
    """Column ids; None for note columns and unknown ones."""
    questionnaire: tuple[str, str] | None
    """(id, version) from the template's meta sheet, when it has one."""
    stamp: datetime
    """The file's modification time (UTC), used as the assessments' timestamps."""
    mtime: float


def header_id(cell: object) -> str | None:
    """The id on the first line of a header cell (None for empty and ``#`` note columns).

    Byte-order marks are dropped: a GB18030 file saved with its mark (or a UTF-8 file with two) keeps
    one on the first cell."""
    text = "" if cell is None else str(cell).replace("\ufeff", "").strip()
    if not text or text.startswith("#"):
        return None
    return text.split()[0]


def cell_text(value: object) -> str | None:
    """A cell as the text :meth:`Engine.parse` reads (None when empty)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    text = str(value).strip()
    return text or None


def _csv_encoding(path: Path) -> str:
    """UTF-32 or UTF-16 with its byte-order mark, UTF-8 (with or without BOM), else GB18030 (what
    Chinese Excel saves as "CSV").

    Raises:
        SheetError: NUL bytes without a UTF-16 or UTF-32 mark (a binary file, or UTF-16 without its mark).
    """
    with open(path, "rb") as f:
        head = f.read(1 << 16)
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16: FF FE 00 00 starts both
        return "utf-32"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\0" in head:
        raise SheetError("not a text CSV file (binary, or UTF-16 without a byte-order mark): save it as CSV UTF-8")
    try:
        with open(path, encoding="utf-8-sig") as f:
            while f.read(1 << 20):
                pass
        return "utf-8-sig"
    except UnicodeDecodeError:
        return "gb18030"


def read_rows(path: Path) -> tuple[tuple[str, str] | None, Iterator[tuple[int, list[object]]]]:
    """The questionnaire named by the template (if any) and an iterator of (row number, cells).

    Row numbers are as Excel shows them (the header is row 1). Rows are streamed: a 10,000-row
    workbook is never held in memory.

    Raises:
        SheetError: not a readable .xlsx/.csv file.
    """
    check_sheet_file(path)
    if path.suffix.lower() == ".csv":
        return None, _csv_rows(path)
    try:
        import openpyxl

        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many kinds for damaged files
        raise _xml_error(e) from None
    meta: dict[str, str] = {}
    if META_SHEET in wb.sheetnames:
        for r in wb[META_SHEET].iter_rows(values_only=True):
            if len(r) >= 2 and r[0] is not None:
                meta[str(r[0])] = "" if r[1] is None else str(r[1])
    name = meta.get("sheet")
    ws = wb[name] if name in wb.sheetnames else wb.worksheets[0]
    ref = (meta["questionnaire"], meta["version"]) if meta.get("questionnaire") and meta.get("version") else None

    def rows() -> Iterator[tuple[int, list[object]]]:
        try:
            for i, r in enumerate(ws.iter_rows(values_only=True), 1):
                yield i, list(r)
        except Exception as e:  # sheet XML is parsed lazily, row by row (entities, damage)
            raise _xml_error(e) from None
        finally:
            wb.close()

    return ref, rows()


def _csv_rows(path: Path) -> Iterator[tuple[int, list[object]]]:
    try:
        enc = _csv_encoding(path)
        with open(path, encoding=enc, newline="") as f:
            for i, r in enumerate(csv.reader(f), 1):
                yield i, list(r)
    except (OSError, csv.Error, UnicodeError) as e:
        raise SheetError(f"not a readable CSV file ({e})") from None


def check_columns(engine: Engine, columns: Sequence[str | None]) -> tuple[tuple[str | None, ...], list[CellError]]:
    """Keep known columns; report unknown and repeated ones (their values are ignored)."""
    seen: set[str] = set()
    out: list[str | None] = []
    errors: list[CellError] = []
    for c in columns:
        if c is None:
            out.append(None)
        elif c in seen:
            errors.append((c, "column appears twice; only the first one is read"))
            out.append(None)
        elif c in META or c in engine.questions:
            seen.add(c)
            out.append(c)
        else:
            q = engine.questionnaire
            errors.append((c, f"unknown column: not a question of {q.id} {q.version} nor a known field; ignored"))
            out.append(None)
    if not any(c in engine.questions for c in out):
        errors.append(("", f"no column is a question of {engine.questionnaire.id}: not an answers spreadsheet"))
    return tuple(out), errors


def parse_cell(engine: Engine, qid: str, text: str) -> Answer:
    """:meth:`Engine.parse` of one cell (codes or labels, 是/否, numbers, dates, 不适用/不知道)."""
    return engine.parse(engine.questions[qid], text)


def _msg(e: ParseError) -> str:
    return f"{e.text.en} ({e.text.zh})" if e.text.en else e.text.zh


def safe_id(text: str) -> str:
    """A response id made safe as a file name (with a hash suffix when characters were dropped)."""
    safe = re.sub(r"[^A-Za-z0-9_-]", "", text)[:48]
    if safe != text:
        safe = f"{safe}-{hashlib.sha1(text.encode()).hexdigest()[:8]}".lstrip("-")
    return safe


def row_answers(
    engine: Engine, info: SheetInfo, row: int, values: Sequence[object], lang: str = "zh"
) -> tuple[AnswerFile | None, list[CellError]]:
    """Turn one spreadsheet row into an answer file, or say which cells are wrong."""
    meta: dict[str, str] = {}
    answers: dict[str, Answer] = {}
    errors: list[CellError] = []
    for col, value in zip(info.columns, values, strict=False):
        if col is None:
            continue
        text = cell_text(value)
        if text is None:
            continue
        if col in META:
            meta[col] = text
            continue
        try:
            answers[col] = parse_cell(engine, col, text)
        except ParseError as e:
            errors.append((col, _msg(e)))
    if not meta.get("company"):
        errors.append(("company", "the company name is empty"))
    errors.extend((f"{qid}", msg) for qid, msg in engine.problems(answers) if qid not in {f for f, _ in errors})
    depth = _DEPTHS.get(meta.get("depth", "").lower())
    if "depth" in meta and depth is None:
        errors.append(("depth", f"'{meta['depth']}' is not quick/full"))
    if errors:
        return None, errors
    if depth is None:
        depth = "full" if any(engine.questions[q].depth == "full" for q in answers) else "quick"
    stem = re.sub(r"[^A-Za-z0-9_-]", "", Path(info.input).stem)[:40] or "sheet"
    q = engine.questionnaire
    data: dict[str, Any] = {
        "questionnaire": {"id": q.id, "version": q.version, "sha256": engine.sha256},
        "response_id": meta.get("response_id") or f"{stem}-r{row}",
        "company": {
            k: meta[v]
            for k, v in (("name", "company"), ("credit_code", "credit_code"), ("contact", "contact"))
            if v in meta
        },
        "respondent": meta.get("respondent"),
        "assessor": meta.get("assessor"),
        "mode": "consultant" if meta.get("assessor") else "self",
        "visit_date": _visit_date(meta.get("visit_date")),
        "depth": depth,
        "language": lang if lang in ("zh", "en") else "zh",
        "status": "complete",
        "created_at": info.stamp,
        "updated_at": info.stamp,
        "completed_at": info.stamp,
        "answers": answers,
    }
    try:
        return AnswerFile.model_validate(data), []
    except Exception as e:  # pydantic ValidationError: metadata too long, bad visit date...
        from pydantic import ValidationError

        if not isinstance(e, ValidationError):
            raise
        return None, [(".".join(str(x) for x in err["loc"][:1]), err["msg"]) for err in e.errors(include_url=False)]


def _visit_date(text: str | None) -> str | None:
    if text is None:
        return None
    try:
        value = parse_value(_DATE_Q, text, {}).value
    except ParseError:
        return text  # pydantic then reports it as the visit_date field
    return value if isinstance(value, str) else text


def file_stamp(path: Path) -> tuple[datetime, float]:
    """The file's modification time as a UTC timestamp (to the second) and as a float."""
    mtime = path.stat().st_mtime
    return datetime.fromtimestamp(int(mtime), UTC), mtime
