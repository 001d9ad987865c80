"""The op registry: one entry per op of the rule language, holding its explained and vector forms.

Both engines compile a tree through this module, so an op means the same in the app, ``assess score``,
the report and bulk ``--figures-only`` by construction: :func:`compile_cond` / :func:`compile_expr`
give the one-company closures (three-valued: True / False / None), :func:`compile_vcond` /
:func:`compile_vexpr` the batch functions over numpy columns. Each tree is compiled once (when an
:class:`~assess.engine.core.Engine` or a :class:`~assess.engine.batch.BatchEngine` is built).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple, cast, get_args

from assess.domain import conditions as c
from assess.engine.logic import CompiledCond, CompiledExpr
from assess.engine.op_conds import CONDITION_OPS
from assess.engine.op_exprs import EXPRESSION_OPS
from assess.engine.vector import VCond, VExpr


class Compilers(NamedTuple):
    """How an op compiles its children: with the same engine it is compiled for."""

    cond: Callable[[Any], Any]
    expr: Callable[[Any], Any]


def _index(ops: tuple[type, ...]) -> dict[str, Any]:
    table: dict[str, Any] = {}
    for impl in ops:
        for name in impl.ops:  # type: ignore[attr-defined]
            assert name not in table, f"op {name!r} is defined twice"
            table[name] = impl
    return table


CONDITIONS: dict[str, Any] = _index(CONDITION_OPS)
"""Condition op name → the class holding its ``explained`` and ``vector`` forms."""
EXPRESSIONS: dict[str, Any] = _index(EXPRESSION_OPS)
"""Expression op name → the class holding its ``explained`` and ``vector`` forms."""


def language_ops(union: object) -> set[str]:
    """Every op name a union of the condition language admits (from the pydantic models' ``op`` literals)."""
    members = get_args(get_args(union)[0])
    return {name for m in members for name in get_args(m.model_fields["op"].annotation)}


def compile_cond(node: c.Condition) -> CompiledCond:
    """Compile a condition tree into a closure of one company's context: True / False / None (unknown)."""
    return cast(CompiledCond, CONDITIONS[node.op].explained(node, EXPLAINED))


def compile_expr(node: c.Expr) -> CompiledExpr:
    """Compile an expression tree into a closure returning a number, a code, a bool or None."""
    return cast(CompiledExpr, EXPRESSIONS[node.op].explained(node, EXPLAINED))


def compile_vcond(node: c.Condition) -> VCond:
    """Compile a condition tree into a function of a batch returning ``(holds, fails)`` masks."""
    return cast(VCond, CONDITIONS[node.op].vector(node, VECTOR))


def compile_vexpr(node: c.Expr) -> VExpr:
    """Compile an expression tree into a function of a batch returning a column."""
    return cast(VExpr, EXPRESSIONS[node.op].vector(node, VECTOR))


EXPLAINED = Compilers(compile_cond, compile_expr)
VECTOR = Compilers(compile_vcond, compile_vexpr)
