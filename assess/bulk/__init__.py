"""Bulk mode for the city AI empowerment center: folders and spreadsheets in; results, reports and a summary out.

Plain functions the CLI wires up (importing this package is cheap: the work happens on call):

* :func:`run_bulk` — ``assess bulk INPUT... -o OUTDIR [--pdf] [--lang zh|en] [--workers N] [--scheduler ADDRESS]``
* :func:`write_template` — ``assess template -o FILE.xlsx [--lang zh|en]``
* :func:`import_sheet` — ``assess import FILE.xlsx|csv -o DIR``

Modules: :mod:`.inputs` (files, folders, globs, spreadsheets → work items), :mod:`.sheets` (rows →
answers), :mod:`.template` (template and import), :mod:`.work` (what workers run), :mod:`.backends`
(serial, process pool, dask), :mod:`.run` (the streaming runner), :mod:`.outputs` and :mod:`.tables`
(atomic CSV/JSONL/XLSX), :mod:`.summary` (the center summary), :mod:`.progress`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = ["import_sheet", "run_bulk", "write_template"]


def run_bulk(inputs: list[str], outdir: Path, **kwargs: Any) -> int:
    """See :func:`assess.bulk.run.run_bulk`."""
    from .run import run_bulk as _run

    return _run(inputs, outdir, **kwargs)


def write_template(out: Path, lang: str = "zh", **kwargs: Any) -> None:
    """See :func:`assess.bulk.template.write_template`."""
    from .template import write_template as _write

    _write(out, lang, **kwargs)


def import_sheet(path: Path, outdir: Path, **kwargs: Any) -> int:
    """See :func:`assess.bulk.template.import_sheet`."""
    from .template import import_sheet as _import

    return _import(path, outdir, **kwargs)
