"""Bulk mode benchmarks (issue #6). Prints the figures; asserts nothing.

    python benchmarks/bulk.py [--n 10000] [--small 2000] [--large 20000] [--pdfs 24] [--workers N]
                              [--questionnaires DIR] [--skip a,b,c]

(a) scoring only: ``assess bulk`` on N generated answer files (no --pdf; results, xlsx, summary
    html+pdf all written) vs a baseline that only reads and parses the same files (``AnswerFile``
    validation), in the same run. Measured twice: with ``--figures-only`` (numpy batches;
    results.jsonl without explanation texts; target ratio <= 4) and with fully explained results
    (explanations once per distinct answer state; target ratio <= 8). Other work on the machine
    slows the bulk runs more than the single-process baseline: the 1-minute load average is printed
    with each figure (on 2 cores, a load above 2 means the runs shared them).
(b) peak memory (max RSS of the parent and of any worker) for SMALL vs LARGE files, each run in its
    own subprocess. Target large/small <= 1.3.
(c) PDF reports: throughput with 2 workers vs 1 worker on PDFS files. Target >= 1.7.

Answer files: 200 distinct synthetic assessments (assess.bulk.synth), replicated with new response
ids, company names and credit codes (scoring cost per file is the same; generation stays fast).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assess.bulk.synth import answer_file
from assess.domain.answers import AnswerFile
from assess.files.loading import load_bundle
from assess.pipeline import engine_for

DISTINCT = 200


def generate(root: Path | None, folder: Path, n: int, start: int = 0) -> Path:
    """Write n answer files (ids start..start+n) into folder."""
    bundle = load_bundle(root)
    engine = engine_for(bundle, bundle.latest())
    protos = [answer_file(engine, i, seed=7).model_dump(mode="json", exclude_defaults=True) for i in range(DISTINCT)]
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(start, start + n):
        doc = dict(protos[i % DISTINCT])
        doc["response_id"] = f"bench-{i:06d}"
        doc["company"] = {"name": f"淮安基准测试企业{i:06d}有限公司", "credit_code": f"91320800BENCH{i:06d}"}
        (folder / f"{i:06d}.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return folder


def baseline(folder: Path) -> tuple[float, int]:
    """Read and parse (validate) every file: the floor any bulk run stands on."""
    files = sorted(folder.glob("*.json"))
    t0 = time.perf_counter()
    for p in files:
        AnswerFile.model_validate_json(p.read_bytes())
    return time.perf_counter() - t0, len(files)


def _burn(n: int) -> float:
    x = 0
    for i in range(n):
        x += i * i % 7
    return float(x)


def cpu_scaling(n: int = 10_000_000) -> float:
    """Speed-up of two CPU-bound processes over one doing both jobs: this machine's ceiling right now."""
    import multiprocessing as mp

    t0 = time.perf_counter()
    _burn(n)
    _burn(n)
    one = time.perf_counter() - t0
    with mp.get_context("spawn").Pool(2) as pool:
        pool.map(_burn, [1000, 1000])  # start-up outside the timing
        t0 = time.perf_counter()
        pool.map(_burn, [n, n])
        two = time.perf_counter() - t0
    return one / two


