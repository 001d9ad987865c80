"""Answer files on disk: atomic saves, careful loads, and the workspace folder of saved assessments.

Saves write a temporary file in the same folder, fsync it and rename it over the target, so a crash
or ``kill -9`` leaves either the old file or the new one, never half of one. File names come from
the response id (a UUID), never from text a user typed.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import tempfile
import uuid
from datetime import UTC, datetime
from pathlib import Path

from pydantic import ValidationError

from assess.domain.answers import FILE_MAX_BYTES, Answer, AnswerFile, Company, QuestionnaireRef
from assess.domain.errors import AnswersError
from assess.domain.questionnaire import Questionnaire
from assess.files.readers import read_regular

SUFFIX = ".json"


def now() -> datetime:
    """The current time, UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0)


def new_answer_file(
    questionnaire_id: str,
    version: str,
    sha256: str | None,
    company_name: str,
    *,
    depth: str = "quick",
    mode: str = "self",
    assessor: str | None = None,
    language: str = "zh",
    based_on: str | None = None,
) -> AnswerFile:
    """A new, empty assessment."""
    stamp = now()
    return AnswerFile.model_validate(
        {
            "questionnaire": QuestionnaireRef(id=questionnaire_id, version=version, sha256=sha256),
            "response_id": uuid.uuid4().hex,
            "company": Company(name=company_name.strip() or "?"),
            "depth": depth,
            "mode": mode,
            "assessor": assessor,
            "visit_date": stamp.date() if mode == "consultant" else None,
            "language": language,
            "created_at": stamp,
            "updated_at": stamp,
            "based_on": based_on,
        }
    )


def reassessment_from(t0: AnswerFile, questionnaire: Questionnaire, sha256: str | None = None) -> AnswerFile:
    """A re-assessment (T1) pre-filled from an earlier one (T0): answers copied, marked to confirm."""
    t1 = new_answer_file(
        questionnaire.id,
        questionnaire.version,
        sha256,
        t0.company.name,
        depth=t0.depth,
        mode=t0.mode,
        assessor=t0.assessor,
        language=t0.language,
        based_on=t0.response_id,
    )
    known = {q.id for s in questionnaire.sections for q in s.questions}
    t1.company = t0.company.model_copy()
    t1.answers = {
        k: a.model_copy(update={"to_confirm": True, "verified": False}) for k, a in t0.answers.items() if k in known
    }
    return t1


def save_answers(path: Path, answer_file: AnswerFile, *, touch: bool = True) -> Path:
    """Write an answer file atomically (temp file, fsync, rename); updates ``updated_at``.

    Raises:
        AnswersError: the folder cannot be written.
    """
    if touch:
        answer_file.updated_at = now()
    data = answer_file.model_dump_json(indent=1, exclude_defaults=False).encode("utf-8")
    atomic_write(path, data)
    return path


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that readers see the old or the new content, never a mix."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        with contextlib.suppress(OSError):  # make the rename durable too
            dfd = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(dfd)
            finally:
                os.close(dfd)
    except OSError as e:
        raise AnswersError(f"cannot write: {e.strerror or e}", file=str(path)) from None


def as_utf8(data: bytes) -> bytes:
    """The bytes as UTF-8 without a byte-order mark (a UTF-8 or UTF-16 mark is understood)."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :]
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            return data  # the JSON error that follows names the file
    return data


def parse_answers(data: bytes, name: str) -> AnswerFile:
    """Validate the bytes of an answer file; errors name the file and the field.

    A byte-order mark is accepted (Windows Notepad writes one), and so is UTF-16 with its mark.

    Raises:
        AnswersError: empty, not JSON, truncated, a newer file format, or a field of the wrong type.
    """
    data = as_utf8(data)
    if not data.strip():
        raise AnswersError("the file is empty", file=name)
    try:
        return AnswerFile.model_validate_json(data)
    except ValidationError as err:
        e = err.errors(include_url=False)[0]
        loc = ".".join(str(x) for x in e["loc"])
        if e["type"] == "json_invalid":
            raise AnswersError(f"not valid JSON (damaged or truncated?): {e['msg']}", file=name) from None
        if e["loc"] == ("format",):
            raise AnswersError(
                f"answer-file format {e.get('input')!r} is not supported (this version reads format 1)",
                file=name,
                field="format",
            ) from None
        more = len(err.errors()) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        raise AnswersError(f"{e['msg']}{suffix}", file=name, field=loc or None) from None


def load_answers(path: Path) -> AnswerFile:
    """Read and validate an answer file.

    Raises:
        AnswersError: unreadable, not a regular file, over 5 MiB, not JSON, truncated, or invalid (the
            message names the field).
    """
    return parse_answers(read_answer_bytes(path), str(path))


def read_answer_bytes(path: Path) -> bytes:
    """The bytes of an answer file: a regular file of at most :data:`FILE_MAX_BYTES` (never a device,
    a pipe or a folder, which would hang or fill the memory).

    Raises:
        AnswersError: unreadable, not a regular file, or too large.
    """
    return read_regular(path, FILE_MAX_BYTES, AnswersError)


def default_workspace() -> Path:
    """The folder of saved assessments: ``$ASSESS_WORKSPACE`` or the user data directory."""
    env = os.environ.get("ASSESS_WORKSPACE")
    if env:
        return Path(env)
    from platformdirs import user_data_path

    return user_data_path("assess", appauthor=False) / "assessments"


def answer_path(workspace: Path, answer_file: AnswerFile) -> Path:
    """Where an assessment is saved: named by its response id, never by company text."""
    safe = "".join(ch for ch in answer_file.response_id if ch.isalnum() or ch in "-_")[:64] or "assessment"
    return workspace / f"{safe}{SUFFIX}"


def set_answer(answer_file: AnswerFile, qid: str, answer: Answer | None) -> None:
    """Record (or clear, with None) one answer; confirming a pre-filled answer clears its flag."""
    if answer is None:
        answer_file.answers.pop(qid, None)
    else:
        answer_file.answers[qid] = answer.model_copy(update={"to_confirm": False})
