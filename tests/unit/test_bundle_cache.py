"""The start-up cache of loaded definitions gives the same bundle as loading the YAML."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from assess.domain.questionnaire import Questionnaire
from assess.files.bundle_cache import load_bundle_cached
from assess.files.loading import load_bundle
from assess.pipeline import engine_for
from tests.conftest import MINI


def test_the_cache_gives_the_same_models_and_follows_edits(tmp_path: Path) -> None:
    root = tmp_path / "defs"
    shutil.copytree(MINI, root)
    cache = tmp_path / "cache"
    first = load_bundle_cached(root, cache)
    assert len(list(cache.glob("bundle-*.json"))) == 1
    again = load_bundle_cached(root, cache)
    fresh = load_bundle(root)
    q = fresh.latest()
    assert again.latest() == q and again.catalog == fresh.catalog
    assert again.hashes  # the cached hash is used, not recomputed
    assert (
        engine_for(again, again.latest()).sha256
        == engine_for(fresh, q).sha256
        == engine_for(first, first.latest()).sha256
    )
    yaml_file = root / "mini" / "1.0.0.yaml"
    yaml_file.write_text(yaml_file.read_text(encoding="utf-8").replace("迷你问卷", "小问卷"), encoding="utf-8")
    assert load_bundle_cached(root, cache).latest().title.zh == "小问卷"
    assert len(list(cache.glob("bundle-*.json"))) == 1  # the stale entry is gone


def test_a_broken_cache_file_is_ignored(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_bundle_cached(MINI, cache)
    for f in cache.glob("bundle-*.json"):
        f.write_text("{not json")
    assert load_bundle_cached(MINI, cache).latest().id == "mini"


def test_two_definition_folders_keep_their_own_cache_entries(tmp_path: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(MINI, other)
    cache = tmp_path / "cache"
    load_bundle_cached(MINI, cache)
    load_bundle_cached(other, cache)
    assert len(list(cache.glob("bundle-*.json"))) == 2


def test_a_version_is_read_when_first_asked_for_and_a_broken_line_falls_back_to_the_yaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Start-up validates only the version it needs (older ones cost nothing until an answer file of
    theirs is opened); a version whose cached line no longer validates is read from its YAML."""
    cache = tmp_path / "cache"
    fresh = load_bundle(MINI)
    load_bundle_cached(MINI, cache)
    read: list[bytes] = []
    real = Questionnaire.model_validate_json

    def counting(data: bytes, *a: Any, **kw: Any) -> Questionnaire:
        read.append(data)
        return real(data, *a, **kw)

    monkeypatch.setattr(Questionnaire, "model_validate_json", counting)
    bundle = load_bundle_cached(MINI, cache)
    assert len(bundle.questionnaires) == len(fresh.questionnaires) >= 2 and not read
    assert bundle.latest() == fresh.latest() and len(read) == 1
    assert [bundle.questionnaires[k] for k in fresh.questionnaires] == list(fresh.questionnaires.values())
    assert len(read) == len(fresh.questionnaires)

    (entry,) = cache.glob("bundle-*.json")
    lines = entry.read_bytes().split(b"\n")
    entry.write_bytes(b"\n".join([lines[0], b'{"broken": true}', *lines[2:]]))
    again = load_bundle_cached(MINI, cache)
    assert [again.questionnaires[k] for k in fresh.questionnaires] == list(fresh.questionnaires.values())


def test_a_pipe_where_the_cache_file_should_be_is_not_read(tmp_path: Path) -> None:
    """A FIFO (or a device) at the cache path would block a plain read forever: it is skipped and the
    definitions are read from the YAML."""
    import os

    cache = tmp_path / "cache"
    load_bundle_cached(MINI, cache)
    (entry,) = cache.glob("bundle-*.json")
    entry.unlink()
    os.mkfifo(entry)
    assert load_bundle_cached(MINI, cache).latest().id == "mini"
