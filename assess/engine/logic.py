"""Compile condition and expression trees into closures, evaluated with three-valued logic.

Each tree is compiled once (at :class:`~assess.engine.core.Engine` construction); evaluating a
compiled condition is a chain of plain function calls. A condition returns ``True``, ``False`` or
``None`` (unknown: the subject is unanswered, "don't know", hidden, or not computable).
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from assess.domain import conditions as c

if TYPE_CHECKING:
    from assess.engine.context import Context

Tri = bool | None
Scalar = float | str | bool | None
CompiledCond = Callable[["Context"], Tri]
CompiledExpr = Callable[["Context"], Scalar]

_CMP: dict[str, Callable[[Any, Any], bool]] = {
    "gt": operator.gt,
    "ge": operator.ge,
    "lt": operator.lt,
    "le": operator.le,
    "eq": operator.eq,
}


def subject_getter(node: c._Subject) -> CompiledExpr:
    """A function reading the one subject a comparison names."""
    kind, ident = node.subject
    if kind == "q":
        return lambda ctx: ctx.scalar(ident)
    if kind == "computed":
        return lambda ctx: ctx.computed(ident)
    if kind == "dim":
        return lambda ctx: ctx.dimension_score(ident)
    if kind == "block":
        return lambda ctx: ctx.block_score(ident)
    return lambda ctx: ctx.index_score(ident)


def _same(a: object, b: object) -> bool:
    """Type-strict equality: true/false never equal 1/0, "10" never equals 10."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    return a == b  # numbers compare exactly (no float() of an int beyond float range)


def _number(v: object) -> float | None:
    if isinstance(v, bool) or not isinstance(v, int | float):
        return None
    try:
        return float(v)
    except OverflowError:  # an int beyond float range (an invalid answer, rejected when scored)
        return math.inf if v > 0 else -math.inf


def compile_cond(node: c.Condition) -> CompiledCond:
    """Compile a condition tree into a closure returning True / False / None (unknown)."""
    match node:
        case c.Eq(value=value):
            get = subject_getter(node)
            return lambda ctx: None if (v := get(ctx)) is None else _same(v, value)
        case c.Ne(value=value):
            get = subject_getter(node)
            return lambda ctx: None if (v := get(ctx)) is None else not _same(v, value)
        case c.In(values=values):
            get = subject_getter(node)
            vals = tuple(values)
            return lambda ctx: None if (v := get(ctx)) is None else any(_same(v, x) for x in vals)
        case c.Selected(q=qid):
            codes = frozenset(node.codes)

            def selected(ctx: Context) -> Tri:
                v = ctx.value(qid)
                if not isinstance(v, list):
                    return None
                return not codes.isdisjoint(v)

            return selected
        case c.Compare(op=op, value=value):
            get = subject_getter(node)
            fn = _CMP[op]
            return lambda ctx: None if (v := _number(get(ctx))) is None else fn(v, value)
        case c.CompareExprs(left=left, right=right, cmp=op):
            lf, rf, fn = compile_expr(left), compile_expr(right), _CMP[op]

            def compare(ctx: Context) -> Tri:
                a, b = _number(lf(ctx)), _number(rf(ctx))
                return None if a is None or b is None else fn(a, b)

            return compare
        case c.Answered(q=qid):
            return lambda ctx: ctx.value(qid) is not None
        case c.Special(op=op, q=qid):
            want = "na" if op == "is_na" else "dk"
            return lambda ctx: ctx.special(qid) == want
        case c.All(of=of) | c.AnyOf(of=of):
            parts = [compile_cond(x) for x in of]
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
        case c.Not(cond=inner):
            part = compile_cond(inner)
            return lambda ctx: None if (r := part(ctx)) is None else not r
        case c.Const(op=op):
            result = op == "always"
            return lambda ctx: result
    raise TypeError(f"unknown condition node {node!r}")  # pragma: no cover - the union is closed


def _reduce(op: str, vals: list[float]) -> float:
    if op == "sum":
        return sum(vals)
    if op == "mean":
        return sum(vals) / len(vals)
    if op == "min":
        return min(vals)
    if op == "max":
        return max(vals)
    out = 1.0
    for v in vals:
        out *= v
    return out


def compile_expr(node: c.Expr) -> CompiledExpr:
    """Compile an expression tree into a closure returning a number, a string, a bool or None."""
    match node:
        case c.Value():
            return subject_getter(node)
        case c.Number(value=value):
            return lambda ctx: value
        case c.Reduce(op=op, of=of, strict=strict):
            parts = [compile_expr(x) for x in of]

            def reduce(ctx: Context) -> Scalar:
                vals = [_number(p(ctx)) for p in parts]
                if strict and any(v is None for v in vals):
                    return None
                known = [v for v in vals if v is not None]
                return _reduce(op, known) if known else None

            return reduce
        case c.Div(num=num, den=den, scale=scale):
            nf, df = compile_expr(num), compile_expr(den)

            def div(ctx: Context) -> Scalar:
                a, b = _number(nf(ctx)), _number(df(ctx))
                if a is None or b is None or b == 0:
                    return None
                return a / b * scale

            return div
        case c.Sub(a=a, b=b):
            af, bf = compile_expr(a), compile_expr(b)

            def sub(ctx: Context) -> Scalar:
                x, y = _number(af(ctx)), _number(bf(ctx))
                return None if x is None or y is None else x - y

            return sub
        case c.CountSelected(q=qid):
            return lambda ctx: ctx.count_selected(qid)
        case c.YearsSince(q=qid):

            def years(ctx: Context) -> Scalar:
                v = ctx.value(qid)
                if not isinstance(v, str):
                    return None
                try:
                    d = date.fromisoformat(v)
                except ValueError:
                    return None
                return (ctx.assessed_on - d).days / 365.25

            return years
        case c.Case(cases=cases, default=default):
            arms = [(compile_cond(a.when), a.then) for a in cases]

            def case(ctx: Context) -> Scalar:
                for cond, then in arms:
                    r = cond(ctx)
                    if r is None:
                        return None
                    if r:
                        return then
                return default

            return case
    raise TypeError(f"unknown expression node {node!r}")  # pragma: no cover


def walk(node: object) -> Iterator[object]:
    """Every node of a condition or expression tree, depth first."""
    yield node
    for name in ("of", "cond", "num", "den", "a", "b", "left", "right", "cases", "when"):
        child = getattr(node, name, None)
        if child is None:
            continue
        if isinstance(child, list):
            for x in child:
                yield from walk(x)
        else:
            yield from walk(child)


def referenced(node: object, attr: str) -> list[str]:
    """Ids a tree references through `attr` (``q``, ``computed``, ``dim`` or ``block``), in order."""
    seen: dict[str, None] = {}
    for n in walk(node):
        v = getattr(n, attr, None)
        if isinstance(v, str):
            seen[v] = None
    return list(seen)
