"""Output files: names derived from company names, and atomic writes.

A company name is untrusted text. :func:`safe_filename` turns it into a single path component
(no separators, no ``..``, no control characters, no leading dot, bounded length), and
:func:`path_in` refuses any result that would land outside the output folder.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from pathlib import Path

from assess.domain.errors import ReportError

_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')
_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
)
MAX_BYTES = 180
"""Longest file-name stem in UTF-8 bytes (file systems allow 255 for the whole name)."""


def safe_filename(name: str, suffix: str = ".pdf", *, fallback: str = "report") -> str:
    """A file name for `name` (e.g. a company name) that is one safe path component.

    Chinese characters are kept; separators, control characters, wildcards and quotes become
    ``_``; leading dots and spaces are dropped; the stem is cut to :data:`MAX_BYTES` UTF-8 bytes.
    """
    stem = unicodedata.normalize("NFC", name)
    stem = "".join(ch for ch in stem if unicodedata.category(ch) not in ("Cc", "Cf", "Zl", "Zp"))
    stem = _UNSAFE.sub("_", stem).strip(" ._")
    while len(stem.encode("utf-8")) > MAX_BYTES:
        stem = stem[:-1]
    stem = stem.rstrip(" .")
    if not stem or stem.upper() in _RESERVED or set(stem) <= {".", "_"}:
        stem = fallback
    return stem + suffix


def path_in(folder: Path, filename: str) -> Path:
    """``folder / filename``, refusing anything that is not a plain file directly inside `folder`.

    Raises:
        ReportError: the name contains a separator or ``..`` or would resolve outside `folder`.
    """
    base = folder.resolve()
    target = (base / filename).resolve()
    if Path(filename).name != filename or filename in ("", ".", "..") or target.parent != base:
        raise ReportError(f"output file name {filename!r} would leave the output folder", file=str(folder))
    return target


def write_atomic(path: Path, data: bytes) -> Path:
    """Write `data` to `path` atomically (temp file in the same folder, fsync, rename).

    Raises:
        ReportError: the folder does not exist or is not writable, or the disk is full.
    """
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ReportError("the output folder does not exist", file=str(path))
    if path.is_dir():
        raise ReportError("the output path is a folder, expected a file name", file=str(path))
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:40]}.", suffix=".tmp", dir=folder)
        os.chmod(tmp, 0o644)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
        tmp = None
    except OSError as e:
        raise ReportError(f"cannot write the report: {e.strerror or e}", file=str(path)) from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    return path
