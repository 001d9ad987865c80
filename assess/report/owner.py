"""The owner's report: the choices behind its pages, made from an :class:`Evaluation` it is handed.

Data comes from the result's advice fields (``plan``, ``levers``, ``next``, ``lead``, ``held``,
``duty``, ``what_if``) when the pipeline filled them, with a fallback for each when it did not:
the actions for the plan, the first department for the lead, the gap to the next level computed
from the level's floors and the dimension scores. Nothing here scores anything.
"""

from __future__ import annotations

from assess.domain.results import SupportResult, said, status_rank
from assess.report import charts
from assess.report.base import ViewBuilder, num
from assess.report.clean import client_sources, client_text
from assess.report.context import ProgressView
from assess.report.levels import scale
from assess.report.owner_views import (
    ActNowView,
    CardView,
    ClosedLine,
    DimRow,
    DutyRow,
    LeverView,
    OwnerView,
    PlanView,
    ProgressBox,
    TableRow,
)

GROUPS = ("titles", "services", "duties")
SERVICE_CATEGORIES = frozenset({"diagnosis", "ai_services", "ecosystem", "talent"})
"""Catalog categories whose supports are free services (the rest of the benefits: titles and funding)."""
MAX_CARDS = 8
"""Supports (apply/prepare, best ranked) that get a half-page card; the others are in the table only."""
PLAN_MAX = 7
ACTION_HORIZON = {"0-3": "h90", "3-6": "hyear", "6-12": "hnext"}
PLAN_HORIZON = {"90d": "h90", "year": "hyear", "next_year": "hnext"}


def first_sentence(text: str) -> str:
    """The first sentence of `text` (up to and including 。 or ；→。, or '. ')."""
    for stop in ("。", "；"):
        if stop in text:
            return text.split(stop)[0] + "。"
    if ". " in text:
        return text.split(". ")[0] + "."
    return text


