"""Spreadsheets built to attack the reader: XML entities and DTDs in every part of an .xlsx (XXE,
billion laughs, external DTDs, parameter entities), zip bombs and damaged zips renamed .xlsx, and
formula injection in cells. Unsafe workbooks are refused as "unsafe spreadsheet" before anything is
read; bombs are refused from their declared sizes; formulas never reach an output as formulas."""

from __future__ import annotations

import csv
import io
import json
import struct
import zipfile
import zlib
from pathlib import Path

import openpyxl
import pytest

from .conftest import Box, assert_names, run
from .corpus import XLSX_PARTS, csv_text, sheet_rows, xlsx_bytes, xlsx_parts

COMPANY = "淮安某精密机械有限公司（示例）1"


def attacks(canary: Path) -> dict[str, tuple[str, str]]:
    """DOCTYPE declarations and the entity reference that uses them (in the company's cell)."""
    url = canary.as_uri()
    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    return {
        "xxe-canary": (f'<!DOCTYPE r [<!ENTITY x SYSTEM "{url}">]>', "&x;"),
        "xxe-passwd": ('<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>', "&x;"),
        "xxe-http": ('<!DOCTYPE r [<!ENTITY x SYSTEM "http://127.0.0.1:9/x">]>', "&x;"),
        "billion-laughs": (f'<!DOCTYPE r [<!ENTITY l0 "ha">{laughs}]>', "&l9;"),
        "external-dtd": (f'<!DOCTYPE r SYSTEM "{url}">', ""),
        "parameter-entity": (f'<!DOCTYPE r [<!ENTITY % p SYSTEM "{url}"> %p;]>', ""),
    }


ATTACKS = ["xxe-canary", "xxe-passwd", "xxe-http", "billion-laughs", "external-dtd", "parameter-entity"]
XML_CASES = [(part, attack) for part in XLSX_PARTS for attack in ATTACKS]
XML_IDS = [f"{part.rsplit('/', 1)[-1]}-{attack}" for part, attack in XML_CASES]


def unsafe_workbook(box: Box, part: str, attack: str) -> Path:
    doctype, ref = attacks(box.canary)[attack]
    parts = xlsx_parts(sheet_rows(2))
    if part == "xl/sharedStrings.xml" and ref:
        parts[part] = parts[part].replace(COMPANY, ref, 1)
    return box.put(f"{attack}.xlsx", xlsx_bytes(dict(parts), {part: doctype}))


@pytest.mark.parametrize(("part", "attack"), XML_CASES, ids=XML_IDS)
def test_import_refuses_xml_entities_and_dtds_in_any_part(box: Box, part: str, attack: str) -> None:
    path = unsafe_workbook(box, part, attack)
    out = run(box, ["import", path, "-o", box.out], code=1)
    assert_names(out, path)
    assert "unsafe spreadsheet" in out.stderr
    assert not box.out.exists() or not list(box.out.iterdir())


@pytest.mark.usefixtures("no_summary_pdf")
@pytest.mark.parametrize(("part", "attack"), XML_CASES, ids=XML_IDS)
def test_bulk_refuses_xml_entities_and_dtds_in_any_part(box: Box, part: str, attack: str) -> None:
    path = unsafe_workbook(box, part, attack)
    run(box, ["bulk", path, "-o", box.out, "--workers", "0"], code=1)
    errors = (box.out / "errors.csv").read_text(encoding="utf-8-sig")
    assert str(path) in errors and "unsafe spreadsheet" in errors
    assert "CANARY" not in errors and "root:" not in errors


# ------------------------------------------------------------------ zip bombs and damaged zips


def _declare_size(data: bytes, member: str, size: int) -> bytes:
    """The zip with `member`'s uncompressed size in the central directory set to `size`."""
    buf = bytearray(data)
    name = member.encode()
    at = buf.find(b"PK\x01\x02")
    while at != -1:
        n, extra, comment = struct.unpack_from("<HHH", buf, at + 28)
        if bytes(buf[at + 46 : at + 46 + n]) == name:
            struct.pack_into("<I", buf, at + 24, size)
        at = buf.find(b"PK\x01\x02", at + 46 + n + extra + comment)
    return bytes(buf)


