"""A start-up cache of the loaded questionnaires and catalog, as validated JSON.

Reading the YAML definitions (≈0.2 s) is the largest single cost of opening the app or running
`assess score` / `assess report`. The validated models are written once as JSON to the user cache
folder, keyed by a hash of every definition file, the package version and the model sources (size
and time), and read back with pydantic's JSON validation. JSON rather than pickle: the cache file is
data, never code. Any problem with the cache falls back to :func:`assess.files.loading.load_bundle`,
which also reports broken definitions with file and line.

The file holds one JSON document per line: an index (key, content hashes), then each questionnaire
version, then the catalog. The catalog is read at once; a version is validated only when it is first
asked for (:class:`~assess.files.loading.Versions`), so start-up does not grow with every version
published (each is ≈4 ms). A version whose line no longer validates is read from the YAML instead.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from assess.domain.catalog import Catalog
from assess.domain.errors import DefinitionError
from assess.domain.questionnaire import Questionnaire, content_hash
from assess.files.loading import (
    CATALOG_FILE,
    YAML_MAX_BYTES,
    Bundle,
    Versions,
    load_bundle,
    questionnaire_files,
)
from assess.files.readers import read_regular

CACHE_MAX_BYTES = 64 * 1024 * 1024
"""A cache file larger than this is not read (the bundled definitions make about 1 MB)."""
FORMAT = "lines-1"
"""The cache file's layout (part of the key: a new layout never reads an old file)."""


def _key(root: Path) -> str:
    import assess

    digest = hashlib.sha256(f"{FORMAT}\n{assess.__version__}\n{root.resolve()}\n".encode())
    for code in sorted((Path(assess.__file__).parent / "domain").glob("*.py")):  # the models themselves
        stat = code.stat()
        digest.update(f"{code.name} {stat.st_size} {stat.st_mtime_ns}\n".encode())
    for path in [*questionnaire_files(root), root / CATALOG_FILE]:
        digest.update(f"{path.name}\n".encode())
        digest.update(read_regular(path, YAML_MAX_BYTES, DefinitionError))  # never a pipe or a device
    return digest.hexdigest()[:32]


def _read(cache: Path, key: str, root: Path) -> Bundle | None:
    """The bundle in `cache` (its versions read on first use), or None when the file is of another key."""
    lines = read_regular(cache, CACHE_MAX_BYTES, DefinitionError).split(b"\n")  # never a pipe or a device
    index = json.loads(lines[0])
    versions = [(str(i), str(v)) for i, v in index["versions"]]
    if index["key"] != key or len(lines) != len(versions) + 2 or len(index["hashes"]) != len(versions):
        return None
    catalog = Catalog.model_validate_json(lines[-1])
    loaders = {k: _version(lines[n], k, root) for n, k in enumerate(versions, start=1)}
    hashes = {k: str(h) for k, h in zip(versions, index["hashes"], strict=True)}
    return Bundle(root=root, questionnaires=Versions(loaders), catalog=catalog, hashes=hashes)


def _version(line: bytes, key: tuple[str, str], root: Path) -> Callable[[], Questionnaire]:
    """What reads one version from its cache line (from the YAML when the line no longer validates)."""

    def load() -> Questionnaire:
        with _collector_paused():
            try:
                q = Questionnaire.model_validate_json(line)
                if (q.id, q.version) == key:
                    return q
            except ValueError:
                pass
            return load_bundle(root).questionnaires[key]

    return load


def _cache_dir() -> Path:
    from platformdirs import user_cache_path

    return user_cache_path("assess", appauthor=False)


def load_bundle_cached(root: Path | None = None, cache_dir: Path | None = None) -> Bundle:
    """:func:`load_bundle`, served from the JSON cache when the definition files have not changed (the
    garbage collector paused meanwhile, as when a version is read later)."""
    with _collector_paused():
        return _load_cached(root, cache_dir)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off meanwhile (as it was before afterwards): loading definitions makes
    tens of thousands of objects that all live on, and scanning them while they are made costs a good
    part of the load time."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
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
        bundle = _read(cache, key, root)
        if bundle is not None:
            return bundle
    except (OSError, ValueError, KeyError, TypeError, DefinitionError):  # rebuilt from the YAML
        pass
    bundle = load_bundle(root)
    keys = list(bundle.questionnaires)
    index = {
        "key": key,
        "versions": [list(k) for k in keys],
        "hashes": [content_hash(bundle.questionnaires[k]) for k in keys],
    }
    lines = [
        json.dumps(index),
        *(bundle.questionnaires[k].model_dump_json() for k in keys),
        bundle.catalog.model_dump_json(),
    ]
    data = "\n".join(lines).encode()
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
