"""Personas scored as questionnaire 1.2.0 (whatever version their file names), with the advice step."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from assess.domain.answers import AnswerFile
from assess.domain.catalog import Catalog
from assess.domain.conditions import Selected
from assess.engine.core import Engine
from assess.files.loading import Bundle, load_bundle

PERSONAS = sorted(Path(__file__).parents[1].joinpath("personas").glob("*.json"))
ADVICE_VERSION = "1.2.0"


@pytest.fixture(scope="session")
def bundle() -> Bundle:
    return load_bundle()


def as_version(path: Path, version: str = ADVICE_VERSION) -> AnswerFile:
    """A persona's answers as if saved with `version` (answer codes are the same in 1.0.0–1.2.0)."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    data["questionnaire"] = {"id": data["questionnaire"]["id"], "version": version}
    return AnswerFile.model_validate(data)


def with_held_titles(catalog: Catalog) -> Catalog:
    """The catalog with ``held_if`` on the ladder titles where the data does not give one yet (test fixture:
    a title held = its code ticked under p_titles)."""
    codes = {
        "tsme": "tsme",
        "zjtx_2026": "zjtx",
        "little_giant_2026": "little_giant",
        "smart_factory_basic": "sf_basic",
    }
    supports = [
        s.model_copy(update={"held_if": Selected(op="selected", q="p_titles", value=codes[s.id])})
        if s.id in codes and s.held_if is None
        else s
        for s in catalog.supports
    ]
    return catalog.model_copy(update={"supports": supports})


@pytest.fixture(scope="session")
def held_engine(bundle: Bundle) -> Engine:
    """An engine for 1.2.0 whose catalog says when the ladder titles are held."""
    q = bundle.get("huaian-ai", ADVICE_VERSION)
    assert q is not None
    return Engine(q, with_held_titles(bundle.catalog))
