"""Resuming report rendering: a re-run skips reports that are up to date.

A report is up to date when it is newer than its input and the previous run used the same options
(language, questionnaire versions and rules, catalog). The options are kept in a stamp file in
``reports/``; when they differ every report is stale, and the stamp is only rewritten when a run
finishes (so a run killed after an option change never leaves stale reports looking fresh).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from assess.pipeline import engine_for

from .work import Options

STAMP = ".assess-bulk-options.json"


def check_stamp(outdir: Path, opts: Options, bundle: Any) -> tuple[bool, dict[str, Any]]:
    """Whether existing reports were made with the same options (and so may be skipped when newer)."""
    reports = outdir / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    fingerprint = {
        "lang": opts.lang,
        "questionnaires": sorted(f"{i}@{v}" for i, v in bundle.questionnaires),
        "engines": sorted(engine_for(bundle, q).sha256 for q in bundle.questionnaires.values()),
        "catalog": bundle.catalog.version,
    }
    path = reports / STAMP
    try:
        old = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        old = None
    if old == fingerprint:
        return True, fingerprint
    path.unlink(missing_ok=True)
    if not any(reports.glob("*.pdf")):
        path.write_text(json.dumps(fingerprint), encoding="utf-8")
    return False, fingerprint


def write_stamp(outdir: Path, fingerprint: dict[str, Any]) -> None:
    """Record the options of a finished run."""
    (outdir / "reports" / STAMP).write_text(json.dumps(fingerprint), encoding="utf-8")
