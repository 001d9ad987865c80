"""Score bars drawn as coloured spaces: one cell wide in every terminal (block glyphs are
ambiguous-width and misalign where a CJK terminal draws them wide)."""

from __future__ import annotations

from rich.text import Text as RichText


def score_bar(score: float | None, width: int = 20) -> RichText:
    """A bar of `width` cells for a 0–100 score (all grey when there is no score)."""
    filled = 0 if score is None else round(max(0.0, min(100.0, score)) / 100 * width)
    colour = "red" if score is None or score < 40 else "yellow" if score < 70 else "green"
    bar = RichText(" " * filled, style=f"on {colour}")
    bar.append(" " * (width - filled), style="on grey23")
    return bar


def fmt_score(score: float | None) -> str:
    """A score as shown: one decimal, as the report and `assess score` print it (69.8 must not read
    as 70, the band of the next level), or "-" without a score."""
    return "-" if score is None else f"{score:.1f}"
