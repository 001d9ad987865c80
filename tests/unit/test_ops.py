"""The op registry: every op of the rule language has both forms, and a cross-engine case; numbers of
every magnitude mean the same on both engines.

The coverage guard fails when an op is added to :mod:`assess.domain.conditions` (or a question kind to
the questionnaire model) without a row in :data:`CASES` that runs it on the explained and the batch
engine: that row is the op's (or kind's) proof that the app and bulk mode agree.
"""

from __future__ import annotations

from typing import Any, get_args

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assess.domain.conditions import Condition, Expr
from assess.domain.questionnaire import QuestionKind
from assess.engine.logic import walk
from assess.engine.ops import CONDITIONS, EXPRESSIONS, language_ops
from assess.files.loading import Bundle
from assess.pipeline import engine_for
from tests.unit.two_engines import COND, EXPR, both

V = {"op": "value", "q": "revenue"}
RD = {"op": "value", "q": "rd_expense"}
K = lambda x: {"op": "const", "value": x}  # noqa: E731

# (tree, answers, expected); one row at least per op and per question kind (the guard below checks it)
CASES: list[tuple[dict[str, Any], dict[str, Any], object]] = [
    ({"op": "eq", "q": "region", "value": "qingjiang"}, {"region": "qingjiang"}, True),  # single
    ({"op": "ne", "q": "erp", "value": "l2"}, {"erp": "l3"}, True),  # ladder
    ({"op": "in", "q": "industry", "values": ["services", "trade"]}, {"industry": "manufacturing"}, False),
    ({"op": "selected", "q": "security", "value": "backup"}, {"security": ["backup"]}, True),  # multi
    ({"op": "gt", "q": "revenue", "value": 9_999_999.5}, {"revenue": 10_000_000}, True),  # number
    ({"op": "ge", "q": "connected_pct", "value": 33.3}, {"industry": "manufacturing", "connected_pct": 33.3}, True),
    ({"op": "lt", "q": "rd_expense", "value": 0.001}, {"rd_expense": 0.0005}, True),
    ({"op": "le", "q": "revenue", "value": 0}, {"revenue": "__dk__"}, None),
    ({"op": "cmp", "left": RD, "cmp": "le", "right": V}, {"revenue": 1e7, "rd_expense": 9_999_999.99}, True),
    ({"op": "answered", "q": "notes"}, {"notes": "现场已核对"}, True),  # longtext
    ({"op": "eq", "q": "contact_name", "value": "张三"}, {"contact_name": "张三"}, True),  # text
    ({"op": "eq", "q": "accident", "value": True}, {"accident": True}, True),  # yesno
    ({"op": "is_na", "q": "security"}, {"security": "__na__"}, True),
    ({"op": "is_dk", "q": "revenue"}, {"revenue": "__dk__"}, True),
    ({"op": "is_dk", "q": "revenue"}, {"revenue": 5}, False),
    ({"op": "all", "of": [{"op": "always"}, {"op": "eq", "q": "industry", "value": "x"}]}, {}, None),
    ({"op": "any", "of": [{"op": "never"}, {"op": "always"}]}, {}, True),
    ({"op": "not", "cond": {"op": "answered", "q": "revenue"}}, {}, True),
    ({"op": "never"}, {}, False),
    ({"op": "always"}, {}, True),
    ({"op": "lt", "q": "founded", "value": 2000}, {"founded": "1999-01-01"}, None),  # date: not a number
    (V, {"revenue": 1234567.89}, 1234567.89),
    (K(1e12), {}, 1e12),
    ({"op": "sum", "of": [V, K(0.01)]}, {"revenue": 9_999_999.99}, 10_000_000.0),
    ({"op": "mean", "strict": False, "of": [V, RD]}, {"revenue": 3}, 3),
    ({"op": "min", "of": [V, RD]}, {"revenue": 1e7, "rd_expense": 0.001}, 0.001),
    ({"op": "max", "of": [V, RD]}, {"revenue": 1e7, "rd_expense": 0.001}, 1e7),
    ({"op": "mul", "of": [V, K(1e5)]}, {"revenue": 1e7}, 1e12),
    ({"op": "div", "num": RD, "den": V, "scale": 100}, {"revenue": 7, "rd_expense": 1}, 100 / 7),
    ({"op": "div", "num": RD, "den": V}, {"revenue": 0, "rd_expense": 1}, None),
    ({"op": "sub", "a": V, "b": RD}, {"revenue": 1e7, "rd_expense": 0.3}, 1e7 - 0.3),
    ({"op": "count_selected", "q": "security"}, {"security": ["backup", "policy"]}, 2),
    ({"op": "years_since", "q": "founded"}, {"founded": "1996-11-01"}, 30.0),  # calendar years (engine/dates.py)
    (
        {"op": "case", "cases": [{"when": {"op": "lt", "q": "revenue", "value": 300}, "then": 1}], "default": 2},
        {"revenue": 300},
        2,
    ),
]


