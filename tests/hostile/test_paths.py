"""Answer, spreadsheet and definition paths that are not regular files: devices that never end
(/dev/zero, /dev/urandom), named pipes with no writer, folders, dangling symlinks, files nobody may read.
Each is refused at once in one line naming the path, exit 1 (never 2, never a hang). Devices and pipes
run in a subprocess with a timeout, so a hang fails the test instead of stopping it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import Box, assert_names, run
from .corpus import BASE, csv_text, sheet_rows

REPO = Path(__file__).parents[2]
MINI = REPO / "tests" / "data" / "mini"


def fifo(box: Box, name: str) -> Path:
    path = box.inp / name
    os.mkfifo(path)
    return path


def cli(box: Box, *args: str | Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOME": str(box.home), "XDG_CACHE_HOME": str(box.cache), "TMPDIR": str(box.tmp)}
    env["PYTHONPATH"] = str(REPO)
    return subprocess.run(
        [sys.executable, "-m", "assess", *map(str, args)],
        cwd=box.cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


SPECIAL = {
    # id: (the command, with {p} for the path; the path)
    "score-dev-zero": (["score", "{p}"], "/dev/zero"),
    "score-dev-urandom": (["score", "{p}"], "/dev/urandom"),
    "score-fifo": (["score", "{p}"], "fifo:answers.json"),
    "whatif-fifo": (["whatif", "{p}"], "fifo:answers.json"),
    "report-fifo": (["report", "{p}", "-o", "{out}/r.pdf"], "fifo:answers.json"),
    "report-previous-dev-zero": (["report", str(BASE), "--previous", "{p}", "-o", "{out}/r.pdf"], "/dev/zero"),
    "import-dev-zero": (["import", "{p}", "-o", "{out}"], "/dev/zero"),
    "import-fifo-csv": (["import", "{p}", "-o", "{out}"], "fifo:sheet.csv"),
    "import-fifo-xlsx": (["import", "{p}", "-o", "{out}"], "fifo:sheet.xlsx"),
    "bulk-fifo-json": (["bulk", "{p}", "-o", "{out}", "--workers", "0"], "fifo:answers.json"),
    "bulk-fifo-csv": (["bulk", "{p}", "-o", "{out}", "--workers", "0"], "fifo:sheet.csv"),
    "validate-dev-zero": (["validate", "{p}"], "/dev/zero"),
    "validate-fifo-yaml": (["validate", "{p}"], "defs-fifo:mini/1.0.0.yaml"),
    "questionnaires-fifo-catalog": (
        ["score", str(MINI / "answers.json"), "--questionnaires", "{p}"],
        "defs-fifo:supports.yaml",
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("kind", list(SPECIAL))
def test_devices_and_pipes_are_refused_at_once(box: Box, kind: str) -> None:
    args, where = SPECIAL[kind]
    if where.startswith("fifo:"):
        path = fifo(box, where[5:])
        named = path
    elif where.startswith("defs-fifo:"):
        path = box.inp / "defs"
        shutil.copytree(MINI, path, ignore=shutil.ignore_patterns("answers.json"))
        named = path / where[10:]
        named.unlink()
        os.mkfifo(named)
        path = path if kind.startswith("questionnaires") else named
    else:
        path = named = Path(where)
    r = cli(box, *[a.format(p=path, out=box.out) for a in args])
    assert "Traceback" not in r.stdout + r.stderr, r.stderr
    assert r.returncode == 1, (r.returncode, r.stdout[-500:], r.stderr[-500:])
    if args[0] == "bulk":
        assert str(named) in (box.out / "errors.csv").read_text(encoding="utf-8-sig")
    else:
        assert str(named) in r.stdout + r.stderr, r.stdout + r.stderr
    assert not list(box.tmp.iterdir()), "temporary files left behind"


@pytest.mark.slow
def test_a_real_report_run_leaves_no_temporary_files(box: Box) -> None:
    box.out.mkdir()
    r = cli(box, "report", BASE, "-o", box.out / "r.pdf", timeout=120)
    assert r.returncode == 0, r.stderr
    assert (box.out / "r.pdf").read_bytes().startswith(b"%PDF")
    assert not list(box.tmp.iterdir()) and not list(box.cwd.iterdir()) and not list(box.home.iterdir())


def _unreadable(box: Box, how: str, name: str, data: bytes) -> Path:
    path = box.inp / name
    if how == "folder":
        path.mkdir()
    elif how == "dangling-symlink":
        path.symlink_to(box.inp / "gone" / name)
    elif how == "missing":
        pass
    else:  # chmod 000: still readable by root, so the test expects what root gets
        path.write_bytes(data)
        path.chmod(0)
    return path


HOW = ["folder", "dangling-symlink", "missing", "chmod-000"]
ROOT = os.geteuid() == 0


@pytest.mark.usefixtures("no_summary_pdf")
@pytest.mark.parametrize("how", HOW)
@pytest.mark.parametrize("command", ["score", "whatif", "report", "import", "bulk", "validate"])
def test_unreadable_paths_exit_1_not_2(box: Box, command: str, how: str) -> None:
    name = {"import": "sheet.csv", "validate": "1.0.0.yaml"}.get(command, "answers.json")
    data = {"import": csv_text(sheet_rows(1)).encode(), "validate": b"a: 1\n"}.get(command, BASE.read_bytes())
    if command == "validate":
        (box.inp / "q").mkdir()
        box.put("supports.yaml", (MINI / "supports.yaml").read_bytes())
        name = "q/1.0.0.yaml"
    path = _unreadable(box, how, name, data)
    readable = how == "chmod-000" and ROOT
    args = {
        "score": ["score", path],
        "whatif": ["whatif", path],
        "report": ["report", path, "-o", box.out / "r.pdf"],
        "import": ["import", path, "-o", box.out],
        "bulk": ["bulk", path, "-o", box.out, "--workers", "0"],
        "validate": ["validate", path],
    }[command]
    if readable and command in ("report", "bulk"):
        pytest.skip("running as root: a chmod 000 file is readable, and a PDF render is not what is tested here")
    expect = 0 if readable and command != "validate" else 1
    if command == "bulk" and how == "folder":
        expect = 0  # a folder is a valid bulk input: an empty one scores nothing
    out = run(box, args, code=expect)
    if expect == 1 and command == "bulk":
        assert str(path) in (box.out / "errors.csv").read_text(encoding="utf-8-sig")
    elif expect == 1:
        assert str(path) in out.stdout + out.stderr
        if command != "validate":
            assert_names(out, path)
