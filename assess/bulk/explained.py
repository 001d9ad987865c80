"""Fully explained bulk scoring, once per distinct answer state.

The explained engine builds hundreds of result objects and their wording per assessment; in a bulk run
many files share the same answers (a template filled the same way, re-submitted files, campaigns). The
result depends only on the answer state — questionnaire version, depth, status, answers, assessment
date — never on who the file is about, so it is computed once per state and reused: the JSON line and
the figures of a repeat are the first one's with the file's own identity (file, response id, company).
The document is serialised once per state too: a repeat's line is the first one's text after its identity.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import Any

from assess.domain.answers import AnswerFile
from assess.figures import Assessed, assessed_of
from assess.loading import Bundle
from assess.pipeline import evaluate, result_json

SIZE = 2048
"""Answer states kept per process (least recently used dropped first: memory stays flat)."""
_IDENTITY = ("file", "response_id", "company")


def dumps(doc: object) -> str:
    """One line of results.jsonl: compact JSON, Chinese as is."""
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))


@dataclass(slots=True)
class _State:
    doc: dict[str, Any]
    assessed: Assessed
    rest: str | None = None
    """The line's text after the identity (``,"questionnaire":…`` without the closing brace), made on first use."""


class ExplainedCache:
    """Explained results by answer state (one per worker process)."""

    def __init__(self, size: int = SIZE) -> None:
        self.size = size
        self.states: OrderedDict[str, _State] = OrderedDict()
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
        state, hit = self._state(bundle, af, name)
        if not hit:
            return state.doc, state.assessed
        own = {"file": name, "response_id": af.response_id, "company": af.company.name}
        line = own | {k: v for k, v in state.doc.items() if k not in _IDENTITY}
        return line, assessed_of_identity(state.assessed, af)

    def score_line(self, bundle: Bundle, af: AnswerFile, name: str, row: int | None = None) -> tuple[str, Assessed]:
        """The line of results.jsonl (``row`` last when given) and the figures of `af`: :meth:`score`,
        serialised (once per answer state: a repeat's line is the identity followed by the first one's text).

        Raises:
            AnswersError: the answers do not fit their questionnaire (never cached).
        """
        state, hit = self._state(bundle, af, name)
        doc = state.doc
        own = {"file": name, "response_id": af.response_id, "company": af.company.name} if hit else doc
        who = assessed_of_identity(state.assessed, af) if hit else state.assessed
        if state.rest is None:
            if list(doc)[: len(_IDENTITY)] != list(_IDENTITY):  # not result_json's shape: serialise in full
                full = own | {k: v for k, v in doc.items() if k not in _IDENTITY}
                return dumps(full if row is None else full | {"row": row}), who
            rest = {k: v for k, v in doc.items() if k not in _IDENTITY}
            state.rest = "," + dumps(rest)[1:-1] if rest else ""
        head = dumps({k: own[k] for k in _IDENTITY})[:-1]
        return head + state.rest + ("" if row is None else f',"row":{dumps(row)}') + "}", who

    def _state(self, bundle: Bundle, af: AnswerFile, name: str) -> tuple[_State, bool]:
        """The state of `af` and whether it was scored before (then it is not scored again)."""
        key = self.key(af)
        hit = self.states.get(key)
        if hit is None:
            ev = evaluate(bundle, af, name=name)
            state = self.states[key] = _State(result_json(ev.result, name), assessed_of(ev))
            if len(self.states) > self.size:
                self.states.popitem(last=False)
            return state, False
        self.hits += 1
        self.states.move_to_end(key)
        return hit, True


def assessed_of_identity(first: Assessed, af: AnswerFile) -> Assessed:
    """`first`'s figures and breakdowns (same answers), about the company of `af`."""
    return replace(
        first,
        response_id=af.response_id,
        company=af.company.name,
        credit_code=af.company.credit_code,
        contact=af.company.contact,
    )
