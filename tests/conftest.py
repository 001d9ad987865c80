"""Shared fixtures: the tiny test questionnaire in tests/data/mini, answer files, temp workspaces."""

from __future__ import annotations

from pathlib import Path

import pytest

from assess.domain.answers import AnswerFile
from assess.files.loading import Bundle, load_bundle
from assess.files.storage import load_answers

DATA = Path(__file__).parent / "data"
MINI = DATA / "mini"


@pytest.fixture(scope="session")
def mini_bundle() -> Bundle:
    """The tiny questionnaire exercising every kind and op, with its catalog."""
    return load_bundle(MINI)


@pytest.fixture
def mini_answers() -> AnswerFile:
    """A complete answer file for the tiny questionnaire (a fresh copy per test)."""
    return load_answers(MINI / "answers.json")
