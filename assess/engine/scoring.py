"""Scoring: item scores → dimension scores → block scores → indexes → levels (bands AND floors).

Rules of the method (printed in the report's appendix):

* an item scores its option's points (0–100); a multiple choice sums its options, capped at 100;
  yes/no scores 100/0; a number scores by its bands; text is never scored;
* a dimension is the weighted mean over its applicable items; "not applicable", hidden and
  not-asked items leave the denominator; "don't know" and unanswered ones stay in it only to
  measure coverage — below the dimension's ``min_coverage`` it shows "insufficient data";
* blocks are weighted means of their scored dimensions; the overall index is the weighted mean of
  the blocks; the AI-readiness index is one block's score;
* a level is reached when the score reaches its band AND every floor of it and of every lower
  level holds (weakest link); the result names the floors that blocked a higher level.
"""

from __future__ import annotations

from assess.domain.answers import AnswerFile
from assess.domain.fast import build
from assess.domain.questionnaire import Block, Dimension, Floor, Level, LevelScale, Question
from assess.domain.results import (
    AssessmentResult,
    BlockResult,
    ComputedResult,
    DimensionResult,
    FloorCheck,
    IndexResult,
    ItemResult,
    LevelRef,
    QuestionnaireInfo,
)
from assess.domain.text import Text, t
from assess.engine.context import Context
from assess.engine.core import Engine
from assess.engine.explain import explain_computed, show_computed
from assess.engine.kinds import KINDS
from assess.engine.logic import referenced


def _r(x: float) -> float:
    return round(x, 1)


def item_score(engine: Engine, q: Question, ctx: Context) -> float | None:
    """The 0–100 score of a shown, really answered question (None when the answer is unscored)."""
    return KINDS[q.kind].score(q, ctx.value(q.id), engine.options[q.id])


def score_dimension(engine: Engine, dim: Dimension, block: Block, ctx: Context) -> DimensionResult:
    """Score one dimension and keep every item's contribution as its trace."""
    items: list[ItemResult] = []
    applicable = answered = total = 0.0
    for it in dim.items:
        q = engine.questions[it.q]
        a = ctx.answers.get(q.id)
        score: float | None = None
        if ctx.depth == "quick" and q.depth == "full":
            status = "not_asked"
        elif not ctx.visible(q.id):
            status = "hidden"
        elif a is not None and a.special is not None:
            status = a.special
        elif a is None or not a.is_real:
            status = "unanswered"
        else:
            score = item_score(engine, q, ctx)
            status = "scored" if score is not None else "unscored"
        if status in ("scored", "dk", "unanswered"):
            applicable += it.weight
        if status == "scored":
            assert score is not None
            answered += it.weight
            total += it.weight * score
        items.append(
            build(
                ItemResult,
                q=q.id,
                label=q.label,
                weight=it.weight,
                status=status,
                score=score,
                answer=a.value if a else None,
                display=engine.display(q.id, a) if a else None,
            )
        )
    coverage = answered / applicable if applicable else 0.0
    value: float | None = None
    if applicable == 0:
        state = "not_applicable"
        trace = t("此维度的题目都不适用于本企业，不计分。", "No question of this dimension applies; not scored.")
    elif coverage < dim.min_coverage:
        state = "insufficient"
        trace = t(
            f"已答题目仅占 {coverage:.0%}（需 {dim.min_coverage:.0%}），数据不足，暂不计分。",
            f"Only {coverage:.0%} answered (needs {dim.min_coverage:.0%}): insufficient data.",
        )
    else:
        state = "scored"
        value = _r(total / answered)
        parts = " + ".join(f"{i.weight:g}×{i.score:g}" for i in items if i.status == "scored")
        trace = t(
            f"加权平均：({parts}) ÷ {answered:g} = {value:g}；不适用、未涉及的题目不计入分母。",
            f"Weighted mean: ({parts}) / {answered:g} = {value:g}; n/a and skipped items leave the denominator.",
        )
    descriptor = None
    if value is not None:
        for d in sorted(dim.descriptors, key=lambda d: d.min):
            if value >= d.min:
                descriptor = d.text
    return build(
        DimensionResult,
        id=dim.id,
        block=block.id,
        label=dim.label,
        help=dim.help,
        score=value,
        status=state,
        coverage=_r(coverage * 100) / 100,
        weight=dim.weight,
        descriptor=descriptor,
        items=items,
        trace=trace,
    )


