"""The PDF report: what the SME owner keeps, prints and takes to the government office.

Public API (importing this package does not import WeasyPrint; the first PDF does). Every entry
point takes an :class:`~assess.pipeline.Evaluation` (``assess.pipeline.evaluate``): the report renders
what it is handed and never scores.

* :func:`render_html` — the report as HTML (``full=True``: the consultant edition);
* :func:`export_report` — write the PDF (atomically), optionally the HTML too;
* :class:`Renderer` — the same, with the Jinja environment, strings, stylesheet, URL fetcher and
  font configuration built once: one per process (TUI, each bulk worker);
* :func:`safe_filename` / :func:`path_in` — output names derived from company names that cannot
  leave the output folder.

Layers: :mod:`~assess.report.build` (consultant parts) and :mod:`~assess.report.owner` (the owner's
pages) turn an Evaluation into a :class:`ReportContext` (pure);
:mod:`~assess.report.html` renders it with ``report_templates/report.html.j2``;
:mod:`~assess.report.pdf` turns HTML into PDF with a fetcher restricted to the bundled assets.
"""

from assess.report.build import build_context
from assess.report.context import ReportContext
from assess.report.files import path_in, safe_filename, write_atomic
from assess.report.render import Renderer, check_previous, default_renderer, export_report, render_html

__all__ = [
    "Renderer",
    "ReportContext",
    "build_context",
    "check_previous",
    "default_renderer",
    "export_report",
    "path_in",
    "render_html",
    "safe_filename",
    "write_atomic",
]
