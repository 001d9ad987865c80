"""The human-readable summary `assess score` prints: levels, dimensions, supports, actions."""

from __future__ import annotations

from assess.advice.export import advice_lines, next_lines
from assess.domain.results import AssessmentResult, IndexResult, SupportResult
from assess.domain.text import Lang, Text

_DUTY: dict[str, Text] = {
    "apply": Text(zh="必须办理", en="Required"),
    "prepare": Text(zh="须补齐", en="To complete"),
    "need_info": Text(zh="还需补充信息", en="Need information"),
    "not_eligible": Text(zh="不涉及", en="Does not apply"),
}
_DUTY_STATE: dict[str, Text] = {
    "done": Text(zh="已办理", en="Done"),
    "needed": Text(zh="需办理", en="Required"),
    "likely": Text(zh="可能需办理", en="Likely required"),
    "not_concerned": Text(zh="不涉及", en="Does not apply"),
}
_HELD = Text(zh="已持有", en="Held")
_PLANNED = Text(zh="关注申报通知", en="Watch for the call")
_STATUS: dict[str, Text] = {
    "apply": Text(zh="建议申报", en="Apply"),
    "prepare": Text(zh="还需准备", en="Prepare"),  # as the report says: something is missing, not "almost there"
    "need_info": Text(zh="还需补充信息", en="Need information"),
    "not_eligible": Text(zh="暂不适用", en="Not eligible"),
}


def verdict_label(s: SupportResult) -> Text:
    """The bracketed word before a support: its duty state, held, "watch for the call", or the status."""
    if s.obligation:
        return _DUTY_STATE[s.duty] if s.duty is not None else _DUTY[s.status]
    if s.held:
        return _HELD
    if s.planned and s.status == "apply":
        return _PLANNED
    return _STATUS[s.status]


def _score(x: float | None, lang: Lang) -> str:
    if x is None:
        return "—" if lang == "zh" else "n/a"
    return f"{x:5.1f}"


def _index(name: str, ix: IndexResult, lang: Lang) -> list[str]:
    lines = [f"{name}: {ix.level.label.get(lang)}  ({_score(ix.score, lang).strip()})  — {ix.level.meaning.get(lang)}"]
    for f in ix.blocked_by:
        lines.append(("  未达下一等级的原因：" if lang == "zh" else "  Blocked by: ") + f.detail.get(lang))
    lines.append("  " + ix.trace.get(lang))
    return lines + next_lines(name, ix, lang)


def summary(r: AssessmentResult, lang: Lang | str = "zh") -> str:
    """A plain-text summary, every number followed by where it comes from."""
    lg: Lang = "en" if lang == "en" else "zh"
    zh = lg == "zh"
    out = [
        f"== {r.company} ==",
        f"{r.questionnaire.title.get(lg)} {r.questionnaire.version} · {'快速体检' if zh else 'quick scan'}"
        if r.depth == "quick"
        else f"{r.questionnaire.title.get(lg)} {r.questionnaire.version} · {'全面诊断' if zh else 'full diagnosis'}",
        ("已答 " if zh else "Answered ") + f"{r.answered}/{r.shown}",
        "",
        *_index("综合等级" if zh else "Overall level", r.overall, lg),
        *_index("AI 就绪等级" if zh else "AI readiness", r.ai_readiness, lg),
        "",
        "维度得分" if zh else "Dimension scores",
    ]
    for d in r.dimensions:
        state = {"not_applicable": "不适用" if zh else "n/a", "insufficient": "数据不足" if zh else "insufficient"}
        shown = _score(d.score, lg) if d.status == "scored" else state[d.status]
        out.append(f"  {d.id:<4} {d.label.get(lg)}: {shown}")
        out.append(f"       {d.trace.get(lg)}")
    if r.computed:
        out += ["", "推算指标" if zh else "Computed facts"]
        out += ["  " + c.trace.get(lg) for c in r.computed]
    out += ["", "政策支持" if zh else "Supports"]
    for s in r.supports:
        status = verdict_label(s).get(lg)
        out.append(
            f"  [{status}] {s.name.get(lg)}  (第{','.join(map(str, s.clauses))}条)"
            if zh
            else f"  [{status}] {s.name.get(lg)}  (item {','.join(map(str, s.clauses))})"
        )
        for x in s.reasons:
            out.append("      · " + x.get(lg))
        for x in s.missing:
            out.append(("      缺：" if zh else "      missing: ") + x.get(lg))
        if s.need:
            out.append(("      需补答：" if zh else "      answer: ") + "、".join(n.label.get(lg) for n in s.need))
    if r.actions and not r.plan:
        out += ["", "下一步行动" if zh else "Next actions"]
        for a in r.actions[:5]:
            out.append(f"  ({a.horizon} {'个月' if zh else 'months'}) {a.title.get(lg)} — {a.trace.get(lg)}")
    out += advice_lines(r, lg)
    return "\n".join(out)
