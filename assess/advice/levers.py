"""Levers: one set of changes and everything it unlocks, directly or through prerequisites.

What-ifs of different supports that change the same answers are merged (the larger target wins). A
support that requires another one (catalog ``requires:``) is unlocked through it when, with the
prerequisite obtained as well (its ``held_if`` made true), it turns apply.
"""

from __future__ import annotations

from collections.abc import Callable

from assess.advice.variants import Variants
from assess.advice.whatif import Fix, Search, _merge
from assess.domain.answers import AnswerValue
from assess.domain.conditions import All, AnyOf, Compare, Eq, In, Not, Selected

MAX_LEVERS = 5


def satisfy(v: Variants, node: object, changes: dict[str, AnswerValue]) -> dict[str, AnswerValue] | None:
    """Answer changes that make a simple condition hold (a title held: "selected", "eq", "in", "all",
    "any", a number at least ...), or None when the condition is not of that kind."""
    cur: Callable[[str], AnswerValue | None] = lambda q: changes.get(q, v.value(q))  # noqa: E731
    match node:
        case Selected(q=q) if q in v.engine.questions:
            excl = v.engine.exclusive_codes.get(q, frozenset())
            have = cur(q)
            have_list = [c for c in (have if isinstance(have, list) else []) if c not in excl]
            return {q: have_list if node.codes[0] in have_list else [*have_list, node.codes[0]]}
        case Eq(q=str(q), value=value) if value is not None:
            return {q: value}
        case In(q=str(q), values=values) if values[0] is not None:
            return {q: values[0]}
        case Compare(q=str(q), op=op, value=value) if op in ("ge", "gt"):
            return {q: value + (1 if op == "gt" else 0)}
        case All(of=parts):
            out: dict[str, AnswerValue] = {}
            for part in parts:
                got = satisfy(v, part, {**changes, **out})
                if got is None:
                    return None
                out.update(got)
            return out
        case AnyOf(of=parts):
            return next((g for p in parts if (g := satisfy(v, p, changes)) is not None), None)
        case Not(cond=Selected(q=q) as inner) if q in v.engine.questions:
            have = cur(q)
            return {q: [c for c in (have if isinstance(have, list) else []) if c not in inner.codes]}
    return None


def grant(v: Variants, sid: str, changes: dict[str, AnswerValue]) -> dict[str, AnswerValue] | None:
    """`changes` plus the answers saying the company now holds support `sid` (None when that cannot be said)."""
    held_if = v.supports[sid].held_if
    if held_if is None:
        return None
    extra = satisfy(v, held_if, changes)
    if extra is None:
        return None
    out = {**changes, **extra}
    return out if v.engine.cond(held_if)(v.context(out)) is True else None


def unlocks(search: Search, fix: Fix, open_ids: list[str]) -> list[str]:
    """Supports among `open_ids` that the fix turns apply, then those that turn apply once a support it
    unlocked (a prerequisite) is obtained too."""
    v = search.v
    changes = search.changes(fix)
    out = [sid for sid in open_ids if v.status(sid, changes) == "apply"]
    granted: dict[str, AnswerValue] = dict(changes)
    for sid in out:  # grows while looping: a chain 科技型 → 专精特新 → 小巨人
        g = grant(v, sid, granted)
        if g is None:
            continue
        for other in open_ids:
            if other not in out and sid in v.supports[other].requires and v.status(other, g) == "apply":
                out.append(other)
                granted = g
    return out


def find_levers(search: Search, fixes: dict[str, list[Fix]], open_ids: list[str]) -> list[tuple[Fix, list[str]]]:
    """(fix, supports it unlocks) for every distinct set of changed answers, most unlocks first."""
    merged: dict[frozenset[str], Fix] = {}
    for sols in fixes.values():
        for fix in sols:
            key = frozenset(fix)
            both = _merge((merged[key], fix)) if key in merged else fix
            merged[key] = both if both is not None else merged.get(key, fix)
    out = [(fix, u) for fix in merged.values() if (u := unlocks(search, fix, open_ids))]
    prio = {s.id: s.priority for s in search.engine.catalog.supports}
    out.sort(key=lambda x: (-len(x[1]), -sum(prio[u] for u in x[1]), len(x[0]), sorted(x[0])))
    return out[:MAX_LEVERS]
