"""An index on its level scale, and the exact gap to the next level.

The advice step fills :attr:`IndexResult.next` (score gap and failing floors). When it is absent
(older results), the gap is read from the same data: the next level's minimum score and floors in
the questionnaire, against the dimension and block scores of the result.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assess.domain.questionnaire import Floor, Level, LevelScale
from assess.domain.results import FloorGap, IndexResult, NextLevel
from assess.domain.text import clauses
from assess.report.base import num
from assess.report.owner_views import ScaleStep, ScaleView

if TYPE_CHECKING:
    from assess.report.base import ViewBuilder


def _floor_gaps(b: ViewBuilder, floor: Floor) -> list[FloorGap]:
    """Dimensions (and blocks) of `floor` below its minimum, with their gaps (inf: no score)."""
    if floor.min is None:
        return []
    dims = {d.id: d for d in b.r.dimensions}
    blocks = {x.id: x for x in b.r.blocks}
    out = []
    for did in floor.dims:
        d = dims.get(did)
        if d is None or d.status == "not_applicable":
            continue
        if d.score is None or d.score < floor.min:
            gap = floor.min - d.score if d.score is not None else float("inf")
            out.append(FloorGap(dimension=did, gap=gap, label=floor.label))
    for bid in floor.blocks:
        blk = blocks.get(bid)
        if blk is not None and (blk.score is None or blk.score < floor.min):
            gap = floor.min - blk.score if blk.score is not None else float("inf")
            out.append(FloorGap(dimension=bid, gap=gap, label=floor.label))
    return out


def next_level(b: ViewBuilder, levels: LevelScale, ix: IndexResult) -> NextLevel | None:
    """The pipeline's distance to the next level, or the same computed from the level data."""
    if ix.next is not None or ix.next_level is None:
        return ix.next
    lv: Level | None = next((x for x in levels.levels if x.id == ix.next_level.id), None)
    if lv is None:
        return None
    gap = max(0.0, lv.min_score - (ix.score or 0.0))
    floors = [g for f in lv.floors for g in _floor_gaps(b, f)]
    return NextLevel(level=ix.next_level, score_gap=round(gap, 1), floors=floors)


def _name(b: ViewBuilder, dim_or_block: str) -> str:
    if dim_or_block in b.dim_label:
        return b.dim_label[dim_or_block]
    return next((b.tx(x.label) for x in b.r.blocks if x.id == dim_or_block), dim_or_block)


def scale(b: ViewBuilder, levels: LevelScale, ix: IndexResult) -> ScaleView:
    """`ix` on its scale with the gap to the next level and what blocks it."""
    current = [x.id for x in levels.levels].index(ix.level.id) if ix.level.id in [x.id for x in levels.levels] else -1
    steps = [
        ScaleStep(
            label=b.tx(x.label),
            min_score=num(x.min_score),
            state="current" if k == current else "reached" if k < current else "ahead",
        )
        for k, x in enumerate(levels.levels)
    ]
    nxt = next_level(b, levels, ix)
    gap: str | None = None
    blockers: list[str] = []
    if nxt is not None:
        label = b.tx(nxt.level.label)
        gap = (
            b.s["gap_fmt"].format(level=label, gap=num(nxt.score_gap))
            if nxt.score_gap > 0
            else b.s["gap_score_ok"].format(level=label)
        )
        seen: set[str] = set()
        for f in sorted(nxt.floors, key=lambda f: -f.gap):
            name = _name(b, f.dimension)
            if name in seen:
                continue
            seen.add(name)
            if f.gap <= 0 and f.label is not None:  # a condition, not a score: no points to add
                blockers.append(b.tx(f.label))
            elif f.gap == float("inf"):
                blockers.append(b.s["floor_open_fmt"].format(name=name))
            else:
                blockers.append(b.s["floor_gap_fmt"].format(name=name, gap=num(f.gap)))
        rules = [f for f in ix.blocked_by if f.level == nxt.level.id and (not f.dims or not nxt.floors)]
        blockers += [t for t in dict.fromkeys(b.tx(f.detail) for f in rules) if t not in blockers]
    if gap is not None and blockers:
        lead = b.s["colon"] + (b.s["blocked_lead"] if nxt is not None and nxt.score_gap > 0 else "")
        gap += lead + clauses(blockers[:4], b.lang)
    return ScaleView(
        name=b.tx(levels.label),
        score=num(ix.score),
        level=b.tx(ix.level.label),
        meaning=b.tx(ix.level.meaning),
        steps=steps,
        next_level=b.tx(nxt.level.label) if nxt else None,
        gap=gap,
        blockers=blockers[:4],
    )
