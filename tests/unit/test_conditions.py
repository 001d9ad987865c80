"""Every condition and expression op, including three-valued logic for unknown answers, on both engines."""

from __future__ import annotations

import pytest
from pydantic import TypeAdapter, ValidationError

from assess.domain.answers import Answer
from assess.domain.conditions import Condition, Expr
from assess.files.loading import Bundle
from assess.pipeline import engine_for
from tests.unit.two_engines import both

COND = TypeAdapter(Condition)
EXPR = TypeAdapter(Expr)


def ev(bundle: Bundle, cond: dict, answers: dict, depth: str = "full"):
    """The condition's value for these answers, the same on the explained and the batch engine."""
    return both(bundle, cond, answers, depth)


def ex(bundle: Bundle, expr: dict, answers: dict):
    """The expression's value for these answers, the same on the explained and the batch engine."""
    return both(bundle, expr, answers)


@pytest.mark.parametrize(
    ("cond", "answers", "expected"),
    [
        ({"op": "eq", "q": "industry", "value": "manufacturing"}, {"industry": "manufacturing"}, True),
        ({"op": "eq", "q": "industry", "value": "manufacturing"}, {"industry": "services"}, False),
        ({"op": "eq", "q": "industry", "value": "manufacturing"}, {}, None),
        ({"op": "ne", "q": "industry", "value": "services"}, {"industry": "manufacturing"}, True),
        ({"op": "ne", "q": "industry", "value": "services"}, {}, None),
        ({"op": "in", "q": "region", "values": ["qingjiang", "huaiyin"]}, {"region": "huaiyin"}, True),
        ({"op": "in", "q": "region", "values": ["qingjiang", "huaiyin"]}, {"region": "outside"}, False),
        ({"op": "selected", "q": "security", "value": "backup"}, {"security": ["backup"]}, True),
        ({"op": "selected", "q": "security", "values": ["policy", "antivirus"]}, {"security": ["backup"]}, False),
        ({"op": "selected", "q": "security", "value": "backup"}, {"security": "__na__"}, None),
        ({"op": "gt", "q": "revenue", "value": 100}, {"revenue": 101}, True),
        ({"op": "ge", "q": "revenue", "value": 100}, {"revenue": 100}, True),
        ({"op": "lt", "q": "revenue", "value": 100}, {"revenue": 100}, False),
        ({"op": "le", "q": "revenue", "value": 100}, {"revenue": 100}, True),
        ({"op": "ge", "q": "revenue", "value": 100}, {"revenue": "__dk__"}, None),
        ({"op": "answered", "q": "revenue"}, {"revenue": "__dk__"}, False),
        ({"op": "answered", "q": "revenue"}, {"revenue": 0}, True),
        ({"op": "is_dk", "q": "revenue"}, {"revenue": "__dk__"}, True),
        ({"op": "is_na", "q": "security"}, {"security": "__na__"}, True),
        ({"op": "eq", "q": "accident", "value": False}, {"accident": False}, True),
        ({"op": "eq", "q": "accident", "value": 0}, {"accident": False}, False),  # type-strict: no 0 == False
        ({"op": "always"}, {}, True),
        ({"op": "never"}, {}, False),
    ],
)
def test_each_op_gives_the_expected_truth_value(mini_bundle, cond, answers, expected):
    assert ev(mini_bundle, cond, answers) is expected


@pytest.mark.parametrize(
    ("a", "b", "all_", "any_"),
    [
        (True, True, True, True),
        (True, False, False, True),
        (True, None, None, True),
        (False, None, False, None),
        (None, None, None, None),
        (False, False, False, False),
    ],
)
def test_all_and_any_follow_kleene_logic(mini_bundle, a, b, all_, any_):
    def leaf(v):
        if v is None:
            return {"op": "eq", "q": "industry", "value": "services"}  # industry unanswered -> unknown
        return {"op": "always" if v else "never"}

    assert ev(mini_bundle, {"op": "all", "of": [leaf(a), leaf(b)]}, {}) is all_
    assert ev(mini_bundle, {"op": "any", "of": [leaf(a), leaf(b)]}, {}) is any_


def test_not_keeps_unknown_unknown(mini_bundle):
    cond = {"op": "not", "cond": {"op": "eq", "q": "industry", "value": "services"}}
    assert ev(mini_bundle, cond, {}) is None
    assert ev(mini_bundle, cond, {"industry": "manufacturing"}) is True


def test_a_hidden_question_reads_as_unanswered(mini_bundle):
    # connected_pct is shown to manufacturers only; a stale answer must not count for a service firm
    cond = {"op": "ge", "q": "connected_pct", "value": 10}
    assert ev(mini_bundle, cond, {"industry": "manufacturing", "connected_pct": 50}) is True
    assert ev(mini_bundle, cond, {"industry": "services", "connected_pct": 50}) is None


