"""Matching supports, planning actions, rating the AI toolbox and estimating official levels.

Support verdicts, in order of precedence:

* ``not_eligible`` — a gate rule fails (the reasons say which, with the company's own numbers);
* ``not_eligible`` — not a good fit (``no_fit`` says why): no fit signal could hold whatever the open
  answers are, or every rule is decided and the fit score stays below ``fit_min`` (when a shown question
  could still make it fit, the reason says the answers do not show a fit yet, never the ``no_fit`` text);
* ``need_info`` — a gate or requirement cannot be decided: the answers it needs are listed (questions
  hidden behind an unanswered earlier one are asked through that one);
* ``prepare`` — a good fit, but named requirements are missing (what, and how to close them);
* ``apply`` — eligible and a good fit.

Rules whose confidence is ``inferred`` or ``unverified`` are worded "likely — check the year's
application notice (申报通知)"; amounts are never invented: without a Huai'an source the verdict says
the year's notice decides.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from assess.domain.catalog import FitSignal, Rule, Support
from assess.domain.fast import build
from assess.domain.questionnaire import Action
from assess.domain.results import (
    ActionResult,
    DimensionResult,
    DutyState,
    EstimateResult,
    IndexResult,
    NeededAnswer,
    RuleCheck,
    SupportResult,
    ToolResult,
    status_rank,
)
from assess.domain.text import Text, t
from assess.engine.context import Context
from assess.engine.core import Engine
from assess.engine.explain import show_computed
from assess.engine.reads import questions_of

UNSURE = frozenset({"inferred", "unverified", "low"})
NOTICE = t(
    "金额、比例和截止时间以当年申报通知为准。",
    "Amounts, rates and deadlines: see the year's application notice (申报通知).",
)
NO_FIT = t("目前与贵企业的情况不太匹配。", "Not a good fit for the company at present.")
FIT_UNKNOWN = t(
    "按目前的回答，还看不出这项支持适合贵企业：能说明的问题还没有回答（或在全面诊断时回答）。",
    "From the answers so far nothing shows this support fits the company: the questions that would tell are "
    "unanswered (or part of the full diagnosis).",
)
HELD = t(
    "企业已持有（或已办理）此项，无需再次申报。",
    "The company already holds (or has done) this; no need to apply again.",
)
PLANNED = t(
    "方案提出了这项支持，具体办法和申报通知尚未发布：请关注申报通知，先把条件准备好。",
    "The plan announces this support but no rules or call have been published yet: watch for the notice and get ready.",
)


def hedge(text: Text, confidence: str) -> Text:
    """Word a rule we are not sure of as likely, to be checked against the year's notice."""
    if confidence not in UNSURE:
        return text
    return t(
        f"{text.zh}（可能的条件，请以当年申报通知为准）",
        f"{text.get('en')} (likely requirement; check the year's application notice)",
    )


def rule_state(engine: Engine, rule: Rule, ctx: Context) -> str | None:
    """``met`` / ``failed`` / ``unknown``, or None when the rule does not concern this company."""
    applies = engine.cond(rule.applies_if)(ctx) if rule.applies_if is not None else True
    if applies is False:
        return None
    r = engine.cond(rule.rule)(ctx)
    return "unknown" if r is None or (r is False and applies is None) else "met" if r else "failed"


def decide(s: Support, states: Sequence[tuple[str, str]], fit_score: float, fit_possible: float) -> str:
    """The verdict from the rules' (kind, state) pairs and the fit, in the order of precedence above."""
    if any(k == "gate" and st == "failed" for k, st in states):
        return "not_eligible"
    unknown = any(st == "unknown" for _, st in states)
    if fit_possible < s.fit_min or (not unknown and fit_score < s.fit_min):
        return "not_eligible"
    if unknown:
        return "need_info"
    return "prepare" if any(st == "failed" for _, st in states) else "apply"


def quick_status(engine: Engine, s: Support, ctx: Context) -> str:
    """The verdict on one support without its texts (what-if searches evaluate many variants)."""
    states = [(r.kind, st) for r in s.rules if (st := rule_state(engine, r, ctx)) is not None]
    fits = [(f.weight, engine.cond(f.rule)(ctx)) for f in s.fit]
    score = sum(w for w, v in fits if v is True)
    return decide(s, states, score, score + sum(w for w, v in fits if v is None))


