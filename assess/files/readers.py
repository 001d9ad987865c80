"""Reading input files defensively: regular files only, never more than a documented size.

A path given as an answer file or a spreadsheet may be a device (``/dev/zero``), a named pipe that
never ends, a folder, or a huge file. Every input is opened without blocking, checked to be a regular
file and read up to its limit, so such a path gives a one-line error instead of a hang or gigabytes
of memory.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from assess.domain.errors import AssessError


def _mib(n: int) -> str:
    return f"{n / (1024 * 1024):g} MiB"


def _open(path: Path, limit: int, error: type[AssessError]) -> int:
    """A read-only descriptor of `path` after checking it is a regular file of at most `limit` bytes."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as e:
        raise error(f"cannot read: {e.strerror or e}", file=str(path)) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            kind = "a folder" if stat.S_ISDIR(st.st_mode) else "a device or pipe"
            raise error(f"cannot read: {kind}, not a regular file", file=str(path))
        if st.st_size > limit:
            raise error(f"the file is larger than the limit of {_mib(limit)}", file=str(path))
    except BaseException:
        os.close(fd)
        raise
    return fd


def check_regular(path: Path, limit: int, error: type[AssessError]) -> None:
    """Check that `path` is a readable regular file of at most `limit` bytes (before a library opens it).

    Raises:
        AssessError: of class `error`, naming the file.
    """
    os.close(_open(path, limit, error))


def read_regular(path: Path, limit: int, error: type[AssessError]) -> bytes:
    """The bytes of `path`: a regular file of at most `limit` bytes.

    Raises:
        AssessError: of class `error`, naming the file: unreadable, not a regular file, or too large.
    """
    fd = _open(path, limit, error)
    try:
        with os.fdopen(fd, "rb") as f:
            data = f.read(limit + 1)
    except OSError as e:
        raise error(f"cannot read: {e.strerror or e}", file=str(path)) from None
    if len(data) > limit:  # it grew while being read
        raise error(f"the file is larger than the limit of {_mib(limit)}", file=str(path))
    return data
