"""The radar chart of dimension scores, as inline SVG generated in Python.

The SVG names the bundled CJK font explicitly (SVG text does not follow the page's ``lang`` in
WeasyPrint) and has explicit width, height and viewBox. Labels are XML-escaped here, which is what
makes it safe for the template to insert the result with ``|safe``.
"""

from __future__ import annotations

import math
from html import escape

FONT = "'Noto Sans CJK SC', sans-serif"
SIZE = 420
"""Width and height of the chart in px (CSS px: 1/96 in)."""
RADIUS = 118
RINGS = (20, 40, 60, 80, 100)
MAX_NAMED_AXES = 8
"""With more dimensions than this, the chart shows short codes and the report prints a legend."""


def _label_lines(label: str, width: int = 7) -> list[str]:
    """Split a long label in two lines (at a space for English, in the middle for Chinese)."""
    if len(label) <= width:
        return [label]
    if " " in label:
        words, lines, cur = label.split(), [], ""
        for w in words:
            if cur and len(cur) + 1 + len(w) > max(width, 14):
                lines.append(cur)
                cur = w
            else:
                cur = f"{cur} {w}".strip()
        lines.append(cur)
        return lines[:3]
    mid = (len(label) + 1) // 2
    return [label[:mid], label[mid:]]


def _point(i: int, n: int, r: float, c: float = SIZE / 2) -> tuple[float, float]:
    a = -math.pi / 2 + 2 * math.pi * i / n
    return c + r * math.cos(a), c + r * math.sin(a)


def _poly(points: list[tuple[float, float]]) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in points)


BIG = 640
"""Size of the one-page dimensions radar (every axis named)."""


def _axis_label(
    i: int, n: int, radius: float, c: float, label: str, s: float | None, no_data: str, fs: int, *, big: bool
) -> str:
    """The name of axis `i` (at most two lines on the big chart) and its score below, outside the chart."""
    x, y = _point(i, n, radius + (12 if big else 18), c)
    anchor = "middle" if abs(x - c) < 20 else "start" if x > c else "end"
    score = f"{s:.0f}" if s is not None else no_data
    if big:
        lines = [*_label_lines(label, 20 if " " in label else 8), score]
    else:
        lines = [*_label_lines(label), score]
    step = fs + 1
    y0 = y - (len(lines) - 1) * step / 2 + fs / 3
    vertical = abs(x - c) < (c * 0.45 if big else 20)
    if y < c - 20 and vertical:
        y0 -= (len(lines) - 1) * step / 2
    elif y > c + 20 and vertical:
        y0 += (len(lines) - 1) * step / 2
    last = ' font-weight="bold" fill="#1f6fb2"' if s is not None else ' fill="#b3261e"'
    spans = "".join(
        f'<tspan x="{x:.1f}" y="{y0 + k * step:.1f}"{last if k == len(lines) - 1 else ""}>{escape(line)}</tspan>'
        for k, line in enumerate(lines)
    )
    return f'<text text-anchor="{anchor}" fill="#333">{spans}</text>'


def _wedges(pts: list[tuple[float, float]], scores: list[float | None], c: float) -> str:
    """Filled triangles centre–point–next point for neighbouring scored axes (a gap where unanswered)."""
    n = len(pts)
    out = []
    for i in range(n):
        j = (i + 1) % n
        if scores[i] is None or scores[j] is None:
            continue
        (x1, y1), (x2, y2) = pts[i], pts[j]
        out.append(f"M{c:.1f},{c:.1f} L{x1:.1f},{y1:.1f} L{x2:.1f},{y2:.1f} Z")
    return " ".join(out)


def _outline(pts: list[tuple[float, float]], scores: list[float | None]) -> str:
    """The score line between neighbouring scored axes."""
    n = len(pts)
    out = []
    for i in range(n):
        j = (i + 1) % n
        if scores[i] is not None and scores[j] is not None:
            out.append(f"M{pts[i][0]:.1f},{pts[i][1]:.1f} L{pts[j][0]:.1f},{pts[j][1]:.1f}")
    return " ".join(out)


