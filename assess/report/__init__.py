"""The PDF report: what the SME owner keeps, prints and takes to the government office.

Public API (importing this package does not import WeasyPrint; the first PDF does):

* :func:`render_html` — the report as HTML;
* :func:`export_report` — write the PDF (atomically), optionally the HTML too;
* :class:`Renderer` — the same, with the Jinja environment, strings, stylesheet, URL fetcher and
  font configuration built once: one per process (TUI, each bulk worker);
* :func:`safe_filename` / :func:`path_in` — output names derived from company names that cannot
  leave the output folder.

Layers: :mod:`~assess.report.build` turns scored answers into a :class:`ReportContext` (pure);
:mod:`~assess.report.html` renders it with ``report_templates/report.html.j2``;
:mod:`~assess.report.pdf` turns HTML into PDF with a fetcher restricted to the bundled assets.
"""

from assess.report.build import Scored, build_context
from assess.report.context import ReportContext
from assess.report.files import path_in, safe_filename, write_atomic
from assess.report.render import Renderer, default_renderer, export_report, render_html, score

__all__ = [
    "Renderer",
    "ReportContext",
    "Scored",
    "build_context",
    "default_renderer",
    "export_report",
    "path_in",
    "render_html",
    "safe_filename",
    "score",
    "write_atomic",
]
