"""Build a :class:`ReportContext` from scored assessments (pure: no I/O, no rendering).

Input is one or two :class:`~assess.pipeline.Evaluation` objects as the pipeline returned them
(the report never scores); output is the view model in one language. Decisions a reader sees (which dimensions count as
strengths, which supports go on the summary, how progress is compared across questionnaire
versions) are made here, in code that is unit-tested, never in the templates.
"""

from __future__ import annotations

from assess.domain.results import DimensionResult, IndexResult, SupportResult, status_rank
from assess.domain.text import Lang, Text
from assess.pipeline import Evaluation
from assess.report import charts
from assess.report.appendix import AppendixBuilder
from assess.report.base import num, sentences
from assess.report.context import (
    ActionView,
    ClosedGroup,
    DimensionView,
    EstimateView,
    Finding,
    HorizonView,
    IndexView,
    LegendEntry,
    Meta,
    ReportContext,
    RuleView,
    SupportView,
    ToolView,
)
from assess.report.owner import OwnerBuilder
from assess.report.progress import compare, day

__all__ = ["build_context", "num", "sentences"]

UNSURE = frozenset({"inferred", "unverified", "low"})
HORIZONS = ("0-3", "3-6", "6-12")
HEADER_CHARS = 36
"""Longest company name shown in the running header (Chinese characters; longer names get …)."""


