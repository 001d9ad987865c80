"""Scores, levels and support verdicts of a whole batch, as arrays (see :mod:`assess.engine.batch`).

Each step mirrors its one-company counterpart in :mod:`assess.engine.scoring` and
:mod:`assess.engine.matching`, down to the order in which weighted sums are added up, so both
engines give the same figures to the last digit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt

from assess.domain.catalog import Support
from assess.domain.questionnaire import Dimension, Floor, LevelScale, Question
from assess.domain.results import STATUS_ORDER
from assess.engine.batch import BatchContext, BatchEngine, py_round
from assess.engine.frame import Frame
from assess.engine.kinds import KINDS
from assess.engine.vector import Col, Floats, Mask, numbers

STATUSES = STATUS_ORDER
"""Verdicts, by the codes of :attr:`BatchResult.supports`."""
DIM_STATUSES = ("scored", "insufficient", "not_applicable")
"""Dimension states, by the codes of :attr:`BatchResult.dim_status`."""
Ints = npt.NDArray[np.int64]
Codes = npt.NDArray[np.int8]


@dataclass
class IndexScores:
    """An index (overall or AI readiness) for every company."""

    score: Floats
    band: Ints
    level: Ints
    floors: list[list[tuple[Floor, Mask]]]
    """Per level, each floor and where it holds."""

    def blocked(self, row: int) -> list[tuple[int, Floor]]:
        """(level index, floor) of each floor that kept this company below its score band."""
        band, reached = int(self.band[row]), int(self.level[row])
        upto = band if band > reached else min(reached + 1, len(self.floors) - 1)
        return [(i, f) for i in range(reached + 1, upto + 1) for f, ok in self.floors[i] if not ok[row]]


@dataclass
class BatchResult:
    """Scores, levels and verdicts of a batch. Rows not :attr:`accepted` hold no result: the caller
    scores those files one at a time (see :mod:`assess.engine.frame`)."""

    accepted: Mask
    dims: dict[str, Floats]
    dim_status: dict[str, Codes]
    blocks: dict[str, Floats]
    overall: IndexScores
    ai_readiness: IndexScores
    supports: dict[str, Codes]
    answered: Ints
    shown: Ints


def _weighted(parts: list[tuple[Floats, float]], n: int) -> Floats:
    """Weighted mean of the known parts, added up in order as the one-company engine does."""
    num, den = np.zeros(n), np.zeros(n)
    for score, weight in parts:
        if weight <= 0:
            continue
        k = ~np.isnan(score)
        num, den = np.where(k, num + score * weight, num), np.where(k, den + weight, den)
    ok = den > 0
    return py_round(num / np.where(ok, den, 1.0), ok, 1)


def item_scores(be: BatchEngine, q: Question, col: Col) -> Floats:
    """0–100 points of each company's answer (NaN when unanswered or unscored)."""
    return KINDS[q.kind].batch_scores(q, col, be.option_scores[q.id])


def score_dimension(be: BatchEngine, dim: Dimension, ctx: BatchContext) -> tuple[Floats, Codes]:
    """A dimension's score and state for every company (weighted mean over applicable items)."""
    n = ctx.n
    applicable, answered, total = np.zeros(n), np.zeros(n), np.zeros(n)
    for it in dim.items:
        q = be.engine.questions[it.q]
        shown = ctx.visible(q.id)
        special = np.where(shown, ctx.frame.special[q.id], 0)
        points = item_scores(be, q, ctx.value(q.id))
        scored = (special == 0) & ~np.isnan(points)
        open_ = shown & (special == 0) & ~ctx.value(q.id).known
        counts = scored | (special == 2) | open_
        applicable = np.where(counts, applicable + it.weight, applicable)
        answered = np.where(scored, answered + it.weight, answered)
        total = np.where(scored, total + it.weight * points, total)
    has = applicable > 0
    coverage = np.where(has, answered / np.where(has, applicable, 1.0), 0.0)
    ok = has & ~(coverage < dim.min_coverage)
    status = np.where(~has, 2, np.where(ok, 0, 1)).astype(np.int8)
    return py_round(total / np.where(ok, answered, 1.0), ok, 1), status


