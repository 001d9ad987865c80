"""The start-up cache of loaded definitions gives the same bundle as loading the YAML."""

from __future__ import annotations

import shutil
from pathlib import Path

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