class _Builder(AppendixBuilder):
    """Cover, summary, dimensions, supports, toolbox and roadmap (the appendix comes from the base)."""

    def meta(self) -> Meta:
        r, af, q = self.r, self.cur.answers, self.cur.questionnaire
        depth = next((self.tx(d.label) for d in q.depths if d.id == r.depth), self.s[f"depth_{r.depth}"])
        return Meta(
            lang=self.lang,
            html_lang="zh-CN" if self.lang == "zh" else "en",
            title=self.s["report_title"],
            company=r.company,
            company_short=r.company if len(r.company) <= HEADER_CHARS else r.company[: HEADER_CHARS - 1] + "…",
            credit_code=af.company.credit_code,
            respondent=af.respondent,
            assessor=r.assessor if r.mode == "consultant" else None,
            mode=self.s[f"mode_{r.mode}"] if f"mode_{r.mode}" in self.s else r.mode,
            assessed_on=day(r.assessed_on, self.lang),
            consultant=r.mode == "consultant",
            questionnaire=self.tx(r.questionnaire.title),
            questionnaire_version=r.questionnaire.version,
            depth=depth,
            catalog_version=r.catalog_version,
            plan=self.tx(self.cur.catalog.plan),
            response_id=r.response_id,
            answered=r.answered,
            shown=r.shown,
            complete=not r.required_open,
        )

    def index(self, name: str, ix: IndexResult) -> IndexView:
        nxt = ix.next_level.id if ix.next_level else None
        floors = [f for f in ix.blocked_by if f.level == nxt] or ix.blocked_by
        return IndexView(
            name=name,
            score=num(ix.score),
            level=self.tx(ix.level.label),
            meaning=self.tx(ix.level.meaning),
            next_level=self.tx(ix.next_level.label) if ix.next_level else None,
            next_meaning=self.tx(ix.next_level.meaning) if ix.next_level else None,
            blocked=list(dict.fromkeys(self.tx(f.detail) for f in floors)),
            trace=self.tx(ix.trace),
        )

    def action(self, a_id: str) -> ActionView:
        a = next(x for x in self.r.actions if x.id == a_id)
        return ActionView(
            title=self.tx(a.title),
            detail=self.tx(a.detail),
            dimension=self.dim_label.get(a.dimension, a.dimension),
            horizon=self.s[f"horizon_{a.horizon}"],
            priority=num(a.priority),
            supports=self.names(a.supports),
        )

    def finding(self, item_q: str, label: Text, status: str, score: float | None, display: Text | None) -> Finding:
        a = self.cur.answers.answers.get(item_q)
        if status == "scored" and score is not None:
            kind = "good" if score >= 70 else "gap" if score < 50 else "ok"
        else:
            kind = "open"
        answer = self.tx(display) if display is not None else self.s["not_answered"]
        return Finding(
            question=self.tx(label),
            answer=answer,
            score=num(score) if status == "scored" else self.s[f"item_{status}"],
            kind=kind,
            note=a.note if a is not None and a.note else None,
        )

    def dimension(self, d: DimensionResult) -> DimensionView:
        block = next((self.tx(b.label) for b in self.r.blocks if b.id == d.block), d.block)
        findings = [
            self.finding(i.q, i.label, i.status, i.score, i.display)
            for i in d.items
            if i.status not in ("hidden", "not_asked")
        ]
        note = None if d.status == "scored" else self.s[f"dim_{d.status}"]
        return DimensionView(
            id=d.id,
            label=self.tx(d.label),
            block=block,
            score=num(d.score),
            bar=round(d.score) if d.score is not None else 0,
            status_note=note,
            descriptor=self.tx(d.descriptor) if d.descriptor else None,
            help=self.tx(d.help) if d.help else None,
            findings=findings,
            actions=[self.action(a.id) for a in self.r.actions if a.dimension == d.id],
            trace=self.tx(d.trace),
        )

    def support(self, sp: SupportResult) -> SupportView:
        rules = [
            RuleView(
                label=self.tx(c.label),
                status=self.s[f"rule_{c.status}"],
                status_class=f"rule-{c.status}",
                unsure=c.confidence in UNSURE,
                fix=self.tx(c.fix) if c.fix and c.status != "met" else None,
            )
            for c in sp.rules
        ]
        key = f"status_{sp.status}_duty" if sp.obligation and sp.status == "apply" else f"status_{sp.status}"
        amounts = self.tx(sp.amounts).strip() or self.s["see_notice"]
        sep = "、" if self.lang == "zh" else ", "
        clause_fmt = self.s["clause_fmt"]
        deps = [d.zh if self.lang == "zh" else d.en or d.zh for d in sp.departments]

        def first(key: str) -> str:
            keep = int(self.s[key])
            return sep.join(deps[:keep]) + (self.s["more_departments"].format(n=len(deps)) if len(deps) > keep else "")

        return SupportView(
            id=sp.id,
            name=self.tx(sp.name),
            summary=self.tx(sp.summary),
            status=sp.status,
            status_label=self.s[key],
            status_class=f"st-{sp.status}",
            level=self.s[f"level_{sp.level}"] if f"level_{sp.level}" in self.s else sp.level,
            obligation=sp.obligation,
            clauses=sep.join(clause_fmt.format(n=n) for n in sp.clauses),
            departments=sep.join(deps),
            departments_table=first("table_departments"),
            reasons=self.txs(sp.reasons),
            reasons_text=sentences(self.txs(sp.reasons), self.lang),
            missing=self.txs(sp.missing),
            missing_text=sentences(self.txs(sp.missing), self.lang),
            need=[self.tx(n.label) for n in sp.need],
            rules=rules,
            next_steps=self.txs(sp.next_steps),
            documents=self.txs(sp.documents),
            amounts=amounts,
            rule_version=self.tx(sp.rule_version) if sp.rule_version else None,
            sources=[src.title for src in sp.sources],
            after=self.names(sp.after),
        )

    def closed_groups(self, supports: list[SupportView]) -> list[ClosedGroup]:
        """Closed or undecided supports, those with the very same reason merged into one entry."""
        sep = "、" if self.lang == "zh" else ", "
        groups: dict[tuple[str, str, str], list[SupportView]] = {}
        for sp in supports:
            text = (
                self.s["need_answers"] + sentences(sp.need, self.lang) if sp.status == "need_info" else sp.reasons_text
            )
            groups.setdefault((sp.status, text, sp.missing_text), []).append(sp)
        out = []
        for (status, text, missing), sps in groups.items():
            clauses = list(dict.fromkeys(c for sp in sps for c in sp.clauses.split(sep)))
            out.append(
                ClosedGroup(
                    names=[sp.name for sp in sps],
                    status=status,
                    status_label=sps[0].status_label,
                    status_class=sps[0].status_class,
                    clauses=sep.join(clauses),
                    text=text,
                    missing=missing,
                )
            )
        return out

    def tools(self) -> list[ToolView]:
        order = {"in_use": 1, "ready": 0, "not_ready": 2}
        relevant = [t for t in self.r.toolbox if t.status != "not_relevant"]
        tools = sorted(relevant, key=lambda t: order[t.status])  # stable: engine order breaks ties
        return [
            ToolView(
                name=self.tx(t.name),
                help=self.tx(t.help),
                status_label=self.s[f"tool_{t.status}"],
                status_class=f"tool-{t.status.replace('_', '-')}",
                met=self.txs(t.met),
                missing=self.txs(t.missing),
                supports=self.names(t.supports),
            )
            for t in tools
        ]

    def roadmap(self) -> list[HorizonView]:
        out = []
        for h in HORIZONS:
            acts = sorted((a for a in self.r.actions if a.horizon == h), key=lambda a: -a.priority)
            out.append(HorizonView(label=self.s[f"horizon_{h}"], actions=[self.action(a.id) for a in acts]))
        return out

    # ------------------------------------------------------------------ summary choices

    def strengths_and_gaps(self, dims: list[DimensionView]) -> tuple[list[DimensionView], list[DimensionView]]:
        """Gaps: lowest scores below 60 (else below 80); strengths: highest from 60, never both."""
        score = {r.id: r.score for r in self.r.dimensions}
        up = sorted((d for d in dims if score[d.id] is not None), key=lambda d: score[d.id] or 0.0)
        gaps = [d for d in up if (score[d.id] or 0.0) < 60][:3]
        strengths = [d for d in reversed(up) if (score[d.id] or 0.0) >= 60 and d not in gaps][:3]
        if not gaps:
            gaps = [d for d in up if (score[d.id] or 0.0) < 80 and d not in strengths][:3]
        return strengths, gaps


