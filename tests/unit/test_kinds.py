"""The kind registry: every question kind has its entry in :data:`assess.engine.kinds.KINDS`, and both
engines read, accept and score its answers alike.

The guard fails when a kind is added to the file format (``QuestionKind``) without a registry entry, or
without a question of that kind in the test questionnaire (tests/data/mini), which is where its
cross-engine case runs: the app (explained engine) and bulk mode (batch engine) must agree on it.
"""

from __future__ import annotations

import random
from typing import Any, get_args

import numpy as np
import pytest

from assess.domain.answers import AnswerFile
from assess.domain.questionnaire import CHOICE_KINDS, NUMERIC_KINDS, QuestionKind
from assess.engine.batch import BatchContext, BatchEngine
from assess.engine.batch_score import item_scores
from assess.engine.core import Engine
from assess.engine.frame import build_frame
from assess.engine.kinds import KINDS
from assess.engine.scoring import item_score
from assess.files.loading import Bundle
from assess.pipeline import engine_for
from tests.unit.two_engines import ASSESSED, cell, doc_of

VISIBLE = {"industry": "manufacturing", "ai_use": "trial"}
"""Answers that show every question of the test questionnaire."""
WRONG: dict[str, list[Any]] = {
    "single": ["nowhere", 1, True, ["qingjiang"]],
    "ladder": ["l9", 2, ["l1"]],
    "multi": ["backup", ["backup", "backup"], ["none", "backup"], ["bogus"]],
    "number": ["12", True, -1, 1e16],
    "percent": [101, "50%", False],
    "yesno": [1, "yes", 0.0],
    "text": [5, ["a"], "x" * 51],
    "longtext": [5, False],
    "date": [20240501, "2024-13-01", "1899-12-31", True],
}
"""Values of the wrong type or out of range, per kind: both paths refuse them."""


@pytest.fixture(scope="module")
def engine(mini_bundle: Bundle) -> Engine:
    return engine_for(mini_bundle, mini_bundle.latest("mini"))


def test_every_question_kind_has_an_entry_in_the_registry() -> None:
    kinds = set(get_args(QuestionKind))
    assert set(KINDS) == kinds, f"kinds without a registry entry: {sorted(kinds - set(KINDS))}"
    assert all(kind.name == name for name, kind in KINDS.items())
    assert {k for k, kind in KINDS.items() if kind.choice} == CHOICE_KINDS, "options: model and registry differ"
    assert {k for k, kind in KINDS.items() if kind.numeric} == NUMERIC_KINDS, "numbers: model and registry differ"
    assert set(WRONG) == kinds, "a kind without wrong values to refuse"


def _questions(engine: Engine, kind: str) -> list[str]:
    qids = [qid for qid, q in engine.questions.items() if q.kind == kind]
    assert qids, f"no {kind} question in the test questionnaire: the kind has no cross-engine case"
    return qids


def _both(engine: Engine, qid: str, value: Any) -> tuple[Any, Any, float | None, float, bool, int]:
    """(explained value, batch value, explained score, batch score, batch accepted, batch special code)."""
    answers = {**VISIBLE, qid: value}
    doc = doc_of(answers, "full")
    af = AnswerFile.model_validate(doc)
    ctx = engine.context(af.answers, "full", ASSESSED)
    q = engine.questions[qid]
    be = BatchEngine.of(engine)
    assert be is not None
    frame = build_frame(engine, [doc])
    bctx = BatchContext(be, frame, frame.depth_full, frame.assessed)
    col = bctx.value(qid)
    explained_score = item_score(engine, q, ctx) if ctx.value(qid) is not None else None
    return (
        ctx.value(qid),
        cell(col),
        explained_score,
        float(item_scores(be, q, col)[0]),
        bool(frame.accepted[0]),
        int(bctx.special(qid)[0]),
    )


@pytest.mark.parametrize("kind", sorted(get_args(QuestionKind)))
def test_every_kind_reads_and_scores_the_same_on_both_engines(engine: Engine, kind: str) -> None:
    rng = random.Random(kind)
    for qid in _questions(engine, kind):
        q = engine.questions[qid]
        spec = KINDS[kind]
        values = [
            spec.synth(q, list(engine.options[qid]), engine.exclusive_codes[qid], rng, wide=True) for _ in range(25)
        ]
        for value in values:
            assert engine.answer_issue(q, AnswerFile.model_validate(doc_of({qid: value}, "full")).answers[qid]) is None
            explained, vector, score, vscore, accepted, _ = _both(engine, qid, value)
            assert accepted, f"the batch engine declined {qid}={value!r}, a valid {kind} answer"
            if isinstance(explained, int | float) and not isinstance(explained, bool):
                explained = float(explained)
            if isinstance(explained, list) and isinstance(vector, list):  # a choice of several is a set
                explained, vector = sorted(explained), sorted(vector)
            assert explained == vector and type(explained) is type(vector), (qid, value, explained, vector)
            assert (score is None and np.isnan(vscore)) or score == vscore, (qid, value, score, vscore)
        for special, code in (("__na__", 1), ("__dk__", 2)):
            if (q.allow_na if code == 1 else q.allow_dk) and qid not in VISIBLE:
                assert _both(engine, qid, special)[5] == code


@pytest.mark.parametrize("kind", sorted(get_args(QuestionKind)))
def test_every_kind_refuses_the_same_values_on_both_engines(engine: Engine, kind: str) -> None:
    for qid in _questions(engine, kind):
        q = engine.questions[qid]
        for value in WRONG[kind]:
            answer = AnswerFile.model_validate(doc_of({qid: value}, "full")).answers[qid]
            assert engine.answer_issue(q, answer) is not None, f"{qid}={value!r} accepted by the app"
            assert not _both(engine, qid, value)[4], f"{qid}={value!r} accepted by the batch engine"


@pytest.mark.parametrize("kind", sorted(get_args(QuestionKind)))
def test_every_kind_reads_back_what_it_displays(engine: Engine, kind: str) -> None:
    """Typed text (as the app shows an answer) parses back to the same value: the canonical form."""
    rng = random.Random(kind)
    for qid in _questions(engine, kind):
        q = engine.questions[qid]
        for _ in range(10):
            value = KINDS[kind].synth(q, list(engine.options[qid]), engine.exclusive_codes[qid], rng, wide=False)
            answer = AnswerFile.model_validate(doc_of({qid: value}, "full")).answers[qid]
            shown = engine.display(qid, answer).zh
            if kind in ("number", "percent"):
                shown = shown.replace(",", "")
            assert engine.parse(q, shown).value == value, (qid, value, shown)
