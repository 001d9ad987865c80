"""Definition files (YAML) built to hurt: alias bombs, over-size files, deep nesting, tags that would
run code, binary and non-UTF-8 bytes, payload ids. `assess validate` and `--questionnaires DIR` refuse
each in one line naming the file (and line), exit 1, quickly and without reading anything else."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from assess.files.loading import YAML_MAX_BYTES

from .conftest import Box, assert_names, run

MINI = Path(__file__).parents[1] / "data" / "mini"
GOOD = (MINI / "mini" / "1.0.0.yaml").read_text(encoding="utf-8")


def _bomb(levels: int, width: int) -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]")
    return "\n".join(lines) + "\n"


YAMLS: dict[str, tuple[Callable[[Path], bytes], str]] = {
    # id: (bytes of mini/1.0.0.yaml, words of the error)
    "billion-laughs": (lambda c: _bomb(9, 10).encode(), "alias"),
    "alias-bomb-wide": (lambda c: _bomb(4, 1000).encode(), "alias"),
    "alias-bomb-in-valid-file": (lambda c: (GOOD + "\nx-bomb:\n" + _bomb(8, 10).replace("\n", "\n  ")).encode(), ""),
    "recursive-alias": (lambda c: b"a: &a [*a]\n", ""),
    "over-size": (lambda c: b"# " + b"x" * YAML_MAX_BYTES + b"\n", "limit"),
    "deep-flow-nesting": (lambda c: b"a: " + b"[" * 100_000 + b"]" * 100_000 + b"\n", ""),
    "deep-block-nesting": (lambda c: "".join(f"{' ' * i}k{i}:\n" for i in range(3000)).encode(), ""),
    "python-object-tag": (lambda c: b"a: !!python/object/apply:os.system ['cat /etc/passwd']\n", "YAML"),
    "python-name-tag": (lambda c: b"a: !!python/name:os.system\n", "YAML"),
    "binary": (lambda c: bytes(range(256)) * 16, ""),
    "utf16": (lambda c: GOOD.encode("utf-16"), ""),
    "latin1": (lambda c: "id: café\n".encode("latin-1"), "UTF-8"),
    "empty": (lambda c: b"", ""),
    "tab-indent": (lambda c: b"a:\n\tb: 1\n", "YAML"),
    "huge-string": (lambda c: GOOD.replace("id: mini", "id: " + "m" * 1_000_000, 1).encode(), ""),
    "id-path": (lambda c: GOOD.replace("id: mini", "id: ../../secret/canary", 1).encode(), ""),
    "include-canary": (lambda c: (GOOD + f"\nx-include: !include {c}\n").encode(), ""),
    "merge-key-bomb": (lambda c: (_bomb(7, 10) + "m:\n  <<: *a6\n").encode(), ""),
    "anchor-redefined": (lambda c: (GOOD + "\nx: &a 1\ny: &a 2\nz: *a\n").encode(), ""),
}


def definitions(box: Box, kind: str) -> Path:
    root = box.inp / "defs"
    shutil.copytree(MINI, root, ignore=shutil.ignore_patterns("answers.json"))
    (root / "mini" / "1.0.0.yaml").write_bytes(YAMLS[kind][0](box.canary))
    return root


@pytest.mark.parametrize("kind", list(YAMLS))
def test_validate_refuses_a_hostile_definition_file(box: Box, kind: str) -> None:
    root = definitions(box, kind)
    target = root / "mini" / "1.0.0.yaml"
    out = run(box, ["validate", root], code=1)
    lines = [ln for ln in out.stdout.splitlines() if str(target) in ln]
    assert lines, out.stdout + out.stderr
    assert YAMLS[kind][1] in lines[0]
    assert all(len(ln) < 2000 for ln in out.stdout.splitlines())


@pytest.mark.parametrize("kind", ["billion-laughs", "over-size", "python-object-tag", "binary", "deep-flow-nesting"])
def test_validate_of_one_hostile_file(box: Box, kind: str) -> None:
    target = definitions(box, kind) / "mini" / "1.0.0.yaml"
    out = run(box, ["validate", target], code=1)
    assert str(target) in out.stdout


@pytest.mark.parametrize(
    "kind", ["billion-laughs", "alias-bomb-in-valid-file", "over-size", "python-object-tag", "latin1"]
)
def test_scoring_with_hostile_definitions_is_one_line(box: Box, kind: str) -> None:
    root = definitions(box, kind)
    answers = box.put("answers.json", (MINI / "answers.json").read_bytes())
    out = run(box, ["score", answers, "--questionnaires", root], code=1)
    assert_names(out, root / "mini" / "1.0.0.yaml")