def _real_bomb() -> bytes:
    """A 0.3 MB workbook whose shared strings unpack to 136 MB of one repeated string."""
    parts: dict[str, str | bytes] = dict(xlsx_parts(sheet_rows(2)))
    head = f'<sst xmlns="{"http://schemas.openxmlformats.org/spreadsheetml/2006/main"}">'
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = b"<si><t>a</t></si>" * 65536
    packed = [comp.compress(head.encode()), *(comp.compress(chunk) for _ in range(122)), comp.compress(b"</sst>")]
    packed.append(comp.flush())
    raw = b"".join(packed)
    size = len(head) + len(chunk) * 122 + len(b"</sst>")
    del parts["xl/sharedStrings.xml"]
    data = xlsx_bytes(parts)
    # append the pre-deflated member by hand (zipfile would inflate nothing, but needs the CRC)
    crc = 0
    crc = zlib.crc32(head.encode(), crc)
    for _ in range(122):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(b"</sst>", crc)
    buf = io.BytesIO(data)
    with zipfile.ZipFile(buf, "a") as z:
        info = zipfile.ZipInfo("xl/sharedStrings.xml")
        info.compress_type = zipfile.ZIP_STORED
        z.writestr(info, b"")
    out = bytearray(buf.getvalue())
    return _replace_stored(bytes(out), "xl/sharedStrings.xml", raw, size, crc)


