"""The sandbox every hostile input runs in, and the checks made after every run.

Each case gets a fresh folder tree: ``in/`` (the hostile input), ``out/`` (the output folder),
``home/`` (HOME and the XDG folders), ``cwd/`` (the working directory), ``tmp/`` (TMPDIR) and
``secret/canary.txt``, a file that payloads point at (file:// URLs, ../ paths, CSS url(), img src).
After the run (in process, through click's CliRunner on the real command line) it checks:

- no traceback and no uncaught exception; the documented exit code (0 ok, 1 invalid input, 2 usage);
- the canary (and /etc/passwd) never opened, seen by an audit hook on "open" events;
- nothing opened for writing outside the output folder, the bundle cache and the temp folder;
- nothing opened in the sandbox but the input, the output folder and the temp folder;
- no file created or changed outside the output folder (tree snapshots before and after).
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from assess.cli import cli
from assess.files.loading import Bundle

from .audit import STATE

FORBIDDEN = ("/etc/passwd", "/etc/shadow", "/etc/hostname")
"""Files outside the sandbox no input may make the tool read (payloads name them too)."""


@dataclass
class Box:
    """One case's sandbox."""

    root: Path
    cache: Path

    @property
    def inp(self) -> Path:
        return self.root / "in"

    @property
    def out(self) -> Path:
        return self.root / "out"

    @property
    def home(self) -> Path:
        return self.root / "home"

    @property
    def cwd(self) -> Path:
        return self.root / "cwd"

    @property
    def tmp(self) -> Path:
        return self.root / "tmp"

    @property
    def canary(self) -> Path:
        return self.root / "secret" / "canary.txt"

    def put(self, name: str, data: bytes | str) -> Path:
        """Write an input file under ``in/`` and return its path."""
        path = self.inp / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return path


@dataclass
class Outcome:
    """What one run printed, wrote and opened."""

    result: Result
    opened: list[str] = field(default_factory=list)

    @property
    def stdout(self) -> str:
        return self.result.stdout

    @property
    def stderr(self) -> str:
        return self.result.stderr

    @property
    def code(self) -> int:
        return self.result.exit_code


@pytest.fixture(scope="session")
def bundle_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The user cache folder (XDG_CACHE_HOME) of the whole session: the start-up cache of the bundled
    questionnaires is the one file the tool may write outside an output folder."""
    return tmp_path_factory.mktemp("xdg-cache")


@pytest.fixture
def box(tmp_path: Path, bundle_cache: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Box]:
    b = Box(tmp_path / "box", bundle_cache)
    for d in (b.inp, b.home, b.cwd, b.tmp, b.canary.parent):
        d.mkdir(parents=True)
    b.canary.write_text("CANARY: this file must never be read\n", encoding="utf-8")
    for var, value in (
        ("HOME", b.home),
        ("XDG_CONFIG_HOME", b.home / ".config"),
        ("XDG_DATA_HOME", b.home / ".local" / "share"),
        ("XDG_STATE_HOME", b.home / ".local" / "state"),
        ("XDG_CACHE_HOME", bundle_cache),
        ("TMPDIR", b.tmp),
    ):
        monkeypatch.setenv(var, str(value))
    monkeypatch.delenv("ASSESS_WORKSPACE", raising=False)
    monkeypatch.setattr(tempfile, "tempdir", str(b.tmp))
    monkeypatch.chdir(b.cwd)
    yield b
    for p in b.root.rglob("*"):  # chmod 000 cases: let pytest clean up
        if not p.is_symlink():
            p.chmod(stat.S_IRWXU)


_KEPT_TEMP = "weasyprint-"
"""WeasyPrint's font folder in TMPDIR lives as long as the (cached) renderer: in process until the test
session ends; a real command removes it on exit (test_paths checks that in a subprocess)."""


@pytest.fixture(autouse=True)
def bundled_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The bundled questionnaires are loaded once per session (the start-up cache costs ~0.3 s a run, and
    they are trusted data here); a run given ``--questionnaires DIR`` loads DIR as usual."""
    import assess.files.bundle_cache as bc

    load = _REAL_LOAD.setdefault("load", bc.load_bundle_cached)

    def cached(root: Path | None = None, cache_dir: Path | None = None) -> Bundle:
        if root is not None or cache_dir is not None:
            return load(root, cache_dir)
        if "bundle" not in _REAL_LOAD:
            _REAL_LOAD["bundle"] = load()
        return _REAL_LOAD["bundle"]  # type: ignore[no-any-return]

    monkeypatch.setattr(bc, "load_bundle_cached", cached)


