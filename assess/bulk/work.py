"""What runs in worker processes (or in-process, or on dask workers): score chunks, render reports.

Workers build their state once (the bundle, and for PDFs the report renderer) and return small,
picklable results: the JSON line already serialised, a compact :class:`Record` for the summary, the
rows of the tables formatted (:class:`Rows`), and for reports (path, pages, seconds, error) — never PDF bytes.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assess.domain.answers import AnswerFile
from assess.domain.errors import AssessError
from assess.files.loading import Bundle
from assess.pipeline import engine_for
from assess.pipeline.figures import Assessed, IndexFigure, figures_json

from .explained import ExplainedCache
from .inputs import FileItem, RowItem, WorkItem
from .outputs import CsvText
from .record import Label, Record, Rows
from .sheets import row_answers, safe_id
from .tables import Layout


@dataclass(frozen=True)
class Options:
    """What every worker needs to know (picklable; sent once per task)."""

    root: str | None
    """Questionnaire folder (None: the bundled one)."""
    lang: str
    outdir: str
    pdf: bool = False
    figures_only: bool = False
    """Score in numpy batches; results.jsonl lines then hold the figures without the explanations."""
    states: str | None = None
    """Folder where worker processes share the answer states they scored (:class:`SharedStates`)."""
    secret: bytes = b""
    """The run's secret signing the shared states."""


@dataclass(slots=True)
class Scored:
    """What scoring one work item gives back to the parent."""

    seq: int
    input: str
    row: int | None
    errors: list[tuple[str, str]] = field(default_factory=list)
    line: bytes | None = None
    """The line of results.jsonl, encoded, with its newline."""
    record: Record | None = None
    rows: Rows | None = None
    """Its lines of results.csv, results.xlsx and followup.csv (formatted here, in parallel)."""
    engine: str = "explained"
    """Which engine scored it (``batch`` or ``explained``): bulk counts the fallbacks of --figures-only."""


@dataclass(slots=True)
class Rendered:
    """What rendering one report gives back (never the PDF itself)."""

    seq: int
    input: str
    row: int | None
    path: str
    pages: int = 0
    seconds: float = 0.0
    error: str | None = None


_STATE: dict[tuple[str | None, str, bool], State] = {}


class State:
    """Per-process state, built once: the bundle and (for PDFs) the report renderer."""

    def __init__(self, opts: Options) -> None:
        from assess.files.bundle_cache import load_bundle_cached  # the JSON cache: ~10x faster than the YAML

        self.bundle: Bundle = load_bundle_cached(Path(opts.root) if opts.root else None)
        self.explained = ExplainedCache()
        """Explained results by answer state: a repeated state is scored once."""
        self.layout = Layout.of(self.bundle, "en" if opts.lang == "en" else "zh")
        """The tables' columns (the parent builds the same from the same bundle)."""
        self.text = CsvText()
        self.renderer: Any = None
        """Built on the first report (a re-run whose reports are all up to date never loads WeasyPrint)."""

    def renderer_ready(self) -> Any:
        """The report renderer, with WeasyPrint, stylesheet and fonts loaded (built once)."""
        if self.renderer is None:
            from assess.report import Renderer  # only worker processes import the report stack

            self.renderer = Renderer()
            self.renderer.pdf_writer  # noqa: B018 - loads WeasyPrint, the stylesheet and the fonts now
        return self.renderer

    def render(self, af: AnswerFile, out: Path, lang: str) -> int:
        """Render one report to `out` (atomically); returns the page count."""
        from assess.pipeline import evaluate

        renderer = self.renderer_ready()
        renderer.export(evaluate(self.bundle, af), out, lang="en" if lang == "en" else "zh")
        return int(renderer.last_pages)


def state(opts: Options) -> State:
    """This process's state for these options (built on first use)."""
    key = (opts.root, opts.lang, opts.pdf)
    st = _STATE.get(key)
    if st is None:
        st = _STATE[key] = State(opts)
    return st


