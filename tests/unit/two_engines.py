"""Evaluate one condition or expression for one company on BOTH engines, and insist they agree.

The explained engine compiles with :func:`assess.engine.ops.compile_cond` (closures over a
:class:`Context`); the batch engine with :func:`~assess.engine.ops.compile_vcond` (numpy columns over a
:class:`BatchContext` of a one-row frame built from the same JSON). Every truth table of the rule
language goes through :func:`both`, so an op cannot mean one thing in the app and another in bulk.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from pydantic import TypeAdapter

from assess.domain.answers import AnswerFile
from assess.domain.conditions import Condition, Expr
from assess.engine.batch import BatchContext, BatchEngine
from assess.engine.frame import build_frame
from assess.engine.ops import compile_cond, compile_expr, compile_vcond, compile_vexpr
from assess.engine.vector import Col
from assess.files.loading import Bundle
from assess.pipeline import engine_for

COND: TypeAdapter[Any] = TypeAdapter(Condition)
EXPR: TypeAdapter[Any] = TypeAdapter(Expr)
ASSESSED = date(2026, 11, 1)
SEEN: list[tuple[dict[str, Any], dict[str, Any]]] = []
"""Every (tree, answers) evaluated in this test session (for the coverage guard)."""


def doc_of(answers: dict[str, Any], depth: str) -> dict[str, Any]:
    """A minimal answer file of the test questionnaire, as JSON, assessed on :data:`ASSESSED`."""
    return {
        "questionnaire": {"id": "mini", "version": "1.0.0"},
        "response_id": "truth-table",
        "company": {"name": "测试企业"},
        "created_at": "2026-11-01T09:00:00Z",
        "updated_at": "2026-11-01T10:00:00Z",
        "depth": depth,
        "answers": answers,
    }


def cell(col: Col) -> object:
    """Row 0 of a batch column, as the explained engine would give it."""
    if not col.known[0]:
        return None
    if col.kind == "num" and col.num is not None:
        return float(col.num[0])
    if col.kind == "bool" and col.num is not None:
        return bool(col.num[0])
    if col.kind == "code" and col.codes is not None:
        return col.vocab[int(col.codes[0])]
    if col.kind == "list" and col.matrix is not None:
        return [v for v, on in zip(col.vocab, col.matrix[0], strict=True) if on]
    return None if col.text is None else col.text[0]


def _same(a: object, b: object) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return math.isclose(float(a), float(b), rel_tol=1e-12, abs_tol=1e-12)
    return a == b


def both(bundle: Bundle, tree: dict[str, Any], answers: dict[str, Any], depth: str = "full") -> object:
    """The value of `tree` (a condition or an expression) for these answers, the same on both engines."""
    SEEN.append((tree, answers))
    engine = engine_for(bundle, bundle.latest("mini"))
    is_cond = tree["op"] in ("eq ne in selected gt ge lt le cmp answered is_na is_dk all any not always never").split()
    node = (COND if is_cond else EXPR).validate_python(tree)
    doc = doc_of(answers, depth)
    af = AnswerFile.model_validate(doc)
    ctx = engine.context(af.answers, depth, ASSESSED)
    explained = (compile_cond if is_cond else compile_expr)(node)(ctx)

    be = BatchEngine.of(engine)
    assert be is not None, "the test questionnaire must be batch-scorable"
    frame = build_frame(engine, [doc])
    assert frame.accepted[0], f"the batch engine declined {answers}"
    bctx = BatchContext(be, frame, frame.depth_full, frame.assessed)
    if is_cond:
        t, f = compile_vcond(node)(bctx)
        vector: object = True if t[0] else False if f[0] else None
    else:
        vector = cell(compile_vexpr(node)(bctx))
    assert _same(explained, vector), (
        f"engines disagree on {tree} for {answers}: explained {explained!r}, batch {vector!r}"
    )
    return explained
