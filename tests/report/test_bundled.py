"""The report on the bundled questionnaire and catalog (the real content), with generated answers.

Personas (``tests/personas/*.json``) are rendered too when they exist.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from assess.bulk.synth import answer_file
from assess.domain.answers import AnswerFile
from assess.domain.errors import AssessError
from assess.files import resources
from assess.files.loading import Bundle, load_bundle
from assess.files.storage import load_answers
from assess.pipeline import engine_for
from assess.pipeline import evaluate as score
from assess.report import Renderer
from tests.report.conftest import pdf_fonts, pdf_text

PERSONAS = sorted((Path(__file__).parent.parent / "personas").glob("*.json"))


@pytest.fixture(scope="module")
def real() -> Bundle:
    try:
        return load_bundle()
    except AssessError as e:  # content not there yet
        pytest.skip(f"bundled content not loadable: {e}")


def _answers(bundle: Bundle, seed: int, depth: str = "full") -> AnswerFile:
    af = answer_file(engine_for(bundle, bundle.latest()), seed, seed=seed, depth=depth)
    af.company.name = "淮安市犇昇智能装备有限公司"
    af.mode, af.assessor = "consultant", "赵喆"
    return af


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5, 6])
def test_the_context_of_generated_answers_never_shows_codes(real: Bundle, seed: int, renderer: Renderer) -> None:
    af = _answers(real, seed, "full" if seed % 2 else "quick")
    ctx = renderer.context(score(real, af))
    catalog_ids = {s.id for s in real.catalog.supports}
    names = [n for a in ctx.roadmap for x in a.actions for n in x.supports] + [
        n for t in ctx.toolbox for n in t.supports
    ]
    assert not set(names) & catalog_ids  # support ids are turned into names (unknown ids dropped)
    assert all(not sp.obligation for sp in ctx.top_supports)
    assert len(ctx.top_supports) <= 3
    if len(ctx.dimensions) > 8:
        assert len(ctx.radar_legend) == len(ctx.dimensions)
    for ix in (ctx.overall, ctx.ai):
        assert len(ix.blocked) == len(set(ix.blocked))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_full_report_on_the_bundled_content_renders(real: Bundle, renderer: Renderer, lang: str) -> None:
    af = _answers(real, 3)
    ctx = renderer.context(score(real, af), lang=lang)  # type: ignore[arg-type]
    data = renderer.pdf(renderer.html(ctx))
    text = pdf_text(data)
    assert "淮安市犇昇智能装备有限公司" in text
    assert ctx.overall.level in text and ctx.ai.level in text
    for sp in ctx.supports:
        if sp.status == "apply" and not sp.obligation:
            assert sp.name.replace(" ", "")[:12] in text.replace(" ", "").replace("\n", ""), sp.name
    assert all("Noto-Sans-CJK-SC" in f for f in pdf_fonts(data))
    assert 5 <= renderer.last_pages <= 12
    reader = PdfReader(io.BytesIO(data))
    third = reader.pages[2].extract_text() or ""
    assert ctx.s["owner_dims_title"] in third, "the owner's page must fit on page 2"


@pytest.mark.parametrize("path", PERSONAS, ids=[p.stem for p in PERSONAS])
def test_every_persona_has_a_complete_report_in_both_languages(real: Bundle, renderer: Renderer, path: Path) -> None:
    af = load_answers(path)
    for lang in ("zh", "en"):
        ctx = renderer.context(score(real, af), lang=lang, full=True)
        html = renderer.html(ctx)
        assert ctx.meta.company == af.company.name
        assert ctx.dimensions and ctx.roadmap and ctx.answers
        for sp in ctx.support_pages:
            assert sp.clauses and sp.departments and sp.amounts
        assert ctx.s["disclaimer_title"] in html


@pytest.mark.slow
@pytest.mark.parametrize("path", PERSONAS, ids=[p.stem for p in PERSONAS])
def test_every_persona_renders_to_pdf(real: Bundle, renderer: Renderer, path: Path, tmp_path: Path) -> None:
    """One language per persona (alternating) keeps the suite short; both render the same templates."""
    af = load_answers(path)
    lang = "zh" if PERSONAS.index(path) % 2 == 0 else "en"
    out = renderer.export(score(real, af), tmp_path / f"{path.stem}-{lang}.pdf", lang=lang)
    data = out.read_bytes()
    text = pdf_text(data).replace("\n", "")
    assert af.company.name in text
    third = PdfReader(io.BytesIO(data)).pages[2].extract_text() or ""
    assert renderer.strings[lang]["owner_dims_title"] in third, "the owner's page must fit on page 2"
    assert renderer.missing_glyphs(af.company.name) == set()


def test_the_templates_ship_with_the_package() -> None:
    assert (resources.template_dir() / "report.html.j2").is_file()
    assert (resources.template_dir() / "assets" / "fonts" / "OFL.txt").is_file()
