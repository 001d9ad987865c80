"""What every part of the report view is built from: an :class:`Evaluation` and text helpers."""

from __future__ import annotations

from collections.abc import Iterable

from assess.domain.text import Lang, Text
from assess.pipeline import Evaluation

DASH = "—"

END = "。；;.，, "


def sentences(items: list[str], lang: Lang) -> str:
    """Short texts as one run of sentences, without doubled punctuation ("。；" or ".;")."""
    parts = [x.strip().rstrip(END) for x in items if x.strip()]
    if not parts:
        return ""
    return ("；".join(parts) + "。") if lang == "zh" else ("; ".join(parts) + ".")


def num(x: float | None) -> str:
    """A score as shown: one decimal at most, an em dash when missing."""
    if x is None:
        return DASH
    return f"{x:.1f}".rstrip("0").rstrip(".")


class ViewBuilder:
    """Turns one scored assessment into view pieces in one language (subclassed per part of the report)."""

    def __init__(self, cur: Evaluation, strings: dict[str, str], lang: Lang) -> None:
        self.cur, self.s, self.lang = cur, strings, lang
        self.r = cur.result
        self.dim_label = {d.id: self.tx(d.label) for d in self.r.dimensions}
        self.support_name = {s.id: self.tx(s.name) for s in self.r.supports}

    def tx(self, text: Text | None) -> str:
        return text.get(self.lang) if text is not None else ""

    def txs(self, texts: Iterable[Text]) -> list[str]:
        return [self.tx(t) for t in texts]

    def names(self, ids: Iterable[str]) -> list[str]:
        """Names of supports; ids that are not in the catalog are left out (never shown as codes)."""
        return [self.support_name[i] for i in ids if i in self.support_name]
