"""The `assess` command line: a thin shell over :mod:`assess.pipeline` and friends.

Data goes to stdout, diagnostics to stderr. Exit codes (:class:`assess.domain.errors.ExitCode`):
0 success, 1 invalid input (the message names the file and the field), 2 usage error.
User errors never print a traceback. Heavy modules (textual, weasyprint, openpyxl) are imported
inside the command that needs them, so `assess score` starts fast.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from assess.domain.errors import AssessError, ExitCode
from assess.domain.sanitize import clean

F = TypeVar("F", bound=Callable[..., Any])
LANG = click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True, help="Language.")
DEFS = click.option(
    "--questionnaires",
    "qdir",
    type=click.Path(path_type=Path),
    default=None,
    help="Folder of questionnaires and supports.yaml (default: the bundled ones).",
)


def say(text: str, *, err: bool = False) -> None:
    """Print text for a person: control characters, terminal escapes and bidi overrides removed (a
    company name or a file name must not rewrite the terminal). JSON output is printed as is."""
    click.echo(clean(text), err=err)


def fail(err: AssessError | str) -> None:
    """Print a one-line error on stderr and exit 1."""
    say(f"assess: {err}", err=True)
    sys.exit(ExitCode.INVALID_INPUT)


class _Group(click.Group):
    """Turns every :class:`AssessError` into one line on stderr and exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AssessError as e:
            fail(e)


