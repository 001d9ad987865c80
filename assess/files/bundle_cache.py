"""A start-up cache of the loaded questionnaires and catalog, as validated JSON.

Reading the YAML definitions (≈0.2 s) is the largest single cost of opening the app or running
`assess score` / `assess report`. The validated models are written once as JSON to the user cache
folder, keyed by a hash of every definition file, the package version and the model sources (size
and time), and read back with pydantic's JSON validation (≈10 ms). JSON rather than pickle: the
cache file is data, never code. Any problem with the cache falls back to
:func:`assess.files.loading.load_bundle`, which also reports broken definitions with file and line.
"""

from __future__ import annotations

import gc
import hashlib
import os
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from assess.domain.catalog import Catalog
from assess.domain.errors import DefinitionError
from assess.domain.questionnaire import Questionnaire, content_hash
from assess.files.loading import CATALOG_FILE, YAML_MAX_BYTES, Bundle, load_bundle, questionnaire_files
from assess.files.readers import read_regular


class _Cached(BaseModel):
    model_config = ConfigDict(defer_build=True)  # built on the first load, with the collector paused

    key: str
    root: str
    questionnaires: list[Questionnaire]
    catalog: Catalog
    hashes: list[str]
    """Content hash of each questionnaire (computing one serialises the whole definition)."""


def _key(root: Path) -> str:
    import assess

    digest = hashlib.sha256(f"{assess.__version__}\n{root.resolve()}\n".encode())
    for code in sorted((Path(assess.__file__).parent / "domain").glob("*.py")):  # the models themselves
        stat = code.stat()
        digest.update(f"{code.name} {stat.st_size} {stat.st_mtime_ns}\n".encode())
    for path in [*questionnaire_files(root), root / CATALOG_FILE]:
        digest.update(f"{path.name}\n".encode())
        digest.update(read_regular(path, YAML_MAX_BYTES, DefinitionError))  # never a pipe or a device
    return digest.hexdigest()[:32]


def _cache_dir() -> Path:
    from platformdirs import user_cache_path

    return user_cache_path("assess", appauthor=False)


def load_bundle_cached(root: Path | None = None, cache_dir: Path | None = None) -> Bundle:
    """:func:`load_bundle`, served from the JSON cache when the definition files have not changed.

    The cyclic garbage collector is paused meanwhile: loading makes tens of thousands of objects that all
    live on, and scanning them while they are made is a good part of the load time."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load_cached(root, cache_dir)
    finally:
        if collecting:
            gc.enable()


def _load_cached(root: Path | None, cache_dir: Path | None) -> Bundle:
    from assess.files import resources

    root = root or resources.questionnaire_dir()
    try:
        key = _key(root)
    except (OSError, DefinitionError):  # load_bundle names the file that cannot be read
        return load_bundle(root)
    folder = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:12]  # one entry per definitions folder
    cache = (cache_dir or _cache_dir()) / f"bundle-{folder}-{key}.json"
    try:
        cached = _Cached.model_validate_json(cache.read_bytes())
        if cached.key == key and len(cached.hashes) == len(cached.questionnaires):
            return Bundle(
                root=root,
                questionnaires={(q.id, q.version): q for q in cached.questionnaires},
                catalog=cached.catalog,
                hashes={(q.id, q.version): h for q, h in zip(cached.questionnaires, cached.hashes, strict=True)},
            )
    except (OSError, ValueError):
        pass
    bundle = load_bundle(root)
    data = (
        _Cached(
            key=key,
            root=str(root),
            questionnaires=list(bundle.questionnaires.values()),
            catalog=bundle.catalog,
            hashes=[content_hash(q) for q in bundle.questionnaires.values()],
        )
        .model_dump_json()
        .encode()
    )
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, cache)
        for old in cache.parent.glob(f"bundle-{folder}-*.json"):  # earlier versions of this folder's definitions
            if old != cache:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only cache folder only costs start-up time
    return bundle
