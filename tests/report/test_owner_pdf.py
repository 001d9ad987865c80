"""Every persona's default report, in both languages, as the owner reads it (pdftotext of the PDF)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from assess.files.loading import Bundle, load_bundle
from assess.files.storage import load_answers
from assess.pipeline import Evaluation, evaluate
from assess.report import Renderer

PERSONAS = sorted((Path(__file__).parent.parent / "personas").glob("*.json"))
ROOT = Path(__file__).parents[2]
PLAN = Path("/work/shared/policy/000_51be11b180d95516.txt")
FORBIDDEN = ("supports.md", "verification.md", "仓库", "二手资料", "原文未见")
CLOSING = tuple("，。、）；：！？")
FIGURE = re.compile(r"\d[\d,.]*\s?(?:万元|亿元|元|%|％)|\d{1,2}月\d{1,2}日|\d{4}年\d{1,2}月")
NOTE = re.compile(
    r"[（(][^（）()]*(?:supports\.md|verification\.md|仓库|二手|原文未见|待核实|转录|推断|参考)[^（）()]*[）)]"
)


@pytest.fixture(scope="module")
def real() -> Bundle:
    return load_bundle()


def _strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [x for k, v in node.items() if k not in ("sources", "source", "rule_version") for x in _strings(v)]
    if isinstance(node, list):
        return [x for v in node for x in _strings(v)]
    return []


@pytest.fixture(scope="module")
def sourced() -> str:
    """Where an amount, date or rate in a report may come from: the catalog's texts without their
    research notes (sources excluded), the questionnaire, and the plan itself."""
    catalog = yaml.safe_load((ROOT / "questionnaires" / "supports.yaml").read_text(encoding="utf-8"))
    texts = [NOTE.sub("", x) for x in _strings(catalog)]
    texts += [p.read_text(encoding="utf-8") for p in (ROOT / "questionnaires" / "huaian-ai").glob("*.yaml")]
    if PLAN.is_file():
        texts.append(PLAN.read_text(encoding="utf-8"))
    return "\n".join(texts).replace(" ", "").replace("\u00a0", "")


def _company_figures(ev: Evaluation) -> str:
    r = ev.result
    out = [c.display.get(lang) for c in r.computed for lang in ("zh", "en")]
    out += [i.display.get(lang) for d in r.dimensions for i in d.items if i.display for lang in ("zh", "en")]
    out += [x.get(lang) for s in r.supports for x in (*s.reasons, *s.missing) for lang in ("zh", "en")]
    # the advice step's texts are computed from the company's own figures (what-ifs, levers, the plan)
    changes = [c for lv in r.levers for c in lv.changes] + [c for s in r.supports for w in s.what_if for c in w.changes]
    out += [c.text.get(lang) for c in changes for lang in ("zh", "en")]
    out += [x.get(lang) for p in r.plan for x in (p.title, *p.why) for lang in ("zh", "en")]
    out.append(f"{r.assessed_on.year}年{r.assessed_on.month}月{r.assessed_on.day}日")
    return "\n".join(out).replace(" ", "").replace("\u00a0", "")


def _pdftotext(data: bytes) -> list[str]:
    """Text of each page as pdftotext lays it out (pypdf when poppler is not installed)."""
    if shutil.which("pdftotext") is None:
        return [p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages]
    text = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout
    return text.decode("utf-8").split("\f")[:-1]


@pytest.mark.slow
@pytest.mark.parametrize("path", PERSONAS, ids=[p.stem for p in PERSONAS])
def test_every_default_report_is_short_client_safe_and_sourced(
    real: Bundle, renderer: Renderer, sourced: str, path: Path, tmp_path: Path
) -> None:
    ev = evaluate(real, load_answers(path))
    allowed = sourced + _company_figures(ev)
    for lang in ("zh", "en"):
        data = renderer.export(ev, tmp_path / f"{lang}.pdf", lang=lang).read_bytes()
        assert renderer.last_pages <= 12, f"{path.stem} {lang}: {renderer.last_pages} pages"
        pages = _pdftotext(data)
        assert renderer.strings[lang]["owner_dims_title"] in pages[2], "the owner's page must fit on page 2"
        text = "\n".join(pages)
        for word in FORBIDDEN:
            assert word not in text, f"{path.stem} {lang}: {word}"
        for k, page in enumerate(pages, start=1):
            assert page.count("以当年申报通知为准") <= 1, f"{path.stem} {lang} p{k}: caveat repeated"
            starts = [ln for ln in page.splitlines() if ln.strip().startswith(CLOSING)]
            assert not starts, f"{path.stem} {lang} p{k}: line starts with punctuation: {starts[0]!r}"
        flat = text.replace(" ", "").replace("\u00a0", "").replace("\n", "")
        for figure in set(FIGURE.findall(flat)):
            assert figure.replace(" ", "") in allowed, f"{path.stem} {lang}: {figure} has no source"