def radar_svg(
    dims: list[tuple[str, float | None]],
    *,
    no_data: str = "—",
    previous: list[float | None] | None = None,
    size: int = SIZE,
) -> str:
    """An SVG radar of (label, score 0–100 or None) pairs; fewer than three axes give bars instead.

    A dimension without a score is not drawn as 0: its wedge is left open and its label reads
    `no_data`. `previous` (same order) draws the earlier assessment as a grey outline.
    """
    if len(dims) < 3:
        return bars_svg(dims, no_data=no_data)
    n = len(dims)
    c = size / 2
    radius = RADIUS if size == SIZE else size * 0.27
    fs = 12 if size == SIZE else 11
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="radar" width="{size}" height="{size}" '
        f'viewBox="0 0 {size} {size}" font-family="{FONT}" font-size="{fs}">'
    ]
    for ring in RINGS:
        pts = [_point(i, n, radius * ring / 100, c) for i in range(n)]
        parts.append(f'<polygon points="{_poly(pts)}" fill="none" stroke="#c8d0da" stroke-width="0.8"/>')
    for i in range(n):
        x, y = _point(i, n, radius, c)
        parts.append(f'<line x1="{c}" y1="{c}" x2="{x:.1f}" y2="{y:.1f}" stroke="#c8d0da" stroke-width="0.8"/>')
    for ring in (40, 80):
        x, y = _point(0, n, radius * ring / 100, c)
        parts.append(f'<text x="{x + 3:.1f}" y="{y + 10:.1f}" fill="#8a96a3" font-size="8">{ring}</text>')
    if previous is not None:
        prev_pts = [_point(i, n, radius * max(0.0, min(100.0, s or 0.0)) / 100, c) for i, s in enumerate(previous)]
        parts.append(
            f'<path d="{_outline(prev_pts, previous)}" fill="none" stroke="#8a96a3" stroke-width="1.6" '
            'stroke-dasharray="4 3"/>'
        )
    scores = [s for _, s in dims]
    pts = [_point(i, n, radius * max(0.0, min(100.0, s or 0.0)) / 100, c) for i, s in enumerate(scores)]
    parts.append(f'<path d="{_wedges(pts, scores, c)}" fill="#1f6fb2" fill-opacity="0.22" stroke="none"/>')
    parts.append(f'<path d="{_outline(pts, scores)}" fill="none" stroke="#1f6fb2" stroke-width="2"/>')
    for (x, y), s in zip(pts, scores, strict=True):
        if s is not None:
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="#1f6fb2"/>')
    for i, (label, s) in enumerate(dims):
        parts.append(_axis_label(i, n, radius, c, label, s, no_data, fs, big=size != SIZE))
    parts.append("</svg>")
    return "".join(parts)


def bars_svg(dims: list[tuple[str, float | None]], *, no_data: str = "—") -> str:
    """Horizontal bars: the fallback when there are too few dimensions for a radar."""
    h = 28 * max(1, len(dims)) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="bars" width="{SIZE}" height="{h}" '
        f'viewBox="0 0 {SIZE} {h}" font-family="{FONT}" font-size="12">'
    ]
    for k, (label, s) in enumerate(dims):
        y = 10 + 28 * k
        w = 2 * max(0.0, min(100.0, s or 0.0))
        parts.append(f'<text x="0" y="{y + 13}" fill="#333">{escape(label[:12])}</text>')
        parts.append(f'<rect x="120" y="{y}" width="200" height="16" fill="#e8edf2"/>')
        parts.append(f'<rect x="120" y="{y}" width="{w:.1f}" height="16" fill="#1f6fb2"/>')
        score = f"{s:.0f}" if s is not None else no_data
        parts.append(f'<text x="326" y="{y + 13}" fill="#1f6fb2" font-weight="bold">{escape(score)}</text>')
    parts.append("</svg>")
    return "".join(parts)
