"""What-if: the smallest sets of answer changes (≤ 3) that move a support to apply.

Only answers marked ``changeable: true`` in the questionnaire are searched. The search is rule-directed:
for each rule the support fails (or the fit it lacks), find the smallest changes that meet it — one
answer first, then two — with numeric targets found by bisection on the threshold; then combine one fix
per rule and check the whole support really turns apply. Numbers that a computed value adds up (R&D of
three years) move together, in proportion, and count as one change.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass

from assess.advice.variants import Changes, Variants, freeze
from assess.domain.answers import AnswerValue
from assess.domain.catalog import Rule
from assess.domain.conditions import Reduce, Value
from assess.engine.kinds import KINDS
from assess.engine.matching import rule_state
from assess.engine.prerequisites import movable

MAX_CHANGES = 3
Target = Callable[[Changes], bool]
Fix = dict[str, AnswerValue]
"""Variable key → new value (for a group: the total to add)."""


@dataclass(frozen=True)
class Var:
    """Something the company can change: one question, or a group of numbers a computed value adds up."""

    key: str
    qids: tuple[str, ...]
    kind: str
    """How it is varied: its kind's ``vary`` (``choice`` / ``multi`` / ``yesno`` / ``number``), or ``group``."""

    @property
    def numeric(self) -> bool:
        return self.kind in ("number", "group")


