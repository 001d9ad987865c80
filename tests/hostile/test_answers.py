"""Answer files written to break the reader or the person reading the output: truncated and malformed
JSON, wrong types, wrong versions, unknown keys, deep nesting, huge strings, over-long notes; terminal
escapes, bidi overrides and control characters in every text field; template, HTML, CSS, path and URL
payloads in every text field. Each is refused in one line naming file and field, or scored with the text
shown as inert text (cleaned for people, exact in --json); the canary the payloads point at is never read."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .conftest import Box, assert_names, run
from .corpus import base_doc, dumps

# ------------------------------------------------------------------ broken JSON and wrong shapes

RAW = json.dumps(base_doc(), ensure_ascii=False).encode("utf-8")
BROKEN: dict[str, Callable[[], bytes]] = {
    **{f"truncated-{pct}pct": (lambda pct=pct: RAW[: len(RAW) * pct // 100]) for pct in (1, 10, 25, 50, 75, 90, 99)},
    "trailing-comma": lambda: RAW[:-1] + b",}",
    "single-quotes": lambda: RAW.replace(b'"', b"'"),
    "comments": lambda: b"// saved by hand\n" + RAW,
    "two-documents": lambda: RAW + RAW,
    "bom-then-garbage": lambda: b"\xef\xbb\xbf\x00\x01garbage",
    "utf16-no-bom": lambda: RAW.decode().encode("utf-16-le"),
    "latin1-bytes": lambda: RAW.decode().replace("淮安", "Café").encode("latin-1", "replace"),
    "lone-surrogate-escaped": lambda: RAW.replace(b'"company": {"name": "', b'"company": {"name": "\\ud800'),
    "nul-byte-raw": lambda: RAW.replace(b"huaiyin", b"huai\x00yin"),
    "empty": lambda: b"",
    "whitespace": lambda: b" \n\t\r\n",
    "null": lambda: b"null",
    "array": lambda: b"[]",
    "string": lambda: b'"answers"',
    "number": lambda: b"1e999",
    "empty-object": lambda: b"{}",
    "deep-nesting-100k": lambda: b"[" * 100_000 + b"]" * 100_000,
    "deep-answer-nesting": lambda: RAW.replace(b'"p_region": "huaiyin"', b'"p_region": ' + b"[" * 5000 + b"]" * 5000),
    "over-5mib": lambda: RAW[:-1] + b', "x": "' + b"a" * (5 * 1024 * 1024) + b'"}',
    "binary": lambda: bytes(range(256)) * 64,
}


@pytest.mark.parametrize("kind", list(BROKEN))
@pytest.mark.parametrize("command", ["score", "whatif"])
def test_broken_json_is_one_line_naming_the_file(box: Box, kind: str, command: str) -> None:
    path = box.put(f"{kind}.json", BROKEN[kind]())
    out = run(box, [command, path], code=1)
    assert_names(out, path)
    assert len(out.stderr.strip().splitlines()) == 1 and len(out.stderr) < 1000, out.stderr


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(doc: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target = doc
        for key in parents:
            target = target[key]
        target[last] = value

    return change


def _drop(key: str) -> Callable[[dict[str, Any]], None]:
    return lambda doc: doc.pop(key)


SHAPES: dict[str, tuple[Callable[[dict[str, Any]], None], str]] = {
    # id: (change, the field the error names)
    "format-string": (_set("format", "1"), "format"),
    "format-2": (_set("format", 2), "format"),
    "format-0": (_set("format", 0), "format"),
    "format-huge": (_set("format", 10**30), "format"),
    "no-format-questionnaire": (_drop("questionnaire"), "questionnaire"),
    "questionnaire-list": (_set("questionnaire", ["huaian-ai", "1.2.0"]), "questionnaire"),
    "version-unknown": (_set("questionnaire.version", "9.9.9"), "questionnaire"),
    "version-short": (_set("questionnaire.version", "1.2"), "questionnaire"),
    "version-path": (_set("questionnaire.version", "../../../etc/passwd"), "questionnaire"),
    "version-nul": (_set("questionnaire.version", "1.2.0\x00"), "questionnaire"),
    "version-number": (_set("questionnaire.version", 1.2), "questionnaire.version"),
    "questionnaire-id-path": (_set("questionnaire.id", "../secret/canary"), "questionnaire"),
    "questionnaire-id-unknown": (_set("questionnaire.id", "other"), "questionnaire"),
    "response-id-number": (_set("response_id", 5), "response_id"),
    "response-id-empty": (_set("response_id", ""), "response_id"),
    "company-null": (_set("company", None), "company"),
    "company-name-list": (_set("company.name", ["a"]), "company.name"),
    "company-name-empty": (_set("company.name", ""), "company.name"),
    "company-name-201": (_set("company.name", "名" * 201), "company.name"),
    "company-name-1mib": (_set("company.name", "x" * (1 << 20)), "company.name"),
    "contact-201": (_set("company.contact", "x" * 201), "company.contact"),
    "credit-code-41": (_set("company.credit_code", "9" * 41), "company.credit_code"),
    "respondent-dict": (_set("respondent", {"name": "x"}), "respondent"),
    "mode-unknown": (_set("mode", "admin"), "mode"),
    "depth-unknown": (_set("depth", "deep"), "depth"),
    "language-unknown": (_set("language", "fr"), "language"),
    "status-unknown": (_set("status", "done"), "status"),
    "created-at-words": (_set("created_at", "yesterday"), "created_at"),
    "created-at-year-99999": (_set("created_at", "99999-01-01T00:00:00"), "created_at"),
    "visit-date-impossible": (_set("visit_date", "2026-02-30"), "visit_date"),
    "answers-list": (_set("answers", []), "answers"),
    "answers-null": (_set("answers", None), "answers"),
    "unknown-top-key": (_set("__proto__", {"admin": True}), "__proto__"),
    "unknown-company-key": (_set("company.website", "http://127.0.0.1:9/"), "website"),
    "unknown-answer-key": (_set("answers.p_region", {"value": "huaiyin", "weight": 99}), "weight"),
    "unknown-question": (_set("answers.constructor", "x"), "constructor"),
    "unknown-question-1mib-id": (_set("answers." + "q" * (1 << 20), 1), "qqqq"),
    "many-unknown-questions": (lambda d: d["answers"].update({f"q{i}": 1 for i in range(100_000)}), "q0"),
    "answer-object-in-list": (_set("answers.p_titles", [{"code": "none"}]), "p_titles"),
    "answer-unknown-code": (_set("answers.p_region", "{{ 7*7 }}"), "p_region"),
    "answer-number-as-text": (_set("answers.p_employees", "320人"), "p_employees"),
    "answer-bool-as-number": (_set("answers.p_gsm", 1), "p_gsm"),
    "answer-date-garbage": (_set("answers.p_est_date", "../../etc/passwd"), "p_est_date"),
    "answer-date-year-0": (_set("answers.p_est_date", "0000-01-01"), "p_est_date"),
    "answer-date-future-founding": (_set("answers.p_est_date", "2199-01-01"), "p_est_date"),
    "answer-special-unknown": (_set("answers.p_region", {"special": "maybe"}), "p_region"),
    "note-4001": (_set("answers.p_region", {"value": "huaiyin", "note": "注" * 4001}), "note"),
    "note-number": (_set("answers.p_region", {"value": "huaiyin", "note": 5}), "note"),
    "verified-string": (_set("answers.p_region", {"value": "huaiyin", "verified": "yes!"}), "verified"),
    "multi-huge-list": (_set("answers.p_titles", ["none"] * 100_000), "p_titles"),
    "progress-current-list": (_set("progress", {"current": ["a"]}), "progress"),
    "based-on-65": (_set("based_on", "x" * 65), "based_on"),
}


@pytest.mark.parametrize("kind", list(SHAPES))
def test_a_wrong_shape_is_refused_naming_the_field(box: Box, kind: str) -> None:
    change, field = SHAPES[kind]
    doc = base_doc()
    change(doc)
    path = box.put(f"{kind}.json", dumps(doc))
    out = run(box, ["score", path, "--json"], code=1)
    assert_names(out, path, field)
    assert out.stdout == ""


ACCEPTED: dict[str, Callable[[dict[str, Any]], None]] = {
    "note-4000": _set("answers.p_region", {"value": "huaiyin", "note": "注" * 4000}),
    "name-200": _set("company.name", "名" * 200),
    "bare-values": lambda d: d["answers"].update({"p_region": {"value": "huaiyin"}, "p_gsm": "__dk__"}),
    "utf8-bom": lambda d: None,
}


@pytest.mark.parametrize("kind", list(ACCEPTED))
def test_the_limits_themselves_are_accepted(box: Box, kind: str) -> None:
    doc = base_doc()
    ACCEPTED[kind](doc)
    data = dumps(doc)
    path = box.put(f"{kind}.json", b"\xef\xbb\xbf" + data if kind == "utf8-bom" else data)
    run(box, ["score", path], code=0)


# ------------------------------------------------------------------ text for people: escapes, bidi, controls

TEXT_FIELDS = ["company.name", "company.contact", "company.credit_code", "respondent", "assessor", "note"]
ESCAPES = {
    "ansi-colour": "\x1b[31;1m红色\x1b[0m",
    "ansi-clear-screen": "\x1b[2J\x1b[H",
    "osc-title": "\x1b]0;pwned\x07",
    "osc8-link": "\x1b]8;;http://127.0.0.1:9/\x1b\\点击\x1b]8;;\x1b\\",
    "c1-csi": "\x9b31m",
    "rtl-override": "\u202eexe.txt",
    "bidi-isolate": "\u2066abc\u2069",
    "bell-backspace-cr": "\x07\x08\x08\rOK",
    "nul": "a\x00b",
    "zero-width-and-del": "a\u200fb\x7f",
}
ESC_CASES = [(f, e) for f in TEXT_FIELDS for e in ESCAPES]
_RAW = ("\x1b", "\x9b", "\u202e", "\u2066", "\x07", "\x08", "\x00", "\u200f", "\x7f", "\r")


def with_text(field: str, text: str) -> dict[str, Any]:
    doc = base_doc()
    if field == "note":
        doc["answers"]["p_region"] = {"value": "huaiyin", "note": text}
    elif field.startswith("company."):
        doc["company"][field.split(".")[1]] = f"淮安{text}"[:40] if field.endswith("credit_code") else f"淮安{text}公司"
    else:
        doc[field] = text
    return doc


@pytest.mark.parametrize(("field", "esc"), ESC_CASES, ids=[f"{f}-{e}" for f, e in ESC_CASES])
def test_escapes_and_bidi_never_reach_the_terminal_raw_but_json_keeps_them(box: Box, field: str, esc: str) -> None:
    doc = with_text(field, ESCAPES[esc])
    path = box.put(f"{esc}.json", dumps(doc))
    human = run(box, ["score", path], code=0)
    assert not any(c in human.stdout + human.stderr for c in _RAW), repr(human.stdout[:300])
    if field == "company.name":
        assert "淮安" in human.stdout and "公司" in human.stdout
        wi = run(box, ["whatif", path], code=0)
        assert not any(c in wi.stdout + wi.stderr for c in _RAW)
        data = json.loads(run(box, ["score", path, "--json"], code=0).stdout)
        assert data["company"] == doc["company"]["name"]


@pytest.mark.parametrize("esc", ["ansi-colour", "rtl-override", "osc-title"])
def test_a_file_name_with_escapes_is_cleaned_in_the_error_line(box: Box, esc: str) -> None:
    path = box.put(f"bad{ESCAPES[esc]}.json".replace("\x00", ""), b"{")
    out = run(box, ["score", path], code=1)
    assert not any(c in out.stderr for c in _RAW) and "bad" in out.stderr


# ------------------------------------------------------------------ payloads in every text field


def payloads(canary: Path) -> dict[str, str]:
    url = canary.as_uri()
    return {
        "jinja-expr": "{{ 7*7 }}",
        "jinja-stmt": "{% for x in range(99999999) %}{% endfor %}{{ ''.__class__.__mro__ }}",
        "jinja-include": "{% include '" + str(canary) + "' %}",
        "html-img": f'<img src="{url}">',
        "html-link-css": f'<link rel="stylesheet" href="{url}">',
        "html-style-import": f"</p><style>@import url({url});</style>",
        "css-url": f"background: url({url})",
        "dotdot-path": "../../secret/canary.txt",
        "file-url": url,
        "http-url": "http://127.0.0.1:9/beacon.png",
        "script": "<script>alert(1)</script>",
        "long-line-100k": "长" * 100_000,
    }


PAYLOAD_FIELDS = ["company.name", "company.contact", "respondent", "assessor", "note", "response_id"]
PAYLOADS = list(payloads(Path("/x")))
PAY_CASES = [(f, p) for f in PAYLOAD_FIELDS for p in PAYLOADS]
LIMITS = {
    "company.name": 200,
    "company.contact": 200,
    "respondent": 200,
    "assessor": 200,
    "note": 4000,
    "response_id": 64,
}


def payload_doc(box: Box, field: str, kind: str) -> dict[str, Any]:
    text = payloads(box.canary)[kind]
    doc = base_doc()
    if field == "note":
        doc["answers"]["p_region"] = {"value": "huaiyin", "note": text}
    elif field.startswith("company."):
        doc["company"][field.split(".")[1]] = text
    else:
        doc[field] = text
    return doc


@pytest.mark.parametrize(("field", "kind"), PAY_CASES, ids=[f"{f}-{p}" for f, p in PAY_CASES])
def test_payloads_are_inert_text(box: Box, field: str, kind: str) -> None:
    doc = payload_doc(box, field, kind)
    text = payloads(box.canary)[kind]
    path = box.put(f"{kind}.json", dumps(doc))
    too_long = len(text) > LIMITS[field]
    human = run(box, ["score", path], code=1 if too_long else 0)
    if too_long:
        assert_names(human, path, field.split(".")[-1])
        return
    if field == "company.name":
        assert text in human.stdout  # shown as typed, never evaluated
    assert "49" not in human.stdout.replace(text, "") or "49" in json.dumps(doc)
    data = json.loads(run(box, ["score", path, "--json"], code=0).stdout)
    assert json.dumps(doc["company"], ensure_ascii=False)[:50] and data["company"] == doc["company"]["name"]