def _floor_holds(
    be: BatchEngine, floor: Floor, ctx: BatchContext, res: dict[str, Floats], st: dict[str, Codes]
) -> Mask:
    if floor.rule is not None:
        return be.cond(floor.rule)(ctx)[0]
    assert floor.min is not None
    fails = ctx.mask(False)
    for d in floor.dims:
        fails |= (st[d] == 1) | (res[d] < floor.min)
    for b in floor.blocks:
        fails |= res[b] < floor.min
    return ~fails


def decide_level(
    be: BatchEngine, scale: LevelScale, score: Floats, ctx: BatchContext, res: dict[str, Floats], st: dict[str, Codes]
) -> IndexScores:
    """The highest level whose band and floors (and those of every lower level) hold."""
    floors = [[(f, _floor_holds(be, f, ctx, res, st)) for f in lv.floors] for lv in scale.levels]
    band = np.zeros(ctx.n, dtype=np.int64)
    for i, lv in enumerate(scale.levels):
        band = np.where(score >= lv.min_score, i, band)
    reached, still = np.zeros(ctx.n, dtype=np.int64), ctx.mask(True)
    for i, level_floors in enumerate(floors):
        holds = np.logical_and.reduce([ok for _, ok in level_floors]) if level_floors else ctx.mask(True)
        reached = np.where(still & holds & (i <= band), i, reached)
        still = still & holds
    return IndexScores(score=score, band=band, level=reached, floors=floors)


def judge(be: BatchEngine, s: Support, ctx: BatchContext) -> tuple[Codes, Mask]:
    """The verdict on one support for every company (codes of :data:`STATUSES`), and the companies for which
    it is not_eligible with no fixable gap (see :mod:`assess.engine.prerequisites`)."""
    failed_gate, failed_req, unknown = ctx.mask(False), ctx.mask(False), ctx.mask(False)
    stuck, fit_fixable = ctx.mask(False), ctx.mask(False)
    for rule in s.rules:
        a_t, a_f = be.cond(rule.applies_if)(ctx) if rule.applies_if is not None else (ctx.mask(True), ctx.mask(False))
        r_t, r_f = be.cond(rule.rule)(ctx)
        applies_unknown = ~a_t & ~a_f
        unknown |= ~a_f & ((~r_t & ~r_f) | (r_f & applies_unknown))
        failed = ~a_f & r_f & ~applies_unknown
        if rule.kind == "gate":
            failed_gate |= failed
            stuck |= failed & ~movable_shown(be, rule.rule, ctx)
        else:
            failed_req |= failed
    fit, open_fit = np.zeros(ctx.n), np.zeros(ctx.n)
    for f in s.fit:
        t, fl = be.cond(f.rule)(ctx)
        fit, open_fit = np.where(t, fit + f.weight, fit), np.where(~t & ~fl, open_fit + f.weight, open_fit)
        fit_fixable |= ~t & movable_shown(be, f.rule, ctx)
    no_fit = ((fit + open_fit) < s.fit_min) | (~unknown & (fit < s.fit_min))
    status = np.where(failed_req, 1, 0)
    status = np.where(unknown, 2, status)
    status = np.where(no_fit, 3, status)
    status = np.where(failed_gate, 3, status)
    if s.held_if is not None:  # a title held (or a duty done): nothing to apply for, as in the explained engine
        status = np.where(be.cond(s.held_if)(ctx)[0], 3, status)
    status = status.astype(np.int8)
    return status, (status == 3) & np.where(failed_gate, stuck, ~fit_fixable)


