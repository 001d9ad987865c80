"""Line breaking for mixed Chinese and Latin text in a fixed number of terminal cells.

Rules (the usual ones of Chinese typesetting, simplified): a line never starts with closing punctuation
(。，、）》 …) and never ends with opening punctuation (（《「 …); a Latin word, a number, and a number with
its unit (50万元, 3.5%, 第5条, GB/T 39116) are never split unless one alone is wider than the line (a
hyphenated English word may break after a hyphen between letters: Business- | operations); a
break at a space drops the space. Chinese characters may break anywhere else. Wide characters count two
cells. No textual or rich import: the app's widgets and any other front end use the same offsets.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

CLOSING = set("。，、；：？！）》」』】〕〉’”%％…·.,;:?!)]}>—～")
"""Characters that may not start a line (they stick to the unit before them)."""

OPENING = set("（《「『【〔〈‘“([{<")
"""Characters that may not end a line (they stick to the unit after them)."""

UNITS = "万亿千百元人年个家项次天月日号条级分秒倍台套件张名位岁期周款笔户亩吨度"
"""Chinese unit characters kept with the number before them (up to two: 万元, 千瓦 is rare enough)."""

_UNIT = re.compile(
    rf"(?:第\s?)?[0-9０-９][0-9０-９.,，:/\-–~～]*[0-9０-９]?(?:[%％]|[{UNITS}]{{1,2}})?"
    rf"|[A-Za-z][A-Za-z0-9_./&'’+\-]*"
    rf"|\s+"
    rf"|.",
    re.S,
)


def cells(text: str) -> int:
    """Terminal cells `text` takes: two for wide (CJK, full-width) characters, none for combining marks."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


_HYPHEN = re.compile(r"(?<=[A-Za-z]-)(?=[A-Za-z])")
"""Where a hyphenated English word may break (after the hyphen): Business- | operations."""


def _units(text: str) -> list[str]:
    """`text` cut into pieces that must stay on one line (punctuation glued to its neighbour)."""
    raw = [part for m in _UNIT.finditer(text) for part in _HYPHEN.split(m.group(0))]
    units: list[str] = []
    glue_next = False
    for piece in raw:
        if glue_next and units and not piece.isspace():
            units[-1] += piece
            glue_next = piece[-1] in OPENING
            continue
        if piece in CLOSING and units and not units[-1].isspace():
            units[-1] += piece
            continue
        units.append(piece)
        glue_next = piece in OPENING
    return units


def _fold(unit: str, width: int) -> list[str]:
    """A unit wider than the line, cut by characters."""
    parts, cur = [], ""
    for ch in unit:
        if cur and cells(cur + ch) > width:
            k = len(cur)
            if ch in CLOSING:  # a 。 never starts the next part: carry characters before it along, if they fit
                k = next(
                    (j for j in range(len(cur) - 1, 0, -1) if cur[j] not in CLOSING and cells(cur[j:] + ch) <= width),
                    len(cur),
                )
            parts.append(cur[:k])
            cur = cur[k:]
        cur += ch
    return [*parts, cur] if cur else parts


def wrap(text: str, width: int) -> list[str]:
    """`text` as lines of at most `width` cells (explicit newlines kept; spaces at a break dropped)."""
    return list(_wrap(text, width))


@lru_cache(maxsize=4096)
def _wrap(text: str, width: int) -> tuple[str, ...]:
    width = max(1, width)
    lines: list[str] = []
    for para in text.split("\n"):
        line, used = "", 0
        for unit in _units(para):
            w = cells(unit)
            if unit.isspace():
                if used + w <= width:
                    line, used = line + unit, used + w
                else:
                    lines.append(line.rstrip())
                    line, used = "", 0
                continue
            if used + w > width:
                if line.strip():
                    lines.append(line.rstrip())
                line, used = "", 0  # leading spaces that do not fit are dropped
            if w > width:
                *full, unit = _fold(unit, width)
                lines.extend(full)
                w = cells(unit)
            line, used = line + unit, used + w
        lines.append(line.rstrip())
    return tuple(lines)


@lru_cache(maxsize=4096)
def break_offsets(text: str, width: int) -> tuple[tuple[int, int], ...]:
    """(start, end) character offsets in `text` of each line :func:`wrap` makes (for styled text)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in wrap(text, width):
        while pos < len(text) and text[pos] in " \t\n" and not text.startswith(line, pos):
            pos += 1
        spans.append((pos, pos + len(line)))
        pos += len(line)
    return tuple(spans)