def run_child(args: list[str]) -> dict[str, float]:
    """Run this script's --child mode in a fresh interpreter; returns its JSON report."""
    out = subprocess.run([sys.executable, __file__, "--child", *args], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


class DescendantPeak:
    """The largest peak RSS (VmHWM) of any process descended from this one, polled from /proc while a
    run goes: bulk's workers are children of a forkserver, not of this process, so RUSAGE_CHILDREN never
    sees them."""

    def __init__(self) -> None:
        self.mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def __enter__(self) -> DescendantPeak:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _poll(self) -> None:
        me = os.getpid()
        while not self._stop.wait(0.05):
            parent: dict[int, int] = {}
            for entry in os.listdir("/proc"):
                if entry.isdigit():
                    try:
                        with open(f"/proc/{entry}/stat", "rb") as f:
                            parent[int(entry)] = int(f.read().rsplit(b")", 1)[1].split()[1])
                    except (OSError, ValueError, IndexError):
                        continue
            for pid in parent:
                up, seen = parent.get(pid), 0
                while up not in (None, 0, 1, me) and seen < 64:
                    up, seen = parent.get(up), seen + 1  # type: ignore[arg-type]
                if up == me:
                    self.mb = max(self.mb, _hwm_mb(pid))


def _hwm_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as f:
            line = next((x for x in f if x.startswith("VmHWM:")), "VmHWM: 0 kB")
        return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        return 0.0


def child(argv: list[str]) -> None:
    """--child INPUT_DIR... OUTDIR ROOT WORKERS PDF FIGURES: one bulk run, then its time and peak memory as JSON."""
    from assess.bulk import run_bulk
    from assess.bulk.run import Run

    *inputs, outdir, root, workers, pdf, figures = argv
    done: list[float] = []
    original = Run.rendered

    def rendered(self: Run, *a: object) -> None:
        done.append(time.perf_counter())
        original(self, *a)  # type: ignore[arg-type]

    Run.rendered = rendered  # type: ignore[method-assign]
    t0 = time.perf_counter()
    with DescendantPeak() as workers_peak:
        rc = run_bulk(
            inputs,
            Path(outdir),
            pdf=pdf == "1",
            workers=int(workers) if workers != "-" else None,
            root=Path(root) if root != "-" else None,
            progress=False,
            figures_only=figures == "1",
        )
    seconds = time.perf_counter() - t0
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, workers_peak.mb)
    w = max(1, int(workers) if workers != "-" else os.cpu_count() or 1)
    steady = (len(done) - w) / (done[-1] - done[w - 1]) if len(done) > w and done[-1] > done[w - 1] else 0.0
    load = os.getloadavg()[0]
    print(
        json.dumps({"rc": rc, "seconds": seconds, "parent_mb": me, "worker_mb": kids, "steady": steady, "load": load})
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--small", type=int, default=2_000)
    ap.add_argument("--large", type=int, default=20_000)
    ap.add_argument("--pdfs", type=int, default=24)
    ap.add_argument("--workers", default="-", help="worker processes for (a) and (b) (default: one per CPU)")
    ap.add_argument("--questionnaires", default="-")
    ap.add_argument("--skip", default="")
    args = ap.parse_args()
    root = None if args.questionnaires == "-" else Path(args.questionnaires)
    skip = set(args.skip.split(","))
    bundle = load_bundle(root)
    q = bundle.latest()
    print(
        f"questionnaire {q.id} {q.version}; {os.cpu_count()} CPUs; workers for (a)/(b): {args.workers}; "
        f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} (1, 5, 15 min)"
    )
    with tempfile.TemporaryDirectory(prefix="assess-bench-") as tmp:
        t = Path(tmp)
        rt = args.questionnaires
        if "a" not in skip:
            folder = generate(root, t / "a", args.n)
            baseline(folder)  # warm the page cache for both
            base, n = baseline(folder)
            load = os.getloadavg()[0]
            fast = run_child([str(folder), str(t / "a-fast"), rt, args.workers, "0", "1"])
            res = run_child([str(folder), str(t / "a-out"), rt, args.workers, "0", "0"])
            print(f"(a) read + parse baseline: {n / base:8.0f} files/s ({base:.2f} s for {n}; load {load:.1f})")
            for name, r, target in (("--figures-only", fast, 4), ("fully explained", res, 8)):
                print(
                    f"    assess bulk {name:<15} (scoring, tables, summary): {n / r['seconds']:6.0f} files/s "
                    f"({r['seconds']:5.2f} s; load {r['load']:.1f}), ratio = {r['seconds'] / base:4.1f}  "
                    f"(target <= {target})"
                )
        if "b" not in skip:
            small = generate(root, t / "b1", args.small)
            rest = generate(root, t / "b2", args.large - args.small, start=args.small)
            s = run_child([str(small), str(t / "b-small"), rt, args.workers, "0", "0"])
            big = run_child([str(small), str(rest), str(t / "b-large"), rt, args.workers, "0", "0"])
            print(
                f"(b) peak RSS, {args.small} files: parent {s['parent_mb']:.0f} MB, worker {s['worker_mb']:.0f} MB "
                f"({s['seconds']:.1f} s)"
            )
            print(
                f"    peak RSS, {args.large} files: parent {big['parent_mb']:.0f} MB, worker {big['worker_mb']:.0f} MB "
                f"({big['seconds']:.1f} s)"
            )
            print(
                f"    ratio parent = {big['parent_mb'] / s['parent_mb']:.2f}, worker = "
                f"{big['worker_mb'] / max(1.0, s['worker_mb']):.2f}  (target <= 1.3)"
            )
        if "c" not in skip:
            folder = generate(root, t / "c", args.pdfs)
            before = cpu_scaling()
            one = run_child([str(folder), str(t / "c1"), rt, "1", "1", "0"])
            two = run_child([str(folder), str(t / "c2"), rt, "2", "1", "0"])
            after = cpu_scaling()
            print(
                f"(c) {args.pdfs} PDF reports: 1 worker {args.pdfs / one['seconds']:.2f} reports/s "
                f"({one['seconds']:.1f} s), 2 workers {args.pdfs / two['seconds']:.2f} reports/s "
                f"({two['seconds']:.1f} s)"
            )
            print(f"    speed-up (wall, incl. worker start-up and summary PDF) = {one['seconds'] / two['seconds']:.2f}")
            print(
                f"    steady state (reports after each worker's first): 1 worker {one['steady']:.2f}/s, "
                f"2 workers {two['steady']:.2f}/s, speed-up = {two['steady'] / max(1e-9, one['steady']):.2f}"
                "  (target >= 1.7)"
            )
            print(
                f"    machine check: 2 CPU-bound processes vs 1 gave {before:.2f}x before and {after:.2f}x after "
                "(other load on the machine lowers both)"
            )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2:])
    else:
        main()
