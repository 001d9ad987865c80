"""PDF from report HTML with WeasyPrint, fetching nothing but the report's own assets.

WeasyPrint is imported inside :class:`PdfWriter` (it costs 0.7–1 s and native libraries), so that
importing :mod:`assess.report` stays cheap for the TUI and the CLI.

Security: every ``HTML`` and ``CSS`` object gets the same :func:`assets_fetcher`, which allows only
``data:`` URLs and regular files inside the assets folder (after resolving ``..`` and symlinks).
Anything else — ``file:///etc/passwd``, ``http://``, a ``<link rel="attachment">`` — is refused and
logged by WeasyPrint, so nothing outside the templates can reach the PDF and no request leaves the
machine.

Fonts: the bundled Noto Sans CJK SC faces are declared with ``@font-face`` in ``report.css``. The
stylesheet and its :class:`FontConfiguration` are built once per :class:`PdfWriter`; WeasyPrint
subsets the fonts per document (never ``full_fonts``).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from assess.domain.errors import ReportError

log = logging.getLogger("assess.report")


class _Capture(logging.Handler):
    """Collects WeasyPrint's log records of the current thread during one rendering."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []
        self.thread = threading.get_ident()

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            self.records.append(record)


@contextmanager
def capture_weasyprint_logs() -> Iterator[list[logging.LogRecord]]:
    """Collect WeasyPrint warnings and errors logged inside the block (this thread only)."""
    logger = logging.getLogger("weasyprint")
    handler = _Capture()
    logger.addHandler(handler)
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)


def assets_fetcher(root: Path) -> Any:
    """A WeasyPrint URL fetcher that serves ``data:`` URLs and files under `root`, nothing else.

    The fonts are fetched once, when :class:`PdfWriter` parses the stylesheet; documents reuse them.
    """
    from weasyprint.urls import URLFetcher, URLFetcherResponse  # lazy: heavy native import

    base = root.resolve()

    class AssetsOnlyFetcher(URLFetcher):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False, timeout=2)

        def fetch(self, url: str, headers: Any = None) -> Any:
            parts = urlsplit(url)
            if parts.scheme == "data":
                return super().fetch(url, headers)
            if parts.scheme == "file" and parts.netloc in ("", "localhost"):
                path = Path(url2pathname(parts.path)).resolve()
                if path.is_relative_to(base) and path.is_file():
                    return URLFetcherResponse(path.as_uri(), path.read_bytes())
            raise ValueError(f"refused by the report's URL fetcher (only its own assets are allowed): {url[:200]}")

    return AssetsOnlyFetcher()


def harfbuzz_subset_available() -> bool:
    """Whether WeasyPrint found libharfbuzz-subset (without it CJK PDFs take ~10× longer)."""
    from weasyprint.text import ffi  # lazy: heavy native import

    return getattr(ffi, "harfbuzz_subset", None) is not None


class PdfWriter:
    """WeasyPrint, its fetcher, the parsed stylesheet and the font configuration, built once.

    Args:
        assets: the only folder files may be read from (fonts).
        base_url: the base URL relative links in the HTML and CSS resolve against.
        css: the stylesheet text.

    Raises:
        ReportError: a font declared in the stylesheet cannot be loaded.
    """

    def __init__(self, assets: Path, base_url: str, css: str) -> None:
        import weasyprint  # lazy: heavy native import
        from weasyprint.text.fonts import FontConfiguration

        self._weasyprint = weasyprint
        if not harfbuzz_subset_available():
            log.warning(
                "libharfbuzz-subset0 is not installed: Chinese PDFs will take about ten times longer "
                "(apt install libharfbuzz-subset0)"
            )
        self.base_url = base_url
        self.fetcher = assets_fetcher(assets)
        self.font_config = FontConfiguration()
        with capture_weasyprint_logs() as records:
            self.css = weasyprint.CSS(
                string=css, base_url=base_url, url_fetcher=self.fetcher, font_config=self.font_config
            )
        bad = [r.getMessage() for r in records if "font" in r.getMessage().lower() or r.levelno >= logging.ERROR]
        if bad:
            raise ReportError(f"the report font could not be loaded: {bad[0]}", file=str(assets))

    def document(self, html: str) -> Any:
        """Lay out the HTML (a WeasyPrint ``Document``), using only the writer's stylesheet and fetcher."""
        w = self._weasyprint
        page = w.HTML(string=html, base_url=self.base_url, url_fetcher=self.fetcher)
        return page.render(stylesheets=[self.css], font_config=self.font_config)

    def write(self, html: str, *, strict: bool = False) -> tuple[bytes, int]:
        """The PDF bytes and page count of `html`.

        Args:
            strict: raise :class:`ReportError` on any WeasyPrint ERROR (tests); otherwise they are
                logged on ``assess.report`` and the PDF is still produced.
        """
        with capture_weasyprint_logs() as records:
            doc = self.document(html)
            pdf: bytes = doc.write_pdf()
        errors = [r.getMessage() for r in records if r.levelno >= logging.ERROR]
        for message in errors:
            log.warning("WeasyPrint: %s", message)
        if strict and errors:
            raise ReportError(f"the PDF renderer reported an error: {errors[0]}")
        return pdf, len(doc.pages)
