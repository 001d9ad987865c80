"""The export use case of the front ends: write the PDF report of an assessment already scored.

A front end scores once (:func:`assess.pipeline.evaluate`), shows the :class:`Evaluation`, and hands the
same Evaluation here: the report renders what it is given and never scores again, so the PDF and the
screen cannot disagree. The TUI imports this module, never :mod:`assess.report` itself (a contract in
``pyproject.toml`` checks it), so a change of the report's internals stays behind this one function.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from assess.domain.text import Lang

if TYPE_CHECKING:
    from assess.pipeline import Evaluation


def export_pdf(current: Evaluation, out: Path, *, lang: Lang = "zh", previous: Evaluation | None = None) -> Path:
    """Write the PDF report of `current` (with the progress page when `previous` is given) atomically.

    Imports WeasyPrint on first use (about a second), so callers run it off the UI thread.

    Raises:
        ReportError: a missing font or template, an unwritable path.
    """
    from assess.report import export_report

    return export_report(current, out, lang=lang, previous=previous)


def pdf_name(stem: str) -> str:
    """A report file name made from user text (a company name and a date): one safe path component."""
    from assess.report.files import safe_filename

    return safe_filename(stem, ".pdf")
