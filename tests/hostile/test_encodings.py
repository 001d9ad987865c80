"""`assess import` and `assess bulk` of CSV files in every encoding a spreadsheet program or a script
writes, and of bytes that are no CSV at all: readable ones import, the rest are refused in one line
naming the file; nothing crashes, nothing is half-written."""

from __future__ import annotations

import codecs
import csv
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import Box, assert_names, run
from .corpus import csv_text, sheet_rows

TEXT = csv_text(sheet_rows(2))
GB_BOM = "\ufeff".encode("gb18030")
NOISE = random.Random(14).randbytes(4096)

READABLE, REFUSED, DAMAGED = "readable", "refused", "damaged"
"""Every row imported (exit 0); nothing imported (exit 1); damaged part-way: the rows before the damage
are kept, the damage is an error naming the file (exit 1)."""

ENCODED: dict[str, tuple[Callable[[], bytes], str]] = {
    "utf8": (lambda: TEXT.encode("utf-8"), READABLE),
    "utf8-bom": (lambda: TEXT.encode("utf-8-sig"), READABLE),
    "utf16-le-bom": (lambda: codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), READABLE),
    "utf16-be-bom": (lambda: codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), READABLE),
    "utf16-le-no-bom": (lambda: TEXT.encode("utf-16-le"), REFUSED),
    "utf32-le-bom": (lambda: TEXT.encode("utf-32"), READABLE),
    "utf32-be-bom": (lambda: codecs.BOM_UTF32_BE + TEXT.encode("utf-32-be"), READABLE),
    "gb18030": (lambda: TEXT.encode("gb18030"), READABLE),
    "gb18030-bom": (lambda: GB_BOM + TEXT.encode("gb18030"), READABLE),
    "gbk-excel-cr-only": (lambda: TEXT.replace("\r\n", "\r").encode("gbk"), READABLE),
    "utf8-bom-twice": (lambda: codecs.BOM_UTF8 * 2 + TEXT.encode("utf-8"), READABLE),
    "binary-noise": (lambda: NOISE, REFUSED),
    "binary-high-bytes": (lambda: bytes(b | 0x80 for b in NOISE), REFUSED),
    "nul-after-64k": (lambda: (TEXT + "#" * 70_000 + "\0\r\n").encode("utf-8"), DAMAGED),
    "cp1252-header": (lambda: "Café;Größe;Ñ\r\n1;2;3\r\n".encode("cp1252"), REFUSED),
    "empty": (lambda: b"", REFUSED),
    "bom-only": (lambda: codecs.BOM_UTF8, REFUSED),
    "header-only": (lambda: TEXT.split("\r\n")[0].encode("utf-8") + b"\r\n", READABLE),
    "one-cell-200k": (lambda: TEXT.replace("row1", "x" * 200_000).encode("utf-8"), REFUSED),
    "unclosed-quote": (lambda: (TEXT + '"row3,never closed\r\n' * 3).encode("utf-8"), DAMAGED),
    "pdf-renamed": (lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n", REFUSED),
    "zip-renamed": (lambda: b"PK\x03\x04" + NOISE[:200], REFUSED),
}
IDS = list(ENCODED)


def sheet(box: Box, enc: str) -> Path:
    return box.put(f"{enc}.csv", ENCODED[enc][0]())


def imported(box: Box) -> list[Path]:
    return sorted(box.out.glob("*.json")) if box.out.exists() else []


@pytest.mark.parametrize("enc", IDS)
def test_import(box: Box, enc: str) -> None:
    path = sheet(box, enc)
    state = ENCODED[enc][1]
    out = run(box, ["import", path, "-o", box.out], code=0 if state == READABLE else 1)
    rows = 0 if enc == "header-only" else 2
    if state != READABLE:
        assert_names(out, path)
    if state == READABLE:
        assert len(imported(box)) == rows, out.stderr
    elif state == REFUSED:
        assert not imported(box)
    for f in imported(box):  # whatever was imported is a valid, complete answer file
        run(box, ["score", f, "--json"], code=0, reads=[box.out])


@pytest.mark.usefixtures("no_summary_pdf")
@pytest.mark.parametrize("figures_only", [False, True], ids=["explained", "figures-only"])
@pytest.mark.parametrize("enc", IDS)
def test_bulk(box: Box, enc: str, figures_only: bool) -> None:
    path = sheet(box, enc)
    state = ENCODED[enc][1]
    args = ["bulk", path, "-o", box.out, "--workers", "0", *(["--figures-only"] if figures_only else [])]
    run(box, args, code=0 if state == READABLE else 1)
    with open(box.out / "errors.csv", encoding="utf-8-sig", newline="") as f:
        errors = list(csv.DictReader(f))
    with open(box.out / "results.csv", encoding="utf-8-sig", newline="") as f:
        results = list(csv.reader(f))[1:]
    if state == READABLE:
        assert not errors
        assert len(results) == (0 if enc == "header-only" else 2)
        assert all("淮安某精密机械有限公司" in ",".join(r) for r in results)
    else:
        assert errors and all(e["input"] == str(path) and e["message"] for e in errors), errors
    if state == REFUSED:
        assert not results
