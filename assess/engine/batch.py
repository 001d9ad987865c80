"""A questionnaire and catalog compiled for batches, and the batch's evaluation context.

The one-company engine (:mod:`assess.engine.scoring`, :mod:`assess.engine.matching`) builds a fully
explained result; it is what the app, the report and ``assess score`` use. Bulk runs over thousands of
files need the figures first: :mod:`assess.engine.batch_score` computes the same scores, levels and
verdicts for a whole :class:`~assess.engine.frame.Frame`, one numpy operation per rule, over the
context defined here. A test checks that both engines give identical figures.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from assess.domain import conditions as c
from assess.engine.core import Engine
from assess.engine.dates import years_between_ordinals
from assess.engine.frame import Frame
from assess.engine.kinds import KINDS
from assess.engine.logic import referenced, walk
from assess.engine.ops import compile_vcond, compile_vexpr
from assess.engine.vector import Col, Floats, Mask, Tri, VCond, VExpr, case_kind, numbers


def py_round(values: Floats, known: Mask, digits: int) -> Floats:
    """Python's ``round(x, digits)`` for every known value (NaN elsewhere), bit for bit.

    numpy rounds ``x × 10^digits`` in binary, Python rounds the exact decimal value of ``x``: they
    differ only when the scaled value sits (nearly) on a half, or is too large to scale exactly.
    Those few values are rounded by Python itself."""
    scale = 10.0**digits
    x = np.where(known, values, 0.0)
    scaled = x * scale
    with np.errstate(invalid="ignore"):
        near_half = np.abs(scaled - np.floor(scaled) - 0.5) < 1e-5
    doubt = known & (near_half | ~(np.abs(scaled) < 2.0**33))
    out: Floats = np.asarray(np.round(x, digits), dtype=np.float64)
    idx = np.flatnonzero(doubt)
    out[idx] = [round(v, digits) for v in x[idx].tolist()]
    out[~known] = np.nan
    return out


class BatchEngine:
    """An :class:`Engine`'s questionnaire and catalog compiled for batches (built once per engine)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._conds: dict[int, VCond] = {}
        qn = engine.questionnaire
        self.show_if = {qid: self.cond(node) for qid in engine.questions if (node := engine.questionnaire_show_if(qid))}
        self.computed: dict[str, VExpr] = {c.id: compile_vexpr(c.expr) for c in qn.computed}
        self.checks = {
            qid: [self.cond(ch.rule) for ch in q.checks if ch.level == "error"]
            for qid, q in engine.questions.items()
            if any(ch.level == "error" for ch in q.checks)
        }
        self.option_scores = {
            qid: np.array([np.nan if o.score is None else o.score for o in opts.values()], dtype=np.float64)
            for qid, opts in engine.options.items()
        }
        self.dims = [(b, d) for b in qn.scoring.blocks for d in b.dimensions]

    @staticmethod
    def supports(engine: Engine) -> bool:
        """Whether a questionnaire can be scored in batches (else bulk scores it one company at a time):
        computed values must not read scores, case tables give one kind of result, multiple-choice
        points add up exactly in any order."""
        qn = engine.questionnaire
        if any(referenced(comp.expr, k) for comp in qn.computed for k in ("dim", "block", "index")):
            return False
        flow = [q.show_if for q in engine.questions.values()] + [s.show_if for s in qn.sections]
        checks = [ch.rule for q in engine.questions.values() for ch in q.checks]
        trees = [comp.expr for comp in qn.computed] + engine.scoring_conditions() + flow + checks
        if any(isinstance(n, c.Case) and case_kind(n) is None for tree in trees for n in walk(tree)):
            return False
        for qid, q in engine.questions.items():
            scores = [o.score for o in engine.options[qid].values() if o.score is not None]
            if not KINDS[q.kind].batch_exact(scores):
                return False
        return True

    @classmethod
    def of(cls, engine: Engine) -> BatchEngine | None:
        """The batch form of `engine`, or None when it must be scored one company at a time (cached)."""
        key = ("batch-engine",)
        if key not in engine.memo:
            engine.memo[key] = cls(engine) if cls.supports(engine) else None
        return engine.memo[key]  # type: ignore[no-any-return]

    def cond(self, node: object) -> VCond:
        """The compiled form of a condition node of the loaded data."""
        fn = self._conds.get(id(node))
        if fn is None:
            fn = self._conds[id(node)] = compile_vcond(node)  # type: ignore[arg-type]
        return fn


