"""Answer variants: the company's answers with a few changed, scored just enough to judge supports.

A what-if search evaluates hundreds of variants, so a variant rescores only the dimensions whose
questions changed (and their blocks and indexes) and judges supports without building their texts.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from assess.domain.answers import Answer, AnswerFile, AnswerValue
from assess.domain.catalog import Support
from assess.domain.questionnaire import Block, Dimension
from assess.domain.results import AssessmentResult
from assess.engine.context import Context
from assess.engine.core import Engine
from assess.engine.matching import quick_status
from assess.engine.scoring import item_score

Changes = Mapping[str, AnswerValue]
"""Question id → new answer value."""


def freeze(changes: Changes) -> tuple[tuple[str, Any], ...]:
    """A hashable key of a set of changes."""
    return tuple(sorted((q, tuple(v) if isinstance(v, list) else v) for q, v in changes.items()))


class Variants:
    """One assessment's answers, and variants of them, with their support verdicts (memoised)."""

    def __init__(self, engine: Engine, af: AnswerFile, result: AssessmentResult) -> None:
        self.engine = engine
        self.af = af
        self.supports: dict[str, Support] = {s.id: s for s in engine.catalog.supports}
        self._dims = {d.id: d.score for d in result.dimensions}
        self._blocks = {b.id: b.score for b in result.blocks}
        self._indexes = {"overall": result.overall.score, "ai_readiness": result.ai_readiness.score}
        self._dim_of: dict[str, tuple[Dimension, Block]] = {
            it.q: (d, b) for b in engine.questionnaire.scoring.blocks for d in b.dimensions for it in d.items
        }
        self._ctx: dict[tuple[tuple[str, Any], ...], Context] = {}
        self._status: dict[tuple[str, tuple[tuple[str, Any], ...]], str] = {}
        self.base = self.context({})

    def value(self, qid: str) -> AnswerValue | None:
        """The company's own (real, shown) answer to `qid`."""
        return self.base.value(qid)

    def number(self, qid: str) -> float:
        """The company's own numeric answer to `qid` (0 when it is not a number)."""
        v = self.base.value(qid)
        return float(v) if isinstance(v, int | float) and not isinstance(v, bool) else 0.0

    def context(self, changes: Changes) -> Context:
        """An evaluation context for the answers with `changes`, with dimension, block and index scores."""
        key = freeze(changes)
        ctx = self._ctx.get(key)
        if ctx is not None:
            return ctx
        answers = {**self.af.answers, **{q: Answer(value=v) for q, v in changes.items()}}
        ctx = self.engine.context(answers, self.af.depth, self.af.assessed_on)
        ctx.dims, ctx.blocks, ctx.indexes = dict(self._dims), dict(self._blocks), dict(self._indexes)
        touched = {self._dim_of[q][0].id: self._dim_of[q] for q in changes if q in self._dim_of}
        for dim, _block in touched.values():
            ctx.dims[dim.id] = dimension_score(self.engine, dim, ctx)
        for block in {b.id: b for _, b in touched.values()}.values():
            ctx.blocks[block.id] = _mean([(ctx.dims[d.id], d.weight) for d in block.dimensions])
        if touched:
            qn = self.engine.questionnaire
            ctx.indexes["overall"] = _mean([(ctx.blocks[b.id], b.weight) for b in qn.scoring.blocks])
            ctx.indexes["ai_readiness"] = ctx.blocks[qn.scoring.ai_readiness.block]
        if len(self._ctx) < 5000:
            self._ctx[key] = ctx
        return ctx

    def status(self, sid: str, changes: Changes) -> str:
        """The verdict on support `sid` for the answers with `changes` (its own rules; no prerequisites)."""
        key = (sid, freeze(changes))
        st = self._status.get(key)
        if st is None:
            st = self._status[key] = quick_status(self.engine, self.supports[sid], self.context(changes))
        return st

    def valid(self, changes: Changes) -> bool:
        """Whether the changed answers pass every answer check (e.g. S&T staff ≤ total staff)."""
        answers = {**self.af.answers, **{q: Answer(value=v) for q, v in changes.items()}}
        return not self.engine.problems(answers)


def _mean(pairs: list[tuple[float | None, float]]) -> float | None:
    """The weighted mean of the scored parts, rounded as scoring rounds (None when nothing is scored)."""
    scored = [(s, w) for s, w in pairs if s is not None and w > 0]
    den = sum(w for _, w in scored)
    return round(sum(s * w for s, w in scored) / den, 1) if den else None


def dimension_score(engine: Engine, dim: Dimension, ctx: Context) -> float | None:
    """A dimension's score as :func:`assess.engine.scoring.score_dimension` computes it, without its trace
    (what-ifs only need the number; re-scoring a what-if with the full engine is tested)."""
    applicable = answered = total = 0.0
    for it in dim.items:
        q = engine.questions[it.q]
        if (ctx.depth == "quick" and q.depth == "full") or not ctx.visible(q.id):
            continue
        a = ctx.answers.get(q.id)
        if a is not None and a.special == "na":
            continue
        applicable += it.weight
        if a is None or a.special is not None or not a.is_real:
            continue
        score = item_score(engine, q, ctx)
        if score is None:
            applicable -= it.weight  # an unscored option leaves the denominator
            continue
        answered += it.weight
        total += it.weight * score
    if not applicable or answered / applicable < dim.min_coverage:
        return None
    return round(total / answered, 1)