class Search:
    """What-ifs for the supports of one assessment (fixes per rule are shared between supports)."""

    def __init__(self, v: Variants) -> None:
        self.v = v
        self.engine = v.engine
        self._fixes: dict[int, list[Fix]] = {}
        self._solutions: dict[str, list[Fix]] = {}
        self.groups = self._groups()

    # ------------------------------------------------------------------ variables

    def _groups(self) -> dict[str, tuple[str, tuple[str, ...]]]:
        """Question → (computed id, members) for computed sums of changeable numbers (R&D of three years)."""
        out: dict[str, tuple[str, tuple[str, ...]]] = {}
        for c in self.engine.questionnaire.computed:
            e = c.expr
            if isinstance(e, Reduce) and e.op == "sum" and len(e.of) > 1:
                qs = tuple(x.q for x in e.of if isinstance(x, Value) and x.q is not None)
                if len(qs) == len(e.of) and all(self._numeric_changeable(q) for q in qs):
                    out.update((q, (c.id, qs)) for q in qs if q not in out)
        return out

    def _numeric_changeable(self, q: str) -> bool:
        spec = self.engine.questions.get(q)
        return spec is not None and spec.changeable and KINDS[spec.kind].vary == "number"

    def variables(self, nodes: list[object]) -> list[Var]:
        """The changeable, shown, answered questions the nodes read, as variables."""
        out: dict[str, Var] = {}
        for node in nodes:
            for q in movable(self.engine, node):
                if not self.v.base.visible(q) or self.v.value(q) is None:
                    continue
                if q in self.groups:
                    cid, members = self.groups[q]
                    if all(self.v.value(m) is not None for m in members):
                        out.setdefault(cid, Var(cid, members, "group"))
                        continue
                vary = KINDS[self.engine.questions[q].kind].vary
                if vary is not None:
                    out.setdefault(q, Var(q, (q,), vary))
        return list(out.values())

    def candidates(self, var: Var) -> list[AnswerValue]:
        """Values to try for a choice-like variable, smallest step first."""
        q = var.qids[0]
        kind = KINDS[self.engine.questions[q].kind]
        return kind.candidates(self.v.value(q), self.engine.options[q], self.engine.exclusive_codes.get(q, frozenset()))

    # ------------------------------------------------------------------ changes

    def changes(self, fix: Fix) -> dict[str, AnswerValue]:
        """The answer changes a fix stands for (a group's total spread over its members in proportion)."""
        out: dict[str, AnswerValue] = {}
        for key, value in fix.items():
            if key in self.engine.questions:
                out[key] = value
                continue
            members = next(m for c, m in self.groups.values() if c == key)
            now = [self.v.number(q) for q in members]
            total = sum(now)
            for q, x in zip(members, now, strict=True):
                share = x / total if total > 0 else 1 / len(members)
                out[q] = self._round(q, x + float(value) * share, up=float(value) >= 0)  # type: ignore[arg-type]
        return out

    def _round(self, q: str, x: float, *, up: bool) -> float:
        """A target rounded in the direction of the fix: whole numbers for counts and large sums, 0.1 else."""
        spec = self.engine.questions[q]
        step = 1.0 if spec.integer or abs(x) >= 10 else 0.1
        r = (math.ceil if up else math.floor)(round(x / step, 9)) * step
        return float(int(r)) if step == 1.0 else round(r, 1)

    def size(self, fix: Fix) -> int:
        return len(fix)

    # ------------------------------------------------------------------ numeric targets

    def bisect(self, var: Var, base: Fix, target: Target) -> AnswerValue | None:
        """The smallest move of a numeric variable (up, else down) that meets `target`, by bisection."""
        q = var.qids[0]
        cur = 0.0 if var.kind == "group" else self.v.number(q)
        spec = self.engine.questions[q]
        lo_b, hi_b = spec.bounds
        if var.kind == "group":
            total = sum(self.v.number(m) for m in var.qids)
            hi_b, lo_b = max(total * 3, 1000.0), -total
        hi_b = hi_b if hi_b is not None else max(cur * 4, cur + 1000)
        lo_b = lo_b if lo_b is not None else min(0.0, cur)

        def ok(x: float) -> bool:
            return target(self.changes({**base, var.key: x}))

        for far in (hi_b, lo_b):
            if far == cur or not ok(far):
                continue
            near = cur
            for _ in range(40):
                mid = (near + far) / 2
                if ok(mid):
                    far = mid
                else:
                    near = mid
                if abs(far - near) < 0.05:
                    break
            return self._settle(var, base, far, near, ok)
        return None

    def _settle(self, var: Var, base: Fix, far: float, near: float, ok: Callable[[float], bool]) -> float | None:
        """Round the bisection's answer and step once or twice if rounding lost the threshold."""
        up = far > near
        step = 1.0 if var.kind == "group" or self.engine.questions[var.qids[0]].integer or abs(far) >= 10 else 0.1
        x = (math.ceil if up else math.floor)(round(far / step, 9)) * step
        for _ in range(3):
            if ok(x):
                return round(x, 1)
            x += step if up else -step
        return None

    # ------------------------------------------------------------------ fixes per rule

    def fixes(self, key: int, nodes: list[object], target: Target) -> list[Fix]:
        """Smallest fixes (one variable, else two) that meet `target`; memoised by rule."""
        if key in self._fixes:
            return self._fixes[key]
        vars_ = self.variables(nodes)
        out: list[Fix] = []
        for var in vars_:
            fix = self._one(var, {}, target)
            if fix is not None:
                out.append(fix)
        if not out:
            ordered = [x for x in vars_ if not x.numeric][:6] + [x for x in vars_ if x.numeric][:2]
            for a, b in itertools.combinations(ordered, 2):
                fix = self._two(a, b, target)
                if fix is not None:
                    out.append(fix)
                if len(out) >= 4:
                    break
        self._fixes[key] = out
        return out

    def _one(self, var: Var, base: Fix, target: Target) -> Fix | None:
        if var.numeric:
            x = self.bisect(var, base, target)
            return None if x is None else {**base, var.key: x}
        for value in self.candidates(var):
            if target(self.changes({**base, var.key: value})):
                return {**base, var.key: value}
        return None

    def _two(self, a: Var, b: Var, target: Target) -> Fix | None:
        if a.numeric:
            return None
        for value in self.candidates(a)[:3]:
            fix = self._one(b, {a.key: value}, target)
            if fix is not None:
                return fix
        return None

    # ------------------------------------------------------------------ supports

    def solutions(self, sid: str) -> list[Fix]:
        """Up to three smallest fixes that turn support `sid` to apply (empty when none within three changes)."""
        if sid in self._solutions:
            return self._solutions[sid]
        per_goal = [self.fixes(key, nodes, target) for key, nodes, target in self._goals(sid)]
        found: list[Fix] = []
        if per_goal and all(per_goal):
            for combo in itertools.islice(itertools.product(*(f[:3] for f in per_goal)), 60):
                fix = _merge(combo)
                if fix is None or len(fix) > MAX_CHANGES or any(set(freeze(x)) <= set(freeze(fix)) for x in found):
                    continue
                ch = self.changes(fix)
                if self.v.status(sid, ch) == "apply" and self.v.valid(ch):
                    found.append(fix)
        found.sort(key=len)
        minimal = [f for i, f in enumerate(found) if not any(set(g) < set(f) for g in found[:i])]
        self._solutions[sid] = minimal[:3]
        return self._solutions[sid]

    def _goals(self, sid: str) -> list[tuple[int, list[object], Target]]:
        """(memo key, nodes to read, target) for every rule the support does not meet, and for its fit."""
        s, ctx, engine = self.v.supports[sid], self.v.base, self.engine
        goals: list[tuple[int, list[object], Target]] = []
        nodes: list[object]
        for r in s.rules:
            if rule_state(engine, r, ctx) in ("failed", "unknown"):
                nodes = [r.rule, *([r.applies_if] if r.applies_if is not None else [])]

                goals.append((id(r), nodes, self._met(r)))
        if s.fit and sum(f.weight for f in s.fit if engine.cond(f.rule)(ctx) is True) < s.fit_min:

            def fits(ch: Changes) -> bool:
                c = self.v.context(ch)
                return sum(f.weight for f in s.fit if engine.cond(f.rule)(c) is True) >= s.fit_min

            goals.append((id(s), [f.rule for f in s.fit], fits))
        return goals

    def _met(self, rule: Rule) -> Target:
        """Whether a rule is met (or does not concern the company) for the answers with some changes."""
        return lambda ch: rule_state(self.engine, rule, self.v.context(ch)) in ("met", None)


def _merge(fixes: tuple[Fix, ...]) -> Fix | None:
    """One fix from one per rule: the larger of two numeric targets, the union of multiple choices."""
    out: Fix = {}
    for fix in fixes:
        for key, value in fix.items():
            old = out.get(key)
            if old is None or old == value:
                out[key] = value
            elif isinstance(old, int | float) and isinstance(value, int | float) and not isinstance(value, bool):
                out[key] = max(old, value)
            elif isinstance(old, list) and isinstance(value, list):
                out[key] = list(dict.fromkeys([*old, *value]))
            else:
                return None
    return out
