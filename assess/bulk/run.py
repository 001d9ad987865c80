"""The streaming bulk runner: inputs → scoring (and reports) on a backend → outputs and the summary.

Work items are numbered in input order, sent in chunks with a bounded number in flight, and their
results are written back in input order (a small reorder buffer), so the serial, process-pool and
dask backends produce identical files. Nothing per company is kept once written: memory is flat.

Workers format each assessment's rows; the parent writes them as results arrive (results.jsonl, the
tables, the follow-up list, the summary's counts) and keeps the compact records in a spool. Only when a
company turns up twice (a re-assessment: which one is the newest is known once every input is read)
are the tables, the follow-up list and the summary written again from the spool at the end (the rows
formatted again from the records, here), and the superseded assessments' lines taken out of results.jsonl.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from itertools import islice
from pathlib import Path
from typing import Any

from assess.domain.errors import AssessError, ExitCode
from assess.domain.sanitize import clean
from assess.domain.text import Lang
from assess.files.loading import Bundle

from .backends import Backend, WorkerLost, make_backend
from .explained import new_secret
from .inputs import InputError, Item, RowItem, WorkItem, expand
from .outputs import TMP_PREFIX, AtomicLines, CsvLines, CsvText, CsvWriter, remove_stale_temps
from .progress import Progress
from .record import Record, Rows
from .resume import check_stamp, write_stamp
from .summary import Summary, SummaryFailed, SummaryProcess, SummaryRenderer, render
from .supersede import SUPERSEDED_HEADER, Newest, Seen, Spool
from .tables import ERRORS_HEADER, FOLLOWUP_HEADER, Layout, Tables
from .work import Options, Rendered, Scored, init_worker, render_item, report_path, score_chunk

TASK_TIMEOUT = 900.0
"""Seconds a task may take before it counts as lost (a worker died or hangs); its inputs then fail."""
POLL = 5.0
"""Seconds between checks for lost tasks while waiting."""


class Run:
    """One bulk run: owns the writers, the backend and the counters."""

    def __init__(self, outdir: Path, opts: Options, backend: Backend, progress: Progress, bundle: Bundle) -> None:
        self.outdir, self.opts, self.backend, self.progress = outdir, opts, backend, progress
        self.bundle = bundle
        lang: Lang = "en" if opts.lang == "en" else "zh"
        self.layout = Layout.of(self.bundle, lang)
        self.tables = Tables(outdir, self.layout)
        self.jsonl = AtomicLines(outdir / "results.jsonl")
        self.errors = CsvWriter(outdir / "errors.csv", ERRORS_HEADER)
        self.follow = CsvLines(outdir / "followup.csv", FOLLOWUP_HEADER)
        self.summary = Summary()
        self.seen_ids: dict[str, str] = {}
        self.newest = Newest()
        self.spool = Spool(outdir)
        self.superseded = CsvWriter(outdir / "superseded.csv", SUPERSEDED_HEADER)
        self.error_rows = 0
        self.reports = {"rendered": 0, "skipped": 0, "failed": 0}
        self.stamp_ok = False
        self.items: dict[int, WorkItem] = {}
        self.task_id = 0
        self.outstanding: dict[int, tuple[str, Any, float]] = {}
        self.pending_renders = 0
        self.engines = {"batch": 0, "explained": 0}
        """Assessments scored by each engine (a --figures-only run falls back for files the batch declines)."""
        self.early = True
        """No company seen twice so far: the tables are written as results arrive (else again at the end)."""

    # ------------------------------------------------------------------ per result

    def error(self, input: str, row: int | None, field: str, message: str) -> None:
        """One line of errors.csv."""
        self.errors.row([input, row, field, message])
        self.error_rows += 1

    def emit(self, res: Scored | InputError) -> None:
        """Write one result (in input order) and, with --pdf, start its report when it is stale."""
        item = self.items.pop(res.seq, None)
        if isinstance(res, InputError) and res.row == 1:  # a header problem: the sheet's rows still count
            self.error(res.input, res.row, res.field, res.message)
            return
        self.summary.inputs += 1
        if isinstance(res, InputError):
            self.error(res.input, res.row, res.field, res.message)
            self.summary.failed += 1
            self.progress.advance(ok=False)
            return
        rec = res.record
        where = f"{res.input}:{res.row}" if res.row else res.input
        if rec is not None:
            first = self.seen_ids.get(rec.response_id)
            if first is not None:
                res.errors = [("response_id", f"duplicate response id (already read from {first})")]
            else:
                self.seen_ids[rec.response_id] = where
        if res.errors or rec is None or res.line is None or res.rows is None:
            for field, message in res.errors or [("", "not scored")]:
                self.error(res.input, res.row, field, message)
            self.summary.failed += 1
            self.progress.advance(ok=False)
            return
        newest = self.newest.see(rec.company_key(), Seen.of(rec, res.seq, where))
        report = ""
        if self.opts.pdf:
            target = report_path(self.opts.outdir, rec.response_id)
            report = os.path.relpath(target, self.opts.outdir)
            if item is not None and newest:  # an already superseded assessment gets no report
                self.maybe_render(item, target)
        self.engines[res.engine] = self.engines.get(res.engine, 0) + 1
        self.jsonl.write(res.line)  # line number = place in the spool
        self.spool.add((res.seq, rec, res.input, res.row, report))
        self.early = self.early and not self.newest.prev
        if self.early:
            self.write(rec, res.rows, report, None)
        self.progress.advance(ok=True)

    def write(self, rec: Record, rows: Rows, report: str, then: Seen | None) -> None:
        """One company's newest assessment to the tables, the follow-up list and the summary."""
        self.tables.add(rec, rows, report, then)
        self.summary.add(rec)
        self.follow.write(rows.follow)

    def write_results(self) -> None:
        """Finish the tables. When a company was assessed more than once, write them again from the spool:
        the newest assessment per company to the tables, the summary and the follow-up list (with the
        change since the previous assessment), the older ones to superseded.csv (and out of results.jsonl)."""
        if self.early:  # every company once: all written already
            self.spool.abort()
            return
        self.tables.abort()
        self.tables = Tables(self.outdir, self.layout)
        self.follow.abort()
        self.follow = CsvLines(self.outdir / "followup.csv", FOLLOWUP_HEADER)
        self.summary = Summary(inputs=self.summary.inputs, failed=self.summary.failed)
        dropped: set[int] = set()
        text = CsvText()
        for line, (seq, rec, input, row, report) in enumerate(self.spool.replay()):
            key = rec.company_key()
            newer = self.newest.superseded_by(key, seq)
            if newer is not None:
                self.summary.superseded += 1
                who = [input, row, rec.response_id, rec.company, rec.credit_code, rec.assessed_on]
                self.superseded.row([*who, rec.overall[1], rec.ai[1], newer.where, newer.response_id])
                dropped.add(line)
                continue
            self.write(rec, self.layout.rows(rec, input, row, text), report, self.newest.previous(key))
        self.jsonl.drop_lines(dropped)

    def maybe_render(self, item: WorkItem, target: str) -> None:
        """Queue the report unless an up-to-date one exists (same options, newer than its input)."""
        with contextlib.suppress(OSError):
            if self.stamp_ok and os.stat(target).st_mtime >= item.mtime:
                self.reports["skipped"] += 1
                return
        self.submit("render", item, render_item, item, self.opts, target)
        self.pending_renders += 1
        self.progress.add_report()

    def rendered(self, item: WorkItem, res: Rendered | BaseException) -> None:
        """A report finished (or failed)."""
        self.pending_renders -= 1
        error = res.error if isinstance(res, Rendered) else f"{type(res).__name__}: {res}"
        row = item.row if isinstance(item, RowItem) else None
        if error:
            self.reports["failed"] += 1
            self.error(item.input, row, "report", error)
        else:
            self.reports["rendered"] += 1
        self.progress.report_done()

    # ------------------------------------------------------------------ the loop

    def submit(self, kind: str, payload: Any, fn: Any, *args: Any) -> None:
        """Start a task and remember it (with its deadline) until its result arrives."""
        self.task_id += 1
        self.outstanding[self.task_id] = (kind, payload, time.monotonic() + TASK_TIMEOUT)
        self.backend.submit(self.task_id, fn, *args)

    def next_result(self) -> tuple[str, Any, Any]:
        """The next finished task as (kind, payload, result); a lost task's result is a WorkerLost error."""
        while True:
            try:
                task, res = self.backend.next_done(POLL)
            except WorkerLost:
                now = time.monotonic()
                late = next((t for t, (_, _, deadline) in self.outstanding.items() if deadline < now), None)
                if late is None:
                    continue
                kind, payload, _ = self.outstanding.pop(late)
                return kind, payload, WorkerLost(f"no result after {TASK_TIMEOUT:.0f} s (worker died or hangs)")
            if task in self.outstanding:  # else: a lost task that finished after all; already reported
                kind, payload, _ = self.outstanding.pop(task)
                return kind, payload, res

    def run(self, items: Iterator[Item], chunk: int, window: int) -> None:
        """Send chunks, collect results, write them in input order."""
        self.pending_renders = 0
        buffer: dict[int, Scored | InputError] = {}
        next_seq = in_flight = 0
        source = iter(items)
        exhausted = False
        max_renders = max(2, 2 * self.backend.workers)
        while True:
            while not exhausted and in_flight < window and self.pending_renders < max_renders:
                batch, exhausted = self._next_batch(source, buffer, chunk)
                if batch:
                    self.submit("score", batch, score_chunk, batch, self.opts)
                    in_flight += 1
            while next_seq in buffer:
                self.emit(buffer.pop(next_seq))
                next_seq += 1
            if in_flight == 0 and self.pending_renders == 0:
                if exhausted:
                    break
                continue
            kind, payload, res = self.next_result()
            if kind == "render":
                self.rendered(payload, res)
                continue
            in_flight -= 1
            if isinstance(res, BaseException):
                res = [
                    Scored(it.seq, it.input, getattr(it, "row", None), [("", f"worker failed: {res}")])
                    for it in payload
                ]
            for scored in res:
                buffer[scored.seq] = scored

    def _next_batch(
        self, source: Iterator[Item], buffer: dict[int, Scored | InputError], chunk: int
    ) -> tuple[list[WorkItem], bool]:
        """Up to `chunk` work items (input errors go straight to the buffer); True when the source is done."""
        batch: list[WorkItem] = []
        got = False
        for it in islice(source, chunk):
            got = True
            if isinstance(it, InputError):
                buffer[it.seq] = it
            else:
                batch.append(it)
                self.items[it.seq] = it
        return batch, not got