REPORT_TIMEOUT = 300
"""Seconds one report may take in a pool worker before it is abandoned (reported, worker goes on)."""
MEMORY_LIMIT = 4 << 30
"""Address-space limit of a pool worker (a runaway document fails alone instead of swapping)."""
_IN_POOL = False


def init_worker(opts: Options) -> None:
    """Pool initializer: limit the worker's memory, then build the state before the first task arrives."""
    global _IN_POOL
    _IN_POOL = True
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if soft == resource.RLIM_INFINITY or soft > MEMORY_LIMIT:
            resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, hard))
    except (ImportError, ValueError, OSError):  # not on this platform
        pass
    state(opts)


class _Timeout(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise _Timeout


def _with_timeout(seconds: int, fn: Any, *args: Any) -> Any:
    """fn(*args), abandoned after `seconds` (pool workers only: SIGALRM needs the main thread)."""
    import signal

    if not _IN_POOL or not hasattr(signal, "SIGALRM"):
        return fn(*args)
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(seconds)
    try:
        return fn(*args)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def load(item: WorkItem, st: State, lang: str) -> tuple[AnswerFile | None, list[tuple[str, str]]]:
    """The answers of a work item, or its problems."""
    from assess.files.storage import load_answers

    if isinstance(item, FileItem):
        try:
            return load_answers(Path(item.path)), []
        except AssessError as e:
            return None, [(e.field or "", e.message)]
    assert item.info.questionnaire is not None
    q = st.bundle.get(*item.info.questionnaire)
    assert q is not None
    return row_answers(engine_for(st.bundle, q), item.info, item.row, item.values, lang)


def _label(engine: Any, qid: str | None, code: str | None) -> tuple[str, Label] | None:
    if not qid or code is None:
        return None
    opt = engine.options.get(qid, {}).get(code) if engine is not None else None
    return (code, (opt.label.zh, opt.label.get("en")) if opt else (code, code))


def _index(level: IndexFigure) -> tuple[float | None, str, Label]:
    return level.score, level.level, (level.label.zh, level.label.get("en"))


def record(st: State, a: Assessed) -> Record:
    """The compact facts of a scored assessment."""
    f = a.figures
    q = st.bundle.get(*f.questionnaire)
    engine = engine_for(st.bundle, q) if q is not None else None
    bd = q.breakdowns if q is not None else None
    return Record(
        response_id=a.response_id,
        company=a.company,
        credit_code=a.credit_code,
        contact=a.contact,
        questionnaire=f.questionnaire[0],
        version=f.questionnaire[1],
        status=a.status,
        depth=a.depth,
        assessed_on=a.assessed_on.isoformat(),
        region=_label(engine, bd.region if bd else None, a.breakdowns.get("region")),
        sector=_label(engine, bd.sector if bd else None, a.breakdowns.get("sector")),
        overall=_index(f.overall),
        ai=_index(f.ai_readiness),
        blocked=[(b.index, b.level, (b.label.zh, b.label.get("en"))) for b in f.blocked],
        dims=dict(f.dims),
        blocks=dict(f.blocks),
        supports=dict(f.supports),
        answered=f.answered,
        shown=f.shown,
    )


def _line(doc: dict[str, Any], row: int | None) -> bytes:
    if row is not None:
        doc["row"] = row
    return _encoded(json.dumps(doc, ensure_ascii=False, separators=(",", ":")))


def _encoded(line: str) -> bytes:
    """A line of results.jsonl as written (encoded here, in parallel; the parent only writes it)."""
    return (line + "\n").encode("utf-8")


def score_item(item: WorkItem, opts: Options, st: State) -> Scored:
    """Load, check and score one work item, fully explained; never raises for a bad input."""
    row = item.row if isinstance(item, RowItem) else None
    out = Scored(item.seq, item.input, row)
    try:
        af, errors = load(item, st, opts.lang)
        if af is None:
            out.errors = errors
            return out
        if opts.figures_only:
            _, assessed = st.explained.score(st.bundle, af, item.input)  # once per distinct answer state
            out.line = _line(figures_json(assessed, item.input), row)
        else:
            text, assessed = st.explained.score_line(st.bundle, af, item.input, row)
            out.line = _encoded(text)
        out.record = record(st, assessed)
        out.rows = st.layout.rows(out.record, item.input, row, st.text)
    except AssessError as e:
        out.errors = [(e.field or "", e.message)]
    except Exception as e:  # a bug must not stop the batch: report it against this input
        out.errors = [("", f"internal error: {type(e).__name__}: {e}")]
    return out


def _score_files(items: list[FileItem], opts: Options, st: State) -> list[Scored]:
    """Score answer files in one numpy batch (:func:`assess.pipeline.batch.figures_of_chunk`)."""
    from assess.pipeline.batch import figures_of_chunk as score_batch
    from assess.pipeline.batch import no_cycle_collection

    with no_cycle_collection():  # records and JSON lines of a whole chunk: many objects, no cycles
        return _score_files_now(items, opts, st, score_batch)


def _score_files_now(items: list[FileItem], opts: Options, st: State, score_batch: Any) -> list[Scored]:
    readable: list[FileItem] = []
    files: list[tuple[str, bytes]] = []
    out: list[Scored] = []
    from assess.files.storage import read_answer_bytes

    for it in items:
        try:
            files.append((it.input, read_answer_bytes(Path(it.path))))  # regular files, 5 MiB at most
            readable.append(it)
        except AssessError:
            out.append(score_item(it, opts, st))  # words "cannot read" as the normal path does
    for it, (_, outcome) in zip(readable, score_batch(st.bundle, files), strict=True):
        if isinstance(outcome, Assessed):
            line = _line(figures_json(outcome, it.input), None)
            rec = record(st, outcome)
            rows = st.layout.rows(rec, it.input, None, st.text)
            out.append(Scored(it.seq, it.input, None, line=line, record=rec, rows=rows, engine=outcome.engine))
        else:  # already checked one by one inside the batch: its error is the normal path's error
            out.append(Scored(it.seq, it.input, None, errors=[(outcome.field or "", outcome.message)]))
    return out


def score_chunk(items: list[WorkItem], opts: Options) -> list[Scored]:
    """Score a chunk of work items (the unit of work sent to a worker)."""
    st = state(opts)
    if not opts.figures_only:
        st.explained.share(opts.states, opts.secret)
        return [score_item(it, opts, st) for it in items]
    files = [it for it in items if isinstance(it, FileItem)]
    try:
        batch = {s.seq: s for s in _score_files(files, opts, st)} if files else {}
    except Exception:  # a bug in the batch path must not lose the chunk: score it one by one
        batch = {}
    return [batch[it.seq] if it.seq in batch else score_item(it, opts, st) for it in items]


def report_path(outdir: str, response_id: str) -> str:
    """Where the report of an assessment goes (named by its response id, never by company text)."""
    return os.path.join(outdir, "reports", f"{safe_id(response_id)}.pdf")


def render_item(item: WorkItem, opts: Options, target: str) -> Rendered:
    """Render one company's PDF report to `target` atomically; errors are returned, not raised."""
    row = item.row if isinstance(item, RowItem) else None
    out = Rendered(item.seq, item.input, row, target)
    start = time.perf_counter()
    try:
        st = state(opts)
        af, errors = load(item, st, opts.lang)
        if af is None:
            out.error = "; ".join(m for _, m in errors)
            return out
        out.pages = _with_timeout(REPORT_TIMEOUT, st.render, af, Path(target), opts.lang)
    except _Timeout:
        out.error = f"the report took longer than {REPORT_TIMEOUT} s and was abandoned"
    except MemoryError:
        out.error = f"the report needed more than {MEMORY_LIMIT >> 30} GiB of memory and was abandoned"
    except Exception as e:  # reported in errors.csv against this input
        out.error = f"{type(e).__name__}: {e}"
    out.seconds = time.perf_counter() - start
    return out