@pytest.mark.parametrize(("tree", "answers", "expected"), CASES)
def test_every_op_gives_the_same_value_on_both_engines(mini_bundle: Bundle, tree, answers, expected) -> None:
    got = both(mini_bundle, tree, answers)
    assert got == (pytest.approx(expected, rel=1e-12) if isinstance(expected, float) else expected)


def test_every_op_of_the_language_has_both_forms_and_a_cross_engine_case() -> None:
    conds, exprs = language_ops(Condition), language_ops(Expr)
    assert set(CONDITIONS) == conds and set(EXPRESSIONS) == exprs, "an op without its pair of implementations"
    for impl in {*CONDITIONS.values(), *EXPRESSIONS.values()}:
        assert callable(impl.explained) and callable(impl.vector), impl
    covered = {getattr(n, "op", None) for tree, _, _ in CASES for n in walk(tree_node(tree))}
    assert not (conds | exprs) - covered, f"ops with no cross-engine case: {sorted((conds | exprs) - covered)}"


def test_every_question_kind_has_a_cross_engine_case(mini_bundle: Bundle) -> None:
    engine = engine_for(mini_bundle, mini_bundle.latest("mini"))
    read = {n.q for tree, _, _ in CASES for n in walk(tree_node(tree)) if getattr(n, "q", None)}
    kinds = {engine.questions[q].kind for q in read}
    missing = set(get_args(QuestionKind)) - kinds
    assert not missing, f"question kinds with no cross-engine case: {sorted(missing)}"
    assert set(get_args(QuestionKind)) <= {q.kind for q in engine.questions.values()}, "the test questionnaire"


def tree_node(tree: dict[str, Any]) -> object:
    return (COND if tree["op"] in CONDITIONS else EXPR).validate_python(tree)


magnitudes = st.one_of(
    st.integers(0, 10_000_000).map(float),
    st.floats(0, 10_000_000, allow_nan=False, allow_infinity=False).map(lambda x: round(x, 2)),
    st.integers(-3, 7).map(lambda e: 10.0**e),
)


@settings(max_examples=60, deadline=None)
@given(revenue=magnitudes, rd=magnitudes, scale=st.sampled_from([1.0, 100.0, 1e-4, 1e4]))
def test_arithmetic_and_comparisons_agree_at_every_magnitude(
    mini_bundle: Bundle, revenue: float, rd: float, scale: float
) -> None:
    answers = {"revenue": revenue, "rd_expense": rd}
    both(mini_bundle, {"op": "div", "num": RD, "den": V, "scale": scale}, answers)
    both(mini_bundle, {"op": "sum", "of": [V, RD, K(0.1)]}, answers)
    both(mini_bundle, {"op": "mean", "of": [V, RD]}, answers)
    both(mini_bundle, {"op": "mul", "of": [V, RD, K(scale)]}, answers)
    both(mini_bundle, {"op": "sub", "a": V, "b": RD}, answers)
    both(mini_bundle, {"op": "cmp", "left": RD, "cmp": "lt", "right": V}, answers)
    both(mini_bundle, {"op": "ge", "q": "revenue", "value": rd}, answers)
    both(mini_bundle, {"op": "ge", "computed": "rd_ratio", "value": 3}, answers)
