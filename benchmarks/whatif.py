"""What-if cost: the advice step (what-ifs for every support, levers, plan, distance to the next level)
of one full assessment vs one plain score of it, same run.

    python benchmarks/whatif.py [--repeat 20] [--file answers.json]

(a) ``engine.score``: scores, levels, verdicts on every support, actions (what ``assess score`` did
before advice); (b) :func:`assess.advice.advise` on that result: the what-if search over every support
that could turn apply. Prints both times and the ratio b/a (target: ≤ 5) for the full-diagnosis
personas (scored as questionnaire 1.2.0) or one given file.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assess.advice import advise
from assess.domain.answers import AnswerFile
from assess.engine.scoring import score
from assess.files.loading import load_bundle
from assess.pipeline import engine_for

PERSONAS = Path(__file__).resolve().parent.parent / "tests" / "personas"


def _load(path: Path, version: str) -> AnswerFile:
    data = json.loads(path.read_text(encoding="utf-8"))
    data["questionnaire"] = {"id": data["questionnaire"]["id"], "version": version}
    return AnswerFile.model_validate(data)


def _best(fn: object, repeat: int) -> float:
    """The fastest of `repeat` runs (seconds): the least disturbed by other work on the machine."""
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()  # type: ignore[operator]
        best = min(best, time.perf_counter() - t)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--file", type=Path, default=None)
    args = ap.parse_args()
    bundle = load_bundle()
    q = bundle.latest()
    engine = engine_for(bundle, q)
    files = [args.file] if args.file else sorted(PERSONAS.glob("*.json"))
    total_a = total_b = 0.0
    for path in files:
        af = _load(path, q.version)
        if af.depth != "full" and args.file is None:
            continue
        score(engine, af)
        a = _best(lambda af=af: score(engine, af), args.repeat)
        results = iter([score(engine, af) for _ in range(args.repeat)])  # each advised once, untimed scoring
        b = _best(lambda af=af, results=results: advise(engine, af, next(results)), args.repeat)
        total_a, total_b = total_a + a, total_b + b
        print(f"{path.stem:<28} score {a * 1000:6.1f} ms   advice {b * 1000:6.1f} ms   ratio {b / a:4.1f}")
    print(
        f"{'all':<28} score {total_a * 1000:6.1f} ms   advice {total_b * 1000:6.1f} ms   ratio {total_b / total_a:4.1f}  (target ≤ 5)"
    )


if __name__ == "__main__":
    main()