def build_context(
    current: Evaluation,
    strings: dict[str, str],
    *,
    lang: Lang = "zh",
    previous: Evaluation | None = None,
    full: bool = False,
) -> ReportContext:
    """The view model of one report.

    Args:
        current: the assessment the report is about, as the pipeline evaluated it.
        strings: the report's fixed strings in `lang` (see :func:`assess.report.html.load_strings`).
        lang: ``zh`` or ``en``.
        previous: an earlier assessment of the same company (checked by the caller), for the
            progress box and the overlay.
        full: the consultant edition (every answer, method, traces) after the owner's pages.
    """
    b = _Builder(current, strings, lang)
    progress = compare(current, previous, strings, lang) if previous is not None else None
    r = current.result
    dims = [b.dimension(d) for d in r.dimensions]
    supports = [b.support(sp) for sp in sorted(r.supports, key=lambda x: (status_rank(x.status), x.rank))]
    strengths, gaps = b.strengths_and_gaps(dims)
    applicable = [d for d, r_ in zip(dims, r.dimensions, strict=True) if r_.status != "not_applicable"]
    scores = {d.id: d.score for d in r.dimensions}
    legend: list[LegendEntry] = []
    if len(applicable) > charts.MAX_NAMED_AXES:
        short = all(len(d.id) <= 4 for d in applicable)
        codes = [d.id if short else str(k + 1) for k, d in enumerate(applicable)]
        legend = [LegendEntry(code=c, label=d.label, score=d.score) for c, d in zip(codes, applicable, strict=True)]
        axes = [(c, scores[d.id]) for c, d in zip(codes, applicable, strict=True)]
    else:
        axes = [(d.label, scores[d.id]) for d in applicable]
    radar = charts.radar_svg(axes, no_data=strings["chart_no_data"])
    benefits = [sp for sp in supports if not sp.obligation]
    return ReportContext(
        s=strings,
        meta=b.meta(),
        overall=b.index(b.tx(current.questionnaire.scoring.overall.label), r.overall),
        ai=b.index(b.tx(current.questionnaire.scoring.ai_readiness.label), r.ai_readiness),
        radar_svg=radar,
        radar_legend=legend,
        strengths=strengths,
        gaps=gaps,
        any_scored=any(d.score is not None for d in r.dimensions),
        top_supports=[sp for sp in benefits if sp.status in ("apply", "prepare")][:3],
        duties=[sp for sp in supports if sp.obligation and sp.status == "apply"],
        dimensions=applicable,
        na_dimensions=[d.label for d, r_ in zip(dims, r.dimensions, strict=True) if r_.status == "not_applicable"],
        supports=supports,
        support_pages=[sp for sp in supports if sp.status in ("apply", "prepare")],
        other_supports=b.closed_groups([sp for sp in supports if sp.status in ("not_eligible", "need_info")]),
        toolbox=b.tools(),
        tools_not_relevant=[b.tx(t.name) for t in r.toolbox if t.status == "not_relevant"],
        roadmap=b.roadmap(),
        progress=progress,
        answers=b.answers() if full else [],
        full=full,
        owner=OwnerBuilder(current, strings, lang).build(progress),
        method=b.method(),
        estimates=[
            EstimateView(name=b.tx(e.name), value=b.tx(e.value), channel=b.tx(e.channel), method=b.tx(e.method))
            for e in r.estimates
        ],
        computed=b.computed(),
        warnings=list(r.warnings),
    )