def test_a_full_diagnosis_question_is_not_asked_in_a_quick_scan(mini_bundle):
    cond = {"op": "answered", "q": "notes"}
    assert ev(mini_bundle, cond, {"notes": "x"}, depth="full") is True
    assert ev(mini_bundle, cond, {"notes": "x"}, depth="quick") is False


def test_cmp_compares_two_expressions(mini_bundle):
    cond = {
        "op": "cmp",
        "left": {"op": "value", "q": "rd_expense"},
        "cmp": "le",
        "right": {"op": "value", "q": "revenue"},
    }
    assert ev(mini_bundle, cond, {"rd_expense": 5, "revenue": 10}) is True
    assert ev(mini_bundle, cond, {"rd_expense": 50, "revenue": 10}) is False
    assert ev(mini_bundle, cond, {"rd_expense": 50}) is None


def test_computed_values_in_conditions(mini_bundle):
    cond = {"op": "ge", "computed": "rd_ratio", "value": 4}
    assert ev(mini_bundle, cond, {"revenue": 15000, "rd_expense": 525}) is False  # 3.5 %
    assert ev(mini_bundle, cond, {"revenue": 15000, "rd_expense": 600}) is True
    assert ev(mini_bundle, cond, {"revenue": 0, "rd_expense": 600}) is None  # division by zero is unknown


@pytest.mark.parametrize(
    ("expr", "answers", "expected"),
    [
        ({"op": "sum", "of": [{"op": "value", "q": "revenue"}, {"op": "const", "value": 5}]}, {"revenue": 10}, 15),
        ({"op": "sum", "of": [{"op": "value", "q": "revenue"}, {"op": "const", "value": 5}]}, {}, None),
        ({"op": "sum", "strict": False, "of": [{"op": "value", "q": "revenue"}, {"op": "const", "value": 5}]}, {}, 5),
        ({"op": "mean", "of": [{"op": "const", "value": 2}, {"op": "const", "value": 4}]}, {}, 3),
        ({"op": "min", "of": [{"op": "const", "value": 2}, {"op": "const", "value": 4}]}, {}, 2),
        ({"op": "max", "of": [{"op": "const", "value": 2}, {"op": "const", "value": 4}]}, {}, 4),
        ({"op": "mul", "of": [{"op": "const", "value": 2}, {"op": "const", "value": 4}]}, {}, 8),
        ({"op": "sub", "a": {"op": "const", "value": 2}, "b": {"op": "const", "value": 4}}, {}, -2),
        ({"op": "div", "num": {"op": "const", "value": 1}, "den": {"op": "const", "value": 4}, "scale": 100}, {}, 25),
        ({"op": "count_selected", "q": "security"}, {"security": ["backup", "policy"]}, 2),
        ({"op": "count_selected", "q": "security"}, {"security": ["none"]}, 0),
        ({"op": "years_since", "q": "founded"}, {"founded": "2016-11-01"}, pytest.approx(10, abs=0.01)),
        (
            {
                "op": "case",
                "cases": [{"when": {"op": "lt", "q": "revenue", "value": 300}, "then": "micro"}],
                "default": "big",
            },
            {"revenue": 100},
            "micro",
        ),
        (
            {
                "op": "case",
                "cases": [{"when": {"op": "lt", "q": "revenue", "value": 300}, "then": "micro"}],
                "default": "big",
            },
            {"revenue": 1000},
            "big",
        ),
        (
            {
                "op": "case",
                "cases": [{"when": {"op": "lt", "q": "revenue", "value": 300}, "then": "micro"}],
                "default": "big",
            },
            {},
            None,
        ),
    ],
)
def test_each_expression_op(mini_bundle, expr, answers, expected):
    assert ex(mini_bundle, expr, answers) == expected


def test_a_comparison_must_name_exactly_one_subject():
    with pytest.raises(ValidationError, match="exactly one"):
        COND.validate_python({"op": "eq", "q": "a", "dim": "D1", "value": 1})
    with pytest.raises(ValidationError, match="exactly one"):
        COND.validate_python({"op": "ge", "value": 1})


def test_an_unknown_op_is_one_precise_error():
    with pytest.raises(ValidationError) as err:
        COND.validate_python({"op": "all", "of": [{"op": "eval", "q": "x"}]})
    assert len(err.value.errors()) == 1
    assert "eval" in str(err.value)


def test_a_section_waiting_on_an_open_answer_is_pending_not_hidden(tmp_path):
    import shutil

    from assess.files.loading import load_bundle
    from tests.conftest import MINI

    root = tmp_path / "defs"
    shutil.copytree(MINI, root)
    p = root / "mini" / "1.0.0.yaml"
    text = p.read_text(encoding="utf-8").replace(
        "  - id: ai\n    title:", "  - id: ai\n    show_if: {op: eq, q: industry, value: manufacturing}\n    title:"
    )
    p.write_text(text, encoding="utf-8")
    engine = engine_for(load_bundle(root), load_bundle(root).latest("mini"))
    assert engine.sections_pending({}, "quick") == {"ai"}
    assert engine.sections_pending({"industry": Answer(value="services")}, "quick") == set()
