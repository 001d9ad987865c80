"""Text from users, made safe to show: control characters, terminal escapes and bidi overrides removed.

A company name can carry ANSI escape sequences (they would recolour or rewrite the terminal when
`assess score` prints it) or a right-to-left override (it reorders the rest of a line in the PDF and
in Excel). Every human-readable output (terminal, PDF and HTML text, CSV and xlsx cells, error lines)
passes text through :func:`clean`; JSON outputs keep the text exactly as given.
"""

from __future__ import annotations

import re
from typing import Any

_ESCAPES = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[PX^_][^\x1b]*(?:\x1b\\)?|[@-Z\\-_])|\x9b[0-?]*[ -/]*[@-~]"
)
"""ANSI/VT escape sequences: CSI (colours, cursor moves), OSC (titles, hyperlinks), DCS/PM/APC, and
two-character escapes."""
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""C0 controls but tab and newline, DEL, C1 controls, and the bidi marks, embeddings, overrides and
isolates (U+061C, U+200E/F, U+202A–202E, U+2066–2069)."""


def clean(text: str) -> str:
    """`text` without escape sequences, control characters (tab and newline kept) or bidi controls."""
    if text.isprintable():  # the common case, with no copy
        return text
    return _UNSAFE.sub("", _ESCAPES.sub("", text))


def clean_any(value: Any) -> Any:
    """:func:`clean` for strings (escaped markup stays escaped markup); anything else unchanged.

    Used as the Jinja ``finalize`` hook, so every value a template prints is cleaned."""
    if not isinstance(value, str):
        return value
    cleaned = clean(value)
    if cleaned is value:
        return value
    html = getattr(value, "__html__", None)
    return type(value)(cleaned) if html is not None else cleaned