def _check_rule(engine: Engine, rule: Rule, ctx: Context) -> RuleCheck | None:
    """One rule's outcome, or None when the rule does not concern this company (``applies_if``).

    A rule whose texts quote no figures has only three possible outcomes; each is built once per
    engine and shared (results are read-only data)."""
    status = rule_state(engine, rule, ctx)
    if status is None:
        return None
    key = ("rule", id(rule), status)
    shared = engine.memo.get(key)
    if shared is not None:
        return shared  # type: ignore[no-any-return]
    reads = questions_of(engine, rule.rule)
    if rule.applies_if is not None:
        reads = [*reads, *(q for q in questions_of(engine, rule.applies_if) if q not in reads)]
    label, fail = hedge(rule.label, rule.confidence), hedge(rule.fail, rule.confidence)
    check = build(
        RuleCheck,
        id=rule.id,
        kind=rule.kind,
        status=status,
        label=fill(label, ctx),
        fail=fill(fail, ctx),
        fix=fill(rule.fix, ctx) if rule.fix else None,
        confidence=rule.confidence,
        source=rule.source,
        questions=reads,
    )
    texts = [label, fail, *([rule.fix] if rule.fix else [])]
    if not any("{" in x.zh or "{" in x.en for x in texts):
        engine.memo[key] = check
    return check


PLACEHOLDER = re.compile(r"\{(q|computed)\.([A-Za-z][A-Za-z0-9_]*)\}")


def fill(text: Text, ctx: Context) -> Text:
    """Replace ``{computed.id}`` / ``{q.id}`` placeholders with the company's value and unit.

    Plain regex substitution of known ids (never ``str.format``); an unknown value reads "未知"."""
    if "{" not in text.zh and "{" not in text.en:
        return text

    def sub(lang: str) -> Callable[[re.Match[str]], str]:
        def one(m: re.Match[str]) -> str:
            kind, ident = m.group(1), m.group(2)
            if kind == "q":
                q = ctx.engine.questions.get(ident)
                if q is None or ctx.value(ident) is None:
                    return "未知" if lang == "zh" else "unknown"
                return ctx.engine.display(ident, ctx.answer(ident)).get(lang)  # type: ignore[arg-type]
            spec = ctx.engine.computed_specs.get(ident)
            v = ctx.computed(ident)
            if spec is None or v is None:
                return "未知" if lang == "zh" else "unknown"
            return show_computed(spec, v).get(lang)  # type: ignore[arg-type]

        return one

    return t(PLACEHOLDER.sub(sub("zh"), text.zh), PLACEHOLDER.sub(sub("en"), text.get("en")))


def _needed(engine: Engine, ctx: Context, qids: Iterable[str]) -> list[NeededAnswer]:
    """The questions to answer to decide: unanswered shown ones; for a question hidden behind an
    unanswered earlier question, that earlier question; full-diagnosis ones marked as such."""
    out: dict[str, NeededAnswer] = {}
    todo = list(qids)
    seen: set[str] = set()
    while todo:
        qid = todo.pop(0)
        if qid in seen or qid not in engine.questions or ctx.value(qid) is not None:
            continue
        seen.add(qid)
        q = engine.questions[qid]
        if ctx.visible(qid):  # unanswered, or answered "don't know": the fact to find out
            out[qid] = build(NeededAnswer, q=qid, label=q.label)
        elif ctx.depth == "quick" and q.depth == "full":
            out[qid] = build(
                NeededAnswer,
                q=qid,
                label=t(f"{q.label.zh}（全面诊断时回答）", f"{q.label.get('en')} (asked in the full diagnosis)"),
            )
        else:
            conds = [engine.questionnaire_show_if(qid)]
            todo += [x for c in conds if c is not None for x in questions_of(engine, c)]
    return list(out.values())


def _fit_asked(engine: Engine, ctx: Context, fit_values: Sequence[tuple[FitSignal, bool | None]]) -> bool:
    """Whether an undecided fit signal reads a question the company is shown (unanswered, or kept for
    the full diagnosis), rather than only questions hidden because they do not concern it."""
    return any(v is None and any(ctx.visible(q) for q in questions_of(engine, f.rule)) for f, v in fit_values)


