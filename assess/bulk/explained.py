"""Fully explained bulk scoring, once per distinct answer state.

The explained engine builds hundreds of result objects and their wording per assessment; in a bulk run
many files share the same answers (a template filled the same way, re-submitted files, campaigns). The
result depends only on the answer state — questionnaire version, depth, status, answers, assessment
date — never on who the file is about, so it is computed once per state and reused: the JSON line and
the figures of a repeat are the first one's with the file's own identity (file, response id, company).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace
from typing import Any

from assess.domain.answers import AnswerFile
from assess.files.loading import Bundle
from assess.pipeline import evaluate, result_json
from assess.pipeline.figures import Assessed, assessed_of

SIZE = 2048
"""Answer states kept per process (least recently used dropped first: memory stays flat)."""
_IDENTITY = ("file", "response_id", "company")


class ExplainedCache:
    """Explained results by answer state (one per worker process)."""

    def __init__(self, size: int = SIZE) -> None:
        self.size = size
        self.states: OrderedDict[str, tuple[dict[str, Any], Assessed]] = OrderedDict()
        self.hits = 0

    @staticmethod
    def key(af: AnswerFile) -> str:
        """Everything of an answer file that the result depends on, and nothing about who it is."""
        state = af.model_dump_json(include={"questionnaire", "depth", "status", "answers", "migrated_from"})
        return f"{af.assessed_on.isoformat()}|{state}"

    def score(self, bundle: Bundle, af: AnswerFile, name: str) -> tuple[dict[str, Any], Assessed]:
        """The ``assess score --json`` document and the figures of `af`, scored once per answer state.

        Raises:
            AnswersError: the answers do not fit their questionnaire (never cached).
        """
        key = self.key(af)
        hit = self.states.get(key)
        if hit is None:
            ev = evaluate(bundle, af, name=name)
            doc, assessed = result_json(ev.result, name), assessed_of(ev)
            self.states[key] = (doc, assessed)
            if len(self.states) > self.size:
                self.states.popitem(last=False)
            return doc, assessed
        self.hits += 1
        self.states.move_to_end(key)
        doc, first = hit
        own = {"file": name, "response_id": af.response_id, "company": af.company.name}
        line = own | {k: v for k, v in doc.items() if k not in _IDENTITY}
        who = assessed_of_identity(first, af)
        return line, who


def assessed_of_identity(first: Assessed, af: AnswerFile) -> Assessed:
    """`first`'s figures and breakdowns (same answers), about the company of `af`."""
    return replace(
        first,
        response_id=af.response_id,
        company=af.company.name,
        credit_code=af.company.credit_code,
        contact=af.company.contact,
    )
