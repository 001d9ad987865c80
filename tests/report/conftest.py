"""Fixtures of the report tests: the shared test questionnaire (tests/data/mini), answers, renderers.

The questionnaire is ``tests/data/mini``: versions 0.8.0 and 1.0.0 (1.0.0 adds ``security``, drops
``ai_idea`` and migrates 0.7.* answers), its catalog gives apply, prepare and need_info verdicts.
The answers are here in ``tests/report/data``: ``answers.json`` (a consultant visit on 1.0.0, company
name with characters outside GB2312), ``previous.json`` (an earlier, weaker assessment on 1.0.0),
``previous-0.8.0.json`` (the same on 0.8.0) and ``previous-0.7.0.json`` (on 0.7.0, no longer bundled).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from assess.domain.answers import AnswerFile
from assess.files.loading import Bundle, load_bundle
from assess.files.storage import load_answers
from assess.report import Renderer

DATA = Path(__file__).parent / "data"
QUESTIONNAIRES = Path(__file__).parents[1] / "data" / "mini"


@pytest.fixture(scope="session")
def bundle() -> Bundle:
    return load_bundle(QUESTIONNAIRES)


@pytest.fixture
def answers() -> AnswerFile:
    return load_answers(DATA / "answers.json")


@pytest.fixture
def previous() -> AnswerFile:
    return load_answers(DATA / "previous.json")


@pytest.fixture
def previous_v08() -> AnswerFile:
    return load_answers(DATA / "previous-0.8.0.json")


@pytest.fixture(scope="session")
def renderer() -> Renderer:
    """A strict renderer: any WeasyPrint ERROR fails the test."""
    return Renderer(strict=True)


def pdf_text(data: bytes) -> str:
    """All text of a PDF, pages joined."""
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def pdf_fonts(data: bytes) -> dict[str, bool]:
    """Base font name → embedded, for every font used on any page."""
    fonts: dict[str, bool] = {}
    for page in PdfReader(io.BytesIO(data)).pages:
        resources = page.get("/Resources")
        if resources is None:
            continue
        for font in (resources.get_object().get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            desc_font = descendants[0].get_object() if descendants else font
            descriptor = desc_font.get("/FontDescriptor")
            embedded = descriptor is not None and any(
                k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            fonts[str(font["/BaseFont"])] = embedded
    return fonts
