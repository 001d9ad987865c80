"""The report use case: an Evaluation → view model → HTML → PDF, with everything reusable built once.

The report renders the :class:`~assess.pipeline.Evaluation` it is handed (the same one the front end
shows) and never scores: callers evaluate with :func:`assess.pipeline.evaluate` first.

:class:`Renderer` holds the Jinja environment, the report strings, the glyph table of the bundled
font and (on first PDF) WeasyPrint's stylesheet, URL fetcher and font configuration. Build one per
process and call it for every report: the TUI keeps one for its exports, each bulk worker builds one
in its initializer. :func:`render_html` and :func:`export_report` use a shared default instance.
"""

from __future__ import annotations

import logging
import threading
from functools import cache
from pathlib import Path

from assess.domain.errors import ReportError
from assess.domain.text import Lang
from assess.pipeline import Evaluation
from assess.report import html as html_mod
from assess.report.build import build_context
from assess.report.context import ReportContext
from assess.report.files import write_atomic
from assess.report.pdf import PdfWriter
from assess.report.progress import previous_problem

log = logging.getLogger("assess.report")

FONTS = ("NotoSansCJKsc-Regular.otf", "NotoSansCJKsc-Bold.otf")
"""The bundled font files (``assets/fonts/``), declared in ``report.css``."""


def check_previous(current: Evaluation, previous: Evaluation | None, *, file: str | None = None) -> None:
    """Refuse a `previous` assessment of another company or not earlier than `current`.

    Raises:
        ReportError: one line naming the file (when given) and what does not match.
    """
    if previous is None:
        return
    problem = previous_problem(current, previous)
    if problem is not None:
        raise ReportError(problem, file=file, field="previous")


