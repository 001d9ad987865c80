"""Fully explained bulk scoring runs once per distinct answer state; a repeat gives the same document."""

from __future__ import annotations

import pytest

from assess.bulk.explained import ExplainedCache
from assess.bulk.synth import answer_file
from assess.domain.errors import AnswersError
from assess.engine import scoring
from assess.engine.core import Engine
from assess.files.loading import Bundle


def test_a_repeated_answer_state_is_scored_once_and_keeps_its_own_company(
    bundle: Bundle, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = answer_file(engine, 1)
    b = a.model_copy(deep=True)
    b.response_id, b.company.name, b.company.credit_code = "other-id", "另一家企业", "91320800OTHER0001"
    calls: list[str] = []
    real = scoring.score
    monkeypatch.setattr(scoring, "score", lambda e, af: calls.append(af.response_id) or real(e, af))
    cache = ExplainedCache()
    cache.score(bundle, a, "a.json")
    doc_b, who_b = cache.score(bundle, b, "b.json")
    assert calls == [a.response_id] and cache.hits == 1
    fresh_doc, fresh_who = ExplainedCache().score(bundle, b, "b.json")  # b scored on its own
    assert doc_b == fresh_doc and list(doc_b) == list(fresh_doc)
    assert who_b == fresh_who and who_b.credit_code == "91320800OTHER0001"


def test_other_answers_or_another_date_are_another_state(bundle: Bundle, engine: Engine) -> None:
    a = answer_file(engine, 1)
    later = a.model_copy(update={"visit_date": a.assessed_on.replace(year=a.assessed_on.year + 3)})
    other = answer_file(engine, 2)
    keys = {ExplainedCache.key(x) for x in (a, later, other)}
    assert len(keys) == 3


def test_an_invalid_file_is_an_error_every_time(bundle: Bundle, engine: Engine) -> None:
    bad = answer_file(engine, 1)
    bad.questionnaire = bad.questionnaire.model_copy(update={"version": "9.9.9"})
    cache = ExplainedCache()
    for _ in range(2):
        with pytest.raises(AnswersError):
            cache.score(bundle, bad, "bad.json")
    assert not cache.states
