"""Every condition op, its two implementations side by side: ``explained`` (one company, a closure
returning True / False / None) and ``vector`` (a batch, a function returning the pair of masks
``(holds, fails)``; a row in neither is unknown).

Adding an op is one class here (or in :mod:`assess.engine.op_exprs`) plus its model in
:mod:`assess.domain.conditions` and a row of the cross-engine truth table (tests/unit/test_ops.py);
a guard test fails while any op lacks that row. `sub` compiles the children with the same engine.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assess.domain import conditions as c
from assess.engine.logic import CMP, CompiledCond, Tri, number, same, subject_getter
from assess.engine.vector import CMP as VCMP
from assess.engine.vector import Tri as VTri
from assess.engine.vector import VCond, subject, tri

if TYPE_CHECKING:
    import numpy as np

    from assess.engine.batch import BatchContext
    from assess.engine.context import Context
    from assess.engine.ops import Compilers
else:
    from assess.engine.lazy_numpy import np


class Eq:
    """``eq`` / ``ne``: type-strict equality of the subject with a literal (true is never 1)."""

    ops = ("eq", "ne")

    @staticmethod
    def explained(node: c.Eq | c.Ne, sub: Compilers) -> CompiledCond:
        get, value, negate = subject_getter(node), node.value, node.op == "ne"
        return lambda ctx: None if (v := get(ctx)) is None else same(v, value) != negate

    @staticmethod
    def vector(node: c.Eq | c.Ne, sub: Compilers) -> VCond:
        get, negate = subject(node), node.op == "ne"

        def eq(ctx: BatchContext) -> VTri:
            col = get(ctx)
            t, f = tri(col.scalar_known(), col.equals(node.value))
            return (f, t) if negate else (t, f)

        return eq


class In:
    """``in``: the subject equals one of the listed literals."""

    ops = ("in",)

    @staticmethod
    def explained(node: c.In, sub: Compilers) -> CompiledCond:
        get, vals = subject_getter(node), tuple(node.values)
        return lambda ctx: None if (v := get(ctx)) is None else any(same(v, x) for x in vals)

    @staticmethod
    def vector(node: c.In, sub: Compilers) -> VCond:
        get = subject(node)

        def in_(ctx: BatchContext) -> VTri:
            col = get(ctx)
            hit = np.zeros(len(col.known), dtype=bool)
            for v in node.values:
                hit |= col.equals(v)
            return tri(col.scalar_known(), hit)

        return in_


class Selected:
    """``selected``: a multiple-choice answer includes any of the codes."""

    ops = ("selected",)

    @staticmethod
    def explained(node: c.Selected, sub: Compilers) -> CompiledCond:
        qid, codes = node.q, frozenset(node.codes)

        def selected(ctx: Context) -> Tri:
            v = ctx.value(qid)
            return None if not isinstance(v, list) else not codes.isdisjoint(v)

        return selected

    @staticmethod
    def vector(node: c.Selected, sub: Compilers) -> VCond:
        qid, codes = node.q, node.codes

        def selected(ctx: BatchContext) -> VTri:
            col = ctx.value(qid)
            if col.kind != "list" or col.matrix is None:
                return ctx.unknown()
            idx = [col.vocab.index(x) for x in codes if x in col.vocab]
            return tri(col.known, np.asarray(col.matrix[:, idx].any(axis=1), dtype=bool))

        return selected


class Compare:
    """``gt`` / ``ge`` / ``lt`` / ``le``: the subject, a number, against a number."""

    ops = ("gt", "ge", "lt", "le")

    @staticmethod
    def explained(node: c.Compare, sub: Compilers) -> CompiledCond:
        get, fn, value = subject_getter(node), CMP[node.op], node.value
        return lambda ctx: None if (v := number(get(ctx))) is None else fn(v, value)

    @staticmethod
    def vector(node: c.Compare, sub: Compilers) -> VCond:
        get, fn = subject(node), VCMP[node.op]

        def compare(ctx: BatchContext) -> VTri:
            x = get(ctx).number()
            with np.errstate(invalid="ignore"):
                return tri(~np.isnan(x), fn(x, node.value))

        return compare


class CompareExprs:
    """``cmp``: two expressions compared (unknown when either is)."""

    ops = ("cmp",)

    @staticmethod
    def explained(node: c.CompareExprs, sub: Compilers) -> CompiledCond:
        lf, rf, fn = sub.expr(node.left), sub.expr(node.right), CMP[node.cmp]

        def compare(ctx: Context) -> Tri:
            a, b = number(lf(ctx)), number(rf(ctx))
            return None if a is None or b is None else fn(a, b)

        return compare

    @staticmethod
    def vector(node: c.CompareExprs, sub: Compilers) -> VCond:
        lf, rf, fn = sub.expr(node.left), sub.expr(node.right), VCMP[node.cmp]

        def compare_exprs(ctx: BatchContext) -> VTri:
            a, b = lf(ctx).number(), rf(ctx).number()
            with np.errstate(invalid="ignore"):
                return tri(~np.isnan(a) & ~np.isnan(b), fn(a, b))

        return compare_exprs


class Answered:
    """``answered``: a real answer was given to a shown question (never unknown)."""

    ops = ("answered",)

    @staticmethod
    def explained(node: c.Answered, sub: Compilers) -> CompiledCond:
        return lambda ctx: ctx.value(node.q) is not None

    @staticmethod
    def vector(node: c.Answered, sub: Compilers) -> VCond:
        def answered(ctx: BatchContext) -> VTri:
            known = ctx.value(node.q).known
            return known, ~known

        return answered


class Special:
    """``is_na`` / ``is_dk``: a shown question was answered "not applicable" / "don't know"."""

    ops = ("is_na", "is_dk")

    @staticmethod
    def explained(node: c.Special, sub: Compilers) -> CompiledCond:
        want = "na" if node.op == "is_na" else "dk"
        return lambda ctx: ctx.special(node.q) == want

    @staticmethod
    def vector(node: c.Special, sub: Compilers) -> VCond:
        want = 1 if node.op == "is_na" else 2

        def special(ctx: BatchContext) -> VTri:
            hit = ctx.special(node.q) == want
            return hit, ~hit

        return special


class Kleene:
    """``all`` / ``any``: Kleene logic (``all`` fails if any part fails, holds if all hold)."""

    ops = ("all", "any")

    @staticmethod
    def explained(node: c.All | c.AnyOf, sub: Compilers) -> CompiledCond:
        parts: list[CompiledCond] = [sub.cond(x) for x in node.of]
        decisive = node.op == "any"  # the value that settles it: any True for "any", any False for "all"

        def combine(ctx: Context) -> Tri:
            unknown = False
            for p in parts:
                r = p(ctx)
                if r is decisive:
                    return decisive
                unknown = unknown or r is None
            return None if unknown else not decisive

        return combine

    @staticmethod
    def vector(node: c.All | c.AnyOf, sub: Compilers) -> VCond:
        parts, conj = [sub.cond(x) for x in node.of], node.op == "all"

        def combine(ctx: BatchContext) -> VTri:
            t, f = parts[0](ctx)
            for p in parts[1:]:
                pt, pf = p(ctx)
                t, f = (t & pt, f | pf) if conj else (t | pt, f & pf)
            return t, f

        return combine


class Not:
    """``not``: negation; unknown stays unknown."""

    ops = ("not",)

    @staticmethod
    def explained(node: c.Not, sub: Compilers) -> CompiledCond:
        part = sub.cond(node.cond)
        return lambda ctx: None if (r := part(ctx)) is None else not r

    @staticmethod
    def vector(node: c.Not, sub: Compilers) -> VCond:
        part = sub.cond(node.cond)

        def not_(ctx: BatchContext) -> VTri:
            t, f = part(ctx)
            return f, t

        return not_


class Const:
    """``always`` / ``never``."""

    ops = ("always", "never")

    @staticmethod
    def explained(node: c.Const, sub: Compilers) -> CompiledCond:
        result = node.op == "always"
        return lambda ctx: result

    @staticmethod
    def vector(node: c.Const, sub: Compilers) -> VCond:
        holds = node.op == "always"
        return lambda ctx: (ctx.mask(holds), ctx.mask(not holds))


CONDITION_OPS = (Eq, In, Selected, Compare, CompareExprs, Answered, Special, Kleene, Not, Const)
"""Every condition op's pair of implementations (the registry in :mod:`assess.engine.ops` indexes them)."""
