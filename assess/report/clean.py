"""Client-safe text: what the owner's report may print from the catalog's research-grade texts.

The catalog (``questionnaires/supports.yaml``) keeps the team's research notes next to the facts:
"（supports.md P02，推断）", "（仓库转录，原文未见）", "（2026年度为6月1日至8月31日，待核实）". They
are right for the consultant edition and wrong in front of a client. This module removes them at
render time, without touching the catalog:

* :func:`client_text` drops parenthetical notes that carry a research marker and turns the
  "以当年申报通知为准" caveat into a footnote marker (the page footer states it once);
* :func:`client_sources` keeps, of a support's sources, only official documents (a document number
  such as 淮政办发〔2026〕7号 or a 《title》), reduced to name, number and clause.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from assess.domain.catalog import Source
from assess.domain.text import Lang

MARK = "※"
"""Footnote marker: "amounts, rates, conditions and dates follow the year's application notice"."""

RESEARCH = re.compile(
    r"supports\.md|verification\.md|仓库|二手|原文未见|待核实|推断|参考|转录|本工具|163\.com|"
    r"unverified|inferred|our inference|not seen|transcri|for reference",
    re.IGNORECASE,
)
"""Words that mark a research note (never printed in the owner's report)."""

STRONG = re.compile(
    r"supports\.md|verification\.md|仓库|二手|原文未见|待核实|转录|163\.com|transcri|unverified|not seen", re.IGNORECASE
)
"""Words that mark a whole sentence as a research note (dropped with its sentence)."""

NOTICE_ZH = "以当年申报通知为准"
_NOTICE_ANY = re.compile(r"以[^，。；（）]{0,14}通知为准")
CAVEAT_WORDS = 8
"""An English sentence naming the notice with at most this many words is a caveat, not an instruction."""
_NOTICE_EN = re.compile(
    r"(the year's (application )?notice|application notice for the year|year's policy)", re.IGNORECASE
)
_DOC_NO = re.compile(r"[〔\[]\d{4}[〕\]]\s*\d+\s*号")
_TITLE = re.compile(r"《[^》]+》")
_CLAUSE = re.compile(
    r"第[一二三四五六七八九十百\d]+条(（[一二三四五六七八九十]+）)?(、第[一二三四五六七八九十百\d]+条)*"
)
_PAREN = re.compile(r"[（(][^（）()]*[）)]")


def _note(m: re.Match[str]) -> str:
    inner = m.group(0)
    if _NOTICE_ANY.search(inner):
        return MARK
    return "" if RESEARCH.search(inner) else inner


def _drop_notes(text: str) -> str:
    """Remove every parenthetical (full- or half-width) that carries a research marker, and every
    sentence that rests on one (e.g. "据……的转录，……")."""
    prev = None
    while prev != text:
        prev = text
        text = _PAREN.sub(_note, text)
    parts = re.split(r"(?<=[。；])|(?<=[.;] )", text)
    return "".join(p for p in parts if not STRONG.search(p))


def _notice_to_marker_zh(text: str) -> str:
    """Clauses saying 以当年申报通知为准 become a ※ after the clause before them."""
    if not _NOTICE_ANY.search(text):
        return text
    out: list[str] = []
    for sentence in re.split(r"(?<=[。；])", text):
        if not _NOTICE_ANY.search(sentence):
            out.append(sentence)
            continue
        end = sentence[-1] if sentence and sentence[-1] in "。；" else ""
        body = sentence[: len(sentence) - len(end)]
        kept = [c for c in body.split("，") if not _NOTICE_ANY.search(c)]
        if kept:
            out.append("，".join(kept) + MARK + end)
        elif out:
            last = out[-1]
            out[-1] = (last[:-1] + MARK + last[-1]) if last and last[-1] in "。；" else last + MARK
        else:
            out.append(MARK)
    return "".join(out)


def _notice_to_marker_en(text: str) -> str:
    if not _NOTICE_EN.search(text):
        return text
    sentences = re.split(r"(?<=[.;])\s+", text)
    # a short sentence that only defers to the notice ("Terms follow the year's notice.") goes; a longer
    # one is an instruction that happens to name the notice ("File online in the period the year's
    # notice sets") and stays
    kept = [s for s in sentences if not _NOTICE_EN.search(s) or len(s.split()) > CAVEAT_WORDS]
    if not kept:
        return MARK
    last = kept[-1]
    kept[-1] = (last[:-1] + MARK + ".") if last[-1:] in (".", ";") else last + MARK
    return " ".join(kept)


def client_text(text: str, lang: Lang) -> str:
    """`text` without research notes, its notice caveat turned into the footnote marker."""
    text = _drop_notes(text)
    text = _notice_to_marker_zh(text) if lang == "zh" else _notice_to_marker_en(_notice_to_marker_zh(text))
    text = re.sub(r"\s*[，,]\s*(?=[。.；;])", "", text)  # a clause dropped before the full stop
    text = re.sub(r"\s+(?=[;,.:)])", "", text)
    text = re.sub(r"※+", MARK, text)
    text = re.sub(r"；$", "。", re.sub(r";$", ".", text.strip()))
    return re.sub(r"[ \t]{2,}", " ", text).strip()


def has_marker(text: str) -> bool:
    """Whether `text` refers to the footnote."""
    return MARK in text


def _document(title: str) -> str | None:
    """Name, number and clause of an official document cited in `title`; None for anything else."""
    masked = _TITLE.sub(lambda m: m.group(0).replace("（", "\0").replace("）", "\1"), title)
    prev = None
    while prev != masked:
        prev, masked = masked, _PAREN.sub("", masked)
    head = masked.split("：")[0].split("，")[0].strip()
    head = head.replace("\0", "（").replace("\1", "）").strip(" ；;")
    if RESEARCH.search(title) and not (_DOC_NO.search(head) or _TITLE.search(head)):
        return None
    if not (_DOC_NO.search(head) or _TITLE.search(head)):
        return None
    return head


ISSUERS = (
    ("淮政办发", "Huai'an Municipal Government Office"),
    ("苏工信", "Jiangsu Department of Industry and Information Technology"),
    ("苏科", "Jiangsu Department of Science and Technology"),
    ("工信厅", "General Office of the Ministry of Industry and Information Technology"),
    ("工企业", "Ministry of Industry and Information Technology"),
    ("工信部", "Ministry of Industry and Information Technology"),
    ("国科发", "Ministry of Science and Technology"),
    ("国办", "General Office of the State Council"),
    ("国发", "State Council"),
)
"""Who issued a document, from the prefix of its number (for English source lines)."""


def _english(doc: str) -> str:
    """An English source line with the Chinese document title in brackets."""
    if doc.startswith("淮政办发〔2026〕7号"):
        clause = doc.removeprefix("淮政办发〔2026〕7号").strip()
        items = re.findall(r"第(\d+)条", clause)
        item = (", item " if len(items) == 1 else ", items ") + ", ".join(items) if items else ""
        return f"Huai'an AI action plan 2026–2027{item} ({doc})"
    body = _TITLE.sub("", doc)
    for prefix, issuer in ISSUERS:
        if prefix in body:
            return f"{issuer} document ({doc})"
    if _TITLE.search(doc):
        return f"National or provincial regulation ({doc})"
    return f"Official document ({doc})"


def client_sources(sources: Iterable[Source], lang: Lang) -> list[str]:
    """The official documents behind a support, each once, in the report's language."""
    docs = list(dict.fromkeys(d for d in (_document(s.title) for s in sources) if d))
    return docs if lang == "zh" else [_english(d) for d in docs]
