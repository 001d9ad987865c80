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


def radar_svg(dims: list[tuple[str, float | None]], *, no_data: str = "—") -> str:
    """An SVG radar of (label, score 0–100 or None) pairs; fewer than three axes give bars instead.

    A dimension without a score is drawn at 0 and its label is followed by `no_data`.
    """
    if len(dims) < 3:
        return bars_svg(dims, no_data=no_data)
    n = len(dims)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="radar" width="{SIZE}" height="{SIZE}" '
        f'viewBox="0 0 {SIZE} {SIZE}" font-family="{FONT}" font-size="12">'
    ]
    for ring in RINGS:
        pts = [_point(i, n, RADIUS * ring / 100) for i in range(n)]
        parts.append(f'<polygon points="{_poly(pts)}" fill="none" stroke="#c8d0da" stroke-width="0.8"/>')
    for i in range(n):
        x, y = _point(i, n, RADIUS)
        parts.append(
            f'<line x1="{SIZE / 2}" y1="{SIZE / 2}" x2="{x:.1f}" y2="{y:.1f}" stroke="#c8d0da" stroke-width="0.8"/>'
        )
    for ring in (40, 80):
        x, y = _point(0, n, RADIUS * ring / 100)
        parts.append(f'<text x="{x + 3:.1f}" y="{y + 10:.1f}" fill="#8a96a3" font-size="8">{ring}</text>')
    pts = [_point(i, n, RADIUS * max(0.0, min(100.0, s or 0.0)) / 100) for i, (_, s) in enumerate(dims)]
    parts.append(
        f'<polygon points="{_poly(pts)}" fill="#1f6fb2" fill-opacity="0.25" stroke="#1f6fb2" stroke-width="2"/>'
    )
    for (x, y), (_, s) in zip(pts, dims, strict=True):
        if s is not None:
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="#1f6fb2"/>')
    for i, (label, s) in enumerate(dims):
        x, y = _point(i, n, RADIUS + 18)
        anchor = "middle" if abs(x - SIZE / 2) < 20 else "start" if x > SIZE / 2 else "end"
        score = f"{s:.0f}" if s is not None else no_data
        lines = [*_label_lines(label), score]
        y0 = y - (len(lines) - 1) * 6.5 + (6 if y > SIZE / 2 + 20 else -2 if y < SIZE / 2 - 20 else 2)
        bold = ' font-weight="bold" fill="#1f6fb2"'
        tspans = "".join(
            f'<tspan x="{x:.1f}" y="{y0 + k * 13:.1f}"{bold if k == len(lines) - 1 else ""}>{escape(line)}</tspan>'
            for k, line in enumerate(lines)
        )
        parts.append(f'<text text-anchor="{anchor}" fill="#333">{tspans}</text>')
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
