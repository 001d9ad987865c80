"""JSON Schemas of the file formats, for editors; generated from the pydantic models.

The committed copies live in ``questionnaires/schema/``; ``python -m assess.files.schemas`` rewrites them
and a test fails when they are stale. Pydantic stays the authority: `assess validate` checks more.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from assess.domain.answers import AnswerFile
from assess.domain.catalog import Catalog
from assess.domain.questionnaire import Questionnaire
from assess.files import resources

MODELS: dict[str, type[BaseModel]] = {"questionnaire": Questionnaire, "answers": AnswerFile, "catalog": Catalog}


def schema_for(what: str) -> dict[str, Any]:
    """The JSON Schema of ``questionnaire``, ``answers`` or ``catalog``."""
    schema = MODELS[what].model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def schema_text(what: str) -> str:
    """The schema as the committed file holds it."""
    return json.dumps(schema_for(what), ensure_ascii=False, indent=2) + "\n"


def schema_dir() -> Path:
    """Where the committed schemas live."""
    return resources.questionnaire_dir() / "schema"


def write_all(folder: Path | None = None) -> list[Path]:
    """Rewrite every committed schema file."""
    folder = folder or schema_dir()
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for what in MODELS:
        p = folder / f"{what}.schema.json"
        p.write_text(schema_text(what), encoding="utf-8")
        out.append(p)
    return out


if __name__ == "__main__":
    for p in write_all():
        print(p)
