"""The batch scorer gives every file exactly the figures (or the error) the one-company engine gives it.

Bulk mode scores thousands of files through numpy batches (:mod:`assess.pipeline.batch`); the app, reports and
``assess score`` use the explained one-company engine. An analyst must never see a number in
results.csv that ``assess score`` would not print, so these tests compare both engines on generated
answers (both depths, gaps, n/a, don't-know, stale answers of hidden questions, shorthands), on the
personas and on the test questionnaire that uses every question kind and rule op.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assess.bulk.synth import answer_file
from assess.domain.errors import AnswersError
from assess.engine.batch import BatchEngine, py_round
from assess.engine.batch_score import score_frame
from assess.engine.frame import build_frame
from assess.files.loading import Bundle, load_bundle
from assess.files.storage import parse_answers
from assess.pipeline import engine_for, evaluate
from assess.pipeline.batch import Assessed, assessed_of, figures_all, score_many

PERSONAS = Path(__file__).parent.parent / "personas"


@pytest.fixture(scope="module")
def bundle() -> Bundle:
    return load_bundle()


def messy_docs(bundle: Bundle, n: int, seed: int) -> list[dict[str, Any]]:
    """Valid answer files as people leave them: some answers missing, some in shorthand."""
    engine = engine_for(bundle, bundle.latest())
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        af = answer_file(engine, i, seed=seed, depth=rng.choice(["quick", "full"]), wide=i % 2 == 1)
        doc = json.loads(af.model_dump_json(exclude_defaults=True))
        answers = doc["answers"]
        drop = rng.choice([0.0, 0.1, 0.5, 0.9])
        for qid in list(answers):
            r = rng.random()
            if r < drop:
                del answers[qid]
            elif r < drop + 0.1:  # shorthand: the plain value, or "__na__" / "__dk__"
                a = answers[qid]
                answers[qid] = a["value"] if "value" in a else f"__{a['special']}__"
            elif r < drop + 0.15:
                answers[qid] = {**answers[qid], "note": "现场确认", "verified": True}
        docs.append(doc)
    return docs


def one_by_one(bundle: Bundle, name: str, data: bytes) -> Assessed | tuple[str | None, str]:
    try:
        return assessed_of(evaluate(bundle, parse_answers(data, name), name=name))
    except AnswersError as e:
        return (e.field, e.message)


def batch(bundle: Bundle, files: list[tuple[str, bytes]]) -> list[Assessed | tuple[str | None, str]]:
    return [out if isinstance(out, Assessed) else (out.field, out.message) for _, out in score_many(bundle, files)]


def assert_fast_path_equal(bundle: Bundle, docs: list[dict[str, Any]]) -> None:
    """Every doc is taken by the batch engine (not sent the slow way) and scores the same."""
    engine = engine_for(bundle, bundle.latest())
    be = BatchEngine.of(engine)
    assert be is not None
    res = score_frame(be, build_frame(engine, docs))
    assert res.accepted.all(), f"declined: {np.flatnonzero(~res.accepted)[:5]}"
    for i, (doc, fig) in enumerate(zip(docs, figures_all(engine, res), strict=True)):
        expected = one_by_one(bundle, f"doc{i}", json.dumps(doc).encode())
        assert isinstance(expected, Assessed)
        assert fig == expected.figures, f"doc {i} ({doc['depth']}, {len(doc['answers'])} answers)"


def test_batch_figures_equal_explained_figures_on_the_bundled_questionnaire(bundle: Bundle) -> None:
    assert_fast_path_equal(bundle, messy_docs(bundle, 150, seed=7))


def test_batch_figures_equal_explained_figures_on_every_kind_and_op(mini_bundle: Bundle) -> None:
    assert_fast_path_equal(mini_bundle, messy_docs(mini_bundle, 200, seed=3))


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(1, 12))
def test_batch_and_one_company_engines_agree_for_any_answers(mini_bundle: Bundle, seed: int, n: int) -> None:
    assert_fast_path_equal(mini_bundle, messy_docs(mini_bundle, n, seed=seed))


@settings(max_examples=8, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(1, 6))
def test_batch_and_one_company_engines_agree_on_the_bundled_questionnaire(bundle: Bundle, seed: int, n: int) -> None:
    assert_fast_path_equal(bundle, messy_docs(bundle, n, seed=seed))


def test_personas_score_the_same_in_bulk(bundle: Bundle) -> None:
    files = [(p.name, p.read_bytes()) for p in sorted(PERSONAS.glob("*.json"))]
    got = batch(bundle, files)
    assert got == [one_by_one(bundle, name, data) for name, data in files]
    assert all(isinstance(x, Assessed) for x in got)
    catalog = [s.id for s in bundle.catalog.supports]
    assert all(list(x.figures.supports) == catalog for x in got if isinstance(x, Assessed))
    first = got[0]
    assert isinstance(first, Assessed) and first.breakdowns["region"] and first.company


def _variant(doc: dict[str, Any], path: str, value: object) -> bytes:
    d = json.loads(json.dumps(doc))
    *parents, last = path.split(".")
    target = d
    for key in parents:
        target = target[key]
    if value is KeyError:
        del target[last]
    else:
        target[last] = value
    return json.dumps(d, ensure_ascii=False).encode()


def test_files_the_batch_declines_get_the_one_company_answer(bundle: Bundle) -> None:
    doc = messy_docs(bundle, 1, seed=1)[0]
    doc["answers"]["p_employees"] = {"value": 120}
    cases = {
        "ok": json.dumps(doc).encode(),
        "truncated": json.dumps(doc).encode()[:-40],
        "not json": b"\x00\x01garbage",
        "empty": b"",
        "blank": b" \n",
        "empty object": b"{}",
        "unknown option": _variant(doc, "answers.p_region", {"value": "shanghai"}),
        "unknown question": _variant(doc, "answers.no_such_question", {"value": 1}),
        "negative staff": _variant(doc, "answers.p_employees", {"value": -5}),
        "staff as text": _variant(doc, "answers.p_employees", {"value": "120人"}),
        "yes as 1": _variant(doc, "answers.p_gsm", {"value": 1}),
        "wrong version": _variant(doc, "questionnaire.version", "0.9"),
        "other wording": _variant(doc, "questionnaire.sha256", "0" * 64),
        "unknown field": _variant(doc, "colour", "blue"),
        "no company": _variant(doc, "company", KeyError),
        "odd date": _variant(doc, "updated_at", "2026-03-01"),
        "more science staff than staff": _variant(doc, "answers.p_st_staff", {"value": 500}),
        "n/a where not offered": _variant(doc, "answers.p_region", "__na__"),
        "don't know with a value": _variant(doc, "answers.p_region", {"special": "dk", "value": "qingjiang"}),
        "a title twice": _variant(doc, "answers.p_titles", {"value": ["hnte", "hnte"]}),
        "none and a title": _variant(doc, "answers.p_titles", {"value": ["none", "hnte"]}),
        "30 February": _variant(doc, "answers.p_est_date", {"value": "2023-02-30"}),
        "half a person": _variant(doc, "answers.p_employees", {"value": 12.5}),
        "infinite staff": _variant(doc, "answers.p_employees", {"value": 1e400}),
        "a note too long": _variant(doc, "answers.p_region", {"value": "qingjiang", "note": "长" * 5000}),
        "verified as text": _variant(doc, "answers.p_region", {"value": "qingjiang", "verified": "yes"}),
    }
    files = list(cases.items())
    got = batch(bundle, files)
    expected = [one_by_one(bundle, name, data) for name, data in files]
    assert got == expected
    outcome = dict(zip(cases, got, strict=True))
    assert isinstance(outcome["ok"], Assessed)
    assert outcome["unknown option"] == ("answers.p_region", outcome["unknown option"][1])  # type: ignore[index]
    assert not isinstance(outcome["more science staff than staff"], Assessed)


def test_without_the_batch_engine_every_file_still_scores_the_same(
    bundle: Bundle, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = [(f"f{i}", json.dumps(d).encode()) for i, d in enumerate(messy_docs(bundle, 6, seed=11))]
    fast = batch(bundle, files)
    monkeypatch.setattr(BatchEngine, "supports", staticmethod(lambda engine: False))
    engine_for(bundle, bundle.latest()).memo.pop(("batch-engine",), None)
    try:
        assert batch(bundle, files) == fast
    finally:
        engine_for(bundle, bundle.latest()).memo.pop(("batch-engine",), None)


def test_a_chunk_mixing_questionnaires_keeps_input_order(bundle: Bundle, mini_bundle: Bundle) -> None:
    docs = messy_docs(bundle, 3, seed=5)
    files = [(f"f{i}", json.dumps(d).encode()) for i, d in enumerate(docs)]
    files.insert(1, ("mini", (Path(__file__).parent.parent / "data/mini/answers.json").read_bytes()))
    names = [name for name, _ in score_many(bundle, files, chunk=2)]
    assert names == [name for name, _ in files]


@given(st.lists(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15), max_size=50))
def test_rounding_matches_python_round(values: list[float]) -> None:
    arr = np.array(values, dtype=np.float64)
    for digits in (1, 6):
        got = py_round(arr, np.ones(len(arr), dtype=bool), digits)
        assert got.tolist() == [round(v, digits) for v in values]


def test_halves_round_like_python() -> None:
    arr = np.array([0.15, 0.25, 2.675, 1.05, 0.45, 62.25, 2.5e-7, 1e10 + 0.05])
    got = py_round(arr, np.ones(len(arr), dtype=bool), 1).tolist()
    assert got == [round(v, 1) for v in arr.tolist()]