def judge(engine: Engine, s: Support, ctx: Context) -> SupportResult:
    """The verdict on one support, with reasons, what is missing and what is needed."""
    checks = [c for c in (_check_rule(engine, r, ctx) for r in s.rules) if c is not None]
    fit_values = [(f, engine.cond(f.rule)(ctx)) for f in s.fit]
    fit_score = sum(f.weight for f, v in fit_values if v is True)
    fit_possible = fit_score + sum(f.weight for f, v in fit_values if v is None)
    reasons = [fill(f.reason, ctx) for f, v in fit_values if v is True]
    missing: list[Text] = []
    need: list[NeededAnswer] = []
    failed_gates = [c for c in checks if c.kind == "gate" and c.status == "failed"]
    unknown = [c for c in checks if c.status == "unknown"]
    failed_reqs = [c for c in checks if c.kind == "requirement" and c.status == "failed"]
    status = decide(s, [(c.kind, c.status) for c in checks], fit_score, fit_possible)
    if failed_gates:
        reasons = [c.fail for c in failed_gates]
        missing = [c.fix for c in failed_gates if c.fix]
    elif status == "not_eligible" and fit_possible >= s.fit_min and _fit_asked(engine, ctx, fit_values):
        reasons = [FIT_UNKNOWN, *reasons]  # the fit is open, not failed: never assert the no_fit text
    elif status == "not_eligible":  # cannot fit whatever the open answers are, or all is known and it does not
        reasons = [fill(s.no_fit or NO_FIT, ctx)]
    elif status == "need_info":
        need = _needed(engine, ctx, dict.fromkeys(q for c in unknown for q in c.questions))
        missing = [c.fail for c in failed_reqs]
    elif status == "prepare":
        missing = [
            t(
                f"{c.fail.zh}" + (f" 办法：{c.fix.zh}" if c.fix else ""),
                f"{c.fail.get('en')}" + (f" How: {c.fix.get('en')}" if c.fix else ""),
            )
            for c in failed_reqs
        ]
    held = s.held_if is not None and engine.cond(s.held_if)(ctx) is True
    if held:  # a title held and valid, or a duty done: the verdict says so and nothing is to be applied for
        status, reasons, missing, need = "not_eligible", [fill(s.held_reason or HELD, ctx)], [], []
    elif s.planned and status in ("apply", "prepare"):
        reasons = [PLANNED, *reasons]
    return build(
        SupportResult,
        id=s.id,
        name=s.name,
        summary=s.summary,
        category=s.category,
        level=s.level,
        obligation=s.obligation,
        status=status,
        fit_score=fit_score,
        reasons=reasons,
        missing=missing,
        need=need,
        rules=checks,
        clauses=s.clauses,
        departments=s.departments,
        rule_version=s.rule_version,
        next_steps=s.next_steps,
        documents=s.documents,
        amounts=s.amounts or NOTICE,
        sources=s.sources,
        after=s.after,
        requires=s.requires,
        held=held,
        lead=s.lead,
        duty=_duty(engine, s, ctx, status, held),
        planned=s.planned,
    )


def _duty(engine: Engine, s: Support, ctx: Context, status: str, held: bool) -> DutyState | None:
    """An obligation's state: done (held), not concerned (a gate fails), likely (the catalog's
    ``duty.likely`` holds) or needed; None while the verdict still needs answers, and for benefits."""
    if not s.obligation:
        return None
    if held:
        return "done"
    if status == "not_eligible":
        return "not_concerned"
    if status == "need_info":
        return None
    likely = s.duty.likely if s.duty is not None else None
    return "likely" if likely is not None and engine.cond(likely)(ctx) is True else "needed"


def match_supports(engine: Engine, ctx: Context) -> list[SupportResult]:
    """Verdicts on every support, ranked: status, then priority and fit, prerequisites first."""
    results = [judge(engine, s, ctx) for s in engine.catalog.supports]
    prio = {s.id: s.priority for s in engine.catalog.supports}
    ordered: list[SupportResult] = []
    placed: set[str] = set()
    by_id = {r.id: r for r in results}

    def place(r: SupportResult, stack: frozenset[str]) -> None:
        if r.id in placed or r.id in stack:
            return
        for dep in r.after:  # a support best done first comes first, when it is open to the company
            d = by_id.get(dep)
            if d is not None and d.status in ("apply", "prepare") and r.status in ("apply", "prepare"):
                place(d, stack | {r.id})
        placed.add(r.id)
        ordered.append(r)

    from assess.engine.prerequisites import apply_requires

    apply_requires(engine, ctx, results)
    results.sort(key=lambda r: (status_rank(r.status), -prio[r.id], -r.fit_score, r.id))
    for r in results:
        place(r, frozenset())
    for i, r in enumerate(ordered):
        r.rank = i
    return ordered


