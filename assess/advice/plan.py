"""The plan: 5–7 ranked items, each with why (level blocker, lever, near-miss support, pain point), a
horizon (90 days / this year / next year) and the supports that can pay for it.

Ranking: levers that unlock several supports, then what holds the overall level down (a floor with its
exact gap, or the score gap), then supports one change away, then the AI-readiness blockers, the owner's
pain points and the largest remaining gaps. The 5–7 items chosen by rank are listed in time order
(90 days, this year, next year), the order an owner does them in. An action item is always the action for the rung the
company is on (never one whose goal already holds); one item per dimension.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assess.domain.fast import build
from assess.domain.results import (
    ActionResult,
    AssessmentResult,
    Change,
    Horizon,
    Lever,
    PlanItem,
    SupportResult,
    headline,
)
from assess.domain.text import Text, t
from assess.engine.context import Context
from assess.engine.core import Engine
from assess.engine.kinds import KINDS

MIN_ITEMS, MAX_ITEMS = 5, 7
HORIZON: dict[str, Horizon] = {"0-3": "90d", "3-6": "year", "6-12": "next_year"}
WHEN: tuple[Horizon, ...] = ("90d", "year", "next_year")


@dataclass
class _Item:
    rank: float
    id: str
    title: Text
    horizon: Horizon
    dimension: str | None
    supports: list[str]
    why: list[Text] = field(default_factory=list)
    questions: frozenset[str] = frozenset()
    """The answers an item made of changes moves (empty for a rung action)."""


class Planner:
    """Collects candidate items from one result and keeps the best 5–7."""

    def __init__(self, engine: Engine, r: AssessmentResult, dim_of: dict[str, str]) -> None:
        self.engine, self.r, self.dim_of = engine, r, dim_of
        self.items: dict[str, _Item] = {}
        self.changed: set[frozenset[tuple[str, str]]] = set()
        self.sup = {s.id: s for s in r.supports}
        self.payers = {s.id for s in r.supports if s.status in ("apply", "prepare") and not s.held}
        self.dims = {d.id: d for d in r.dimensions}
        self.by_dim: dict[str, ActionResult] = {}
        for a in r.actions:  # ranked by priority: the first action of a dimension is its rung action
            self.by_dim.setdefault(a.dimension, a)
        self.by_id = {a.id for a in r.actions}
        self.titles: dict[frozenset[tuple[str, str]], Text] = {}

    def names(self, ids: list[str]) -> str:
        return "、".join(self.sup[i].name.zh for i in ids if i in self.sup)

    def names_en(self, ids: list[str]) -> str:
        return ", ".join(self.sup[i].name.get("en") for i in ids if i in self.sup)

    def add_action(self, dim: str, rank: float, why: Text) -> None:
        """The rung action of a dimension, with one more reason when it is already in."""
        a = self.by_dim.get(dim)
        covered = next((i for i in self.items.values() if i.dimension == dim and i.id not in self.by_id), None)
        if covered is not None:  # a lever or what-if already moves this dimension: one item, one more reason
            if why.zh not in [w.zh for w in covered.why]:
                covered.why.append(why)
            return
        if a is None:
            return
        item = self.items.get(a.id)
        if item is None:
            sup = [s for s in a.supports if s in self.payers]
            item = self.items[a.id] = _Item(rank, a.id, a.title, HORIZON[a.horizon], a.dimension, sup)
        item.rank = max(item.rank, rank)
        if why.zh not in [w.zh for w in item.why]:
            item.why.append(why)

    def add_changes(self, iid: str, rank: float, changes: list[Change], unlocks: list[str], why: Text) -> None:
        """An item made of answer changes (a lever or a support one step away)."""
        key = change_key(changes)
        if iid in self.items or key in self.changed:
            return
        same = next((i for i in self.items.values() if i.questions == frozenset(c.q for c in changes)), None)
        if same is not None:  # the same answers moved to another target: one item, with its reasons merged
            same.supports += [u for u in unlocks if u not in same.supports]
            if why.zh not in [w.zh for w in same.why]:
                same.why.append(why)
            return
        self.changed.add(key)
        title = self.titles.get(key) or headline(changes)
        quick = all(KINDS[self.engine.questions[c.q].kind].quick_fix for c in changes)
        horizon: Horizon = "90d" if quick else "year"
        if len(changes) > 1 and _grouped(changes):
            horizon = "next_year"  # several years' figures: the next application round
        dim = next((self.dim_of[c.q] for c in changes if c.q in self.dim_of), None)
        self.items[iid] = _Item(rank, iid, title, horizon, dim, list(unlocks), [why], frozenset(c.q for c in changes))

    def result(self) -> list[PlanItem]:
        ranked = sorted(self.items.values(), key=lambda i: (-i.rank, i.id))[:MAX_ITEMS]
        ranked.sort(key=lambda i: WHEN.index(i.horizon))  # chosen by value, shown in time order
        return [
            build(
                PlanItem,
                id=i.id,
                title=i.title,
                why=i.why,
                horizon=i.horizon,
                dimension=i.dimension,
                supports=i.supports,
            )
            for i in ranked
        ]


def change_key(changes: list[Change]) -> frozenset[tuple[str, str]]:
    """A set of answer changes as a key (the same changes found for two supports are one plan item)."""
    return frozenset((c.q, repr(c.after)) for c in changes)


def _grouped(changes: list[Change]) -> bool:
    """Several yearly figures moved together (one change says the total for the others)."""
    return any(c.covered for c in changes)


def build_plan(
    engine: Engine,
    r: AssessmentResult,
    levers: list[Lever],
    ctx: Context,
    titles: dict[frozenset[tuple[str, str]], Text],
) -> list[PlanItem]:
    """The ranked plan for one result (its levers, next levels, what-ifs and actions already filled);
    `titles` words each set of changes in one line (keyed by :func:`change_key`)."""
    dim_of = {it.q: d.id for b in engine.questionnaire.scoring.blocks for d in b.dimensions for it in d.items}
    p = Planner(engine, r, dim_of)
    p.titles = titles
    for n, lv in enumerate(levers[:3]):
        why = t(
            f"这一项可让贵企业具备申报条件：{p.names(lv.unlocks)}",
            f"Makes the company eligible for: {p.names_en(lv.unlocks)}",
        )
        p.add_changes(f"lever_{n + 1}", 100 + 10 * len(lv.unlocks) - n, lv.changes, lv.unlocks, why)
    _blockers(p, r.overall.next, 90, t("综合等级", "overall level"))
    for s in _near(r):
        why = t(f"改这一项即可申报“{s.name.zh}”", f"This one change makes '{s.name.get('en')}' possible")
        p.add_changes(f"w_{s.id}", 70, s.what_if[0].changes, [s.id], why)
    _blockers(p, r.ai_readiness.next, 65, t("AI就绪等级", "AI-readiness level"))
    _pains(p, engine, ctx)
    for a in r.actions:  # the largest remaining gaps fill the plan up to its minimum
        if len(p.items) >= MIN_ITEMS:
            break
        d = p.dims[a.dimension]
        p.add_action(
            a.dimension,
            a.priority / 10,
            t(
                f"“{d.label.zh}”目前 {d.score:g} 分，是差距较大的方面",
                f"'{d.label.get('en')}' scores {d.score:g}: one of the larger gaps",
            ),
        )
    return p.result()


def _blockers(p: Planner, nxt: object, rank: float, name: Text) -> None:
    """Items for what keeps an index from its next level: each failing floor, or the score gap."""
    from assess.domain.results import NextLevel

    if not isinstance(nxt, NextLevel):
        return
    lv = nxt.level.label
    for g in nxt.floors:
        why = t(
            f"升到“{lv.zh}”（{name.zh}）的短板：{g.label.zh if g.label else g.dimension}",
            f"Holds back the {name.get('en')} '{lv.get('en')}': {g.label.get('en') if g.label else g.dimension}",
        )
        dims = [g.dimension] if g.dimension in p.dims else [d for d in p.dims if p.dims[d].block == g.dimension]
        for d in sorted(dims, key=lambda d: p.dims[d].score or 0)[:1]:
            p.add_action(d, rank + g.gap / 10, why)
    if nxt.score_gap > 0 and not nxt.floors:
        why = t(
            f"{name.zh}得分还差 {nxt.score_gap:g} 分到“{lv.zh}”",
            f"The {name.get('en')} is {nxt.score_gap:g} points short of '{lv.get('en')}'",
        )
        for a in p.r.actions[:2]:
            p.add_action(a.dimension, rank - 5, why)


def _near(r: AssessmentResult) -> list[SupportResult]:
    """Supports that one small what-if turns apply (prepare first)."""
    near = [s for s in r.supports if s.what_if and not s.held and not s.obligation]
    return sorted(near, key=lambda s: (s.status != "prepare", len(s.what_if[0].changes), s.rank))[:3]


def _pains(p: Planner, engine: Engine, ctx: Context) -> None:
    """The rung actions of the dimensions behind the pain points the owner chose."""
    focus = engine.questionnaire.scoring.focus
    chosen = ctx.value(focus.q) if focus is not None else None
    if focus is None or not isinstance(chosen, list):
        return
    opts = engine.options[focus.q]
    for code in chosen:
        label = opts[code].label if code in opts else t(code, code)
        why = t(f"您选择的痛点：{label.zh}", f"Your pain point: {label.get('en')}")
        for d in focus.map.get(code, []):
            if d in p.dims and p.dims[d].score is not None:
                p.add_action(d, 50 + (100 - (p.dims[d].score or 0)) / 10, why)
