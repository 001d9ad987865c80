"""Fully explained bulk scoring, once per distinct answer state.

The explained engine builds hundreds of result objects and their wording per assessment; in a bulk run
many files share the same answers (a template filled the same way, re-submitted files, campaigns). The
result depends only on the answer state — questionnaire version, depth, status, answers, assessment
date — never on who the file is about, so it is computed once per state and reused: the JSON line and
the figures of a repeat are the first one's with the file's own identity (file, response id, company).
The document is serialised once per state too: a repeat's line is the first one's text after its identity.

Worker processes share the states they score through :class:`SharedStates` (files in a temporary
folder of the output folder, signed with a secret of the run), so two workers do not score the same
state twice.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import pickle
import tempfile
from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import Any

from assess.domain.answers import AnswerFile
from assess.files.loading import Bundle
from assess.pipeline import evaluate, result_json
from assess.pipeline.figures import Assessed, assessed_of

SIZE = 2048
"""Answer states kept per process (least recently used dropped first: memory stays flat)."""
_IDENTITY = ("file", "response_id", "company")


def dumps(doc: object) -> str:
    """One line of results.jsonl: compact JSON, Chinese as is."""
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))


@dataclass(slots=True)
class _State:
    doc: dict[str, Any] | None
    """The ``assess score --json`` document (None for a state another worker scored: only its line is known)."""
    assessed: Assessed
    rest: str | None = None
    """The line's text after the identity (``,"questionnaire":…`` without the closing brace), made on first use."""


class SharedStates:
    """Scored answer states shared by the workers of one run: one file per state in `folder`.

    A file holds the state's key, its line's text after the identity and its figures, pickled and
    signed with the run's `secret` (never written anywhere): a file the run did not write is ignored,
    never unpickled. Anything that goes wrong (no such folder on a dask worker) only means scoring again.
    """

    def __init__(self, folder: str, secret: bytes) -> None:
        self.folder, self.secret = folder, secret

    def _path(self, key: str) -> str:
        return os.path.join(self.folder, hashlib.sha256(key.encode()).hexdigest())

    def get(self, key: str) -> tuple[str, Assessed] | None:
        """(rest of the line, figures) of a state some worker scored, if any."""
        try:
            with open(self._path(key), "rb") as f:
                data = f.read()
        except OSError:
            return None
        sign, body = data[:32], data[32:]
        if not hmac.compare_digest(sign, hmac.digest(self.secret, body, "sha256")):
            return None
        found, rest, assessed = pickle.loads(body)
        return (rest, assessed) if found == key else None

    def put(self, key: str, rest: str, assessed: Assessed) -> None:
        """Offer a state to the other workers (written atomically; failures are ignored)."""
        body = pickle.dumps((key, rest, assessed), protocol=pickle.HIGHEST_PROTOCOL)
        with contextlib.suppress(OSError):
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".part-")
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(hmac.digest(self.secret, body, "sha256") + body)
                os.replace(tmp, self._path(key))
            finally:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)


def new_secret() -> bytes:
    """A run's secret for :class:`SharedStates`."""
    return os.urandom(32)


class ExplainedCache:
    """Explained results by answer state (one per worker process)."""

    def __init__(self, size: int = SIZE) -> None:
        self.size = size
        self.states: OrderedDict[str, _State] = OrderedDict()
        self.hits = 0
        self.shared: SharedStates | None = None
        """States the other workers of the run scored (:meth:`score_line` uses them)."""

    def share(self, folder: str | None, secret: bytes) -> None:
        """Use the states shared in `folder` (None: none)."""
        if folder is None:
            self.shared = None
        elif self.shared is None or (self.shared.folder, self.shared.secret) != (folder, secret):
            self.shared = SharedStates(folder, secret)

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
        _, state, hit = self._state(bundle, af, name, doc=True)
        assert state.doc is not None
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
        key, state, hit = self._state(bundle, af, name, doc=False)
        own: dict[str, Any] = {"file": name, "response_id": af.response_id, "company": af.company.name}
        who = assessed_of_identity(state.assessed, af) if hit else state.assessed
        if state.rest is None:
            doc = state.doc
            assert doc is not None  # a shared state always has its text
            if not hit:
                own = {k: doc.get(k) for k in _IDENTITY}
            if list(doc)[: len(_IDENTITY)] != list(_IDENTITY):  # not result_json's shape: serialise in full
                full = own | {k: v for k, v in doc.items() if k not in _IDENTITY} if hit else doc
                return dumps(full if row is None else full | {"row": row}), who
            rest = {k: v for k, v in doc.items() if k not in _IDENTITY}
            state.rest = "," + dumps(rest)[1:-1] if rest else ""
            if self.shared is not None:
                self.shared.put(key, state.rest, state.assessed)
        head = dumps({k: own[k] for k in _IDENTITY})[:-1]
        return head + state.rest + ("" if row is None else f',"row":{dumps(row)}') + "}", who

    def _state(self, bundle: Bundle, af: AnswerFile, name: str, *, doc: bool) -> tuple[str, _State, bool]:
        """The key and state of `af`, and whether it was scored before (then it is not scored again here).

        `doc`: the caller needs the document (a state known only from another worker is then scored)."""
        key = self.key(af)
        state = self.states.get(key)
        if state is not None and (state.doc is not None or not doc):
            self.hits += 1
            self.states.move_to_end(key)
            return key, state, True
        if state is None and not doc and self.shared is not None:
            found = self.shared.get(key)
            if found is not None:
                self.hits += 1
                self._keep(key, _State(None, found[1], found[0]))
                return key, self.states[key], True
        ev = evaluate(bundle, af, name=name)
        state = _State(result_json(ev.result, name), assessed_of(ev))
        self._keep(key, state)
        return key, state, False

    def _keep(self, key: str, state: _State) -> None:
        self.states[key] = state
        self.states.move_to_end(key)
        if len(self.states) > self.size:
            self.states.popitem(last=False)


def assessed_of_identity(first: Assessed, af: AnswerFile) -> Assessed:
    """`first`'s figures and breakdowns (same answers), about the company of `af`."""
    return replace(
        first,
        response_id=af.response_id,
        company=af.company.name,
        credit_code=af.company.credit_code,
        contact=af.company.contact,
    )