def plan_actions(
    engine: Engine,
    ctx: Context,
    dims: list[DimensionResult],
    overall: IndexResult,
    supports: list[SupportResult] | None = None,
) -> list[ActionResult]:
    """Actions ranked by priority = gap × importance × feasibility, where gap = 100 − the dimension's
    score (× 1.5 for a pain point the owner chose, × 2 when the dimension blocks the next overall level).

    An action is proposed for the rung the company is on (its ``when``) and never when its ``goal`` already
    holds; the supports it cites are only those open to the company (not ruled out, not already held)."""
    open_ids = None if supports is None else {r.id for r in supports if r.status != "not_eligible" and not r.held}
    by_dim = {d.id: d for d in dims}
    spec = {d.id: d for b in engine.questionnaire.scoring.blocks for d in b.dimensions}
    focus = engine.questionnaire.scoring.focus
    boosted: set[str] = set()
    if focus is not None:
        chosen = ctx.value(focus.q)
        for code in chosen if isinstance(chosen, list) else [chosen]:
            boosted.update(focus.map.get(str(code), []))
    out: list[ActionResult] = []
    for a in engine.questionnaire.actions:
        d = by_dim.get(a.dimension)
        if d is None or d.score is None or (a.when is not None and engine.cond(a.when)(ctx) is not True):
            continue
        if a.goal is not None and engine.cond(a.goal)(ctx) is True:
            continue
        if d.score >= 100 and not a.keep:
            continue
        act = _action(a, d, spec[a.dimension].importance, boosted, overall)
        if open_ids is not None:
            act.supports = [x for x in act.supports if x in open_ids]
        out.append(act)
    out.sort(key=lambda a: (-a.priority, a.id))
    return out


def _action(a: Action, d: DimensionResult, importance: float, boosted: set[str], overall: IndexResult) -> ActionResult:
    assert d.score is not None
    blocking = any(d.id in f.dims for f in overall.blocked_by)
    gap = 100 - d.score
    boost = 1.5 if d.id in boosted else 1.0
    block = 2.0 if blocking else 1.0
    priority = round(gap * importance * a.feasibility * boost * block, 1)
    trace = t(
        f"优先级 = 差距 {gap:g} × 重要度 {importance:g} × 可行性 {a.feasibility:g}"
        + (" × 1.5（您选择的痛点）" if boost > 1 else "")
        + (" × 2（卡住下一等级）" if blocking else "")
        + f" = {priority:g}",
        f"priority = gap {gap:g} × importance {importance:g} × feasibility {a.feasibility:g}"
        + (" × 1.5 (your pain point)" if boost > 1 else "")
        + (" × 2 (blocks next level)" if blocking else "")
        + f" = {priority:g}",
    )
    return build(
        ActionResult,
        id=a.id,
        dimension=a.dimension,
        title=a.title,
        detail=a.detail,
        horizon=a.horizon,
        priority=priority,
        gap=round(gap, 1),
        supports=a.supports,
        trace=trace,
    )


def rate_toolbox(engine: Engine, ctx: Context) -> list[ToolResult]:
    """The AI-toolbox families in the order to try them: in use, ready (by order), then closest."""
    out: list[ToolResult] = []
    for tool in engine.questionnaire.toolbox:
        met = [p.label for p in tool.prerequisites if engine.cond(p.rule)(ctx) is True]
        missing = [p.label for p in tool.prerequisites if engine.cond(p.rule)(ctx) is not True]
        if tool.relevant_if is not None and engine.cond(tool.relevant_if)(ctx) is False:
            status = "not_relevant"
        elif tool.in_use is not None and engine.cond(tool.in_use)(ctx) is True:
            status = "in_use"
        else:
            status = "ready" if not missing else "not_ready"
        out.append(
            build(
                ToolResult,
                id=tool.id,
                name=tool.name,
                help=tool.help,
                status=status,
                met=met,
                missing=missing,
                supports=tool.supports,
            )
        )
    rank = {"ready": 0, "in_use": 1, "not_ready": 2, "not_relevant": 3}
    order = {tool.id: tool.order for tool in engine.questionnaire.toolbox}
    out.sort(key=lambda r: (rank[r.status], len(r.missing), order[r.id]))
    return out


def run_estimates(engine: Engine, ctx: Context) -> list[EstimateResult]:
    """Estimates of official levels (预估): the first case that holds, else the default."""
    out = []
    for e in engine.questionnaire.estimates:
        value = next((c.label for c in e.cases if engine.cond(c.when)(ctx) is True), e.default)
        out.append(build(EstimateResult, id=e.id, name=e.name, value=value, channel=e.channel, method=e.method))
    return out
