"""The batch engine's primitives: columns over many companies at once (numpy), three-valued as pairs.

:mod:`assess.engine.logic` holds the one-company primitives; each op's two forms sit side by side in
:mod:`assess.engine.op_conds` / :mod:`assess.engine.op_exprs` (one numpy operation per node instead
of one Python call per node per company). The semantics are the same, and tests run every op's truth
table on both engines:

* a condition gives a pair of boolean arrays ``(T, F)``: rows where it holds, rows where it fails;
  rows in neither are *unknown* (Kleene logic: ``all`` fails if any part fails, holds if all hold);
* an expression gives a :class:`Col`: a typed column with a ``known`` mask (unknown = ``None``).
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

from assess.domain import conditions as c

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from assess.engine.batch import BatchContext
else:
    from assess.engine.lazy_numpy import np

Mask: TypeAlias = "npt.NDArray[np.bool_]"
Floats: TypeAlias = "npt.NDArray[np.float64]"
Tri: TypeAlias = tuple[Mask, Mask]
"""(holds, fails); a row in neither is unknown."""
ColKind = Literal["num", "bool", "code", "text", "list"]
VCond = Callable[["BatchContext"], Tri]
VExpr = Callable[["BatchContext"], "Col"]

CMP: dict[str, Callable[[Any, Any], Any]] = {
    "gt": operator.gt,
    "ge": operator.ge,
    "lt": operator.lt,
    "le": operator.le,
    "eq": operator.eq,
}


class Decline(Exception):
    """The fast path does not take this file (the one-company path decides on it)."""


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


def subject(node: c._Subject) -> VExpr:
    """A function reading the one subject a comparison names, as a column."""
    kind, ident = node.subject
    if kind == "q":
        return lambda ctx: ctx.value(ident)
    if kind == "computed":
        return lambda ctx: ctx.computed(ident)
    return lambda ctx: ctx.score_col(kind, ident)


def tri(known: Mask, hit: Mask) -> Tri:
    """(holds, fails) from where a value is known and where the test hits."""
    return known & hit, known & ~hit


def fold(op: str, parts: list[Floats], strict: bool) -> Floats:
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
