"""Distance to the next level: the score gap and every floor of that level the company fails, with its gap."""

from __future__ import annotations

from assess.domain.fast import build
from assess.domain.questionnaire import Floor, LevelScale
from assess.domain.results import AssessmentResult, FloorGap, IndexResult, NextLevel
from assess.domain.text import t
from assess.engine.context import Context
from assess.engine.core import Engine
from assess.engine.logic import referenced
from assess.engine.scoring import floor_label


def next_level(
    engine: Engine, scale: LevelScale, ix: IndexResult, ctx: Context, r: AssessmentResult
) -> NextLevel | None:
    """How far `ix` is from the level above the one reached (None at the top)."""
    ids = [lv.id for lv in scale.levels]
    i = ids.index(ix.level.id)
    if i + 1 >= len(ids) or ix.next_level is None:
        return None
    lv = scale.levels[i + 1]
    gap = max(0.0, round(lv.min_score - (ix.score or 0.0), 1))
    floors = [g for f in lv.floors for g in _gaps(engine, f, ctx, r)]
    return build(NextLevel, level=ix.next_level, score_gap=gap, floors=floors)


def _gaps(engine: Engine, floor: Floor, ctx: Context, r: AssessmentResult) -> list[FloorGap]:
    """The failing parts of one floor: each dimension or block below its minimum, or an unmet rule."""
    if floor.rule is not None:
        if engine.cond(floor.rule)(ctx) is True:
            return []
        dims = referenced(floor.rule, "dim") or _dims_of_questions(engine, referenced(floor.rule, "q"))
        label = floor_label(engine, floor)
        return [
            build(
                FloorGap,
                dimension=dims[0] if dims else "",
                gap=0.0,
                label=t(f"尚未做到：{label.zh}", f"Not yet: {label.get('en')}"),
            )
        ]
    assert floor.min is not None
    out: list[FloorGap] = []
    scored = {d.id: (d.label, d.status, d.score) for d in r.dimensions}
    scored |= {b.id: (b.label, "scored" if b.score is not None else "not_applicable", b.score) for b in r.blocks}
    for x in (*floor.dims, *floor.blocks):
        label, status, score = scored[x]
        if status == "insufficient":
            out.append(
                build(
                    FloorGap,
                    dimension=x,
                    gap=floor.min,
                    label=t(
                        f"{label.zh}数据不足（需达到 {floor.min:g} 分）",
                        f"{label.get('en')}: insufficient data (needs {floor.min:g})",
                    ),
                )
            )
        elif score is not None and score < floor.min:
            gap = round(floor.min - score, 1)
            out.append(
                build(
                    FloorGap,
                    dimension=x,
                    gap=gap,
                    label=t(
                        f"{label.zh} {score:g} 分，还差 {gap:g} 分达到 {floor.min:g} 分",
                        f"{label.get('en')} {score:g}: {gap:g} short of {floor.min:g}",
                    ),
                )
            )
    return out


def _dims_of_questions(engine: Engine, qids: list[str]) -> list[str]:
    """The dimensions that score these questions (a rule floor such as "one AI tool in routine use")."""
    return list(
        dict.fromkeys(
            d.id for b in engine.questionnaire.scoring.blocks for d in b.dimensions for it in d.items if it.q in qids
        )
    )
