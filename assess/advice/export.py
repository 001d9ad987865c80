"""The advice in JSON (``assess score --json``, bulk ``results.jsonl``) and as readable lines."""

from __future__ import annotations

from typing import Any

from assess.domain.results import AssessmentResult, Change, IndexResult, SupportResult, WhatIf, headline
from assess.domain.text import Lang, Text, listing

HORIZON: dict[str, Text] = {
    "90d": Text(zh="90天内", en="within 90 days"),
    "year": Text(zh="今年", en="this year"),
    "next_year": Text(zh="明年", en="next year"),
}


def _text(x: Text) -> dict[str, str]:
    return {"zh": x.zh, "en": x.get("en")}


def change_json(c: Change) -> dict[str, Any]:
    return {"q": c.q, "from": c.before, "to": c.after, **_text(c.text), **({"covered": True} if c.covered else {})}


def what_if_json(w: WhatIf) -> dict[str, Any]:
    return {"changes": [change_json(c) for c in w.changes], "status": w.status}


def next_json(ix: IndexResult) -> dict[str, Any] | None:
    """``next: {level, score_gap, floors: [{dimension, gap, zh, en}]}`` (None at the top level)."""
    n = ix.next
    if n is None:
        return None
    floors = [{"dimension": f.dimension, "gap": f.gap, **(_text(f.label) if f.label else {})} for f in n.floors]
    return {"level": {"id": n.level.id, **_text(n.level.label)}, "score_gap": n.score_gap, "floors": floors}


def support_json(s: SupportResult) -> dict[str, Any]:
    """The advice keys of one support."""
    return {"requires": s.requires, "what_if": [what_if_json(w) for w in s.what_if], "held": s.held}


def advice_json(r: AssessmentResult) -> dict[str, Any]:
    """``plan``, ``levers`` and ``notes`` of an assessment."""
    return {
        "plan": [
            {
                "id": p.id,
                **_text(p.title),
                "why": [_text(w) for w in p.why],
                "horizon": p.horizon,
                "dimension": p.dimension,
                "supports": p.supports,
            }
            for p in r.plan
        ],
        "levers": [{"changes": [change_json(c) for c in lv.changes], "unlocks": lv.unlocks} for lv in r.levers],
        "notes": [_text(n) for n in r.notes],
    }


def _names(r: AssessmentResult, ids: list[str], lang: Lang) -> str:
    by_id = {s.id: s.name.get(lang) for s in r.supports}
    return listing((by_id.get(i, i) for i in ids), lang)


def next_lines(name: str, ix: IndexResult, lang: Lang) -> list[str]:
    """E.g. "离“智能级”还差 0.2 分" and each failing floor with its gap."""
    n = ix.next
    if n is None:
        return []
    zh = lang == "zh"
    head = (
        f"  离“{n.level.label.zh}”还差 {n.score_gap:g} 分"
        if zh
        else f"  {n.score_gap:g} points short of '{n.level.label.get('en')}'"
    )
    if n.score_gap == 0:
        head = f"  分数已够“{n.level.label.zh}”" if zh else f"  The score already reaches '{n.level.label.get('en')}'"
    return [head] + [f"    · {f.label.get(lang) if f.label else f.dimension}" for f in n.floors]


def advice_lines(r: AssessmentResult, lang: Lang) -> list[str]:
    """The plan and the levers, for ``assess score``."""
    zh = lang == "zh"
    out: list[str] = []
    if r.plan:
        out += ["", "行动方案（按先后）" if zh else "Plan (in order)"]
        for i, p in enumerate(r.plan, 1):
            out.append(f"  {i}. [{HORIZON[p.horizon].get(lang)}] {p.title.get(lang)}")
            out += [("     为什么：" if zh else "     why: ") + w.get(lang) for w in p.why]
            if p.supports:
                out.append(("     可申请：" if zh else "     supports: ") + _names(r, p.supports, lang))
    if r.levers:
        out += ["", "关键改进项（一项改变带来多项支持）" if zh else "Levers (one change, several supports)"]
        for lv in r.levers:
            out.append("  · " + headline(lv.changes).get(lang))
            out.append(("    可申报：" if zh else "    unlocks: ") + _names(r, lv.unlocks, lang))
    out += ["", *(n.get(lang) for n in r.notes)] if r.notes else []
    return out


def whatif_lines(r: AssessmentResult, lang: Lang, support: str | None = None) -> list[str]:
    """Every support's what-ifs (or one support's), for ``assess whatif``."""
    zh = lang == "zh"
    out = [f"== {r.company} =="]
    shown = [s for s in r.supports if support is None or s.id == support]
    for s in shown:
        if not s.what_if and support is None:
            continue
        out.append(f"{s.name.get(lang)} ({s.id})")
        if not s.what_if:
            out.append(
                "  （三项以内的改变都不能使它达到申报条件）"
                if zh
                else "  (no set of up to three changes makes it possible)"
            )
        for i, w in enumerate(s.what_if, 1):
            out.append((f"  方案{i}：" if zh else f"  option {i}: ") + headline(w.changes).get(lang))
    if len(out) == 1:
        out.append("没有可通过改变答案达到申报条件的支持。" if zh else "No support turns eligible by changing answers.")
    out += [n.get(lang) for n in r.notes]
    return out
