"""Scoring throughput: load + validate + score + match vs a read-and-parse baseline, same run.

    python benchmarks/score.py [--n 10000] [--questionnaires DIR]

(a) reads and JSON-parses each file; (b) reads, validates, scores and matches each file the way bulk
mode does (:func:`assess.pipeline.batch.score_many`: numpy batches, with the one-company engine for any file
the batch path declines). Prints files/s for both and the ratio (target: ≤ 4). For reference it
also times (c), the one-company engine with full explanations (what ``assess score`` and reports use),
on a sample.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assess.bulk.synth import write_files
from assess.files.loading import load_bundle
from assess.files.storage import load_answers
from assess.pipeline import assess_answers, engine_for
from assess.pipeline.batch import score_many


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--questionnaires", type=Path, default=None)
    args = ap.parse_args()
    bundle = load_bundle(args.questionnaires)
    engine = engine_for(bundle, bundle.latest())
    with tempfile.TemporaryDirectory() as tmp:
        files = write_files(engine, Path(tmp), args.n, depth=None)  # a third full diagnoses, the rest quick scans
        for p in files[:50]:  # warm the page cache and the engines equally for both paths
            json.loads(p.read_bytes())
            assess_answers(bundle, load_answers(p))
        list(score_many(bundle, ((str(p), p.read_bytes()) for p in files[:50])))
        t0 = time.perf_counter()
        for p in files:
            json.loads(p.read_bytes())
        base = time.perf_counter() - t0
        t0 = time.perf_counter()
        scored = sum(1 for _, out in score_many(bundle, ((str(p), p.read_bytes()) for p in files)) if out)
        full = time.perf_counter() - t0
        sample = files[: max(1, min(len(files), 1000))]
        t0 = time.perf_counter()
        for p in sample:
            assess_answers(bundle, load_answers(p), name=str(p))
        one = (time.perf_counter() - t0) / len(sample)
    n = len(files)
    print(f"questionnaire: {engine.questionnaire.id} {engine.questionnaire.version}, {n} files")
    print(f"(a) read + json.loads:                    {n / base:10.0f} files/s  ({base:.2f} s)")
    print(f"(b) load + validate + score + match:      {n / full:10.0f} files/s  ({full:.2f} s)")
    print(f"ratio b/a = {full / base:.2f}  (target <= 4); {scored} files scored")
    print(f"(c) one company at a time, fully explained: {1 / one:10.0f} files/s  (sample of {len(sample)})")


if __name__ == "__main__":
    main()
