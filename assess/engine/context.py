"""The evaluation context: one company's answers as the compiled rules see them.

A question's answer counts only when the question is shown to this company at this depth; a
hidden question reads as unanswered, so stale answers of questions that became hidden never count.
Visibility and computed values are computed lazily and cached.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

from assess.domain.answers import Answer, AnswerValue

if TYPE_CHECKING:
    from assess.engine.core import Engine

Scalar = float | str | bool | None


class Context:
    """Answers + depth + date, with cached visibility, computed values and (after scoring) scores."""

    def __init__(self, engine: Engine, answers: Mapping[str, Answer], depth: str, assessed_on: date) -> None:
        self.engine = engine
        self.answers = answers
        self.depth = depth
        self.assessed_on = assessed_on
        self._visible: dict[str, bool] = {}
        self._computed: dict[str, Scalar] = {}
        self._computing: set[str] = set()
        self._values: dict[str, AnswerValue | None] = {}
        self.dims: dict[str, float | None] = {}
        self.blocks: dict[str, float | None] = {}
        self.indexes: dict[str, float | None] = {}

    def visible(self, qid: str) -> bool:
        """Whether the question is shown: right depth, its section's and its own show-if hold."""
        cached = self._visible.get(qid)
        if cached is not None:
            return cached
        self._visible[qid] = False  # guards against cycles; `assess validate` reports them
        q = self.engine.questions.get(qid)
        shown = q is not None and (self.depth == "full" or q.depth == "quick")
        if shown:
            section_cond = self.engine.section_show_if.get(self.engine.section_of[qid])
            own_cond = self.engine.show_if.get(qid)
            shown = (section_cond is None or section_cond(self) is True) and (
                own_cond is None or own_cond(self) is True
            )
        self._visible[qid] = shown
        return shown

    def answer(self, qid: str) -> Answer | None:
        """The stored answer of a shown question (None when hidden or never answered)."""
        a = self.answers.get(qid)
        if a is None or not self.visible(qid):
            return None
        return a

    def value(self, qid: str) -> AnswerValue | None:
        """The real value of a shown question; None when hidden, unanswered, n/a or don't know."""
        if qid in self._values:
            return self._values[qid]
        a = self.answer(qid)
        v = self._values[qid] = a.value if a is not None and a.is_real else None
        return v

    def special(self, qid: str) -> str | None:
        """``na`` / ``dk`` when the shown question was answered so."""
        a = self.answer(qid)
        return a.special if a is not None else None

    def scalar(self, qid: str) -> Scalar:
        """The value as a comparison sees it (lists are not scalars)."""
        v = self.value(qid)
        return None if isinstance(v, list) else v

    def count_selected(self, qid: str) -> float | None:
        """Options selected in a multiple choice, not counting an exclusive "none" option."""
        v = self.value(qid)
        if not isinstance(v, list):
            return None
        exclusive = self.engine.exclusive_codes.get(qid, frozenset())
        return float(sum(1 for code in v if code not in exclusive))

    def computed(self, cid: str) -> Scalar:
        """A computed value (cached; None when its inputs are unknown)."""
        if cid in self._computed:
            return self._computed[cid]
        fn = self.engine.computed_fns.get(cid)
        if fn is None or cid in self._computing:
            return None
        self._computing.add(cid)
        try:
            v = fn(self)
        finally:
            self._computing.discard(cid)
        if isinstance(v, int | float) and not isinstance(v, bool):
            v = round(float(v), 6)
        self._computed[cid] = v
        return v

    def dimension_score(self, did: str) -> float | None:
        """A dimension's score once scoring has run (None before, or when not scored)."""
        return self.dims.get(did)

    def block_score(self, bid: str) -> float | None:
        """A block's score once scoring has run."""
        return self.blocks.get(bid)

    def index_score(self, iid: str) -> float | None:
        """``overall`` or ``ai_readiness`` once scoring has run."""
        return self.indexes.get(iid)