def summary_renderer(backend: Backend, pdf: bool) -> SummaryRenderer | SummaryProcess:
    """What renders the summary: a process of its own beside a local worker pool (it loads WeasyPrint
    while the workers score), else this process (loading in a background thread unless all the work
    happens in this process anyway)."""
    context = backend.local_context()
    if context is not None:
        return SummaryProcess(context, pdf)
    renderer = SummaryRenderer(pdf)
    if backend.name != "serial":
        renderer.preload()
    return renderer


class Committer:
    """Commits output files in a background thread (zipping and fsync release the GIL); :meth:`join`
    waits and raises what a commit raised."""

    def __init__(self, files: list[Any]) -> None:
        self.files = files
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._commit, name="assess-commit", daemon=True)
        self.thread.start()

    def _commit(self) -> None:
        try:
            for f in self.files:
                f.commit()
        except BaseException as e:  # raised again in the caller's thread
            self.error = e

    def join(self) -> None:
        """Wait for the commits."""
        self.thread.join()
        if self.error is not None:
            raise self.error


def run_bulk(
    inputs: list[str],
    outdir: Path,
    *,
    pdf: bool = False,
    lang: str = "zh",
    workers: int | None = None,
    scheduler: str | None = None,
    progress: bool = True,
    root: Path | None = None,
    summary_pdf: bool = True,
    chunk: int | None = None,
    figures_only: bool = False,
    summary_appendix: bool = False,
) -> int:
    """Score every input and write results, errors, the center summary and (with `pdf`) reports.

    CLI (click)::

        @main.command()
        @click.argument("inputs", nargs=-1, required=True)
        @click.option("-o", "--output", "outdir", required=True, type=click.Path(file_okay=False, path_type=Path))
        @click.option("--pdf", is_flag=True, help="Also write one PDF report per company under OUTDIR/reports/.")
        @click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
        @click.option("--workers", type=click.IntRange(min=0), default=None,
                      help="Worker processes (default: one per CPU; 0: in this process).")
        @click.option("--scheduler", metavar="ADDRESS", default=None,
                      help="Run on a dask.distributed cluster, e.g. tcp://10.0.0.5:8786.")
        def bulk(inputs, outdir, pdf, lang, workers, scheduler):
            sys.exit(run_bulk(list(inputs), outdir, pdf=pdf, lang=lang, workers=workers,
                              scheduler=scheduler, progress=True))

    Args:
        inputs: answer files, folders (recursive), glob patterns and spreadsheets (.xlsx, .csv).
        outdir: the output folder (created; reused outputs are replaced atomically).
        pdf: render one report per company (skipping reports that are up to date).
        lang: ``zh`` or ``en`` for labels, reports and the summary.
        workers: worker processes; None = one per CPU; 0 = everything in this process.
        scheduler: a dask.distributed scheduler address (``tcp://HOST:PORT``) instead of local workers.
        progress: show a progress bar (terminal) or log lines (otherwise) on stderr.
        root: questionnaire folder (default: the bundled questionnaires).
        summary_pdf: also render summary.pdf (summary.html is always written).
        chunk: work items per task (default: 1 in-process, 8 with reports, 32 otherwise; 1000 with
            `figures_only`, so numpy batches are large).
        figures_only: score answer files in numpy batches (scoring 10–20× faster); results.jsonl lines then
            carry the figures without the explanation texts. Tables and the summary are the same.
        summary_appendix: append demand by district/sector and the companies to contact per support to
            summary.pdf (always in summary.html, followup.csv and results.xlsx; the PDF is otherwise a few
            pages of aggregates).

    Returns:
        0 when every input was scored (and every report written), 1 when some failed.
    """
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        print(clean(f"assess bulk: cannot create the output folder {outdir}: {e.strerror or e}"), file=sys.stderr)
        return int(ExitCode.USAGE)
    remove_stale_temps(outdir)
    opts = Options(
        str(root) if root else None, "en" if lang == "en" else "zh", str(outdir.resolve()), pdf, figures_only
    )
    from assess.files.bundle_cache import load_bundle_cached

    try:
        bundle = load_bundle_cached(root)
    except AssessError as e:
        print(clean(f"assess bulk: {e}"), file=sys.stderr)
        return int(ExitCode.INVALID_INPUT)
    total = None
    if progress and sys.stderr.isatty():
        from .inputs import count

        total = count(inputs, outdir.resolve())
    try:
        backend = make_backend(workers, scheduler, init_worker, (opts,), 100 if pdf else None)
    except (OSError, TimeoutError, ValueError) as e:
        print(f"assess bulk: cannot reach the dask scheduler {scheduler}: {e}", file=sys.stderr)
        return int(ExitCode.INVALID_INPUT)
    size = chunk or (1000 if figures_only else 1 if backend.name == "serial" else 8 if pdf else 32)
    if not figures_only and backend.name != "serial":  # workers share the answer states they score
        with contextlib.suppress(OSError):
            opts = replace(
                opts, states=tempfile.mkdtemp(prefix=f"{TMP_PREFIX}states-", dir=outdir), secret=new_secret()
            )
    summary = summary_renderer(backend, summary_pdf)
    run: Run | None = None
    try:
        with Progress(progress, total) as bar:
            run = Run(outdir, opts, backend, bar, bundle)
            run.stamp_ok, fingerprint = check_stamp(outdir, opts, bundle) if pdf else (False, {})
            run.run(expand(inputs, run.bundle, exclude=outdir.resolve()), size, 4 * backend.workers)
            run.write_results()
            bar.log(bar.line())
    except BaseException:
        if run is not None:
            for w in (run.tables, run.jsonl, run.errors, run.follow, run.superseded, run.spool):
                w.abort()
        raise
    finally:
        backend.close()
        if opts.states:
            shutil.rmtree(opts.states, ignore_errors=True)
        if run is None or sys.exc_info()[0] is not None:
            summary.close()
    results = Committer([run.tables, run.jsonl, run.follow, run.superseded])  # while the summary renders
    try:  # the results are written whatever happens to the summary
        ctx = run.summary.context(run.bundle, run.layout.lang)
        pdf_out = outdir / "summary.pdf" if summary_pdf else None
        render(ctx, outdir / "summary.html", pdf_out, appendix=summary_appendix, renderer=summary)
    except SummaryFailed as e:
        run.error("summary.pdf", None, "", e.message if e.expected else f"the summary could not be written: {e}")
    except AssessError as e:
        run.error("summary.pdf", None, "", str(e))
    except Exception as e:  # e.g. WeasyPrint or a template problem
        run.error("summary.pdf", None, "", f"the summary could not be written: {type(e).__name__}: {e}")
    results.join()
    run.errors.commit()
    if pdf and run.reports["failed"] == 0:
        write_stamp(outdir, fingerprint)
    if progress:
        r = run.reports
        extra = f"; reports: {r['rendered']} written, {r['skipped']} up to date, {r['failed']} failed" if pdf else ""
        used = run.engines
        print(
            f"assess bulk: {run.summary.scored} scored, {run.summary.superseded} superseded by a newer assessment "
            f"(superseded.csv), {run.summary.failed} failed ({run.error_rows} problems in errors.csv){extra}; "
            f"scored by the batch engine: {used['batch']}, by the explained engine: {used['explained']}; "
            f"outputs in {outdir}",
            file=sys.stderr,
        )
    return int(ExitCode.INVALID_INPUT) if run.error_rows else int(ExitCode.OK)
