"""The one-company (explained) engine's primitives: three-valued truth, type-strict equality, folds.

Each op's closure is defined in :mod:`assess.engine.op_conds` / :mod:`assess.engine.op_exprs`, next to
its batch form; :mod:`assess.engine.ops` compiles a tree with them. A condition returns ``True``,
``False`` or ``None`` (unknown: the subject is unanswered, "don't know", hidden, or not computable).
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from assess.domain import conditions as c

if TYPE_CHECKING:
    from assess.engine.context import Context

Tri = bool | None
Scalar = float | str | bool | None
CompiledCond = Callable[["Context"], Tri]
CompiledExpr = Callable[["Context"], Scalar]

CMP: dict[str, Callable[[Any, Any], bool]] = {
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


def same(a: object, b: object) -> bool:
    """Type-strict equality: true/false never equal 1/0, "10" never equals 10."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    return a == b  # numbers compare exactly (no float() of an int beyond float range)


def number(v: object) -> float | None:
    """A number as comparisons and arithmetic read it (true/false and texts are not numbers)."""
    if isinstance(v, bool) or not isinstance(v, int | float):
        return None
    try:
        return float(v)
    except OverflowError:  # an int beyond float range (an invalid answer, rejected when scored)
        return math.inf if v > 0 else -math.inf


def fold(op: str, vals: list[float]) -> float:
    """Fold known numbers left to right (``sum``, ``mean``, ``min``, ``max``, ``mul``)."""
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
