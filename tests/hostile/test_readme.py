"""README's exit-code table and limits say what the code does: every documented limit is the constant
in force, and every documented exit code is what the command line returns."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from assess.bulk.sheets import SHEET_MAX_BYTES, XLSX_MAX_MEMBERS, XLSX_MAX_RATIO, XLSX_MAX_UNCOMPRESSED
from assess.domain import answers as fmt
from assess.domain.errors import NAME_SHOWN, ExitCode
from assess.files.loading import YAML_MAX_BYTES, YAML_MAX_NODES

from .conftest import Box, run
from .corpus import BASE

README = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
LIMITS = README[README.index("### Limits on what is read") :].split("\n## ")[0]


def mib(n: int) -> str:
    return f"{n >> 20} MiB"


@pytest.mark.parametrize(
    "text",
    [
        f"answer file (`.json`) | {mib(fmt.FILE_MAX_BYTES)}",
        f"assessor | {fmt.NAME_MAX} characters each; credit code {fmt.CODE_MAX}; response id {fmt.ID_MAX}",
        f"one answer | {fmt.NOTE_MAX:,} characters",
        f"magnitude at most {fmt.NUMBER_MAX:.0e}".replace("e+", "e"),
        f"{fmt.DATE_MIN.isoformat()} to {fmt.DATE_MAX.isoformat()}",
        f"YAML | {mib(YAML_MAX_BYTES)} per file; aliases may expand to at most {YAML_MAX_NODES:,} values",
        f"| {mib(SHEET_MAX_BYTES)} as stored; a CSV cell at most {csv.field_size_limit():,} characters",
        f"at most {mib(XLSX_MAX_UNCOMPRESSED)} unpacked and {XLSX_MAX_MEMBERS:,} parts",
        f"more than {XLSX_MAX_RATIO}× its packed size",
        f"at most {NAME_SHOWN}\ncharacters",
    ],
)
def test_every_documented_limit_is_the_constant_in_force(text: str) -> None:
    assert text in LIMITS, text


def test_the_exit_code_table_lists_every_code() -> None:
    table = re.findall(r"^\| (\d) \| ", README, flags=re.M)
    assert [int(c) for c in table] == [int(c) for c in ExitCode]


@pytest.mark.usefixtures("no_summary_pdf")
@pytest.mark.parametrize(
    "args",
    [
        ["score"],
        ["score", "--frobnicate", str(BASE)],
        ["score", str(BASE), "--lang", "fr"],
        ["report", str(BASE)],
        ["whatif", str(BASE), "--support", "../../etc/passwd"],
        ["bulk", str(BASE), "-o", "{file}"],
        ["bulk", str(BASE), "-o", "{out}", "--workers", "-1"],
        ["nonsense-command"],
    ],
    ids=[
        "no-file",
        "unknown-option",
        "bad-lang",
        "report-no-output",
        "unknown-support",
        "bulk-out-is-file",
        "bad-workers",
        "unknown-command",
    ],
)
def test_usage_errors_exit_2(box: Box, args: list[str]) -> None:
    file = box.put("a-file", b"x")
    run(box, [a.format(file=file / "sub", out=box.out) for a in args], code=2, reads=[BASE.parent])