class BatchContext:
    """A batch's answers as the compiled rules see them: visibility, values and computed values,
    each computed once per batch (the batch counterpart of :class:`~assess.engine.context.Context`)."""

    def __init__(self, be: BatchEngine, frame: Frame, depth_full: Mask, assessed: npt.NDArray[np.int64]) -> None:
        self.be, self.frame, self.depth_full, self.assessed = be, frame, depth_full, assessed
        self.n = frame.n
        self._visible: dict[str, Mask] = {}
        self._values: dict[str, Col] = {}
        self._computed: dict[str, Col] = {}
        self.scores: dict[tuple[str, str], Col] = {}

    def mask(self, fill: bool) -> Mask:
        """The same truth value for every company."""
        return np.full(self.n, fill, dtype=bool)

    def floats(self, fill: float) -> Floats:
        """The same number for every company."""
        return np.full(self.n, fill, dtype=np.float64)

    def unknown(self) -> Tri:
        """A condition unknown for every company."""
        return self.mask(False), self.mask(False)

    def visible(self, qid: str) -> Mask:
        """Companies that are shown the question (depth, section and own show-if)."""
        shown = self._visible.get(qid)
        if shown is None:
            self._visible[qid] = self.mask(False)  # guards against cycles, as the one-company engine does
            q = self.be.engine.questions.get(qid)
            if q is None:  # a catalog rule reading a question this version does not ask: never shown
                return self._visible[qid]
            shown = self.mask(True) if q.depth == "quick" else self.depth_full.copy()
            cond = self.be.show_if.get(qid)
            if cond is not None:
                shown &= cond(self)[0]
            self._visible[qid] = shown
        return shown

    def value(self, qid: str) -> Col:
        """The real answers of companies shown the question."""
        col = self._values.get(qid)
        if col is None:
            known = self.frame.cols.get(qid)
            col = numbers(self.floats(np.nan), self.mask(False)) if known is None else known.masked(self.visible(qid))
            self._values[qid] = col
        return col

    def special(self, qid: str) -> npt.NDArray[np.int8]:
        """1 (not applicable) / 2 (don't know) where the shown question was answered so."""
        if qid not in self.frame.special:  # a question this version does not ask
            return np.zeros(self.n, dtype=np.int8)
        return np.where(self.visible(qid), self.frame.special[qid], 0).astype(np.int8)

    def count_selected(self, qid: str) -> Col:
        """Options selected, not counting an exclusive "none" option."""
        col = self.value(qid)
        if col.kind != "list" or col.matrix is None:
            return numbers(self.floats(np.nan), self.mask(False))
        keep = [i for i, code in enumerate(col.vocab) if code not in self.be.engine.exclusive_codes.get(qid, ())]
        return numbers(col.matrix[:, keep].sum(axis=1).astype(np.float64), col.known)

    def years_since(self, qid: str) -> Col:
        """Calendar years from a date answer to the assessment date (:mod:`assess.engine.dates`)."""
        col = self.value(qid)
        if col.num is None or col.kind != "text":
            return numbers(self.floats(np.nan), self.mask(False))
        start = np.where(col.known, col.num, np.nan).astype(np.float64)
        return numbers(years_between_ordinals(start, self.assessed), col.known)

    def computed(self, cid: str) -> Col:
        """A computed value (numbers rounded to 6 places, as the one-company engine stores them)."""
        col = self._computed.get(cid)
        if col is None:
            fn = self.be.computed.get(cid)
            if fn is None:
                return numbers(self.floats(np.nan), self.mask(False))
            col = fn(self)
            if col.kind == "num" and col.num is not None:
                col = numbers(py_round(col.num, col.known, 6), col.known)
            self._computed[cid] = col
        return col

    def score_col(self, kind: str, ident: str) -> Col:
        """A dimension, block or index score once scored (unknown before)."""
        return self.scores.get((kind, ident)) or numbers(self.floats(np.nan), self.mask(False))