_REAL_LOAD: dict[str, Any] = {}


@pytest.fixture
def no_summary_pdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """Bulk runs write summary.html but not summary.pdf (a WeasyPrint render, about a second each): the
    summary text still goes through the same templates; the cases marked slow render the PDF."""
    import assess.bulk.run as bulk_run

    render = bulk_run.render
    monkeypatch.setattr(bulk_run, "render", lambda ctx, html, pdf, **kw: render(ctx, html, None, **kw))


def snapshot(root: Path, skip: Sequence[Path]) -> dict[str, tuple[int, int]]:
    """Every file and folder under `root` (but `skip`) with its size and modification time."""
    seen: dict[str, tuple[int, int]] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        dirnames[:] = [d for d in dirnames if here / d not in skip and not d.startswith(_KEPT_TEMP)]
        for name in [*filenames, *dirnames]:
            p = here / name
            st = p.lstat()
            seen[str(p)] = (st.st_size, st.st_mtime_ns if not stat.S_ISDIR(st.st_mode) else 0)
    return seen


def _under(path: str, *folders: Path) -> bool:
    real = os.path.realpath(path)
    return any(real == str(f) or real.startswith(str(f) + os.sep) for f in (Path(os.path.realpath(x)) for x in folders))


def run(box: Box, args: Sequence[str | Path], *, code: int, reads: Sequence[Path] = ()) -> Outcome:
    """Run ``assess ARGS`` in process and make every check of the module docstring.

    Args:
        code: the exit code the README documents for this input.
        reads: files outside ``in/`` the run may read (e.g. a --previous file); ``in/`` is always allowed.
    """
    before = snapshot(box.root, [box.out])
    STATE.opened.clear()
    STATE.on = True
    try:
        result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=True)
    finally:
        STATE.on = False
    opened = list(STATE.opened)
    out = Outcome(result, [o.path for o in opened])
    shown = f"\n--- stdout\n{result.stdout[-3000:]}\n--- stderr\n{result.stderr[-3000:]}"
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        import traceback

        tb = "".join(traceback.format_exception(result.exception))
        raise AssertionError(f"uncaught exception for {args}:\n{tb}{shown}")
    assert "Traceback" not in result.stdout + result.stderr, shown
    assert result.exit_code == code, f"exit {result.exit_code}, documented {code}{shown}"
    canary = os.path.realpath(box.canary)
    for o in opened:
        real = os.path.realpath(o.path)
        assert real != canary and real not in FORBIDDEN, f"{o.path} was opened{shown}"
        if o.write and o.path != os.devnull:
            assert _under(o.path, box.out, box.cache, box.tmp), (
                f"opened for writing outside the output folder: {o.path}"
            )
        if _under(o.path, box.root):
            allowed = _under(o.path, box.inp, box.out, box.tmp) or any(_under(o.path, r) for r in reads)
            assert allowed, f"read a file that is neither the input nor an output: {o.path}"
    after = snapshot(box.root, [box.out])
    changed = sorted(p for p in after.keys() | before.keys() if before.get(p) != after.get(p))
    assert not changed, f"files created, changed or removed outside the output folder: {changed[:10]}"
    stray = [
        p for p in box.cache.rglob("*") if p.is_file() and not (p.name.startswith("bundle-") and p.suffix == ".json")
    ]
    assert not stray, f"unexpected files in the user cache folder: {stray}"
    return out


def error_lines(out: Outcome) -> list[str]:
    """The error lines on stderr (``assess: ...``), warnings left out."""
    return [ln for ln in out.stderr.splitlines() if ln.strip() and ": warning: " not in ln]


def assert_names(out: Outcome, file: Path | str, *fields: str) -> None:
    """A one-line error on stderr that names the file (and the field, where given)."""
    lines = [ln for ln in error_lines(out) if str(file) in ln]
    assert lines, f"no error line names {file}:\n{out.stderr}"
    assert all(len(ln) < 1000 for ln in lines), f"an error line of {max(map(len, lines))} characters"
    for f in fields:
        assert any(f in ln for ln in lines), f"the error does not name the field {f}:\n{out.stderr}"
