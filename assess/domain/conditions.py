"""The condition language and the expression language, as data.

A condition is a small tree, a discriminated union on ``op``, written in YAML::

    show_if: {op: eq, q: industry_type, value: manufacturing}
    rule: {op: all, of: [{op: ge, computed: rd_ratio, value: 3}, {op: answered, q: revenue_y1}]}

Nothing here is ever ``eval``'d: :mod:`assess.engine.logic` compiles each tree once into closures.
Evaluation is three-valued (True / False / unknown): a comparison whose subject is unanswered,
"don't know", hidden or not computable is *unknown*, which is how a support verdict can say
``need_info`` and name the questions still to answer. ``show_if`` and ``required`` treat unknown as False.

Expressions (``computed`` values) are a second small union: answers, constants, arithmetic,
counts of selected options, dimension scores, date arithmetic and case tables.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Scalar = str | bool | int | float
"""A literal in a condition: an option code, a yes/no answer (true/false), or a number."""

IndexId = Literal["overall", "ai_readiness"]


class _Node(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class _Subject(_Node):
    """What a comparison looks at: exactly one of a question, a computed value, a dimension, a block
    score or an index score."""

    q: str | None = None
    """A question id: its answer."""
    computed: str | None = None
    """A computed value id (see ``computed:`` in the questionnaire)."""
    dim: str | None = None
    """A dimension id: its 0–100 score."""
    block: str | None = None
    """A block id: its 0–100 score."""
    index: IndexId | None = None
    """``overall`` or ``ai_readiness``: the index score."""

    @property
    def subject(self) -> tuple[Literal["q", "computed", "dim", "block", "index"], str]:
        """(kind, id) of what the node looks at; an index defaults to ``overall``."""
        for kind in ("q", "computed", "dim", "block"):
            ident = getattr(self, kind)
            if ident is not None:
                return kind, ident
        return "index", self.index or "overall"

    @model_validator(mode="after")
    def _exactly_one_subject(self) -> _Subject:
        given = [k for k in ("q", "computed", "dim", "block", "index") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(f"name exactly one of q, computed, dim, block, index (got {given or 'none'})")
        return self


class Eq(_Subject):
    """The subject equals `value` (an option code, true/false, or a number)."""

    op: Literal["eq"]
    value: Scalar


class Ne(_Subject):
    """The subject is answered and differs from `value`."""

    op: Literal["ne"]
    value: Scalar


class In(_Subject):
    """The subject (a single choice or a categorical computed value) is one of `values`."""

    op: Literal["in"]
    values: list[Scalar] = Field(min_length=1)


class Selected(_Node):
    """A multiple-choice answer includes option `value` (or, with `values`, any of them)."""

    op: Literal["selected"]
    q: str
    value: str | None = None
    values: list[str] | None = None

    @model_validator(mode="after")
    def _one_of_value_values(self) -> Selected:
        if (self.value is None) == (self.values is None):
            raise ValueError("give either value or values")
        return self

    @property
    def codes(self) -> list[str]:
        """The option codes tested."""
        return [self.value] if self.value is not None else list(self.values or [])


class Compare(_Subject):
    """A numeric comparison: subject ``gt|ge|lt|le`` `value`."""

    op: Literal["gt", "ge", "lt", "le"]
    value: float


class CompareExprs(_Node):
    """Compare two expressions, e.g. R&D staff ≤ total staff: ``{op: cmp, left: ..., cmp: le, right: ...}``."""

    op: Literal["cmp"]
    left: Expr
    cmp: Literal["gt", "ge", "lt", "le", "eq"]
    right: Expr


class Answered(_Node):
    """The question is shown and has a real answer (not "don't know", not "not applicable").

    Never unknown: it is exactly how a rule asks "do we know this?"."""

    op: Literal["answered"]
    q: str


class Special(_Node):
    """The question was answered "not applicable" (``na``) or "don't know" (``dk``)."""

    op: Literal["is_na", "is_dk"]
    q: str


class All(_Node):
    """All conditions hold (unknown if none fails and some are unknown)."""

    op: Literal["all"]
    of: list[Condition] = Field(min_length=1)


class AnyOf(_Node):
    """At least one condition holds (unknown if none holds and some are unknown)."""

    op: Literal["any"]
    of: list[Condition] = Field(min_length=1)


class Not(_Node):
    """The condition does not hold (unknown stays unknown)."""

    op: Literal["not"]
    cond: Condition


class Const(_Node):
    """``always`` holds / ``never`` holds (handy for "every company" rules).

    Named so because YAML would read an unquoted ``true`` as a boolean."""

    op: Literal["always", "never"]


Condition = Annotated[
    Eq | Ne | In | Selected | Compare | CompareExprs | Answered | Special | All | AnyOf | Not | Const,
    Field(discriminator="op"),
]
"""Any condition node."""


# ----------------------------------------------------------------------------------------------
# Expressions for computed values


class Value(_Subject):
    """The value of a question, computed value, dimension, block or index."""

    op: Literal["value"]


class Number(_Node):
    """A constant."""

    op: Literal["const"]
    value: float


class Reduce(_Node):
    """``sum``, ``mean``, ``min`` or ``max`` of the operands that are known.

    With ``strict: true`` any unknown operand makes the result unknown (use it for sums of
    three years of revenue, where a missing year must not count as zero)."""

    op: Literal["sum", "mean", "min", "max", "mul"]
    of: list[Expr] = Field(min_length=1)
    strict: bool = True


class Div(_Node):
    """``num / den × scale``; unknown when `den` is zero or unknown."""

    op: Literal["div"]
    num: Expr
    den: Expr
    scale: float = 1.0


class Sub(_Node):
    """``a − b``."""

    op: Literal["sub"]
    a: Expr
    b: Expr


class CountSelected(_Node):
    """How many options of a multiple-choice answer are selected (exclusive "none" counts 0)."""

    op: Literal["count_selected"]
    q: str


class YearsSince(_Node):
    """Whole years from a date answer to the assessment date."""

    op: Literal["years_since"]
    q: str


class Case(_Node):
    """A case table: the first `when` that holds gives the result; unknown conditions stop the table
    with an unknown result (so a size class is never guessed)."""

    op: Literal["case"]
    cases: list[CaseArm] = Field(min_length=1)
    default: Scalar | None = None


class CaseArm(_Node):
    """One arm of a :class:`Case`."""

    when: Condition
    then: Scalar


Expr = Annotated[
    Value | Number | Reduce | Div | Sub | CountSelected | YearsSince | Case,
    Field(discriminator="op"),
]
"""Any expression node."""

# The recursive models (All, Reduce, Case ...) name Condition / Expr before they exist: pydantic resolves
# them from this module when a model is first used (defer_build), so nothing is built at import time
# (calling model_rebuild() here built them all while the app started).
