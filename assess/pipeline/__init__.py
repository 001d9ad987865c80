"""The use cases every front end calls: pick the questionnaire version, migrate, check, score.

The CLI, the TUI, the report and bulk mode all go through :func:`assess_answers`, so one answer
file gives the same result everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from assess.domain.answers import Answer, AnswerFile
from assess.domain.catalog import Catalog
from assess.domain.errors import AnswersError
from assess.domain.questionnaire import Question, Questionnaire
from assess.domain.text import Text
from assess.engine.core import Engine
from assess.files.loading import Bundle
from assess.pipeline.migration import find_migration, migrate

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
class FlowRow:
    """One question this company was shown, with its answer as the respondent saw it."""

    question: Question
    answer: Answer | None
    display: Text


@dataclass(frozen=True)
class FlowSection:
    """A questionnaire section with the questions shown to this company (for a report's appendix)."""

    title: Text
    rows: list[FlowRow]


@dataclass(frozen=True)
class Evaluation:
    """An assessment scored: the engine used, the answers as scored (migrated), and the result.

    Front ends render an Evaluation as it is (the report never scores): besides the result it
    carries the questionnaire and catalog that scored it, and the question flow for an appendix.
    """

    engine: Engine
    answers: AnswerFile
    result: AssessmentResult

    @property
    def questionnaire(self) -> Questionnaire:
        """The questionnaire version that scored the answers."""
        return self.engine.questionnaire

    @property
    def questions(self) -> dict[str, Question]:
        """Every question of that version by id."""
        return self.engine.questions

    @property
    def catalog(self) -> Catalog:
        """The supports catalog the verdicts come from."""
        return self.engine.catalog

    @cached_property
    def flow(self) -> list[FlowSection]:
        """The sections and questions this company was shown, with their answers (computed on first use)."""
        eng, af = self.engine, self.answers
        out = []
        for section, questions in eng.sections(af.answers, af.depth):
            rows = [FlowRow(q, af.answers.get(q.id), eng.display(q.id, af.answers.get(q.id))) for q in questions]
            if rows:
                out.append(FlowSection(section.title, rows))
        return out


def evaluate(bundle: Bundle, af: AnswerFile, *, name: str | None = None) -> Evaluation:
    """Score one assessment and keep what a report needs besides the result (engine, migrated answers)."""
    from assess.advice import advise

    engine, migrated = resolve(bundle, af, name=name)
    from assess.engine.scoring import score  # the scoring modules load on first use: the app starts without them

    result = score(engine, migrated)
    advise(engine, migrated, result)
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
    from assess.advice.export import advice_json, next_json, support_json

    def index(ix: Any) -> dict[str, Any]:
        return {
            "score": ix.score,
            "level": {"id": ix.level.id, **_text(ix.level.label)},
            "band_level": ix.band_level.id,
            "blocked_by": [{"level": f.level, **_text(f.detail)} for f in ix.blocked_by],
            "trace": _text(ix.trace),
            "next": next_json(ix),
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
                **support_json(s),
            }
            for s in result.supports
        ],
        "actions": [
            {"id": a.id, "dimension": a.dimension, **_text(a.title), "priority": a.priority} for a in result.actions
        ],
        **advice_json(result),
        "warnings": result.warnings,
    }


def drop_invalid_answers(bundle: Bundle, af: AnswerFile, name: str) -> list[str]:
    """Remove answers its questionnaire rejects (out of range, unknown option...) until it resolves.

    Raises:
        AnswersError: a problem that is not one answer's (unknown questionnaire or version).
    """
    dropped: list[str] = []
    for _ in range(len(af.answers) + 1):
        try:
            resolve(bundle, af, name=name)
            return dropped
        except AnswersError as e:
            qid = (e.field or "").removeprefix("answers.")
            if not (e.field or "").startswith("answers.") or qid not in af.answers:
                raise
            del af.answers[qid]
            dropped.append(f"answers.{qid}: {e.message}")
    return dropped
