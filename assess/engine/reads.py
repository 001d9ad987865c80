"""Which questions a condition reads, directly or through computed values (matching and advice share it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assess.engine.logic import referenced

if TYPE_CHECKING:
    from assess.engine.core import Engine


def questions_of(engine: Engine, node: object) -> list[str]:
    """Question ids a condition reads, directly or through computed values (cached per engine)."""
    key = id(node)
    cached = engine.reads.get(key)
    if cached is not None:
        return cached
    out = referenced(node, "q")
    by_id = {c.id: c for c in engine.questionnaire.computed}
    for cid in referenced(node, "computed"):
        if cid in by_id:
            out += [q for q in questions_of(engine, by_id[cid].expr) if q not in out]
    engine.reads[key] = out
    return out