class OwnerBuilder(ViewBuilder):
    """Builds :class:`OwnerView` in one language."""

    # ------------------------------------------------------------------ supports

    def ordered(self) -> list[SupportResult]:
        return sorted(self.r.supports, key=lambda s: (status_rank(s.status), s.rank))

    def open_ids(self) -> set[str]:
        """Supports that may be cited as a next step: apply or prepare, not held, not a duty."""
        return {s.id for s in self.r.supports if s.status in ("apply", "prepare") and not s.held and not s.obligation}

    def ct(self, text: str) -> str:
        return client_text(text, self.lang)

    def lead(self, sp: SupportResult) -> str:
        dep = sp.lead or (sp.departments[0] if sp.departments else None)
        if dep is None:
            return ""
        return dep.zh if self.lang == "zh" else dep.en or dep.zh

    def step(self, sp: SupportResult) -> str:
        """The one next step of a support, in one sentence."""
        if sp.status == "prepare":
            if sp.missing:
                return first_sentence(self.ct(self.tx(sp.missing[0])))
            if sp.what_if and sp.what_if[0].changes:
                return first_sentence(self.ct(self.tx(sp.what_if[0].changes[0].text)))
        if sp.status == "need_info" and sp.need:
            return self.s["need_answers"] + self.sep().join(self.tx(n.label) for n in sp.need[:3])
        if sp.next_steps:
            return first_sentence(self.ct(self.tx(sp.next_steps[0])))
        return self.ct(self.tx(sp.summary))

    def sep(self) -> str:
        return "、" if self.lang == "zh" else ", "

    def semi(self) -> str:
        """Between clauses that are sentences of their own (the reasons of a plan item)."""
        return "；" if self.lang == "zh" else "; "

    def clauses(self, sp: SupportResult) -> str:
        return self.sep().join(self.s["clause_fmt"].format(n=n) for n in sp.clauses)

    def status(self, sp: SupportResult) -> tuple[str, str]:
        return self.s[f"status_{sp.status}"], f"st-{sp.status}"

    def group(self, sp: SupportResult) -> str:
        if sp.obligation:
            return "duties"
        return "services" if sp.category in SERVICE_CATEGORIES else "titles"

    def duty(self, sp: SupportResult) -> str:
        """已办理 / 需办理 / 可能需办理 / 不涉及: the pipeline's `duty`, else read from the verdict."""
        if sp.duty is not None:
            return sp.duty
        if sp.held:
            return "done"
        return {"apply": "needed", "prepare": "needed", "need_info": "likely"}.get(sp.status, "not_concerned")

    def act_now(self) -> list[ActNowView]:
        out = []
        ok = self.open_ids()
        for g in GROUPS:
            label = self.s[f"group_{g}"]
            if g == "duties":
                pick = next((s for s in self.ordered() if s.obligation and self.duty(s) in ("needed", "likely")), None)
            else:
                pick = next((s for s in self.ordered() if s.id in ok and self.group(s) == g), None)
            if pick is None:
                out.append(ActNowView(group=label, group_class=g, name=None, empty=self.s[f"group_{g}_empty"]))
                continue
            st_label, st_class = self.status(pick)
            if pick.obligation:
                state = self.duty(pick)
                st_label, st_class = self.s[f"duty_{state}"], f"duty-{state}"
            out.append(
                ActNowView(
                    group=label,
                    group_class=g,
                    name=self.tx(pick.name),
                    status_label=st_label,
                    status_class=st_class,
                    lead=self.lead(pick),
                    step=self.step(pick),
                )
            )
        return out

    def lever(self) -> LeverView | None:
        """The first lever that opens several supports (a change that opens one is a plan item, not a lever)."""
        for lv in self.r.levers:
            unlocks = self.names(lv.unlocks)
            if lv.changes and len(unlocks) >= 2:
                return LeverView(changes=[self.ct(self.tx(c.text)) for c in said(lv.changes)], unlocks=unlocks)
        return None

    def table(self, cards: set[str]) -> list[TableRow]:
        ok = self.open_ids()
        rows = []
        for sp in self.ordered():
            if sp.id not in ok:
                continue
            st_label, st_class = self.status(sp)
            rows.append(
                TableRow(
                    name=self.tx(sp.name),
                    status_label=st_label,
                    status_class=st_class,
                    lead=self.lead(sp),
                    clauses=self.clauses(sp),
                    step=self.step(sp),
                    card=sp.id in cards,
                )
            )
        return rows

    def card_ids(self) -> list[str]:
        ok = self.open_ids()
        return [s.id for s in self.ordered() if s.id in ok][:MAX_CARDS]

    def card(self, sp: SupportResult) -> CardView:
        st_label, st_class = self.status(sp)
        amounts = self.ct(self.tx(sp.amounts))
        return CardView(
            name=self.tx(sp.name),
            summary=self.ct(self.tx(sp.summary)),
            status_label=st_label,
            status_class=st_class,
            level=self.s.get(f"level_{sp.level}", sp.level),
            lead=self.lead(sp),
            clauses=self.clauses(sp),
            why=[x for x in (self.ct(self.tx(t)) for t in sp.reasons[:3]) if x],
            missing=[x for x in (self.ct(self.tx(t)) for t in sp.missing[:3]) if x],
            steps=[x for x in (self.ct(self.tx(t)) for t in sp.next_steps[:3]) if x],
            documents=self.sep().join(x for x in (self.ct(self.tx(t)) for t in sp.documents[:5]) if x),
            amounts=amounts if amounts.strip("※ 。.") else "※",
            sources=("；" if self.lang == "zh" else "; ").join(client_sources(sp.sources, self.lang)),
        )

    def duties(self) -> list[DutyRow]:
        out = []
        for sp in self.ordered():
            if not sp.obligation:
                continue
            state = self.duty(sp)
            out.append(
                DutyRow(
                    name=self.tx(sp.name),
                    state_label=self.s[f"duty_{state}"],
                    state_class=state,
                    lead=self.lead(sp) if state in ("needed", "likely") else "",
                    step=self.step(sp) if state in ("needed", "likely") else "",
                )
            )
        return out

    def closed(self) -> list[ClosedLine]:
        """need_info, then not_eligible supports; the same reason once, one line each."""
        groups: dict[tuple[str, str], list[str]] = {}
        for sp in self.ordered():
            if sp.obligation or sp.held or sp.status in ("apply", "prepare"):
                continue
            if sp.status == "need_info":
                reason = self.step(sp)
            else:
                texts = [self.ct(self.tx(t)) for t in sp.reasons[:1]]
                reason = first_sentence(texts[0]) if texts and texts[0] else ""
            groups.setdefault((sp.status, reason), []).append(self.tx(sp.name))
        out = []
        for (status, reason), names in groups.items():
            out.append(
                ClosedLine(
                    names=("；" if self.lang == "zh" else "; ").join(names),
                    status_label=self.s[f"status_{status}"],
                    status_class=f"st-{status}",
                    reason=reason,
                )
            )
        return out

    # ------------------------------------------------------------------ plan

    def plan(self) -> list[PlanView]:
        ok = self.open_ids()
        if self.r.plan:
            return [
                PlanView(
                    title=self.tx(p.title),
                    why=self.semi().join(self.ct(self.tx(w)) for w in p.why),
                    horizon=self.s[f"plan_{p.horizon}"],
                    horizon_class=PLAN_HORIZON[p.horizon],
                    dimension=self.dim_label.get(p.dimension or "", ""),
                    supports=self.names(i for i in p.supports if i in ok),
                )
                for p in self.r.plan[:PLAN_MAX]
            ]
        top = sorted(self.r.actions, key=lambda a: -a.priority)[:PLAN_MAX]
        top.sort(key=lambda a: (list(ACTION_HORIZON).index(a.horizon), -a.priority))
        return [
            PlanView(
                title=self.tx(a.title),
                why=first_sentence(self.ct(self.tx(a.detail))),
                horizon=self.s[f"horizon_{a.horizon}"],
                horizon_class=ACTION_HORIZON[a.horizon],
                dimension=self.dim_label.get(a.dimension, ""),
                supports=self.names(i for i in a.supports if i in ok),
            )
            for a in top
        ]

    def tools(self) -> list[str]:
        """Toolbox families the company can try now (ready first), with their state."""
        order = {"ready": 0, "in_use": 1}
        tools = sorted((t for t in self.r.toolbox if t.status in order), key=lambda t: order[t.status])
        return [f"{self.tx(t.name)}{self.s['paren_fmt'].format(x=self.s[f'tool_{t.status}'])}" for t in tools]

    def ninety(self, plan: list[PlanView]) -> tuple[str, list[str]]:
        """(title, items): the plan's 90-day items; when it has none, its two earliest with their horizon
        (never a "this year" item under a 90-day heading)."""
        soon = [p.title for p in plan if p.horizon_class == "h90"][:3]
        if soon:
            return self.s["ninety_title"], soon
        first = sorted(plan, key=lambda p: list(PLAN_HORIZON.values()).index(p.horizon_class))[:2]
        return self.s["first_steps_title"], [
            self.s["first_step_fmt"].format(title=p.title, when=p.horizon) for p in first
        ]

    # ------------------------------------------------------------------ dimensions and progress

    def dims(self, progress: ProgressView | None) -> tuple[list[DimRow], str]:
        before = {r.label: r for r in progress.rows} if progress else {}
        rows, axes, prev = [], [], []
        for d in self.r.dimensions:
            if d.status == "not_applicable":
                continue
            label = self.tx(d.label)
            p = before.get(label)
            rows.append(
                DimRow(
                    label=label,
                    score=num(d.score) if d.score is not None else self.s["not_answered"],
                    bar=round(d.score) if d.score is not None else 0,
                    state="scored" if d.score is not None else "open",
                    before=p.before if p else None,
                    delta=p.delta if p and p.trend in ("up", "down") else None,
                    trend=p.trend if p else "na",
                    descriptor=self.tx(d.descriptor) if d.descriptor else "",
                )
            )
            axes.append((label, d.score))
            prev.append(_float(p.before) if p else None)
        svg = charts.radar_svg(
            axes,
            no_data=self.s["not_answered"],
            previous=prev if progress else None,
            size=charts.BIG,
        )
        return rows, svg

    def progress_box(self, progress: ProgressView | None) -> ProgressBox | None:
        if progress is None:
            return None
        levels, up = [], False
        for ix_row, ix in zip(progress.indexes, (self.r.overall, self.r.ai_readiness), strict=True):
            levels.append(self.s["progress_level_fmt"].format(name=ix_row.label, before=ix_row.before, now=ix_row.now))
            up = up or (ix_row.trend == "up" and ix_row.before.split(" ", 1)[-1] != ix_row.now.split(" ", 1)[-1])
            del ix
        gains = sorted((r for r in progress.rows if r.trend == "up"), key=lambda r: -float(r.delta))[:3]
        return ProgressBox(
            previous_date=progress.previous_date,
            levels=levels,
            moved_up=up,
            gains=[self.s["gain_fmt"].format(name=r.label, delta=r.delta) for r in gains],
        )

    def build(self, progress: ProgressView | None) -> OwnerView:
        plan = self.plan()
        cards = self.card_ids()
        by_id = {s.id: s for s in self.r.supports}
        dims, svg = self.dims(progress)
        first_title, first = self.ninety(plan)
        q = self.cur.questionnaire.scoring
        return OwnerView(
            scales=[scale(self, q.overall, self.r.overall), scale(self, q.ai_readiness, self.r.ai_readiness)],
            act_now=self.act_now(),
            lever=self.lever(),
            ninety=first,
            ninety_title=first_title,
            progress=self.progress_box(progress),
            plan=plan,
            table=self.table(set(cards)),
            cards=[self.card(by_id[i]) for i in cards],
            held=[self.tx(s.name) for s in self.ordered() if s.held and not s.obligation],
            duties=self.duties(),
            closed=self.closed(),
            dims=dims,
            na_dims=[self.tx(d.label) for d in self.r.dimensions if d.status == "not_applicable"],
            radar_svg=svg,
            tools=self.tools(),
            notes=[self.ct(self.tx(n)) for n in self.r.notes],
        )


def _float(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None
