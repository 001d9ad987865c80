"""Moving answers saved with an older questionnaire version forward, by declarative steps.

A newer version lists ``migrations: [{from_version: "1.0.*", steps: [...]}]`` with rename, recode,
drop and set steps. Answers of a version that is neither bundled nor migratable are refused with a
clear message.
"""

from __future__ import annotations

from fnmatch import fnmatchcase

from assess.domain.answers import Answer, AnswerFile
from assess.domain.questionnaire import Drop, Questionnaire, Recode, Rename, SetValue
from assess.engine.core import Engine


def find_migration(target: Questionnaire, version: str) -> list[object] | None:
    """The steps that move answers of `version` to `target`, or None when none is declared."""
    for m in target.migrations:
        if fnmatchcase(version, m.from_version):
            return list(m.steps)
    return None


def migrate(af: AnswerFile, target: Questionnaire, engine: Engine, steps: list[object]) -> AnswerFile:
    """A copy of `af` with the steps applied, pointing at `target` (the file on disk is untouched)."""
    answers = dict(af.answers)
    for step in steps:
        match step:
            case Rename(q=q, to=to):
                if q in answers:
                    answers[to] = answers.pop(q)
            case Recode(q=q, map=mapping):
                a = answers.get(q)
                if a is not None and isinstance(a.value, str):
                    answers[q] = a.model_copy(update={"value": mapping.get(a.value, a.value)})
                elif a is not None and isinstance(a.value, list):
                    answers[q] = a.model_copy(update={"value": [mapping.get(v, v) for v in a.value]})
            case Drop(q=q):
                answers.pop(q, None)
            case SetValue(q=q, value=value, when=when):
                old = engine.context(af.answers, af.depth, af.assessed_on)
                if when is None or engine.cond(when)(old) is True:
                    answers[q] = Answer(value=value)
    out = af.model_copy(deep=True)
    out.answers = answers
    out.migrated_from = af.questionnaire.version
    out.questionnaire = out.questionnaire.model_copy(update={"version": target.version, "sha256": None})
    return out
