"""The center summary: counters updated one result at a time, then ``summary.html`` and ``summary.pdf``.

Memory stays flat: only counters and the first few companies per support are kept; the full
follow-up lists are streamed to ``followup.csv`` by the runner. Groups (a county/district or a
sector) with fewer than :data:`MIN_GROUP` companies are never broken down: they are merged into
"other". Company names are hostile text: the template autoescapes everything.
"""

from __future__ import annotations

import contextlib
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from assess.domain.errors import AssessError
from assess.domain.results import STATUS_ORDER
from assess.domain.sanitize import clean_any
from assess.domain.text import Lang, Text
from assess.files.loading import Bundle

from .record import Label, Record

MIN_GROUP = 5
"""Smallest group of companies shown on its own (privacy)."""
FOLLOW_SHOWN = 20
"""Companies listed per support and status in the PDF (all of them are in followup.csv)."""
MAX_COLS = 6
"""Group columns per table of the demand matrices."""
BINS = 10
WIDTH = 100 / BINS
DEMAND = ("apply", "prepare")


@dataclass
class DimStats:
    """Running statistics of one dimension's scores."""

    n: int = 0
    total: float = 0.0
    low: float = 100.0
    high: float = 0.0
    missing: int = 0
    bins: list[int] = field(default_factory=lambda: [0] * BINS)

    def add(self, score: float | None) -> None:
        """Count one company's score (None: not applicable or too little data)."""
        if score is None:
            self.missing += 1
            return
        self.n += 1
        self.total += score
        self.low = min(self.low, score)
        self.high = max(self.high, score)
        self.bins[min(BINS - 1, int(score // WIDTH))] += 1


@dataclass
class Summary:
    """Everything the center summary shows, accumulated incrementally."""

    inputs: int = 0
    scored: int = 0
    failed: int = 0
    superseded: int = 0
    """Older assessments of a company that a newer one in the run replaces (counted once, newest)."""
    overall: Counter[str] = field(default_factory=Counter)
    ai: Counter[str] = field(default_factory=Counter)
    level_labels: dict[str, Label] = field(default_factory=dict)
    dims: dict[str, DimStats] = field(default_factory=lambda: defaultdict(DimStats))
    floors: Counter[tuple[str, str, Label]] = field(default_factory=Counter)
    supports: Counter[tuple[str, str]] = field(default_factory=Counter)
    regions: Counter[str] = field(default_factory=Counter)
    sectors: Counter[str] = field(default_factory=Counter)
    group_labels: dict[str, Label] = field(default_factory=dict)
    by_region: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    by_sector: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    follow: dict[tuple[str, str], list[tuple[str, str, str, str]]] = field(default_factory=lambda: defaultdict(list))

    def add(self, r: Record) -> None:
        """Count one scored assessment."""
        self.scored += 1
        for counter, (_, level, label) in ((self.overall, r.overall), (self.ai, r.ai)):
            counter[level] += 1
            self.level_labels.setdefault(level, label)
        dims = self.dims
        for dim, score in r.dims.items():  # DimStats.add, inlined: 10,000 companies × 40 dimensions
            st = dims[dim]
            if score is None:
                st.missing += 1
                continue
            st.n += 1
            st.total += score
            if score < st.low:
                st.low = score
            if score > st.high:
                st.high = score
            st.bins[min(BINS - 1, int(score // WIDTH))] += 1
        for name, level, label in r.blocked:
            self.floors[(name, level, label)] += 1
        region = self._group(r.region, "region")
        sector = self._group(r.sector, "sector")
        self.regions[region] += 1
        self.sectors[sector] += 1
        self.supports.update(r.supports.items())  # counts (support, status) pairs, in C
        for key in r.supports.items():
            sid, status = key
            if status in DEMAND:
                self.by_region[(sid, region, status)] += 1
                self.by_sector[(sid, sector, status)] += 1
                shown = self.follow[key]
                if len(shown) < FOLLOW_SHOWN:
                    shown.append((r.company, self._name(region), self._name(sector), r.contact or ""))

    def _group(self, value: tuple[str, Label] | None, kind: str) -> str:
        if value is None:
            return ""
        key = f"{kind}:{value[0]}"
        self.group_labels.setdefault(key, value[1])
        return key

    def _name(self, key: str, lang: Lang = "zh") -> str:
        label = self.group_labels.get(key)
        if label is None:
            return "未填" if lang == "zh" else "not given"
        return label[0] if lang == "zh" else (label[1] or label[0])

    # ------------------------------------------------------------------ view

    def _matrix(
        self, counts: Counter[str], cells: Counter[tuple[str, str, str]], bundle: Bundle, lang: Lang
    ) -> list[dict[str, Any]]:
        """Supports × groups tables of apply/prepare counts (at most MAX_COLS groups per table, so they fit
        the page); groups under MIN_GROUP companies are merged into "other"."""
        big = sorted((g for g, n in counts.items() if n >= MIN_GROUP and g), key=lambda g: -counts[g])
        small = sum(n for g, n in counts.items() if g not in big)
        other = "其他（不足 5 家的组合并）" if lang == "zh" else "Other (groups under 5 merged)"
        cols = [(g, self._name(g, lang), counts[g]) for g in big]
        if small:
            cols.append(("__other__", other, small))
        rows = []
        for s in bundle.catalog.supports:
            row = []
            for g, _, _ in cols:

                def n(status: str, g: str = g, sid: str = s.id) -> int:
                    if g != "__other__":
                        return cells[(sid, g, status)]
                    return sum(v for (i, grp, st), v in cells.items() if i == sid and st == status and grp not in big)

                row.append((n("apply"), n("prepare")))
            rows.append({"name": s.name.get(lang), "cells": row})
        parts = [slice(i, i + MAX_COLS) for i in range(0, max(1, len(cols)), MAX_COLS)]
        return [{"cols": cols[p], "rows": [{"name": r["name"], "cells": r["cells"][p]} for r in rows]} for p in parts]

    def context(self, bundle: Bundle, lang: Lang, outdir_name: str = "") -> dict[str, Any]:
        """The template's data (plain values; the template escapes every string)."""
        q = bundle.latest()

        def tx(t: Text | None) -> str:
            return t.get(lang) if t else ""

        def levels(scale: Any, counter: Counter[str]) -> list[dict[str, Any]]:
            out = [{"id": lv.id, "label": tx(lv.label), "n": counter[lv.id]} for lv in scale.levels]
            known = {lv.id for lv in scale.levels}
            out += [{"id": k, "label": self._lvl(k, lang), "n": v} for k, v in counter.items() if k not in known]
            top = max([o["n"] for o in out] + [1])
            for o in out:
                o["pct"] = 100.0 * o["n"] / max(1, self.scored)
                o["bar"] = 100.0 * o["n"] / top
            return out

        dims = []
        for block in q.scoring.blocks:
            for d in block.dimensions:
                st = self.dims.get(d.id, DimStats())
                top = max([*st.bins, 1])
                dims.append(
                    {
                        "id": d.id,
                        "label": tx(d.label),
                        "block": tx(block.label),
                        "n": st.n,
                        "missing": st.missing,
                        "mean": st.total / st.n if st.n else None,
                        "low": st.low if st.n else None,
                        "high": st.high if st.n else None,
                        "bins": [(b, 100.0 * b / top) for b in st.bins],
                    }
                )
        floors = [
            {
                "index": name,
                "level": self._lvl(level, lang),
                "label": label[0] if lang == "zh" else label[1] or label[0],
                "n": n,
            }
            for (name, level, label), n in self.floors.most_common(10)
        ]
        supports = []
        for s in bundle.catalog.supports:
            counts = {st: self.supports[(s.id, st)] for st in STATUS_ORDER}
            follow = {st: self.follow.get((s.id, st), []) for st in DEMAND}
            supports.append(
                {
                    "id": s.id,
                    "name": s.name.get(lang),
                    "departments": "、".join(d.zh if lang == "zh" else d.en for d in s.departments),
                    "clauses": ", ".join(str(c) for c in s.clauses),
                    "counts": counts,
                    "follow": follow,
                }
            )
        return {
            "lang": lang,
            "title": "企业人工智能就绪度评估 · 中心汇总"
            if lang == "zh"
            else "AI readiness assessments: center summary",
            "questionnaire": f"{tx(q.title)} {q.version}",
            "catalog": bundle.catalog.version,
            "date": date.today().isoformat(),
            "inputs": self.inputs,
            "scored": self.scored,
            "failed": self.failed,
            "superseded": self.superseded,
            "overall": levels(q.scoring.overall, self.overall),
            "ai": levels(q.scoring.ai_readiness, self.ai),
            "overall_label": tx(q.scoring.overall.label),
            "ai_label": tx(q.scoring.ai_readiness.label),
            "dims": dims,
            "floors": floors,
            "supports": supports,
            "min_group": MIN_GROUP,
            "by_region": self._matrix(self.regions, self.by_region, bundle, lang) if q.breakdowns.region else None,
            "by_sector": self._matrix(self.sectors, self.by_sector, bundle, lang) if q.breakdowns.sector else None,
            "follow_shown": FOLLOW_SHOWN,
        }

    def _lvl(self, level: str, lang: Lang) -> str:
        label = self.level_labels.get(level)
        return level if label is None else (label[0] if lang == "zh" else label[1] or label[0])


class SummaryRenderer:
    """The summary's template and, for ``summary.pdf``, WeasyPrint with the stylesheet and fonts.

    Loading them takes a few seconds (mostly importing WeasyPrint); :meth:`preload` does it in a
    background thread while the run scores, so the summary is only laid out at the end.

    Args:
        pdf: also load the PDF writer.
    """

    def __init__(self, pdf: bool = True) -> None:
        self.pdf = pdf
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None
        self._loaded: tuple[Any, str, Any] | None = None

    def preload(self) -> None:
        """Start loading in a background thread (errors are raised by :meth:`render`)."""
        self._thread = threading.Thread(target=self._preload, name="summary-preload", daemon=True)
        self._thread.start()

    def _preload(self) -> None:
        try:
            self._load()
        except BaseException as e:  # raised again by render(), in the caller's thread
            self._error = e

    def _load(self) -> tuple[Any, str, Any]:
        if self._loaded is None:
            import jinja2

            from assess.files import resources

            tdir = resources.template_dir()
            env = jinja2.Environment(
                loader=jinja2.FileSystemLoader(tdir),
                autoescape=True,
                finalize=clean_any,  # company names: no control characters or bidi overrides
                undefined=jinja2.StrictUndefined,
                trim_blocks=True,
                lstrip_blocks=True,
            )
            env.filters["num"] = lambda x: "—" if x is None else f"{x:.1f}".rstrip("0").rstrip(".")
            css = (tdir / "summary.css").read_text(encoding="utf-8")
            writer = None
            if self.pdf:
                from assess.report.pdf import PdfWriter

                writer = PdfWriter(tdir / "assets", tdir.as_uri() + "/", css)
                writer.write("<p>淮安 AI</p>")  # the first layout loads the fonts
            self._loaded = (env.get_template("summary.html.j2"), css, writer)
        return self._loaded

    def ready(self) -> tuple[Any, str, Any]:
        """(template, stylesheet, PDF writer or None), loaded (waits for :meth:`preload`)."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None
            if self._error is not None:
                error, self._error = self._error, None
                raise error
        return self._load()

    def close(self) -> None:
        """Nothing to stop (the loading thread ends by itself)."""

    def render(self, ctx: dict[str, Any], html_out: Path, pdf_out: Path | None, *, appendix: bool = False) -> int:
        """See :func:`render`."""
        from assess.report.files import write_atomic

        template, css, writer = self.ready()
        write_atomic(html_out, template.render(**ctx, css=css, for_pdf=False, appendix=True).encode("utf-8"))
        if pdf_out is None:
            return 0
        if writer is None:
            raise ValueError("this summary renderer was made without the PDF writer")
        data, pages = writer.write(template.render(**ctx, css="", for_pdf=True, appendix=appendix))
        write_atomic(pdf_out, data)
        return int(pages)


class SummaryFailed(Exception):
    """The summary process could not write the summary (`message` says why; `expected`: a problem the
    user can fix, e.g. a missing font, rather than a crash)."""

    def __init__(self, message: str, expected: bool = False) -> None:
        super().__init__(message)
        self.message, self.expected = message, expected


class SummaryProcess:
    """The summary rendered in a process of its own (same interface as :class:`SummaryRenderer`).

    The process loads the template and WeasyPrint at once, while the workers score, and lays the
    summary out at the end while the parent writes the tables: neither costs the parent any time.

    Args:
        context: the multiprocessing context to start it with (the worker pool's: never ``fork``).
        pdf: also write summary.pdf.
    """

    def __init__(self, context: Any, pdf: bool = True) -> None:
        self._conn, child = context.Pipe()
        self._proc = context.Process(target=serve, args=(child, pdf), name="assess-summary", daemon=True)
        self._proc.start()
        child.close()

    def render(self, ctx: dict[str, Any], html_out: Path, pdf_out: Path | None, *, appendix: bool = False) -> int:
        """See :func:`render`.

        Raises:
            SummaryFailed: the summary could not be written, or the process stopped.
        """
        try:
            self._conn.send((ctx, str(html_out), None if pdf_out is None else str(pdf_out), appendix))
            reply = self._conn.recv()
        except (EOFError, OSError) as e:
            raise SummaryFailed(f"the summary process stopped ({type(e).__name__})") from None
        finally:
            self.close()
        if reply[0] == "ok":
            return int(reply[1])
        raise SummaryFailed(reply[1], reply[2])

    def close(self) -> None:
        """Stop the process (it exits by itself once it has answered)."""
        if self._conn.closed:
            return
        with contextlib.suppress(OSError, ValueError):
            self._conn.send(None)
        self._conn.close()
        self._proc.join(5)
        if self._proc.is_alive():
            self._proc.terminate()
            self._proc.join()


def serve(conn: Any, pdf: bool) -> None:
    """The summary process: load everything, then render the one summary asked for."""
    renderer = SummaryRenderer(pdf)
    loading: BaseException | None = None
    try:
        renderer.ready()
    except Exception as e:  # reported when the summary is asked for
        loading = e
    try:
        request = conn.recv()
    except (EOFError, OSError):
        return
    if request is None:
        return
    ctx, html_out, pdf_out, appendix = request
    try:
        if loading is not None:
            raise loading
        pages = renderer.render(ctx, Path(html_out), None if pdf_out is None else Path(pdf_out), appendix=appendix)
        conn.send(("ok", pages))
    except AssessError as e:
        conn.send(("error", str(e), True))
    except Exception as e:  # e.g. WeasyPrint or a template problem
        conn.send(("error", f"{type(e).__name__}: {e}", False))


def render(
    ctx: dict[str, Any],
    html_out: Path,
    pdf_out: Path | None,
    *,
    appendix: bool = False,
    renderer: SummaryRenderer | SummaryProcess | None = None,
) -> int:
    """Write ``summary.html`` (stylesheet inlined) and, when asked, ``summary.pdf``; returns the PDF's pages.

    The PDF is a few pages of aggregates an analyst reads; the companies to contact per support are in
    followup.csv and results.xlsx (and summary.html). `appendix` appends them to the PDF as well.
    `renderer`: one already loaded (or loading), e.g. while the run scored."""
    return (renderer or SummaryRenderer(pdf_out is not None)).render(ctx, html_out, pdf_out, appendix=appendix)
