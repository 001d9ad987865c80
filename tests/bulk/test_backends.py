"""Serial, process-pool and dask runs give identical outputs; reports resume; real PDFs render in workers."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from assess.bulk import run as run_mod
from assess.bulk import run_bulk
from assess.bulk import work as work_mod
from assess.bulk.backends import SerialBackend, WorkerLost

from .conftest import ROOT, outputs, read_csv


def bulk(inputs: list[str], out: Path, **kw: object) -> int:
    kw.setdefault("progress", False)
    kw.setdefault("summary_pdf", False)
    return run_bulk(inputs, out, root=ROOT, **kw)  # type: ignore[arg-type]


@pytest.mark.slow
def test_process_pool_and_serial_runs_write_identical_outputs(mixed: Path, tmp_path: Path) -> None:
    assert bulk([str(mixed)], tmp_path / "serial", workers=0) == 1
    assert bulk([str(mixed)], tmp_path / "pool", workers=2, chunk=3) == 1
    assert outputs(tmp_path / "pool") == outputs(tmp_path / "serial")
    assert bulk([str(mixed)], tmp_path / "fast-serial", workers=0, figures_only=True) == 1
    assert bulk([str(mixed)], tmp_path / "fast-pool", workers=2, chunk=4, figures_only=True) == 1
    assert outputs(tmp_path / "fast-pool") == outputs(tmp_path / "fast-serial")


@pytest.mark.slow
def test_a_local_dask_cluster_writes_identical_outputs(mixed: Path, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    assert bulk([str(mixed)], tmp_path / "serial", workers=0) == 1
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        assert bulk([str(mixed)], tmp_path / "dask", scheduler=cluster.scheduler_address, chunk=4) == 1
    assert outputs(tmp_path / "dask") == outputs(tmp_path / "serial")


class FakeRenders:
    """Stands in for the PDF renderer in-process (workers=0): writes a tiny file, counts calls."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, af: object, out: Path, lang: str) -> int:
        self.calls.append(out.name)
        out.write_bytes(b"%PDF-fake")
        return 1


def test_a_rerun_skips_reports_that_are_up_to_date(
    mixed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeRenders()
    monkeypatch.setattr(work_mod.State, "render", fake)
    out = tmp_path / "out"
    app = mixed / "app"
    assert bulk([str(app)], out, workers=0, pdf=True) == 0
    assert len(fake.calls) == 12
    rows = read_csv(out / "results.csv")
    assert all(r["report"].startswith("reports/") and (out / r["report"]).is_file() for r in rows)

    fake.calls.clear()
    assert bulk([str(app)], out, workers=0, pdf=True) == 0
    assert fake.calls == []

    changed = sorted(app.glob("*.json"))[4]
    later = time.time() + 5
    os.utime(changed, (later, later))
    assert bulk([str(app)], out, workers=0, pdf=True) == 0
    assert fake.calls == [f"{changed.stem}.pdf"]

    fake.calls.clear()  # other options (language): every report is stale
    assert bulk([str(app)], out, workers=0, pdf=True, lang="en") == 0
    assert len(fake.calls) == 12


def test_a_failed_report_is_named_in_errors_and_the_rest_still_written(
    mixed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def flaky(st: object, af: object, out: Path, lang: str) -> int:
        if out.name.endswith("3.pdf"):
            raise RuntimeError("disk full")
        out.write_bytes(b"%PDF-fake")
        return 1

    monkeypatch.setattr(work_mod.State, "render", flaky)
    out = tmp_path / "out"
    assert bulk([str(mixed / "app")], out, workers=0, pdf=True) == 1
    errors = read_csv(out / "errors.csv")
    assert [(Path(e["input"]).name, e["field"]) for e in errors] == [("synth-0-000003.json", "report")]
    assert "disk full" in errors[0]["message"]
    assert len(list((out / "reports").glob("*.pdf"))) == 11


@pytest.mark.slow
def test_real_reports_render_in_two_worker_processes(mixed: Path, tmp_path: Path) -> None:
    files = sorted((mixed / "app").glob("*.json"))[:2]
    out = tmp_path / "out"
    assert bulk([str(f) for f in files], out, workers=2, pdf=True, summary_pdf=True) == 0
    pdfs = sorted((out / "reports").glob("*.pdf"))
    assert [p.stem for p in pdfs] == [f.stem for f in files]
    assert all(p.read_bytes().startswith(b"%PDF") for p in pdfs)
    assert (out / "summary.pdf").read_bytes().startswith(b"%PDF")


class LosesOneTask(SerialBackend):
    """Runs tasks in-process but never answers the second one (a worker that died mid-task)."""

    def __init__(self) -> None:
        super().__init__()
        self.n = 0

    def submit(self, tag: object, fn: object, *args: object) -> None:
        self.n += 1
        if self.n != 2:
            super().submit(tag, fn, *args)  # type: ignore[arg-type]

    def next_done(self, timeout: float | None = None) -> tuple[object, object]:
        if not self._done:
            raise WorkerLost("nothing finished")
        return super().next_done(timeout)


def test_a_lost_task_fails_only_its_inputs(mixed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(run_mod, "TASK_TIMEOUT", 0.0)
    monkeypatch.setattr(run_mod, "make_backend", lambda *a, **k: LosesOneTask())
    out = tmp_path / "out"
    assert bulk([str(mixed / "app")], out, workers=0, chunk=5) == 1
    assert len(read_csv(out / "results.csv")) == 12 - 5
    errors = read_csv(out / "errors.csv")
    assert [Path(e["input"]).name for e in errors] == [f"synth-0-{i:06d}.json" for i in range(5, 10)]
    assert all("no result after" in e["message"] for e in errors)


def test_a_report_that_takes_too_long_is_abandoned_in_a_pool_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(work_mod, "_IN_POOL", True)
    with pytest.raises(work_mod._Timeout):
        work_mod._with_timeout(1, time.sleep, 5)
    assert work_mod._with_timeout(5, lambda: 42) == 42
