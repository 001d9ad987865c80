"""What the results screen says about a level, in words an owner understands (no textual import).

For each index: where the level sits on its scale (筑基级 is level 2 of 5), what the answers show (the
strongest and weakest dimensions with their descriptors, never a level's generic meaning that the
answers may contradict), the gap to the next level, and every level's meaning for the explanation.
The plan and levers come from :class:`AssessmentResult` as the advice step fills them; without them
the screen falls back to the actions.
"""

from __future__ import annotations

from assess.domain.questionnaire import LevelScale
from assess.domain.results import AssessmentResult, DimensionResult, IndexResult, Lever, PlanItem, said
from assess.domain.text import Lang, Text, clauses, listing
from assess.tui.strings import tr
from assess.tui.widgets.bars import fmt_score

HORIZONS = ("90d", "year", "next_year")


def position(scale: LevelScale, level_id: str) -> tuple[int, int]:
    """(n, of) of level `level_id` on `scale`, lowest = 1 (0 when unknown)."""
    ids = [lv.id for lv in sorted(scale.levels, key=lambda lv: lv.min_score)]
    return (ids.index(level_id) + 1 if level_id in ids else 0, len(ids))


def _label(text: Text | None, lang: Lang) -> str:
    return text.get(lang) if text is not None else ""


def shows(dims: list[DimensionResult], lang: Lang) -> str:
    """What the answers show: the strongest and the weakest scored dimension, with their descriptors."""
    scored = [d for d in dims if d.score is not None]
    if not scored:
        return ""
    best = max(scored, key=lambda d: d.score or 0)
    worst = min(scored, key=lambda d: d.score or 0)

    def one(d: DimensionResult) -> str:
        descriptor = _label(d.descriptor, lang)
        return (
            f"{_label(d.label, lang)}（{descriptor.rstrip('。')}）"
            if lang == "zh" and descriptor
            else (f"{_label(d.label, lang)} ({descriptor.rstrip('.')})" if descriptor else _label(d.label, lang))
        )

    if best is worst:
        return tr("shows_one", lang, dim=one(best))
    return tr("shows", lang, best=one(best), worst=one(worst))


def gap(index: IndexResult, scale: LevelScale, dims: dict[str, str], lang: Lang) -> str:
    """The distance to the next level: from ``index.next`` when the advice step filled it, else from the
    scale (points to the band) and the floors that blocked it."""
    if index.next_level is None or index.score is None:
        return tr("top_level", lang) if index.next_level is None else ""
    name = _label(index.next_level.label, lang)
    nxt = index.next
    if nxt is not None:
        score_gap = nxt.score_gap
        floors = [  # the advice step's label says what is missing, with the points where there are any
            _label(f.label, lang) or dims.get(f.dimension, f.dimension) + (f" +{fmt_score(f.gap)}" if f.gap > 0 else "")
            for f in nxt.floors
        ]
    else:
        band = next((lv.min_score for lv in scale.levels if lv.id == index.next_level.id), index.score)
        score_gap = max(0.0, band - index.score)
        floors = [_label(b.label, lang) for b in index.blocked_by if not b.passed]
    parts = [tr("gap_points", lang, level=name, points=fmt_score(score_gap))] if score_gap > 0 else []
    if floors:
        parts.append(
            tr("gap_floors", lang, level=name, floors="、".join(floors) if lang == "zh" else "; ".join(floors))
        )
    return clauses(parts, lang) or tr("gap_none", lang, level=name)


def ladder(scale: LevelScale, current: str, lang: Lang) -> list[str]:
    """Every level of `scale`, lowest first, with its meaning; the company's own marked with ▶."""
    levels = sorted(scale.levels, key=lambda lv: lv.min_score)
    out = [tr("levels_head", lang, n=len(levels))]
    for i, lv in enumerate(levels, start=1):
        mark = "> " if lv.id == current else "  "
        out.append(f"{mark}{i}. {lv.label.get(lang)}{'：' if lang == 'zh' else ': '}{lv.meaning.get(lang)}")
    return out


def plan_groups(plan: list[PlanItem]) -> list[tuple[str, list[PlanItem]]]:
    """Plan items by horizon (90 days, this year, next year), each group in the plan's order."""
    return [(h, [p for p in plan if p.horizon == h]) for h in HORIZONS if any(p.horizon == h for p in plan)]


def lever_text(lever: Lever, names: dict[str, str], lang: Lang) -> tuple[str, str]:
    """(what to change, what it unlocks) of a lever, in `lang`."""
    sep = "；" if lang == "zh" else "; "
    changes = sep.join(c.text.get(lang) for c in said(lever.changes))
    unlocks = listing((names.get(s, s) for s in lever.unlocks), lang)
    return changes, unlocks


def support_names(result: AssessmentResult, lang: Lang) -> dict[str, str]:
    """Support id → name in `lang`."""
    return {s.id: s.name.get(lang) for s in result.supports}