def _weighted(pairs: list[tuple[float | None, float, Text]]) -> tuple[float | None, Text]:
    scored = [(s, w, name) for s, w, name in pairs if s is not None and w > 0]
    den = sum(w for _, w, _ in scored)
    if not den:
        return None, t("没有可计分的部分。", "Nothing could be scored.")
    value = _r(sum(s * w for s, w, _ in scored) / den)
    parts = " + ".join(f"{w:g}×{s:g}（{n.zh}）" for s, w, n in scored)
    parts_en = " + ".join(f"{w:g}×{s:g} ({n.get('en')})" for s, w, n in scored)
    return value, t(f"({parts}) ÷ {den:g} = {value:g}", f"({parts_en}) / {den:g} = {value:g}")


def floor_label(engine: Engine, floor: Floor) -> Text:
    """What a floor asks, in words: its own label, or "<dimensions> each at least <min>"."""
    if floor.label is not None:
        return floor.label
    names = {d.id: d.label for b in engine.questionnaire.scoring.blocks for d in b.dimensions}
    names |= {b.id: b.label for b in engine.questionnaire.scoring.blocks}
    targets = [names[x] for x in (*floor.dims, *floor.blocks)]
    return t(
        f"{'、'.join(n.zh for n in targets)}均不低于 {floor.min:g} 分",
        f"{', '.join(n.get('en') for n in targets)} each at least {floor.min:g}",
    )


def check_floor(
    engine: Engine,
    floor: Floor,
    level: Level,
    ctx: Context,
    dims: dict[str, DimensionResult],
    blocks: dict[str, BlockResult],
) -> FloorCheck:
    """Whether one floor of a level holds, and a plain description of why not.

    A rule floor's check, and any floor that holds, read the same for every company: built once."""
    if floor.rule is not None:
        assert floor.label is not None
        ok = engine.cond(floor.rule)(ctx) is True
        key = ("floor", id(floor), ok)
        if key not in engine.memo:
            detail = floor.label if ok else t(f"尚未做到：{floor.label.zh}", f"Not yet: {floor.label.get('en')}")
            engine.memo[key] = build(
                FloorCheck,
                level=level.id,
                label=floor.label,
                dims=referenced(floor.rule, "dim"),
                passed=ok,
                detail=detail,
            )
        return engine.memo[key]  # type: ignore[no-any-return]
    assert floor.min is not None
    fails_zh, fails_en = [], []
    targets = [(dims[d].label, dims[d].status, dims[d].score) for d in floor.dims] + [
        (blocks[b].label, "scored" if blocks[b].score is not None else "not_applicable", blocks[b].score)
        for b in floor.blocks
    ]
    for label, status, score in targets:
        if status == "insufficient":
            fails_zh.append(f"{label.zh}数据不足")
            fails_en.append(f"{label.get('en')}: insufficient data")
        elif score is not None and score < floor.min:
            fails_zh.append(f"{label.zh} {score:g} 分，低于 {floor.min:g} 分")
            fails_en.append(f"{label.get('en')} {score:g}, below {floor.min:g}")
    if not fails_zh and ("floor", id(floor), True) in engine.memo:
        return engine.memo[("floor", id(floor), True)]  # type: ignore[no-any-return]
    label = floor_label(engine, floor)
    detail = t("；".join(fails_zh), "; ".join(fails_en)) if fails_zh else label
    check = build(
        FloorCheck, level=level.id, label=label, dims=[*floor.dims, *floor.blocks], passed=not fails_zh, detail=detail
    )
    if not fails_zh:
        engine.memo[("floor", id(floor), True)] = check
    return check


