"""The use cases every front end calls: pick the questionnaire version, migrate, check, score.

The CLI, the TUI, the report and bulk mode all go through :func:`assess_answers`, so one answer
file gives the same result everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from assess.domain.answers import AnswerFile
from assess.domain.questionnaire import Questionnaire
from assess.engine.core import Engine
from assess.errors import AnswersError
from assess.loading import Bundle
from assess.migration import find_migration, migrate

if TYPE_CHECKING:  # results are built by scoring; importing them up front slows the app's start
    from assess.domain.results import AssessmentResult


def engine_for(bundle: Bundle, questionnaire: Questionnaire) -> Engine:
    """The compiled engine of a questionnaire version of `bundle` (built once, kept in the bundle)."""
    key = ("engine", questionnaire.id, questionnaire.version)
    eng = bundle.derived.get(key)
    if eng is None:
        sha = bundle.hashes.get((questionnaire.id, questionnaire.version))
        eng = bundle.derived[key] = Engine(questionnaire, bundle.catalog, sha256=sha)
    assert isinstance(eng, Engine)
    return eng


def resolve(bundle: Bundle, af: AnswerFile, *, name: str | None = None) -> tuple[Engine, AnswerFile]:
    """The engine to score `af` with, and the answers (migrated when they come from an older version).

    Answers of a bundled version are scored with that version's own rules (reproducible). Answers of
    a version that is not bundled are migrated to the newest version when it declares how.

    Raises:
        AnswersError: unknown questionnaire, unknown version with no migration, or invalid answers.
    """
    ref = af.questionnaire
    latest = bundle.latest(ref.id) if any(k[0] == ref.id for k in bundle.questionnaires) else None
    if latest is None:
        known = ", ".join(sorted({k[0] for k in bundle.questionnaires}))
        raise AnswersError(f"unknown questionnaire '{ref.id}' (known: {known})", file=name, field="questionnaire.id")
    q = bundle.get(ref.id, ref.version)
    if q is not None:
        engine = engine_for(bundle, q)
    else:
        steps = find_migration(latest, ref.version)
        if steps is None:
            versions = ", ".join(v for (i, v) in bundle.questionnaires if i == ref.id)
            raise AnswersError(
                f"questionnaire {ref.id} version {ref.version} is not known (known: {versions}) "
                "and no migration is defined",
                file=name,
                field="questionnaire.version",
            )
        engine = engine_for(bundle, latest)
        af = migrate(af, latest, engine, steps)
    problems = engine.problems(af.answers)
    if problems:
        qid, message = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise AnswersError(message + more, file=name, field=f"answers.{qid}")
    return engine, af


@dataclass(frozen=True)
class Evaluation:
    """An assessment scored: the engine used, the answers as scored (migrated), and the result."""

    engine: Engine
    answers: AnswerFile
    result: AssessmentResult


def evaluate(bundle: Bundle, af: AnswerFile, *, name: str | None = None) -> Evaluation:
    """Score one assessment and keep what a report needs besides the result (engine, migrated answers)."""
    engine, migrated = resolve(bundle, af, name=name)
    from assess.engine.scoring import score  # the scoring modules load on first use: the app starts without them

    result = score(engine, migrated)
    sha = migrated.questionnaire.sha256  # None after a migration: the old hash is of another version
    if sha and sha != engine.sha256:
        result.warnings.append(
            f"questionnaire {engine.questionnaire.id} {engine.questionnaire.version} changed after these answers "
            "were saved; scores use the current text"
        )
    return Evaluation(engine, migrated, result)


def assess_answers(bundle: Bundle, af: AnswerFile, *, name: str | None = None) -> AssessmentResult:
    """Score one assessment: version, migration, validation, scores, levels, supports, actions."""
    return evaluate(bundle, af, name=name).result


def _text(x: Any) -> dict[str, str]:
    return {"zh": x.zh, "en": x.get("en")}


def result_json(result: AssessmentResult, file: str | None = None) -> dict[str, Any]:
    """The stable JSON shape of `assess score --json` (also one line of bulk ``results.jsonl``)."""

    def index(ix: Any) -> dict[str, Any]:
        return {
            "score": ix.score,
            "level": {"id": ix.level.id, **_text(ix.level.label)},
            "band_level": ix.band_level.id,
            "blocked_by": [{"level": f.level, **_text(f.detail)} for f in ix.blocked_by],
            "trace": _text(ix.trace),
        }

    return {
        "file": file,
        "response_id": result.response_id,
        "company": result.company,
        "questionnaire": {"id": result.questionnaire.id, "version": result.questionnaire.version},
        "catalog_version": result.catalog_version,
        "status": result.status,
        "depth": result.depth,
        "answered": result.answered,
        "shown": result.shown,
        "overall": index(result.overall),
        "ai_readiness": index(result.ai_readiness),
        "dimensions": [
            {
                "id": d.id,
                **_text(d.label),
                "block": d.block,
                "score": d.score,
                "status": d.status,
                "coverage": d.coverage,
                "trace": _text(d.trace),
            }
            for d in result.dimensions
        ],
        "computed": {c.id: c.value for c in result.computed},
        "supports": [
            {
                "id": s.id,
                **_text(s.name),
                "status": s.status,
                "reasons": [_text(r) for r in s.reasons],
                "missing": [_text(m) for m in s.missing],
                "need": [n.q for n in s.need],
                "clause": s.clauses,
                "departments": [d.zh for d in s.departments],
                "rule_version": s.rule_version.zh if s.rule_version else None,
            }
            for s in result.supports
        ],
        "actions": [
            {"id": a.id, "dimension": a.dimension, **_text(a.title), "priority": a.priority} for a in result.actions
        ],
        "warnings": result.warnings,
    }
