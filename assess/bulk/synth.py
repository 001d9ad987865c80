"""Synthetic, valid answer files for any questionnaire (benchmarks, tests, demos). Deterministic per seed."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path

from assess.domain.answers import Answer, AnswerFile
from assess.engine.core import Engine
from assess.engine.kinds import KINDS

_NAMES = ("淮安", "清江", "淮阴", "涟水", "洪泽", "盱眙", "金湖", "淮安经开")
_KINDS = ("机械", "食品", "化工", "电子", "纺织", "新材料")


def answer_value(engine: Engine, qid: str, rng: random.Random, *, wide: bool = False) -> Answer | None:
    """A random valid answer to one question (None: left unanswered); `wide`: numbers of any magnitude."""
    q = engine.questions[qid]
    if q.allow_na and rng.random() < 0.05:
        return Answer(special="na")
    if q.allow_dk and rng.random() < 0.05:
        return Answer(special="dk")
    value = KINDS[q.kind].synth(q, list(engine.options[qid]), engine.exclusive_codes[qid], rng, wide)
    return None if value is None else Answer(value=value)


def answer_file(engine: Engine, i: int, *, seed: int = 0, depth: str = "full", wide: bool = False) -> AnswerFile:
    """The i-th synthetic assessment at `depth`: every question of that depth answered, its answers
    checked by the engine; `wide`: numbers spread over 10^-3 … 10^13 (cross-engine tests)."""
    rng = random.Random(seed * 1_000_003 + i)
    q = engine.questionnaire
    stamp = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    answers: dict[str, Answer] = {}
    for qid, question in engine.questions.items():
        if depth == "quick" and question.depth == "full":
            continue
        a = answer_value(engine, qid, rng, wide=wide)
        if a is not None and not engine.check(engine.questions[qid], a, answers):
            answers[qid] = a
    for qid, _ in engine.problems(answers):  # cross-question checks: drop what fails
        answers.pop(qid, None)
    return AnswerFile.model_validate(
        {
            "questionnaire": {"id": q.id, "version": q.version, "sha256": engine.sha256},
            "response_id": f"synth-{seed}-{i:06d}",
            "company": {
                "name": f"{rng.choice(_NAMES)}{rng.choice(_KINDS)}测试企业{i:06d}有限公司",
                "credit_code": f"91320800TEST{seed:02d}{i:06d}",
            },
            "depth": depth,
            "status": "complete",
            "created_at": stamp,
            "updated_at": stamp,
            "answers": answers,
        }
    )


def write_files(
    engine: Engine, folder: Path, n: int, *, seed: int = 0, start: int = 0, depth: str | None = "full"
) -> list[Path]:
    """Write n synthetic answer files into `folder` (compact JSON, as fast to write as possible).

    `depth` None mixes them: every third one a full diagnosis, the others quick scans."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(start, start + n):
        af = answer_file(engine, i, seed=seed, depth=depth or ("full" if i % 3 == 0 else "quick"))
        p = folder / f"{af.response_id}.json"
        p.write_text(af.model_dump_json(exclude_defaults=True), encoding="utf-8")
        out.append(p)
    return out
