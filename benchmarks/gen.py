"""Generate plausible, valid answer files for any questionnaire (benchmarks and load tests)."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

from assess.domain.answers import Answer
from assess.engine.core import Engine


def random_answers(engine: Engine, rng: random.Random, depth: str = "quick") -> dict[str, object]:
    """Answers to every question shown at `depth`, valid for the engine (invalid ones dropped)."""
    answers: dict[str, Answer] = {}
    for q in engine.questions.values():
        if depth == "quick" and q.depth == "full":
            continue
        if rng.random() < 0.05 and (q.allow_dk or q.allow_na):
            answers[q.id] = Answer(special="dk" if q.allow_dk else "na")
            continue
        codes = list(engine.options[q.id])
        value: object
        if q.kind in ("single", "ladder"):
            value = rng.choice(codes)
        elif q.kind == "multi":
            plain = [c for c in codes if not engine.options[q.id][c].exclusive]
            k = rng.randint(0, min(len(plain), q.max_selected or len(plain)))
            value = rng.sample(plain, k) if k else [c for c in codes if c not in plain][:1] or plain[:1]
        elif q.kind in ("number", "percent"):
            lo, hi = q.bounds
            lo = lo if lo is not None else 0.0
            hi = hi if hi is not None else max(lo + 1, 5000.0)
            x = rng.uniform(lo, min(hi, lo + 5000))
            value = round(x) if q.integer else round(x, 1)
        elif q.kind == "yesno":
            value = rng.random() < 0.5
        elif q.kind == "date":
            value = (date(2026, 1, 1) - timedelta(days=rng.randint(100, 9000))).isoformat()
        else:
            value = rng.choice(["无", "有一些想法", "计划明年试点"])
        answers[q.id] = Answer(value=value)  # type: ignore[arg-type]
    for qid, _ in engine.problems(answers):
        answers.pop(qid, None)
    return {k: a.model_dump(exclude_defaults=True) for k, a in answers.items()}


def write_files(engine: Engine, folder: Path, n: int, seed: int = 1) -> list[Path]:
    """Write `n` answer files into `folder`."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    qn = engine.questionnaire
    paths = []
    for i in range(n):
        doc = {
            "format": 1,
            "questionnaire": {"id": qn.id, "version": qn.version},
            "response_id": f"bench-{i:06d}",
            "company": {"name": f"淮安测试企业{i:05d}有限公司"},
            "created_at": "2026-11-01T09:00:00Z",
            "updated_at": "2026-11-01T10:00:00Z",
            "status": "complete",
            "depth": "quick" if i % 3 else "full",
            "answers": random_answers(engine, rng, "quick" if i % 3 else "full"),
        }
        p = folder / f"{i:06d}.json"
        p.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        paths.append(p)
    return paths
