"""The figures of a scored assessment: what tables, aggregates and dashboards use.

Both engines give them: :func:`figures_of` reads them off a fully explained result (the one-company
engine); :func:`assess.pipeline.batch.figures_all` off a numpy batch. Tests check the two agree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from assess.domain.results import AssessmentResult, IndexResult
from assess.domain.text import Text
from assess.engine.core import Engine
from assess.pipeline import Evaluation


@dataclass(slots=True)
class IndexFigure:
    """An index's score and level: the level reached, and the band the score alone falls in."""

    score: float | None
    level: str
    label: Text
    band: str


@dataclass(slots=True)
class Blocked:
    """A floor that kept an index below its score band."""

    index: str
    level: str
    label: Text


@dataclass(slots=True)
class Figures:
    """The figures of one scored assessment: what tables, aggregates and dashboards use."""

    questionnaire: tuple[str, str]
    overall: IndexFigure
    ai_readiness: IndexFigure
    blocked: tuple[Blocked, ...]
    dims: dict[str, float | None]
    dim_status: dict[str, str]
    blocks: dict[str, float | None]
    supports: dict[str, str]
    """Support id → apply / prepare / need_info / not_eligible."""
    answered: int
    shown: int


@dataclass(slots=True)
class Assessed:
    """A scored answer file: who and what it is about, and its figures."""

    response_id: str
    company: str
    credit_code: str | None
    contact: str | None
    status: str
    depth: str
    assessed_on: date
    breakdowns: dict[str, str | None]
    """The answers summaries break results down by (``region``, ``sector``: option codes)."""
    figures: Figures
    engine: str = field(default="explained", compare=False)
    """Which engine scored it: ``batch`` (numpy, bulk --figures-only) or ``explained`` (one company)."""


def assessed_of(ev: Evaluation) -> Assessed:
    """The figures of an explained evaluation (the one-company engine), with who it is about."""
    af = ev.answers
    return Assessed(
        response_id=af.response_id,
        company=af.company.name,
        credit_code=af.company.credit_code,
        contact=af.company.contact,
        status=af.status,
        depth=af.depth,
        assessed_on=af.assessed_on,
        breakdowns=breakdowns(
            breakdown_questions(ev.engine), lambda qid: a.value if (a := af.answers.get(qid)) is not None else None
        ),
        figures=figures_of(ev.result, ev.engine),
    )


def breakdown_questions(engine: Engine) -> list[tuple[str, str | None]]:
    """(breakdown, question id) pairs of the questionnaire: ``region``, ``sector``."""
    bd = engine.questionnaire.breakdowns
    return [(name, getattr(bd, name)) for name in type(bd).model_fields]


def breakdowns(questions: list[tuple[str, str | None]], value: Callable[[str], object]) -> dict[str, str | None]:
    """The answers (option codes) of the breakdown questions, read through `value`."""
    out: dict[str, str | None] = {}
    for name, qid in questions:
        v = value(qid) if qid else None
        out[name] = v if isinstance(v, str) else None
    return out


def _level(ix: IndexResult) -> IndexFigure:
    return IndexFigure(ix.score, ix.level.id, ix.level.label, ix.band_level.id)


def figures_of(result: AssessmentResult, engine: Engine) -> Figures:
    """The figures of a fully explained result (the one-company engine); supports in catalog order."""
    status = {s.id: s.status for s in result.supports}
    return Figures(
        questionnaire=(result.questionnaire.id, result.questionnaire.version),
        overall=_level(result.overall),
        ai_readiness=_level(result.ai_readiness),
        blocked=tuple(
            Blocked(name, f.level, f.label)
            for name, ix in (("overall", result.overall), ("ai_readiness", result.ai_readiness))
            for f in ix.blocked_by
        ),
        dims={d.id: d.score for d in result.dimensions},
        dim_status={d.id: d.status for d in result.dimensions},
        blocks={b.id: b.score for b in result.blocks},
        supports={s.id: status[s.id] for s in engine.catalog.supports if s.id in status},
        answered=result.answered,
        shown=result.shown,
    )


def figures_json(a: Assessed, file: str | None = None) -> dict[str, Any]:
    """One line of bulk ``results.jsonl`` with ``--figures-only``: the keys of ``assess score --json``
    that carry figures, without the explanations (``"explained": false``)."""
    f = a.figures

    def index(name: str, lv: IndexFigure) -> dict[str, Any]:
        blocked = [{"level": b.level, "zh": b.label.zh, "en": b.label.get("en")} for b in f.blocked if b.index == name]
        return {
            "score": lv.score,
            "level": {"id": lv.level, "zh": lv.label.zh, "en": lv.label.get("en")},
            "band_level": lv.band,
            "blocked_by": blocked,
        }

    return {
        "file": file,
        "response_id": a.response_id,
        "company": a.company,
        "questionnaire": {"id": f.questionnaire[0], "version": f.questionnaire[1]},
        "status": a.status,
        "depth": a.depth,
        "answered": f.answered,
        "shown": f.shown,
        "overall": index("overall", f.overall),
        "ai_readiness": index("ai_readiness", f.ai_readiness),
        "dimensions": [{"id": k, "score": v, "status": f.dim_status[k]} for k, v in f.dims.items()],
        "supports": [{"id": k, "status": v} for k, v in f.supports.items()],
        "explained": False,
    }
