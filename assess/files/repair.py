"""Opening an answer file that fails validation without losing the assessment (the app's path).

The command line is strict: an invalid file is an error naming the field. The app must never turn a
whole assessment into "cannot be read" because one field is off (a note longer than the format allows,
written by an older version, or an edited file): it drops the bad fields, says which, and keeps the
original next to the file as a backup. Only what cannot be rebuilt (not JSON, another file format,
no company or response id) still fails.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from assess.domain.answers import ID_MAX, NAME_MAX, AnswerFile
from assess.domain.errors import AnswersError
from assess.files import storage

if TYPE_CHECKING:
    pass

_TRUNCATE = {("company", "name"): NAME_MAX, ("response_id",): ID_MAX}
"""Required text fields: too long, they are shortened (there is nothing to drop them for)."""
_KEEP = frozenset({"format", "questionnaire", "response_id", "company", "created_at", "updated_at"})
"""Fields without which a file is not an assessment: never dropped."""
MAX_ROUNDS = 200


@dataclass
class Repaired:
    """An answer file as opened, and what was dropped to open it (empty when it was valid)."""

    answer_file: AnswerFile
    dropped: list[str] = field(default_factory=list)
    """``field: why`` for each dropped or shortened field."""


def _drop(doc: dict[str, Any], loc: tuple[Any, ...], kind: str) -> str | None:
    """Remove (or shorten) the field at `loc`; returns the field's name, or None when it cannot go."""
    if not loc or loc[0] == "format":
        return None
    if loc[0] == "answers" and len(loc) >= 2 and isinstance(doc.get("answers"), dict):
        answers, qid = doc["answers"], loc[1]
        answer = answers.get(qid)
        if len(loc) >= 3 and isinstance(answer, dict) and loc[2] in answer and loc[2] != "value":
            del answer[loc[2]]
            return f"answers.{qid}.{loc[2]}"
        if qid in answers:
            del answers[qid]
            return f"answers.{qid}"
        return None
    for prefix, limit in _TRUNCATE.items():
        if loc[: len(prefix)] == prefix and kind == "string_too_long":
            parent = doc.get("company") if len(prefix) == 2 else doc
            if isinstance(parent, dict) and isinstance(parent.get(prefix[-1]), str):
                parent[prefix[-1]] = parent[prefix[-1]][:limit]
                return ".".join(prefix)
            return None
    if loc[0] in _KEEP and not (loc[0] == "company" and len(loc) == 2 and loc[1] != "name"):
        return None
    parent, key = (doc["company"], loc[1]) if loc[0] == "company" else (doc, loc[0])
    if not isinstance(parent, dict) or key not in parent:
        return None
    del parent[key]
    return str(loc[0]) if parent is doc else f"company.{key}"


def repair_document(doc: object, name: str, first: AnswersError) -> Repaired:
    """Drop fields of a parsed answer file until it validates.

    Raises:
        AnswersError: `first` (the strict error) when the file cannot be rebuilt.
    """
    if not isinstance(doc, dict):
        raise first
    dropped: list[str] = []
    for _ in range(MAX_ROUNDS):
        try:
            return Repaired(AnswerFile.model_validate(doc), dropped)
        except ValidationError as err:
            e = err.errors(include_url=False)[0]
            where = _drop(doc, tuple(e["loc"]), e["type"])
            if where is None:
                raise first from None
            dropped.append(f"{where}: {e['msg']}")
    raise first


def open_tolerant(data: bytes, name: str) -> Repaired:
    """Parse an answer file, dropping the fields that fail validation (see the module docstring).

    Raises:
        AnswersError: not JSON, another format, or a required field that cannot be rebuilt.
    """
    from assess.files.storage import as_utf8, parse_answers

    try:
        return Repaired(parse_answers(data, name))
    except AnswersError as first:
        try:
            doc = json.loads(as_utf8(data))
        except ValueError:
            raise first from None
        return repair_document(doc, name, first)


def backup_path(path: Path) -> Path:
    """Where the original of a repaired file is kept (not ``*.json``: never listed as an assessment)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    return path.with_name(f"{path.name}.{stamp}.bak")


def keep_original(path: Path, data: bytes) -> Path:
    """Write the original bytes of a repaired file next to it, once; returns the backup's path."""
    from assess.files.storage import atomic_write

    target = backup_path(path)
    atomic_write(target, data)
    return target


@dataclass(frozen=True)
class WorkspaceEntry:
    """A file in the workspace: its assessment, or why it could not be read."""

    path: Path
    answer_file: AnswerFile | None
    error: str | None
    repaired: tuple[str, ...] = ()
    """Fields that fail validation and are dropped when the assessment is opened (see assess.files.repair)."""


def list_workspace(workspace: Path) -> list[WorkspaceEntry]:
    """Every answer file in the workspace, newest first; unreadable files are listed with their error.

    A file with fields that fail validation is listed as readable (they are dropped when it is opened)."""
    if not workspace.is_dir():
        return []
    entries = []
    for p in workspace.glob(f"*{storage.SUFFIX}"):
        try:
            opened = open_tolerant(storage.read_answer_bytes(p), str(p))
            entries.append(WorkspaceEntry(p, opened.answer_file, None, tuple(opened.dropped)))
        except AnswersError as e:
            entries.append(WorkspaceEntry(p, None, str(e)))
    epoch = datetime.min.replace(tzinfo=UTC)
    return sorted(entries, key=lambda e: e.answer_file.updated_at if e.answer_file else epoch, reverse=True)
