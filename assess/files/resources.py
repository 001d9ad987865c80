"""Where the bundled data lives, in a checkout and in an installed wheel. Only this module knows."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]
_CHECKOUT = _PACKAGE.parent


def _pick(name: str) -> Path:
    shipped = _PACKAGE / "_data" / name
    return shipped if shipped.is_dir() else _CHECKOUT / name


def questionnaire_dir() -> Path:
    """The folder holding ``<questionnaire-id>/<version>.yaml`` files and ``supports.yaml``."""
    return _pick("questionnaires")


def template_dir() -> Path:
    """The folder holding the report templates, CSS and fonts."""
    return _pick("report_templates")
