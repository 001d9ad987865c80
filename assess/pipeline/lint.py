"""`assess validate`: every problem in questionnaires and the catalog, as ``file:line: id: message``.

This module reads the definition files, reports pydantic's shape errors with file and line, runs the
meaning checks of :mod:`assess.pipeline.lint_checks` on what loaded, and checks that published
versions (``published.txt``) are unchanged.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from assess.domain.catalog import Catalog
from assess.domain.errors import DefinitionError
from assess.domain.questionnaire import Questionnaire, content_hash
from assess.files import resources
from assess.files.loading import CATALOG_FILE, Problem, locate, questionnaire_files, read_yaml, validation_problems
from assess.pipeline.lint_checks import Path_, check_catalog, check_questionnaire


class _Reporter:
    """Collects problems for one file, locating each by its path in the YAML tree."""

    def __init__(self, file: Path, node: yaml.Node | None) -> None:
        self.file, self.node, self.problems = str(file), node, list[Problem]()

    def __call__(self, path: Path_, message: str) -> None:
        line, ident = locate(self.node, path)
        self.problems.append(Problem(self.file, line, ident, message))


def _load(path: Path, model: type[BaseModel]) -> tuple[Any, _Reporter]:
    try:
        data, node = read_yaml(path)
    except DefinitionError as e:
        rep = _Reporter(path, None)
        rep.problems.append(Problem(str(path), e.line, None, e.message))
        return None, rep
    rep = _Reporter(path, node)
    try:
        return model.model_validate(data), rep
    except ValidationError as err:
        rep.problems.extend(validation_problems(path, err, node))
        return None, rep


def lint_path(path: Path | None = None) -> list[Problem]:
    """Every problem in a definitions folder (``<id>/<version>.yaml`` files + supports.yaml).

    Given one file, the folder it belongs to is checked (references cross files) and the problems
    of that file are returned."""
    path = path or resources.questionnaire_dir()
    if path.is_file():
        folder = path.parent if path.name == CATALOG_FILE else path.parent.parent
        if path.name != CATALOG_FILE and path.resolve() not in {f.resolve() for f in questionnaire_files(folder)}:
            return [
                Problem(
                    str(path),
                    None,
                    None,
                    "not a definitions file: expected <folder>/<id>/<version>.yaml or supports.yaml",
                )
            ]
        return [p for p in lint_folder(folder) if Path(p.file).resolve() == path.resolve()]
    return lint_folder(path)


def lint_folder(folder: Path) -> list[Problem]:
    """Every problem in a definitions folder."""
    problems: list[Problem] = []
    catalog: Catalog | None = None
    cat_rep: _Reporter | None = None
    if (folder / CATALOG_FILE).is_file():
        catalog, cat_rep = _load(folder / CATALOG_FILE, Catalog)
    else:
        problems.append(Problem(str(folder / CATALOG_FILE), None, None, "supports catalog not found"))
    files = questionnaire_files(folder)
    if not files:
        problems.append(Problem(str(folder), None, None, "no questionnaire found (expected <id>/<version>.yaml)"))
    support_ids = {s.id for s in catalog.supports} if catalog else None
    loaded: dict[tuple[str, str], Questionnaire] = {}
    for f in files:
        qn, rep = _load(f, Questionnaire)
        if qn is not None:
            if (qn.id, qn.version) in loaded:
                rep(("version",), f"questionnaire {qn.id} {qn.version} is defined twice")
            loaded[(qn.id, qn.version)] = qn
            check_questionnaire(qn, rep, support_ids)
        problems += rep.problems
    problems += published_problems(folder, loaded)
    if catalog is not None and cat_rep is not None:
        newest: dict[str, Questionnaire] = {}
        for (qid, _), qn in loaded.items():
            if qid not in newest or _v(qn.version) > _v(newest[qid].version):
                newest[qid] = qn
        check_catalog(catalog, list(newest.values()), cat_rep)
    if cat_rep is not None:
        problems += cat_rep.problems
    return problems


PUBLISHED_FILE = "published.txt"


def published_problems(folder: Path, loaded: dict[tuple[str, str], Questionnaire]) -> list[Problem]:
    """Published versions (listed in ``published.txt`` as ``id version sha256``) must not change."""
    lock = folder / PUBLISHED_FILE
    if not lock.is_file():
        return []
    out = []
    for n, line in enumerate(lock.read_text(encoding="utf-8").splitlines(), 1):
        parts = line.split("#")[0].split()
        if not parts:
            continue
        if len(parts) != 3:
            out.append(Problem(str(lock), n, None, "expected: <id> <version> <sha256>"))
            continue
        qid, version, sha = parts
        qn = loaded.get((qid, version))
        if qn is None:
            out.append(Problem(str(lock), n, qid, f"published version {version} is missing: published files stay"))
        elif content_hash(qn) != sha:
            out.append(
                Problem(
                    str(lock),
                    n,
                    qid,
                    f"published version {version} was changed; publish a new version "
                    "(e.g. a new <version>.yaml with migrations) instead of editing it",
                )
            )
    return out


def _v(version: str) -> tuple[int, ...]:
    return tuple(int(x) for x in version.split("."))
