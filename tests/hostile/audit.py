"""One audit hook for the whole test session: every file the code under test opens, while switched on.

Audit hooks cannot be removed, so the hook is installed once (on first import of this module) and
does nothing unless :data:`STATE` says a run is being watched. Paths are made absolute when the
event fires (a relative path is relative to the working directory of that moment).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import Any

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


@dataclass
class Opened:
    path: str
    write: bool


@dataclass
class State:
    on: bool = False
    opened: list[Opened] = field(default_factory=list)


STATE = State()


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if not STATE.on or event != "open":
        return
    try:
        path, mode, flags = args
        if isinstance(path, int):  # os.fdopen of a descriptor already opened (and audited)
            return
        name = os.path.abspath(os.fsdecode(path))
        write = bool(mode and any(c in str(mode) for c in "wax+")) or bool((flags or 0) & _WRITE_FLAGS)
        STATE.opened.append(Opened(name, write))
    except Exception:  # an audit hook must never break the code it watches
        STATE.opened.append(Opened(f"<unparsed open event {args!r}>", True))


if not getattr(sys, "_assess_hostile_audit", False):
    sys.addaudithook(_hook)
    sys._assess_hostile_audit = True  # type: ignore[attr-defined]
