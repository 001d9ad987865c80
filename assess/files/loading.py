"""Loading questionnaires and the supports catalog from YAML, with errors that name file and line.

Layout of a questionnaire folder::

    questionnaires/
      huaian-ai/1.0.0.yaml      one file per published version (immutable once published)
      supports.yaml             the supports catalog

:func:`load_bundle` loads every version and the catalog and fails on the first invalid file;
``assess validate`` (:mod:`assess.pipeline.lint`) collects every problem instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from assess.domain.catalog import Catalog
from assess.domain.errors import AnswersError, DefinitionError, shorten
from assess.domain.questionnaire import Questionnaire
from assess.files import resources
from assess.files.readers import read_regular

if TYPE_CHECKING:  # PyYAML is imported when YAML is read: the app starts from the JSON cache without it
    import yaml

M = TypeVar("M", bound=BaseModel)
CATALOG_FILE = "supports.yaml"
YAML_MAX_BYTES = 4 * 1024 * 1024
"""Largest questionnaire or catalog file read (4 MiB; the bundled ones are about 200 KiB)."""
YAML_MAX_NODES = 1_000_000
"""Most values a YAML file may hold once its aliases are expanded (refuses a billion-laughs file)."""


@dataclass(frozen=True)
class Problem:
    """One problem in a definition file, printed as ``file:line: id: message``."""

    file: str
    line: int | None
    id: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {shorten(self.id) + ': ' if self.id else ''}{self.message}"


def read_yaml(path: Path) -> tuple[Any, yaml.Node | None]:
    """The parsed data and the node tree (for line numbers) of a YAML file.

    Raises:
        DefinitionError: unreadable file or invalid YAML (with the line of the syntax error).
    """
    import yaml

    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's loader when present: ~10x faster
    try:
        text = read_regular(path, YAML_MAX_BYTES, DefinitionError).decode("utf-8")
    except UnicodeDecodeError as e:
        raise DefinitionError(f"cannot read: not UTF-8 text ({e.reason})", file=str(path)) from None
    try:
        node = yaml.compose(text, Loader=loader)
        if expanded_size(node, {}) > YAML_MAX_NODES:
            raise DefinitionError(
                f"refused: its aliases expand to more than {YAML_MAX_NODES:,} values (an alias bomb?)", file=str(path)
            )
        data = yaml.load(text, Loader=loader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise DefinitionError(f"invalid YAML: {getattr(e, 'problem', e)}", file=str(path), line=line) from None
    except RecursionError:
        raise DefinitionError("refused: nested too deeply", file=str(path)) from None
    return data, node


def expanded_size(node: yaml.Node | None, seen: dict[int, int]) -> int:
    """How many values the node tree holds once every alias is expanded (shared nodes counted once
    per use, computed once each): what a billion-laughs file multiplies."""
    if node is None:
        return 0
    key = id(node)
    if key in seen:
        return seen[key]
    seen[key] = 1  # a recursive alias counts once, not forever
    children: list[Any] = node.value if isinstance(node.value, list) else []
    total = 1
    for child in children:
        pair = child if isinstance(child, tuple) else (child,)
        total += sum(expanded_size(c, seen) for c in pair)
        if total > YAML_MAX_NODES:
            break
    seen[key] = total
    return total


def locate(node: yaml.Node | None, loc: Iterable[str | int]) -> tuple[int | None, str | None]:
    """The line of the deepest node a pydantic error location reaches, and the nearest ``id`` on the way.

    Union tags in the location (``eq`` in ``show_if.eq.value``) are skipped."""
    import yaml

    line = node.start_mark.line + 1 if node is not None else None
    ident: str | None = None
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if k.value == "id" and isinstance(v, yaml.ScalarNode):
                    ident = v.value
            match = next((v for k, v in node.value if k.value == str(key)), None)
            if match is None:
                continue
            node = match
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            continue
        line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if k.value == "id" and isinstance(v, yaml.ScalarNode):
                ident = v.value
    return line, ident


def validation_problems(path: Path, err: ValidationError, node: yaml.Node | None) -> list[Problem]:
    """One :class:`Problem` per pydantic error, located in the file."""
    out = []
    for e in err.errors(include_url=False):
        line, ident = locate(node, e["loc"])
        where = ".".join(str(x) for x in e["loc"])
        out.append(Problem(str(path), line, ident, f"{where}: {e['msg']}"))
    return out


def load_model(path: Path, model: type[M]) -> M:
    """Load and validate one YAML file; raise with the first problem (file:line: id: message)."""
    data, node = read_yaml(path)
    try:
        return model.model_validate(data)
    except ValidationError as err:
        first = validation_problems(path, err, node)[0]
        more = len(err.errors()) - 1
        suffix = f" (and {more} more; run `assess validate`)" if more else ""
        raise DefinitionError(f"{first.message}{suffix}", file=first.file, line=first.line, field=first.id) from None


def questionnaire_files(root: Path) -> list[Path]:
    """Every ``<id>/<version>.yaml`` under `root` (or `root` itself when it is a file)."""
    if root.is_file():
        return [root]
    return sorted(p for p in root.glob("*/*.yaml") if p.is_file())


class Versions(Mapping[tuple[str, str], Questionnaire]):
    """Questionnaire versions by (id, version), each read the first time it is asked for.

    The start-up cache hands over one loader per version: opening the app reads only the version it
    starts a new assessment with; older ones are read when an answer file of theirs is opened or scored."""

    def __init__(self, loaders: Mapping[tuple[str, str], Callable[[], Questionnaire]]) -> None:
        self._loaders = dict(loaders)
        self._loaded: dict[tuple[str, str], Questionnaire] = {}

    def __getitem__(self, key: tuple[str, str]) -> Questionnaire:
        q = self._loaded.get(key)
        if q is None:
            q = self._loaded[key] = self._loaders[key]()  # KeyError for an unknown version, as a dict
        return q

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self._loaders)

    def __len__(self) -> int:
        return len(self._loaders)


@dataclass
class Bundle:
    """Every questionnaire version and the catalog, as loaded (data only: no rules compiled here).

    The compiled engine of a version is built once by :func:`assess.pipeline.engine_for` and kept in
    :attr:`derived`, so loading never depends on the engine (data flows one way)."""

    root: Path
    questionnaires: Mapping[tuple[str, str], Questionnaire]
    """Every version by (id, version); a :class:`Versions` reads each on first use."""
    catalog: Catalog
    hashes: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)
    """Content hashes already known (from the start-up cache); the others are computed when needed."""
    derived: dict[tuple[str, ...], Any] = field(default_factory=dict, repr=False)
    """Objects built once from these definitions by the layers above (compiled engines), by key."""

    def latest(self, qid: str | None = None) -> Questionnaire:
        """The newest version of questionnaire `qid` (of the only/first questionnaire when None)."""
        ids = sorted({k[0] for k in self.questionnaires})
        qid = qid or ids[0]
        versions = [k for k in self.questionnaires if k[0] == qid]  # keys only: no version is read to pick
        if not versions:
            raise AnswersError(f"unknown questionnaire '{qid}' (known: {', '.join(ids)})", field="questionnaire.id")
        return self.questionnaires[max(versions, key=lambda k: tuple(int(x) for x in k[1].split(".")))]

    def get(self, qid: str, version: str) -> Questionnaire | None:
        """The given version, or None when it is not bundled."""
        return self.questionnaires.get((qid, version))


def load_bundle(root: Path | None = None, catalog: Path | None = None) -> Bundle:
    """Load every questionnaire version under `root` (default: the bundled folder) and the catalog.

    Raises:
        DefinitionError: a file is missing or invalid; two files declare the same id and version.
    """
    root = root or resources.questionnaire_dir()
    files = questionnaire_files(root)
    if not files:
        raise DefinitionError("no questionnaire found (expected <id>/<version>.yaml)", file=str(root))
    found: dict[tuple[str, str], Questionnaire] = {}
    for path in files:
        q = load_model(path, Questionnaire)
        key = (q.id, q.version)
        if key in found:
            raise DefinitionError(f"questionnaire {q.id} {q.version} is defined twice", file=str(path))
        found[key] = q
    catalog_path = catalog or (root.parent if root.is_file() else root) / CATALOG_FILE
    if not catalog_path.is_file():
        raise DefinitionError("supports catalog not found", file=str(catalog_path))
    return Bundle(root=root, questionnaires=found, catalog=load_model(catalog_path, Catalog))
