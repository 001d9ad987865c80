"""The report use case: answers → scores → view model → HTML → PDF, with everything reusable built once.

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

from assess.domain.answers import AnswerFile
from assess.domain.text import Lang
from assess.errors import ReportError
from assess.loading import Bundle
from assess.report import html as html_mod
from assess.report.build import Scored, build_context
from assess.report.context import ReportContext
from assess.report.files import write_atomic
from assess.report.pdf import PdfWriter

log = logging.getLogger("assess.report")

FONTS = ("NotoSansCJKsc-Regular.otf", "NotoSansCJKsc-Bold.otf")
"""The bundled font files (``assets/fonts/``), declared in ``report.css``."""


def score(bundle: Bundle, answer_file: AnswerFile) -> Scored:
    """Score `answer_file` the way every front end does (version, migration, validation)."""
    from assess.pipeline import evaluate

    done = evaluate(bundle, answer_file)
    return Scored(answers=done.answers, engine=done.engine, result=done.result)


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
            af = load_answers(path)
            renderer.export(bundle, af, out_dir / safe_filename(af.company.name))
    """

    def __init__(self, template_dir: Path | None = None, *, strict: bool = False) -> None:
        from assess import resources

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

    def context(self, current: Scored, *, lang: Lang = "zh", previous: Scored | None = None) -> ReportContext:
        """The view model (no I/O)."""
        return build_context(current, self.strings[lang], lang=lang, previous=previous)

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
        bundle: Bundle,
        answer_file: AnswerFile,
        *,
        lang: Lang = "zh",
        previous: AnswerFile | None = None,
        standalone: bool = False,
    ) -> str:
        """Score the answers (and `previous`) and return the report HTML."""
        prev = score(bundle, previous) if previous is not None else None
        return self.html(self.context(score(bundle, answer_file), lang=lang, previous=prev), standalone=standalone)

    def export(
        self,
        bundle: Bundle,
        answer_file: AnswerFile,
        out_path: Path,
        *,
        lang: Lang = "zh",
        previous: AnswerFile | None = None,
        html_path: Path | None = None,
    ) -> Path:
        """Write the PDF report (atomically) and optionally the HTML next to it; returns `out_path`.

        Raises:
            ReportError: unwritable path, missing font or template.
            AnswersError: the answers do not match a bundled questionnaire.
        """
        if lang not in ("zh", "en"):
            raise ReportError(f"unknown report language {lang!r} (use zh or en)")
        prev = score(bundle, previous) if previous is not None else None
        ctx = self.context(score(bundle, answer_file), lang=lang, previous=prev)
        if html_path is not None:
            write_atomic(html_path, self.html(ctx, standalone=True).encode("utf-8"))
        return write_atomic(out_path, self.pdf(self.html(ctx)))


@cache
def default_renderer() -> Renderer:
    """The process-wide :class:`Renderer` used by :func:`render_html` and :func:`export_report`."""
    return Renderer()


def render_html(
    bundle: Bundle, answer_file: AnswerFile, *, lang: Lang = "zh", previous: AnswerFile | None = None
) -> str:
    """The report of `answer_file` as HTML (the same HTML the PDF is made from)."""
    return default_renderer().render_html(bundle, answer_file, lang=lang, previous=previous)


def export_report(
    bundle: Bundle,
    answer_file: AnswerFile,
    out_path: Path,
    *,
    lang: Lang = "zh",
    previous: AnswerFile | None = None,
    html_path: Path | None = None,
) -> Path:
    """Score `answer_file` and write its PDF report to `out_path` atomically.

    Args:
        bundle: questionnaires and catalog (:func:`assess.loading.load_bundle`).
        answer_file: the assessment.
        out_path: the PDF to write (its folder must exist).
        lang: ``zh`` (default) or ``en``.
        previous: an earlier assessment of the same company: adds the progress page.
        html_path: also write the HTML (stylesheet inlined) there.

    Raises:
        ReportError: one-line message for a missing font or template, an unwritable path.
        AnswersError: the answers do not fit a bundled questionnaire.
    """
    return default_renderer().export(bundle, answer_file, out_path, lang=lang, previous=previous, html_path=html_path)