def decide_level(
    engine: Engine,
    scale: LevelScale,
    score: float | None,
    ctx: Context,
    dims: dict[str, DimensionResult],
    blocks: dict[str, BlockResult],
) -> IndexResult:
    """The highest level whose band and floors (and those of every lower level) hold."""
    levels = scale.levels
    checks = [[check_floor(engine, f, lv, ctx, dims, blocks) for f in lv.floors] for lv in levels]
    band = reached = 0
    for i, lv in enumerate(levels):
        if score is not None and score >= lv.min_score:
            band = i
    for i in range(band + 1):
        if all(c.passed for c in checks[i]):
            reached = i
        else:
            break
    upto = band if band > reached else min(reached + 1, len(levels) - 1)
    blocked = [c for i in range(reached + 1, upto + 1) for c in checks[i] if not c.passed]
    ref = [build(LevelRef, id=lv.id, label=lv.label, meaning=lv.meaning) for lv in levels]
    nxt = ref[reached + 1] if reached + 1 < len(levels) else None
    if score is None:
        trace = t("没有可计分的维度，暂按最低等级显示。", "Nothing scored yet; shown at the lowest level.")
    else:
        trace = t(
            f"得分 {score:g}，分数段对应“{levels[band].label.zh}”；"
            + (f"但有短板未达标，定为“{levels[reached].label.zh}”。" if band > reached else "各项底线均满足。"),
            f"Score {score:g} falls in the band of '{levels[band].label.get('en')}'; "
            + (
                f"weakest-link floors hold it at '{levels[reached].label.get('en')}'."
                if band > reached
                else "all floors hold."
            ),
        )
    return build(
        IndexResult,
        score=score,
        level=ref[reached],
        band_level=ref[band],
        next_level=nxt,
        blocked_by=blocked,
        trace=trace,
    )


def score(engine: Engine, af: AnswerFile) -> AssessmentResult:
    """Score an answer file against the engine's questionnaire and match the catalog."""
    from assess.engine.matching import match_supports, plan_actions, rate_toolbox, run_estimates

    qn = engine.questionnaire
    ctx = engine.context(af.answers, af.depth, af.assessed_on)
    dims: dict[str, DimensionResult] = {}
    blocks: dict[str, BlockResult] = {}
    for block in qn.scoring.blocks:
        results = [score_dimension(engine, d, block, ctx) for d in block.dimensions]
        dims.update((d.id, d) for d in results)
        value, trace = _weighted([(d.score, d.weight, d.label) for d in results])
        blocks[block.id] = build(
            BlockResult,
            id=block.id,
            label=block.label,
            score=value,
            weight=block.weight,
            dimensions=[d.id for d in results],
            trace=trace,
        )
    ctx.dims = {k: v.score for k, v in dims.items()}
    ctx.blocks = {k: v.score for k, v in blocks.items()}
    overall_score, overall_trace = _weighted([(b.score, b.weight, b.label) for b in blocks.values()])
    ai_score = blocks[qn.scoring.ai_readiness.block].score
    ctx.indexes = {"overall": overall_score, "ai_readiness": ai_score}
    overall = decide_level(engine, qn.scoring.overall, overall_score, ctx, dims, blocks)
    overall.trace = t(
        f"综合指数 = {overall_trace.zh}。{overall.trace.zh}", f"Overall = {overall_trace.en}. {overall.trace.en}"
    )
    ai = decide_level(engine, qn.scoring.ai_readiness, ai_score, ctx, dims, blocks)
    shown = [q for q in engine.questions.values() if ctx.visible(q.id)]
    answered = sum(1 for q in shown if (a := af.answers.get(q.id)) is not None and a.is_given)
    computed = [
        build(
            ComputedResult,
            id=c.id,
            label=c.label,
            unit=c.unit,
            value=ctx.computed(c.id),
            display=show_computed(c, ctx.computed(c.id)),
            trace=explain_computed(c, ctx.computed(c.id), ctx),
        )
        for c in qn.computed
    ]
    dim_list = list(dims.values())
    supports = match_supports(engine, ctx)
    return build(
        AssessmentResult,
        questionnaire=build(QuestionnaireInfo, id=qn.id, version=qn.version, title=qn.title),
        catalog_version=engine.catalog.version,
        response_id=af.response_id,
        company=af.company.name,
        mode=af.mode,
        assessor=af.assessor,
        depth=af.depth,
        status=af.status,
        assessed_on=af.assessed_on,
        answered=answered,
        shown=len(shown),
        required_open=engine.required_open(af.answers, af.depth),
        computed=computed,
        dimensions=dim_list,
        blocks=list(blocks.values()),
        overall=overall,
        ai_readiness=ai,
        supports=supports,
        actions=plan_actions(engine, ctx, dim_list, overall, supports),
        toolbox=rate_toolbox(engine, ctx),
        estimates=run_estimates(engine, ctx),
    )