class Renderer:
    """Renders reports; build once per process and reuse (thread-safe: PDFs are made one at a time).

    Args:
        template_dir: folder with ``report.html.j2``, ``report.css``, ``strings.yaml`` and ``assets/``
            (default: the bundled ``report_templates``).
        strict: raise :class:`ReportError` on any WeasyPrint ERROR instead of logging it (tests).

    Raises:
        ReportError: a template file or a bundled font is missing.

    Example::

        renderer = Renderer()
        for path in answer_files:
            ev = evaluate(bundle, load_answers(path))
            renderer.export(ev, out_dir / safe_filename(ev.answers.company.name))
    """

    def __init__(self, template_dir: Path | None = None, *, strict: bool = False) -> None:
        from assess.files import resources

        self.template_dir = (template_dir or resources.template_dir()).resolve()
        self.assets = self.template_dir / "assets"
        self.strict = strict
        for name in (html_mod.TEMPLATE, html_mod.CSS, html_mod.STRINGS):
            if not (self.template_dir / name).is_file():
                raise ReportError("report template file missing", file=str(self.template_dir / name))
        for font in FONTS:
            path = self.assets / "fonts" / font
            if not path.is_file():
                raise ReportError("report font missing (reinstall assess or restore the file)", file=str(path))
        self.env = html_mod.make_environment(self.template_dir)
        self.strings = html_mod.load_strings(self.template_dir)
        self.css = (self.template_dir / html_mod.CSS).read_text(encoding="utf-8")
        self._pdf: PdfWriter | None = None
        self._glyphs: frozenset[int] | None = None
        self._lock = threading.Lock()
        self._render_lock = threading.Lock()
        self.last_missing_glyphs: set[str] = set()
        """Characters of the last report that the bundled font cannot show (logged as a warning)."""
        self.last_pages = 0
        """Page count of the last PDF."""

    # ------------------------------------------------------------------ steps

    def context(
        self, current: Evaluation, *, lang: Lang = "zh", previous: Evaluation | None = None, full: bool = False
    ) -> ReportContext:
        """The view model (no I/O); `previous` is checked (same company, earlier)."""
        check_previous(current, previous)
        return build_context(current, self.strings[lang], lang=lang, previous=previous, full=full)

    def html(self, ctx: ReportContext, *, standalone: bool = False) -> str:
        """HTML of a view model; `standalone` inlines the stylesheet (for a ``.html`` file to open)."""
        return html_mod.render(self.env, ctx, css=self.css if standalone else None)

    @property
    def pdf_writer(self) -> PdfWriter:
        """WeasyPrint with the report stylesheet (imported and built on first use)."""
        with self._lock:
            if self._pdf is None:
                self._pdf = PdfWriter(self.assets, self.template_dir.as_uri() + "/", self.css)
            return self._pdf

    def glyphs(self) -> frozenset[int]:
        """Code points the bundled regular face can show."""
        if self._glyphs is None:
            from fontTools.ttLib import TTFont  # type: ignore[import-untyped]  # lazy: only with the PDF

            with TTFont(self.assets / "fonts" / FONTS[0], lazy=True) as font:
                self._glyphs = frozenset(font.getBestCmap())
        return self._glyphs

    def missing_glyphs(self, text: str) -> set[str]:
        """Characters of `text` the bundled font has no glyph for (whitespace ignored)."""
        have = self.glyphs()
        return {ch for ch in set(text) if ord(ch) not in have and not ch.isspace()}

    def pdf(self, html: str) -> bytes:
        """PDF bytes of report HTML."""
        missing = self.missing_glyphs(html)
        self.last_missing_glyphs = missing
        if missing:
            log.warning("characters not in the report font (shown with a fallback font): %s", "".join(sorted(missing)))
        with self._render_lock:  # WeasyPrint state (fonts, fetcher cache) is per writer; one document at a time
            data, self.last_pages = self.pdf_writer.write(html, strict=self.strict)
        return data

    # ------------------------------------------------------------------ use cases

    def render_html(
        self,
        current: Evaluation,
        *,
        lang: Lang = "zh",
        previous: Evaluation | None = None,
        full: bool = False,
        standalone: bool = False,
    ) -> str:
        """The report HTML of an evaluated assessment (and an earlier one to compare with)."""
        return self.html(self.context(current, lang=lang, previous=previous, full=full), standalone=standalone)

    def export(
        self,
        current: Evaluation,
        out_path: Path,
        *,
        lang: Lang = "zh",
        previous: Evaluation | None = None,
        full: bool = False,
        html_path: Path | None = None,
    ) -> Path:
        """Write the PDF report (atomically) and optionally the HTML next to it; returns `out_path`.

        Raises:
            ReportError: unwritable path, missing font or template, a `previous` of another company
                or not earlier.
        """
        if lang not in ("zh", "en"):
            raise ReportError(f"unknown report language {lang!r} (use zh or en)")
        ctx = self.context(current, lang=lang, previous=previous, full=full)
        if html_path is not None:
            write_atomic(html_path, self.html(ctx, standalone=True).encode("utf-8"))
        return write_atomic(out_path, self.pdf(self.html(ctx)))


@cache
def default_renderer() -> Renderer:
    """The process-wide :class:`Renderer` used by :func:`render_html` and :func:`export_report`."""
    return Renderer()


def render_html(
    current: Evaluation, *, lang: Lang = "zh", previous: Evaluation | None = None, full: bool = False
) -> str:
    """The report of an evaluated assessment as HTML (the same HTML the PDF is made from)."""
    return default_renderer().render_html(current, lang=lang, previous=previous, full=full)


def export_report(
    current: Evaluation,
    out_path: Path,
    *,
    lang: Lang = "zh",
    previous: Evaluation | None = None,
    full: bool = False,
    html_path: Path | None = None,
) -> Path:
    """Write the PDF report of an evaluated assessment to `out_path` atomically.

    Args:
        current: the assessment, as :func:`assess.pipeline.evaluate` returned it (not scored again).
        out_path: the PDF to write (its folder must exist).
        lang: ``zh`` (default) or ``en``.
        previous: an earlier evaluation of the same company: adds the progress box and the overlay.
        full: the consultant edition (every answer, the method, level rules, rule versions, traces).
        html_path: also write the HTML (stylesheet inlined) there.

    Raises:
        ReportError: one-line message for a missing font or template, an unwritable path, or a
            `previous` that is another company's or not earlier.
    """
    return default_renderer().export(current, out_path, lang=lang, previous=previous, full=full, html_path=html_path)
