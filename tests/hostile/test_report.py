"""PDF reports and bulk summaries of hostile text: every payload in every text field at once (one
render per payload), in the owner's and the consultant's edition, in both languages. The HTML shows the
payload as escaped text, the PDF renders, and the canary the payloads point at is never read (WeasyPrint
fetches only the report's own assets)."""

from __future__ import annotations

import pytest
from markupsafe import escape

from .conftest import Box, run
from .corpus import base_doc, dumps
from .test_answers import ESCAPES, payloads

FIELDS = ("name", "contact")


def everywhere(box: Box, text: str) -> bytes:
    doc = base_doc()
    doc["company"]["name"] = ("淮安" + text)[:200]
    doc["company"]["contact"] = text[:200]
    doc["respondent"] = text[:200]
    doc["assessor"] = text[:200]
    doc["mode"] = "consultant"
    for qid in ("p_region", "p_industry", "a1_network"):
        value = doc["answers"][qid]
        doc["answers"][qid] = {"value": value.get("value") if isinstance(value, dict) else value, "note": text[:4000]}
    return dumps(doc)


REPORT_CASES = [
    ("jinja-expr", "zh", False),
    ("jinja-include", "zh", True),
    ("html-img", "zh", False),
    ("html-style-import", "en", True),
    ("css-url", "zh", False),
    ("file-url", "en", False),
    ("dotdot-path", "zh", False),
    ("long-line-100k", "zh", True),
]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("kind", "lang", "full"), REPORT_CASES, ids=[f"{k}-{lg}{'-full' if f else ''}" for k, lg, f in REPORT_CASES]
)
def test_report_shows_payloads_as_text_and_reads_nothing_else(box: Box, kind: str, lang: str, full: bool) -> None:
    text = payloads(box.canary)[kind]
    path = box.put(f"{kind}.json", everywhere(box, text))
    box.out.mkdir()
    args = ["report", path, "-o", box.out / "r.pdf", "--html", box.out / "r.html", "--lang", lang]
    run(box, [*args, *(["--full"] if full else [])], code=0)
    assert (box.out / "r.pdf").read_bytes().startswith(b"%PDF")
    html = (box.out / "r.html").read_text(encoding="utf-8")
    if "<" in text:
        assert text[:60] not in html  # never as markup
        assert str(escape(text))[:40] in html
    assert "CANARY" not in html


@pytest.mark.slow
@pytest.mark.parametrize("esc", ["ansi-colour", "rtl-override", "osc8-link", "nul"])
def test_report_html_carries_no_escapes_or_bidi_overrides(box: Box, esc: str) -> None:
    path = box.put("esc.json", everywhere(box, ESCAPES[esc]))
    box.out.mkdir()
    run(box, ["report", path, "-o", box.out / "r.pdf", "--html", box.out / "r.html", "--full"], code=0)
    html = (box.out / "r.html").read_text(encoding="utf-8")
    assert not any(c in html for c in ("\x1b", "\x9b", "\u202e", "\x00", "\x07"))


@pytest.mark.slow
def test_bulk_with_reports_and_summary_of_payloads(box: Box) -> None:
    chosen = ["html-img", "jinja-expr", "css-url", "dotdot-path"]
    for i, kind in enumerate(chosen):
        doc = base_doc()
        doc["response_id"] = payloads(box.canary)["dotdot-path"] if kind == "dotdot-path" else f"r{i}"
        doc["company"]["name"] = f"{i}" + payloads(box.canary)[kind]
        doc["company"]["credit_code"] = f"9132{i:04d}"
        box.put(f"{kind}.json", dumps(doc))
    run(box, ["bulk", box.inp, "-o", box.out, "--workers", "0", "--pdf", "--summary-appendix"], code=0)
    html = (box.out / "summary.html").read_text(encoding="utf-8")
    assert "<img src=" not in html and "CANARY" not in html and "&lt;img src=" in html
    assert (box.out / "summary.pdf").read_bytes().startswith(b"%PDF")
    reports = list((box.out / "reports").rglob("*.pdf"))
    assert len(reports) == len(chosen)