@click.group(cls=_Group, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="assess")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """淮安中小企业人工智能就绪度自评 — AI-readiness self-assessment for Huai'an SMEs.

    Without a command, opens the terminal app.
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(tui)


@cli.command()
@click.option("--workspace", type=click.Path(path_type=Path, file_okay=False), help="Folder of saved assessments.")
@click.option("--consultant", metavar="NAME", help="Consultant mode: your name is recorded as assessor.")
@LANG
def tui(workspace: Path | None, consultant: str | None, lang: str) -> None:
    """Open the terminal app (问卷自评界面)."""
    # Deferred: textual is only needed here; every other command starts without it.
    from assess.tui.app import run_app

    run_app(workspace, consultant, lang)


@cli.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
def validate(path: Path | None) -> None:
    """Check questionnaires and the supports catalog; print every problem as file:line: id: message."""
    from assess.pipeline.lint import lint_path

    if path is not None and not path.exists():
        fail(f"{path}: no such file or folder")
    problems = lint_path(path)
    for p in problems:
        say(str(p))
    if problems:
        click.echo(f"{len(problems)} problem(s) found", err=True)
        sys.exit(ExitCode.INVALID_INPUT)
    click.echo("OK: no problems found", err=True)


@cli.command()
@click.argument("what", type=click.Choice(["questionnaire", "answers", "catalog"]))
def schema(what: str) -> None:
    """Print the JSON Schema of a file format (for YAML/JSON editors)."""
    from assess.files.schemas import schema_for

    click.echo(json.dumps(schema_for(what), ensure_ascii=False, indent=2))


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per file (an array for several).")
@LANG
@DEFS
def score(files: tuple[Path, ...], as_json: bool, lang: str, qdir: Path | None) -> None:
    """Score answer files: levels, dimension scores, supports, actions — each explained."""
    from assess.files.bundle_cache import load_bundle_cached
    from assess.files.storage import load_answers
    from assess.pipeline import assess_answers, result_json
    from assess.summary_text import summary

    bundle = load_bundle_cached(qdir)
    out: list[dict[str, Any]] = []
    failed = False
    for f in files:
        try:
            result = assess_answers(bundle, load_answers(f), name=str(f))
        except AssessError as e:
            say(f"assess: {e}", err=True)
            failed = True
            continue
        for w in result.warnings:
            say(f"assess: {f}: warning: {w}", err=True)
        if as_json:
            out.append(result_json(result, str(f)))
        else:
            say(summary(result, lang))
    if as_json and out:
        click.echo(json.dumps(out[0] if len(files) == 1 else out, ensure_ascii=False, indent=2))
    if failed:
        sys.exit(ExitCode.INVALID_INPUT)


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--support", "support", default=None, help="Only this support (its id, e.g. hnte).")
@click.option("--json", "as_json", is_flag=True, help="The what-ifs and levers as JSON.")
@LANG
@DEFS
def whatif(file: Path, support: str | None, as_json: bool, lang: str, qdir: Path | None) -> None:
    """What would make the company eligible: the smallest answer changes (≤ 3) per support, and levers."""
    from assess.advice.export import advice_json, support_json, whatif_lines
    from assess.files.bundle_cache import load_bundle_cached
    from assess.files.storage import load_answers
    from assess.pipeline import assess_answers

    bundle = load_bundle_cached(qdir)
    try:
        result = assess_answers(bundle, load_answers(file), name=str(file))
    except AssessError as e:
        fail(e)
        return
    ids = {s.id for s in result.supports}
    if support is not None and support not in ids:
        click.echo(f"assess: unknown support '{support}' (known: {', '.join(sorted(ids))})", err=True)
        sys.exit(ExitCode.USAGE)
    if as_json:
        sup = [{"id": s.id, "status": s.status, **support_json(s)} for s in result.supports if support in (None, s.id)]
        adv = advice_json(result)
        click.echo(
            json.dumps(
                {"file": str(file), "supports": sup, "levers": adv["levers"], "notes": adv["notes"]},
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        say("\n".join(whatif_lines(result, "en" if lang == "en" else "zh", support)))


@cli.command()
@click.argument("answers", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="PDF file to write.")
@click.option("--html", "html_out", type=click.Path(path_type=Path), help="Also write the HTML.")
@click.option(
    "--previous",
    type=click.Path(path_type=Path),
    help="An earlier assessment of the same company (progress box and overlay).",
)
@click.option("--full", is_flag=True, help="Consultant edition: every answer, the method, rule versions, traces.")
@LANG
@DEFS
def report(
    answers: Path,
    output: Path,
    html_out: Path | None,
    previous: Path | None,
    full: bool,
    lang: str,
    qdir: Path | None,
) -> None:
    """Write the PDF report of one assessment (the owner's report; --full for the consultant edition)."""
    from assess.files.bundle_cache import load_bundle_cached
    from assess.files.storage import load_answers
    from assess.pipeline import evaluate
    from assess.report import check_previous, export_report

    bundle = load_bundle_cached(qdir)
    current = evaluate(bundle, load_answers(answers), name=str(answers))
    prev = evaluate(bundle, load_answers(previous), name=str(previous)) if previous else None
    check_previous(current, prev, file=str(previous) if previous else None)
    path = export_report(
        current, output, lang="en" if lang == "en" else "zh", previous=prev, full=full, html_path=html_out
    )
    say(str(path))


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", "outdir", type=click.Path(path_type=Path, file_okay=False), required=True)
@click.option(
    "--pdf", is_flag=True, help="Also write one PDF report per company under reports/ (up-to-date ones are skipped)."
)
@click.option(
    "--workers",
    type=click.IntRange(min=0),
    default=None,
    help="Worker processes for scoring and reports (default: one per CPU; 0: in this process).",
)
@click.option("--scheduler", metavar="ADDRESS", help="Run on a dask.distributed cluster (tcp://HOST:PORT).")
@click.option(
    "--figures-only",
    is_flag=True,
    help="Score in numpy batches (scoring 10-20x faster): results.jsonl keeps the figures but not the "
    "explanation texts; tables and summary are unchanged. `assess score FILE` explains any one company.",
)
@click.option(
    "--summary-appendix",
    is_flag=True,
    help="Append demand by district/sector and the companies per support to summary.pdf "
    "(always in summary.html, followup.csv and results.xlsx).",
)
@LANG
@DEFS
def bulk(
    inputs: tuple[str, ...],
    outdir: Path,
    pdf: bool,
    workers: int | None,
    scheduler: str | None,
    figures_only: bool,
    summary_appendix: bool,
    lang: str,
    qdir: Path | None,
) -> None:
    """Score folders, files, globs and spreadsheets of answers; write results, errors and a summary.

    Exit 0 when every input scored, 1 when some failed (see errors.csv), 2 when OUTDIR cannot be made.
    """
    from assess.bulk import run_bulk

    sys.exit(
        run_bulk(
            list(inputs),
            outdir,
            pdf=pdf,
            lang=lang,
            workers=workers,
            scheduler=scheduler,
            progress=True,
            root=qdir,
            figures_only=figures_only,
            summary_appendix=summary_appendix,
        )
    )


@cli.command()
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), required=True)
@LANG
@DEFS
def template(output: Path, lang: str, qdir: Path | None) -> None:
    """Write a spreadsheet for collecting answers offline (one column per question)."""
    from assess.bulk import write_template

    write_template(output, lang, root=qdir)
    say(str(output))


@cli.command(name="import")
@click.argument("sheet", type=click.Path(path_type=Path))
@click.option("-o", "--output", "outdir", type=click.Path(path_type=Path, file_okay=False), required=True)
@DEFS
def import_(sheet: Path, outdir: Path, qdir: Path | None) -> None:
    """Turn the rows of a filled-in spreadsheet into answer files."""
    from assess.bulk import import_sheet

    sys.exit(import_sheet(sheet, outdir, root=qdir))


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="assess")
