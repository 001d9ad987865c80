"""Every expression op (computed values), its two implementations side by side: ``explained`` (one
company, a closure returning a number, a code, a bool or None) and ``vector`` (a batch, a function
returning a :class:`~assess.engine.vector.Col` with a mask of the rows where the value is known).

See :mod:`assess.engine.op_conds` for how ops are added and checked.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from assess.domain import conditions as c
from assess.engine.dates import years_between
from assess.engine.logic import CompiledExpr, Scalar, fold, number, subject_getter
from assess.engine.vector import Col, VExpr, case_kind, numbers, subject
from assess.engine.vector import fold as vfold

if TYPE_CHECKING:
    import numpy as np

    from assess.engine.batch import BatchContext
    from assess.engine.context import Context
    from assess.engine.ops import Compilers
else:
    from assess.engine.lazy_numpy import np


class Value:
    """``value``: a question's answer, a computed value, a dimension, block or index score."""

    ops = ("value",)

    @staticmethod
    def explained(node: c.Value, sub: Compilers) -> CompiledExpr:
        return subject_getter(node)

    @staticmethod
    def vector(node: c.Value, sub: Compilers) -> VExpr:
        return subject(node)


class Number:
    """``const``: a number."""

    ops = ("const",)

    @staticmethod
    def explained(node: c.Number, sub: Compilers) -> CompiledExpr:
        return lambda ctx: node.value

    @staticmethod
    def vector(node: c.Number, sub: Compilers) -> VExpr:
        return lambda ctx: numbers(ctx.floats(node.value), ctx.mask(True))


class Reduce:
    """``sum`` / ``mean`` / ``min`` / ``max`` / ``mul`` of the known operands, folded left to right
    (so both engines give the same floating-point result); `strict`: any unknown operand → unknown."""

    ops = ("sum", "mean", "min", "max", "mul")

    @staticmethod
    def explained(node: c.Reduce, sub: Compilers) -> CompiledExpr:
        parts, op, strict = [sub.expr(x) for x in node.of], node.op, node.strict

        def reduce(ctx: Context) -> Scalar:
            vals = [number(p(ctx)) for p in parts]
            if strict and any(v is None for v in vals):
                return None
            known = [v for v in vals if v is not None]
            return fold(op, known) if known else None

        return reduce

    @staticmethod
    def vector(node: c.Reduce, sub: Compilers) -> VExpr:
        parts = [sub.expr(x) for x in node.of]

        def reduce(ctx: BatchContext) -> Col:
            out = vfold(node.op, [p(ctx).number() for p in parts], node.strict)
            return numbers(out, ~np.isnan(out))

        return reduce


class Div:
    """``div``: ``num / den × scale``; unknown when `den` is zero or unknown."""

    ops = ("div",)

    @staticmethod
    def explained(node: c.Div, sub: Compilers) -> CompiledExpr:
        nf, df, scale = sub.expr(node.num), sub.expr(node.den), node.scale

        def div(ctx: Context) -> Scalar:
            a, b = number(nf(ctx)), number(df(ctx))
            return None if a is None or b is None or b == 0 else a / b * scale

        return div

    @staticmethod
    def vector(node: c.Div, sub: Compilers) -> VExpr:
        nf, df = sub.expr(node.num), sub.expr(node.den)

        def div(ctx: BatchContext) -> Col:
            a, b = nf(ctx).number(), df(ctx).number()
            ok = ~np.isnan(a) & ~np.isnan(b) & (b != 0)
            with np.errstate(divide="ignore", invalid="ignore"):
                return numbers(a / np.where(ok, b, 1.0) * node.scale, ok)

        return div


class Sub:
    """``sub``: ``a − b``."""

    ops = ("sub",)

    @staticmethod
    def explained(node: c.Sub, sub: Compilers) -> CompiledExpr:
        af, bf = sub.expr(node.a), sub.expr(node.b)

        def minus(ctx: Context) -> Scalar:
            x, y = number(af(ctx)), number(bf(ctx))
            return None if x is None or y is None else x - y

        return minus

    @staticmethod
    def vector(node: c.Sub, sub: Compilers) -> VExpr:
        af, bf = sub.expr(node.a), sub.expr(node.b)

        def minus(ctx: BatchContext) -> Col:
            out = af(ctx).number() - bf(ctx).number()
            return numbers(out, ~np.isnan(out))

        return minus


class CountSelected:
    """``count_selected``: options selected, an exclusive "none" counting 0."""

    ops = ("count_selected",)

    @staticmethod
    def explained(node: c.CountSelected, sub: Compilers) -> CompiledExpr:
        return lambda ctx: ctx.count_selected(node.q)

    @staticmethod
    def vector(node: c.CountSelected, sub: Compilers) -> VExpr:
        return lambda ctx: ctx.count_selected(node.q)


class YearsSince:
    """``years_since``: calendar years from a date answer to the assessment date (:mod:`assess.engine.dates`)."""

    ops = ("years_since",)

    @staticmethod
    def explained(node: c.YearsSince, sub: Compilers) -> CompiledExpr:
        def years(ctx: Context) -> Scalar:
            v = ctx.value(node.q)
            if not isinstance(v, str):
                return None
            try:
                d = date.fromisoformat(v)
            except ValueError:
                return None
            return years_between(d, ctx.assessed_on)

        return years

    @staticmethod
    def vector(node: c.YearsSince, sub: Compilers) -> VExpr:
        return lambda ctx: ctx.years_since(node.q)


class Case:
    """``case``: the first arm whose condition holds gives the result; an unknown arm stops the table
    with an unknown result (a size class is never guessed)."""

    ops = ("case",)

    @staticmethod
    def explained(node: c.Case, sub: Compilers) -> CompiledExpr:
        arms = [(sub.cond(a.when), a.then) for a in node.cases]

        def case(ctx: Context) -> Scalar:
            for cond, then in arms:
                r = cond(ctx)
                if r is None:
                    return None
                if r:
                    return then
            return node.default

        return case

    @staticmethod
    def vector(node: c.Case, sub: Compilers) -> VExpr:
        arms = [(sub.cond(a.when), a.then) for a in node.cases]
        kind = case_kind(node)
        if kind is None:
            raise TypeError("a case table mixing kinds of results is scored one company at a time")
        outs = [a.then for a in node.cases] + ([node.default] if node.default is not None else [])
        vocab = tuple(dict.fromkeys(str(x) for x in outs)) if kind == "code" else ()

        def encode(x: object) -> float:
            return float(vocab.index(str(x))) if kind == "code" else float(x)  # type: ignore[arg-type]

        def case(ctx: BatchContext) -> Col:
            out, open_ = ctx.floats(np.nan), ctx.mask(True)
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


EXPRESSION_OPS = (Value, Number, Reduce, Div, Sub, CountSelected, YearsSince, Case)
"""Every expression op's pair of implementations (the registry in :mod:`assess.engine.ops` indexes them)."""