def judge_all(be: BatchEngine, ctx: BatchContext) -> dict[str, Codes]:
    """Every support's verdict, with prerequisites applied as the one-company engine does: a prepare or
    need_info support (not held) whose prerequisite is closed (and not held) is not_eligible."""
    by_id = {s.id: s for s in be.engine.catalog.supports}
    verdicts = {s.id: judge(be, s, ctx) for s in by_id.values()}
    held = {sid: be.cond(s.held_if)(ctx)[0] if s.held_if is not None else ctx.mask(False) for sid, s in by_id.items()}
    out: dict[str, Codes] = {}
    shut: dict[str, Mask] = {}
    for sid in prerequisite_order(by_id):
        status, closed = verdicts[sid]
        prereqs = [p for p in by_id[sid].requires if p in shut]
        blocked = ctx.mask(False)
        for p in prereqs:
            blocked |= shut[p] & ~held[p]
        status = np.where(((status == 1) | (status == 2)) & ~held[sid] & blocked, 3, status).astype(np.int8)
        shut[sid] = (status == 3) & (closed | blocked)
        out[sid] = status
    return {sid: out[sid] for sid in by_id}


def movable_shown(be: BatchEngine, node: object, ctx: BatchContext) -> Mask:
    """Companies shown at least one changeable question that `node` reads."""
    from assess.engine.prerequisites import movable

    shown = ctx.mask(False)
    for q in movable(be.engine, node):
        shown |= ctx.visible(q)
    return shown


def prerequisite_order(by_id: dict[str, Support]) -> list[str]:
    """Support ids with every prerequisite (``requires:``) before the supports that need it."""
    out: list[str] = []

    def visit(sid: str, stack: frozenset[str]) -> None:
        if sid in out or sid in stack or sid not in by_id:
            return
        for p in by_id[sid].requires:
            visit(p, stack | {sid})
        out.append(sid)

    for sid in by_id:
        visit(sid, frozenset())
    return out


def score_frame(engine_batch: BatchEngine, frame: Frame) -> BatchResult:
    """Score every accepted row of `frame`."""
    be, qn = engine_batch, engine_batch.engine.questionnaire
    ctx = BatchContext(be, frame, frame.depth_full, frame.assessed)
    dims: dict[str, Floats] = {}
    status: dict[str, Codes] = {}
    blocks: dict[str, Floats] = {}
    for block in qn.scoring.blocks:
        for d in block.dimensions:
            dims[d.id], status[d.id] = score_dimension(be, d, ctx)
        blocks[block.id] = _weighted([(dims[d.id], d.weight) for d in block.dimensions], ctx.n)
    for kind, scores in (("dim", dims), ("block", blocks)):
        ctx.scores.update(((kind, k), numbers(v, ~np.isnan(v))) for k, v in scores.items())
    overall = _weighted([(blocks[b.id], b.weight) for b in qn.scoring.blocks], ctx.n)
    ai = blocks[qn.scoring.ai_readiness.block]
    for name, v in (("overall", overall), ("ai_readiness", ai)):
        ctx.scores[("index", name)] = numbers(v, ~np.isnan(v))
    res = {**dims, **blocks}
    shown = np.zeros(ctx.n, dtype=np.int64)
    answered = np.zeros(ctx.n, dtype=np.int64)
    for qid in be.engine.questions:
        vis = ctx.visible(qid)
        shown += vis
        answered += vis & ((frame.special[qid] != 0) | frame.cols[qid].known)
    return BatchResult(
        accepted=frame.accepted & ~declined_by_checks(be, frame),
        dims=dims,
        dim_status=status,
        blocks=blocks,
        overall=decide_level(be, qn.scoring.overall, overall, ctx, res, status),
        ai_readiness=decide_level(be, qn.scoring.ai_readiness, ai, ctx, res, status),
        supports=judge_all(be, ctx),
        answered=answered,
        shown=shown,
    )


def declined_by_checks(be: BatchEngine, frame: Frame) -> Mask:
    """Rows with an answer that an error-level cross-check rejects (checked as the one-company engine
    does: every question shown, dated today); those files go the one-company way for the message."""
    ctx = BatchContext(be, frame, np.ones(frame.n, dtype=bool), np.full(frame.n, date.today().toordinal()))
    out = np.zeros(frame.n, dtype=bool)
    for qid, conds in be.checks.items():
        for cond in conds:
            out |= frame.cols[qid].known & cond(ctx)[1]
    return out
