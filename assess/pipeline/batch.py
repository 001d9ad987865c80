"""Scoring many answer files at once: the figures of each (scores, levels, verdicts), fast.

:func:`score_many` reads answer files in chunks, scores every file the batch engine takes
(:mod:`assess.engine.frame`, :mod:`assess.engine.batch_score`) and sends every other file (another
questionnaire version, a migration, anything unusual or invalid) through :func:`assess.pipeline.evaluate`,
so each file gets exactly the figures, or the error message, that ``assess score`` gives it.
The full explanation of any company's figures is ``assess score FILE``.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from functools import partial
from typing import Any

import numpy as np
import numpy.typing as npt

from assess.domain.errors import AnswersError
from assess.engine.batch import BatchEngine
from assess.engine.batch_score import DIM_STATUSES, STATUSES, BatchResult, IndexScores, score_frame
from assess.engine.core import Engine
from assess.engine.frame import FrameBuilder
from assess.engine.scoring import floor_label
from assess.files.loading import Bundle
from assess.files.storage import parse_answers
from assess.pipeline import engine_for, evaluate
from assess.pipeline.figures import (
    Assessed,
    Blocked,
    Figures,
    IndexFigure,
    assessed_of,
    breakdown_questions,
    breakdowns,
)

CHUNK = 2000
"""Files scored together (large enough to amortise numpy's per-call cost, small enough for memory)."""


Who = Callable[..., Assessed]
"""An :class:`Assessed` waiting for its ``figures``."""


def _who(doc: dict[str, Any], on: date, questions: list[tuple[str, str | None]]) -> Who:
    """Who a file the batch took is about (its header was checked by the frame builder). Copies the
    few values it needs, so the parsed file can be freed at once."""
    company, answers = doc["company"], doc.get("answers", {})

    def value(qid: str) -> object:
        a = answers.get(qid)
        return a.get("value") if isinstance(a, dict) else None if a in ("__na__", "__dk__") else a

    return partial(
        Assessed,
        response_id=doc["response_id"],
        company=company["name"],
        credit_code=company.get("credit_code"),
        contact=company.get("contact"),
        status=doc.get("status", "in_progress"),
        depth=doc.get("depth", "quick"),
        assessed_on=on,
        breakdowns=breakdowns(questions, value),
        engine="batch",
    )


def _rows(columns: dict[str, npt.NDArray[np.float64]], n: int) -> list[dict[str, float | None]]:
    """Per row, {column id: value}, NaN read as None (transposed by numpy, not value by value)."""
    matrix = np.array(list(columns.values()), dtype=np.float64).reshape(len(columns), n)
    values = matrix.astype(object)
    values[np.isnan(matrix)] = None
    keys = list(columns)
    return [dict(zip(keys, row, strict=True)) for row in values.T.tolist()]


def _named(columns: dict[str, npt.NDArray[np.int8]], names: tuple[str, ...], n: int) -> list[dict[str, str]]:
    """Per row, {column id: name of its code}."""
    codes = np.array(list(columns.values()), dtype=np.int8).reshape(len(columns), n)
    keys = list(columns)
    return [dict(zip(keys, row, strict=True)) for row in np.array(names, dtype=object)[codes].T.tolist()]


def figures_all(engine: Engine, res: BatchResult) -> list[Figures]:
    """The figures of every row of a batch result (columns turned into Python values once)."""
    qn = engine.questionnaire
    scales = {"overall": qn.scoring.overall, "ai_readiness": qn.scoring.ai_readiness}
    indexes: dict[str, IndexScores] = {"overall": res.overall, "ai_readiness": res.ai_readiness}
    labels = {id(f): floor_label(engine, f) for scale in scales.values() for lv in scale.levels for f in lv.floors}
    levels = {
        name: (
            [None if x != x else x for x in ix.score.tolist()],
            ix.level.tolist(),
            ix.band.tolist(),
            scales[name].levels,
        )
        for name, ix in indexes.items()
    }
    n = len(res.accepted)
    dims, blocks = _rows(res.dims, n), _rows(res.blocks, n)
    dim_status, supports = _named(res.dim_status, DIM_STATUSES, n), _named(res.supports, STATUSES, n)
    answered, shown = res.answered.tolist(), res.shown.tolist()

    def level(name: str, row: int) -> IndexFigure:
        score, reached, band, lvs = levels[name]
        lv = lvs[reached[row]]
        return IndexFigure(score[row], lv.id, lv.label, lvs[band[row]].id)

    return [
        Figures(
            questionnaire=(qn.id, qn.version),
            overall=level("overall", row),
            ai_readiness=level("ai_readiness", row),
            blocked=tuple(
                Blocked(name, scales[name].levels[i].id, labels[id(f)])
                for name in ("overall", "ai_readiness")
                for i, f in indexes[name].blocked(row)
            ),
            dims=dims[row],
            dim_status=dim_status[row],
            blocks=blocks[row],
            supports=supports[row],
            answered=answered[row],
            shown=shown[row],
        )
        for row in range(n)
    ]


Outcome = tuple[str, "Assessed | AnswersError"]


def _one_by_one(bundle: Bundle, name: str, data: bytes) -> Outcome:
    try:
        return name, assessed_of(evaluate(bundle, parse_answers(data, name), name=name))
    except AnswersError as e:
        return name, e


def _engine_for(bundle: Bundle, doc: object) -> BatchEngine | None:
    if not isinstance(doc, dict) or not isinstance(doc.get("questionnaire"), dict):
        return None
    ref = doc["questionnaire"]
    q = bundle.get(str(ref.get("id")), str(ref.get("version")))
    if q is None:
        return None
    return BatchEngine.of(engine_for(bundle, q))


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Pause the cyclic garbage collector while a chunk is scored: the chunk builds many small
    objects and no reference cycles, and each collection pass would walk all of them again."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def figures_of_chunk(bundle: Bundle, files: list[tuple[str, bytes]]) -> list[Outcome]:
    """Figures (or the error) of each file, in order."""
    with no_cycle_collection():
        return _figures_of_chunk(bundle, files)


def _figures_of_chunk(bundle: Bundle, files: list[tuple[str, bytes]]) -> list[Outcome]:
    out: list[Outcome | None] = [None] * len(files)
    groups: dict[int, _Group] = {}
    for i, (name, data) in enumerate(files):
        try:
            doc = json.loads(data)
        except (ValueError, RecursionError):
            doc = None
        be = _engine_for(bundle, doc)
        if be is None:
            out[i] = _one_by_one(bundle, name, data)
            continue
        group = groups.get(id(be))
        if group is None:
            group = groups[id(be)] = _Group(be)
        group.add(i, doc)
    for group in groups.values():
        res = score_frame(group.be, group.builder.frame())
        figures, accepted = figures_all(group.be.engine, res), res.accepted.tolist()
        for row, i in enumerate(group.rows):
            name, data = files[i]
            who = group.who[row]
            out[i] = (name, who(figures=figures[row])) if accepted[row] and who else _one_by_one(bundle, name, data)
    return [o for o in out if o is not None]


class _Group:
    """The files of one questionnaire version in a chunk: their frame, rows and who they are about."""

    def __init__(self, be: BatchEngine) -> None:
        self.be = be
        self.builder = FrameBuilder(be.engine)
        self.questions = breakdown_questions(be.engine)
        self.rows: list[int] = []
        self.who: list[Who | None] = []

    def add(self, i: int, doc: dict[str, Any]) -> None:
        on = self.builder.add(doc)
        self.rows.append(i)
        self.who.append(_who(doc, on, self.questions) if on is not None else None)


def score_many(bundle: Bundle, files: Iterable[tuple[str, bytes]], *, chunk: int = CHUNK) -> Iterator[Outcome]:
    """(name, assessed or error) of each (name, bytes) answer file, in input order, scored in chunks."""
    batch: list[tuple[str, bytes]] = []
    for item in files:
        batch.append(item)
        if len(batch) >= chunk:
            yield from figures_of_chunk(bundle, batch)
            batch = []
    if batch:
        yield from figures_of_chunk(bundle, batch)
