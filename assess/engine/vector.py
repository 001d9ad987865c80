"""The condition and expression languages evaluated over many companies at once (numpy columns).

:mod:`assess.engine.logic` evaluates a tree for one company; this module compiles the same trees
into functions over a whole batch, one numpy operation per node instead of one Python call per
node per company. The semantics are the same, and a test compares both on generated answers:

* a condition gives a pair of boolean arrays ``(T, F)``: rows where it holds, rows where it fails;
  rows in neither are *unknown* (Kleene logic: ``all`` fails if any part fails, holds if all hold);
* an expression gives a :class:`Col`: a typed column with a ``known`` mask (unknown = ``None``).
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import numpy.typing as npt

from assess.domain import conditions as c

if TYPE_CHECKING:
    from assess.engine.batch import BatchContext

Mask = npt.NDArray[np.bool_]
Floats = npt.NDArray[np.float64]
Tri = tuple[Mask, Mask]
"""(holds, fails); a row in neither is unknown."""
ColKind = Literal["num", "bool", "code", "text", "list"]
VCond = Callable[["BatchContext"], Tri]
VExpr = Callable[["BatchContext"], "Col"]

_CMP: dict[str, Callable[[Any, Any], Any]] = {
    "gt": operator.gt,
    "ge": operator.ge,
    "lt": operator.lt,
    "le": operator.le,
    "eq": operator.eq,
}


@dataclass(frozen=True)
class Col:
    """One value per company, of one kind, with a mask of the rows where it is known.

    ``num`` holds numbers (NaN where unknown) and, for ``bool``, 1.0 / 0.0; ``code`` rows index
    `vocab` (a single choice, or a computed category); ``list`` rows are a boolean matrix over
    `vocab` (a multiple choice); ``text`` keeps the strings (texts and dates)."""

    kind: ColKind
    known: Mask
    num: Floats | None = None
    codes: npt.NDArray[np.int32] | None = None
    vocab: tuple[str, ...] = ()
    matrix: Mask | None = None
    text: npt.NDArray[np.object_] | None = None

    def masked(self, mask: Mask) -> Col:
        """The same column, unknown outside `mask`."""
        return replace(self, known=self.known & mask)

    def number(self) -> Floats:
        """As a comparison or arithmetic reads it: numbers only (true/false and codes are not numbers)."""
        if self.kind != "num" or self.num is None:
            return np.full(len(self.known), np.nan)
        return np.where(self.known, self.num, np.nan)

    def equals(self, literal: object) -> Mask:
        """Rows equal to `literal`, type-strict like the one-company engine (true is never 1)."""
        n = len(self.known)
        if self.kind == "list":
            return np.zeros(n, dtype=bool)
        if isinstance(literal, bool):
            hit = self.kind == "bool" and self.num is not None and self.num == float(literal)
        elif isinstance(literal, int | float):
            hit = self.kind == "num" and self.num is not None and self.num == float(literal)
        elif self.kind == "code" and self.codes is not None:
            hit = literal in self.vocab and self.codes == self.vocab.index(literal)
        elif self.kind == "text" and self.text is not None:
            hit = self.text == literal
        else:
            hit = False
        out: Mask = self.known & np.asarray(hit, dtype=bool)
        return out

    def scalar_known(self) -> Mask:
        """Where a comparison sees a value (a list is never a scalar)."""
        return self.known if self.kind != "list" else np.zeros(len(self.known), dtype=bool)


def numbers(values: Floats, known: Mask) -> Col:
    """A numeric column."""
    return Col("num", known, num=np.where(known, values, np.nan))


def _subject(node: c._Subject) -> VExpr:
    kind, ident = node.subject
    if kind == "q":
        return lambda ctx: ctx.value(ident)
    if kind == "computed":
        return lambda ctx: ctx.computed(ident)
    return lambda ctx: ctx.score_col(kind, ident)


def _tri(known: Mask, hit: Mask) -> Tri:
    return known & hit, known & ~hit


def compile_vcond(node: c.Condition) -> VCond:
    """Compile a condition tree into a function of a batch returning ``(holds, fails)``."""
    match node:
        case c.Eq(value=value) | c.Ne(value=value):
            get, negate = _subject(node), node.op == "ne"

            def eq(ctx: BatchContext) -> Tri:
                col = get(ctx)
                t, f = _tri(col.scalar_known(), col.equals(value))
                return (f, t) if negate else (t, f)

            return eq
        case c.In(values=values):
            get = _subject(node)

            def in_(ctx: BatchContext) -> Tri:
                col = get(ctx)
                hit = np.zeros(len(col.known), dtype=bool)
                for v in values:
                    hit |= col.equals(v)
                return _tri(col.scalar_known(), hit)

            return in_
        case c.Selected(q=qid):
            codes = node.codes

            def selected(ctx: BatchContext) -> Tri:
                col = ctx.value(qid)
                if col.kind != "list" or col.matrix is None:
                    return ctx.unknown()
                idx = [col.vocab.index(x) for x in codes if x in col.vocab]
                return _tri(col.known, np.asarray(col.matrix[:, idx].any(axis=1), dtype=bool))

            return selected
        case c.Compare(op=op, value=value):
            get, fn = _subject(node), _CMP[op]

            def compare(ctx: BatchContext) -> Tri:
                x = get(ctx).number()
                known = ~np.isnan(x)
                with np.errstate(invalid="ignore"):
                    return _tri(known, fn(x, value))

            return compare
        case c.CompareExprs(left=left, right=right, cmp=op):
            lf, rf, fn = compile_vexpr(left), compile_vexpr(right), _CMP[op]

            def compare_exprs(ctx: BatchContext) -> Tri:
                a, b = lf(ctx).number(), rf(ctx).number()
                with np.errstate(invalid="ignore"):
                    return _tri(~np.isnan(a) & ~np.isnan(b), fn(a, b))

            return compare_exprs
        case c.Answered(q=qid):

            def answered(ctx: BatchContext) -> Tri:
                known = ctx.value(qid).known
                return known, ~known

            return answered
        case c.Special(op=op, q=qid):
            want = 1 if op == "is_na" else 2

            def special(ctx: BatchContext) -> Tri:
                hit = ctx.special(qid) == want
                return hit, ~hit

            return special
        case c.All(of=of) | c.AnyOf(of=of):
            parts, conj = [compile_vcond(x) for x in of], node.op == "all"

            def combine(ctx: BatchContext) -> Tri:
                t, f = parts[0](ctx)
                for p in parts[1:]:
                    pt, pf = p(ctx)
                    t, f = (t & pt, f | pf) if conj else (t | pt, f & pf)
                return t, f

            return combine
        case c.Not(cond=inner):
            part = compile_vcond(inner)

            def not_(ctx: BatchContext) -> Tri:
                t, f = part(ctx)
                return f, t

            return not_
        case c.Const(op=op):
            holds = op == "always"
            return lambda ctx: (ctx.mask(holds), ctx.mask(not holds))
    raise TypeError(f"unknown condition node {node!r}")  # pragma: no cover - the union is closed


def _reduce(op: str, parts: list[Floats], strict: bool) -> Floats:
    """Fold left to right, as the one-company engine does (same floating-point results)."""
    known = [~np.isnan(p) for p in parts]
    if op in ("min", "max"):
        out = np.full(len(parts[0]), np.nan)
        pick = np.fmin if op == "min" else np.fmax
        for p in parts:
            out = pick(out, p)
    else:
        out = np.full(len(parts[0]), 1.0 if op == "mul" else 0.0)
        for p, k in zip(parts, known, strict=True):
            out = np.where(k, out * p if op == "mul" else out + p, out)
        if op == "mean":
            out = out / np.maximum(np.sum(known, axis=0), 1)
    some = np.logical_or.reduce(known)
    ok = np.logical_and.reduce(known) if strict else some
    return np.where(ok, out, np.nan)


def compile_vexpr(node: c.Expr) -> VExpr:
    """Compile an expression tree into a function of a batch returning a :class:`Col`."""
    match node:
        case c.Value():
            return _subject(node)
        case c.Number(value=value):
            return lambda ctx: numbers(ctx.floats(value), ctx.mask(True))
        case c.Reduce(op=op, of=of, strict=strict):
            parts = [compile_vexpr(x) for x in of]

            def reduce(ctx: BatchContext) -> Col:
                out = _reduce(op, [p(ctx).number() for p in parts], strict)
                return numbers(out, ~np.isnan(out))

            return reduce
        case c.Div(num=num, den=den, scale=scale):
            nf, df = compile_vexpr(num), compile_vexpr(den)

            def div(ctx: BatchContext) -> Col:
                a, b = nf(ctx).number(), df(ctx).number()
                ok = ~np.isnan(a) & ~np.isnan(b) & (b != 0)
                with np.errstate(divide="ignore", invalid="ignore"):
                    return numbers(a / np.where(ok, b, 1.0) * scale, ok)

            return div
        case c.Sub(a=a, b=b):
            af, bf = compile_vexpr(a), compile_vexpr(b)

            def sub(ctx: BatchContext) -> Col:
                out = af(ctx).number() - bf(ctx).number()
                return numbers(out, ~np.isnan(out))

            return sub
        case c.CountSelected(q=qid):
            return lambda ctx: ctx.count_selected(qid)
        case c.YearsSince(q=qid):
            return lambda ctx: ctx.years_since(qid)
        case c.Case():
            return _compile_case(node)
    raise TypeError(f"unknown expression node {node!r}")  # pragma: no cover


def case_kind(node: c.Case) -> ColKind | None:
    """The kind of column a case table gives, or None when its results mix kinds."""
    outs = [a.then for a in node.cases] + ([node.default] if node.default is not None else [])
    if all(isinstance(x, bool) for x in outs):
        return "bool"
    if all(isinstance(x, int | float) and not isinstance(x, bool) for x in outs):
        return "num"
    if all(isinstance(x, str) for x in outs):
        return "code"
    return None


def _compile_case(node: c.Case) -> VExpr:
    arms = [(compile_vcond(a.when), a.then) for a in node.cases]
    kind = case_kind(node)
    if kind is None:
        raise TypeError("a case table mixing kinds of results is scored one company at a time")
    outs = [a.then for a in node.cases] + ([node.default] if node.default is not None else [])
    vocab = tuple(dict.fromkeys(str(x) for x in outs)) if kind == "code" else ()

    def encode(x: object) -> float:
        return float(vocab.index(str(x))) if kind == "code" else float(x)  # type: ignore[arg-type]

    def case(ctx: BatchContext) -> Col:
        out = ctx.floats(np.nan)
        open_ = ctx.mask(True)
        for cond, then in arms:
            t, f = cond(ctx)
            out = np.where(open_ & t, encode(then), out)
            open_ = open_ & f  # an unknown arm stops the table with an unknown result
        if node.default is not None:
            out = np.where(open_, encode(node.default), out)
        known = ~np.isnan(out)
        if kind == "code":
            return Col("code", known, codes=np.where(known, out, -1).astype(np.int32), vocab=vocab)
        return Col(kind, known, num=out)

    return case
