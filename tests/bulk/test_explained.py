"""Fully explained bulk scoring runs once per distinct answer state; a repeat gives the same document."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from assess.bulk.explained import ExplainedCache, new_secret
from assess.bulk.synth import answer_file
from assess.domain.answers import AnswerFile
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


def _other(a: AnswerFile, rid: str) -> AnswerFile:
    b = a.model_copy(deep=True)
    b.response_id, b.company.name, b.company.credit_code = rid, f"企业{rid}", f"91320800{rid.upper()}"
    return b


@pytest.mark.parametrize("row", [None, 7])
def test_a_results_line_is_the_document_serialised_first_time_or_repeat(
    bundle: Bundle, engine: Engine, row: int | None
) -> None:
    a = answer_file(engine, 1)
    b = _other(a, "b1")
    cache = ExplainedCache()
    for af, name in ((a, "a.json"), (b, "b.json"), (a, "a.json")):
        line, who = cache.score_line(bundle, af, name, row)
        doc, fresh = ExplainedCache().score(bundle, af, name)
        assert line == json.dumps(doc if row is None else doc | {"row": row}, ensure_ascii=False, separators=(",", ":"))
        assert who == fresh
    assert cache.hits == 2


def test_workers_share_the_states_they_scored_and_ignore_files_they_did_not_sign(
    bundle: Bundle, engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = answer_file(engine, 1)
    b, c = _other(a, "b2"), _other(a, "c3")
    expected = {af.response_id: ExplainedCache().score_line(bundle, af, "x.json") for af in (a, b, c)}
    calls: list[str] = []
    real = scoring.score
    monkeypatch.setattr(scoring, "score", lambda e, af: calls.append(af.response_id) or real(e, af))
    secret = new_secret()

    def worker(key: bytes = secret) -> ExplainedCache:
        cache = ExplainedCache()
        cache.share(str(tmp_path), key)
        return cache

    assert worker().score_line(bundle, a, "x.json") == expected[a.response_id]
    assert worker().score_line(bundle, b, "x.json") == expected[b.response_id]
    assert calls == [a.response_id]  # the second worker did not score the state again

    (state,) = list(tmp_path.iterdir())
    forged = tmp_path / "forged"
    forged.write_bytes(b"\0" * 32 + pickle.dumps(("x", "", None)))
    forged.replace(state)  # a file the run did not sign is never unpickled: the state is scored again
    assert worker().score_line(bundle, c, "x.json") == expected[c.response_id]
    assert calls == [a.response_id, c.response_id]
    assert worker(new_secret()).score_line(bundle, c, "x.json") == expected[c.response_id]  # another run's
    assert calls == [a.response_id, c.response_id, c.response_id]