def _replace_stored(data: bytes, member: str, raw: bytes, size: int, crc: int) -> bytes:
    """Rebuild the zip with `member` as the given deflated bytes (sizes and CRC as declared)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    entries = []
    for info in src.infolist():
        offset = out.tell()
        name = info.filename.encode()
        if info.filename == member:
            body, method, usize, ucrc = raw, 8, size, crc
        else:
            plain = src.read(info)
            comp = zlib.compressobj(6, zlib.DEFLATED, -15)
            body, method, usize, ucrc = comp.compress(plain) + comp.flush(), 8, len(plain), zlib.crc32(plain)
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, ucrc, len(body), usize, len(name), 0))
        out.write(name + body)
        entries.append((name, method, ucrc, len(body), usize, offset))
    cd = out.tell()
    for name, method, ucrc, csize, usize, offset in entries:
        out.write(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                method,
                0,
                0x21,
                ucrc,
                csize,
                usize,
                len(name),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + name
        )
    end = out.tell()
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), end - cd, cd, 0))
    return out.getvalue()


def _many_members() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        for name, xml in xlsx_parts(sheet_rows(1)).items():
            z.writestr(name, xml)
        for i in range(10_001):
            z.writestr(f"x/{i}", b"")
    return buf.getvalue()


def _zip_slip() -> bytes:
    parts: dict[str, str | bytes] = dict(xlsx_parts(sheet_rows(2)))
    parts["../../../evil.xml"] = b"<x/>"
    parts["/tmp/evil-absolute.xml"] = b"<x/>"
    return xlsx_bytes(parts)


BOMBS = {
    # id: (bytes, the words of the refusal; None = a valid workbook)
    "declared-4gib-sharedstrings": (
        lambda: _declare_size(xlsx_bytes(dict(xlsx_parts(sheet_rows(2)))), "xl/sharedStrings.xml", 0xFFFFFFF0),
        "zip bomb",
    ),
    "real-bomb-136mb-sharedstrings": (_real_bomb, "zip bomb"),
    "10001-members": (_many_members, "parts"),
    "not-a-zip": (lambda: b"this is not a workbook\n" * 100, "not a readable .xlsx"),
    "truncated-zip": (lambda: xlsx_bytes(dict(xlsx_parts(sheet_rows(2))))[:600], "not a readable .xlsx"),
    "empty-zip": (lambda: b"PK\x05\x06" + b"\0" * 18, "not a readable .xlsx"),
    "zip-without-workbook": (lambda: xlsx_bytes({"hello.txt": b"hi"}), "not a readable .xlsx"),
    "zip-slip-member-names": (_zip_slip, None),
}


@pytest.mark.usefixtures("no_summary_pdf")
@pytest.mark.parametrize("command", ["import", "bulk"])
@pytest.mark.parametrize("kind", list(BOMBS))
def test_zip_bombs_and_damaged_zips_are_refused_from_their_directory(box: Box, kind: str, command: str) -> None:
    make, words = BOMBS[kind]
    path = box.put(f"{kind}.xlsx", make())
    args = ["import", path, "-o", box.out] if command == "import" else ["bulk", path, "-o", box.out, "--workers", "0"]
    out = run(box, args, code=0 if words is None else 1)
    if words is None:
        assert not any("evil" in p for p in out.opened)
        return
    if command == "import":
        assert_names(out, path)
        assert words in out.stderr
    else:
        errors = (box.out / "errors.csv").read_text(encoding="utf-8-sig")
        assert str(path) in errors and words in errors


# ------------------------------------------------------------------ formula injection

FORMULAS = [
    '=HYPERLINK("http://127.0.0.1:9/x","点此领取补贴")',
    "=cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "=1+1\u202e",
]


def _formula_rows() -> list[list[str]]:
    rows = sheet_rows(len(FORMULAS))
    col = rows[0].index("company")
    contact = rows[0].index("credit_code")
    for row, text in zip(rows[1:], FORMULAS, strict=True):
        row[col] = text + "公司"
        row[contact] = text[:40]
    return rows


def _no_formula_cells(out: Path) -> None:
    for name in ("results.csv", "errors.csv", "followup.csv", "superseded.csv"):
        with open(out / name, encoding="utf-8-sig", newline="") as f:
            for row in csv.reader(f):
                for cell in row:
                    assert not cell.startswith(("=", "+", "@", "\t", "\r")), (name, cell)
                    assert not (cell.startswith("-") and not cell.lstrip("-").replace(".", "").isdigit()), (name, cell)
    wb = openpyxl.load_workbook(out / "results.xlsx")
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", (ws.title, c.coordinate, c.value)


@pytest.mark.usefixtures("no_summary_pdf")
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_formula_text_in_cells_never_becomes_a_formula_in_the_outputs(box: Box, fmt: str) -> None:
    rows = _formula_rows()
    data = csv_text(rows).encode("utf-8") if fmt == "csv" else xlsx_bytes(dict(xlsx_parts(rows)))
    path = box.put(f"formulas.{fmt}", data)
    run(box, ["bulk", path, "-o", box.out, "--workers", "0"], code=0)
    _no_formula_cells(box.out)
    with open(box.out / "results.csv", encoding="utf-8-sig", newline="") as f:
        text = f.read()
    assert "'=HYPERLINK(" in text and "'@SUM(1+1)" in text


def test_import_keeps_formula_text_as_data(box: Box) -> None:
    path = box.put("formulas.csv", csv_text(_formula_rows()))
    run(box, ["import", path, "-o", box.out], code=0)
    names = set()
    for f in sorted(box.out.glob("*.json")):
        out = run(box, ["score", f, "--json"], code=0, reads=[box.out])
        names.add(json.loads(out.stdout)["company"])
    assert names == {(text + "公司").strip() for text in FORMULAS}  # kept as typed (JSON is data)


def test_formula_cells_in_a_workbook_are_read_as_their_values_not_run(box: Box) -> None:
    rows = sheet_rows(2)
    col = rows[0].index("company")
    path = box.put(
        "cells.xlsx",
        xlsx_bytes(dict(xlsx_parts(rows, {(2, col): 'WEBSERVICE("http://127.0.0.1:9/")', (3, col): "1+1"}))),
    )
    out = run(box, ["import", path, "-o", box.out], code=1)  # no cached value: the company is empty
    assert f"{path}:2: company:" in out.stderr and f"{path}:3: company:" in out.stderr
