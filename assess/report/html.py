"""HTML from a :class:`ReportContext`: one Jinja environment, autoescaped, strict.

``autoescape=True`` is explicit on purpose: ``select_autoescape()`` does not escape templates named
``*.j2``. ``StrictUndefined`` turns a typo in a template into an error instead of an empty string.
User text only ever appears as escaped element content: never inside ``<style>``, ``style=""``,
URLs or unquoted attributes. The only ``|safe`` value is the chart SVG generated in Python.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jinja2
import markupsafe
import yaml

from assess.domain.errors import ReportError
from assess.domain.sanitize import clean_any
from assess.domain.text import Lang
from assess.report.context import ReportContext

TEMPLATE = "report.html.j2"
STRINGS = "strings.yaml"
CSS = "report.css"


_NUMBER_UNIT = re.compile(r"(\d) (?=万元|亿元|元|分|个|人|家|项|年|天|points|yuan|million|billion|people)")


def keep_units(value: Any) -> Any:
    """Every printed value: a number and its unit are joined by a no-break space (never split at a
    line end). Markup (the generated chart) is passed through untouched."""
    if isinstance(value, str) and not isinstance(value, markupsafe.Markup):
        return _NUMBER_UNIT.sub("\\1\u00a0", value)
    return value


def make_environment(template_dir: Path) -> jinja2.Environment:
    """The report's Jinja environment (build once per process; templates are cached)."""
    return jinja2.Environment(
        finalize=lambda value: keep_units(clean_any(value)),  # no control characters or bidi overrides;
        loader=jinja2.FileSystemLoader(template_dir),  # numbers stay with their units
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )


def load_strings(template_dir: Path) -> dict[Lang, dict[str, str]]:
    """The report's fixed strings per language, from ``strings.yaml`` (``key: {zh: …, en: …}``).

    Raises:
        ReportError: the file is missing, malformed, or a string lacks a language.
    """
    path = template_dir / STRINGS
    try:
        raw: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise ReportError(f"cannot read the report strings: {e}", file=str(path)) from None
    if not isinstance(raw, dict):
        raise ReportError("expected a mapping of key: {zh, en}", file=str(path))
    out: dict[Lang, dict[str, str]] = {"zh": {}, "en": {}}
    for key, value in raw.items():
        if not (isinstance(value, dict) and isinstance(value.get("zh"), str) and isinstance(value.get("en"), str)):
            raise ReportError("needs both zh and en text", file=str(path), field=str(key))
        out["zh"][str(key)] = value["zh"]
        out["en"][str(key)] = value["en"]
    return out


def render(env: jinja2.Environment, ctx: ReportContext, *, css: str | None = None) -> str:
    """The report as an HTML string.

    Args:
        env: from :func:`make_environment`.
        ctx: the view model.
        css: when given, the stylesheet is inlined in ``<style>`` (for a standalone ``.html`` file);
            the PDF path passes the pre-parsed stylesheet to WeasyPrint instead.
    """
    template = env.get_template(TEMPLATE)
    return template.render(ctx=ctx, s=ctx.s, inline_css=css)
