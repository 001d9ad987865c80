"""Support prerequisites (catalog ``requires:``) and which answers could move a rule.

A support whose prerequisite is not_eligible with no fixable gap (every failing gate, or the missing fit,
reads only answers the company cannot change: registration place, age, a past accident...) is
not_eligible itself, and says which prerequisite closes it. "Do first" lists (``after``, ``requires``)
name only supports that are open now (apply / prepare) and not already held.
"""

from __future__ import annotations

from collections.abc import Iterable

from assess.domain.catalog import Support
from assess.domain.results import SupportResult
from assess.domain.text import t
from assess.engine.context import Context
from assess.engine.core import Engine
from assess.engine.logic import referenced
from assess.engine.reads import questions_of

OPEN = frozenset({"apply", "prepare"})


def dimension_items(engine: Engine, node: object) -> list[str]:
    """Questions scored in the dimensions and blocks a condition reads (a rule such as "B2 ≥ 65")."""
    blocks = {b.id: b for b in engine.questionnaire.scoring.blocks}
    dims = {d.id: d for b in blocks.values() for d in b.dimensions}
    ids = list(referenced(node, "dim"))
    for bid in referenced(node, "block"):
        if bid in blocks:
            ids += [d.id for d in blocks[bid].dimensions]
    return [it.q for d in ids if d in dims for it in dims[d].items]


def movable(engine: Engine, node: object) -> list[str]:
    """Changeable questions (``changeable: true``) a condition reads, directly, through computed values or
    through the items of the dimensions and blocks it reads. Cached per engine and node."""
    key = ("movable", id(node))
    cached = engine.memo.get(key)
    if cached is None:
        qs = dict.fromkeys([*questions_of(engine, node), *dimension_items(engine, node)])
        cached = engine.memo[key] = [q for q in qs if q in engine.questions and engine.questions[q].changeable]
    return cached


def _visible(ctx: Context, qids: Iterable[str]) -> bool:
    return any(ctx.visible(q) for q in qids)


def fixable(engine: Engine, s: Support, r: SupportResult, ctx: Context) -> bool:
    """Whether a not_eligible verdict could turn by changing answers: every failed gate (or, when the fit is
    what fails, some unmet fit signal) reads a changeable question the company is asked."""
    if r.status != "not_eligible":
        return True
    rules = {x.id: x for x in s.rules}
    failed = [rules[c.id] for c in r.rules if c.kind == "gate" and c.status == "failed" and c.id in rules]
    if failed:
        return all(not x.scope and _visible(ctx, movable(engine, x.rule)) for x in failed)
    return any(engine.cond(f.rule)(ctx) is not True and _visible(ctx, movable(engine, f.rule)) for f in s.fit)


def closed(engine: Engine, ctx: Context, results: list[SupportResult]) -> set[str]:
    """Ids of supports that are not_eligible with no fixable gap, directly or through a prerequisite
    (read after :func:`apply_requires` has run, which already closed the open ones behind them)."""
    return _walk(engine, ctx, results, close=False)


def _walk(engine: Engine, ctx: Context, results: list[SupportResult], *, close: bool) -> set[str]:
    """Supports shut (not_eligible, unfixable directly or through a prerequisite), in prerequisite order;
    with `close`, a prepare / need_info support behind a shut prerequisite is closed on the way."""
    by_id = {s.id: s for s in engine.catalog.supports}
    res = {r.id: r for r in results}
    shut: set[str] = set()
    for r in _ordered(results, by_id):
        s = by_id.get(r.id)
        if s is None:
            continue
        blocker = next((res[p] for p in s.requires if p in shut and not res[p].held), None)
        if close and blocker is not None and r.status in ("prepare", "need_info") and not r.held:
            _close(r, blocker)
        if r.status == "not_eligible" and (blocker is not None or not fixable(engine, s, r, ctx)):
            shut.add(r.id)
    return shut


def apply_requires(engine: Engine, ctx: Context, results: list[SupportResult]) -> None:
    """Close supports whose prerequisite is closed (in prerequisite order), then keep in ``after`` and
    ``requires`` only supports that are open now and not held."""
    res = {r.id: r for r in results}
    _walk(engine, ctx, results, close=True)
    for r in results:
        r.after = [a for a in r.after if a in res and res[a].status in OPEN and not res[a].held]
        r.requires = [a for a in r.requires if a in res and res[a].status in OPEN and not res[a].held]


def _ordered(results: list[SupportResult], by_id: dict[str, Support]) -> list[SupportResult]:
    """Results with every prerequisite before the supports that require it."""
    res = {r.id: r for r in results}
    out: list[SupportResult] = []
    seen: set[str] = set()

    def visit(rid: str, stack: frozenset[str]) -> None:
        if rid in seen or rid in stack or rid not in res:
            return
        for p in by_id[rid].requires if rid in by_id else []:
            visit(p, stack | {rid})
        seen.add(rid)
        out.append(res[rid])

    for r in results:
        visit(r.id, frozenset())
    return out


def _close(r: SupportResult, p: SupportResult) -> None:
    """Turn `r` not_eligible because its prerequisite `p` is closed, naming `p` and why."""
    why = p.reasons[0] if p.reasons else None
    r.reasons = [
        t(
            f"须先取得“{p.name.zh}”，而贵企业目前不符合它的条件" + (f"：{why.zh}" if why else "。"),
            f"Needs '{p.name.get('en')}' first, which the company does not qualify for"
            + (f": {why.get('en')}" if why else "."),
        )
    ]
    r.missing, r.need, r.status = [], [], "not_eligible"
