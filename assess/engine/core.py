"""The :class:`Engine`: a questionnaire and a catalog with every condition compiled once.

Front ends hold one Engine per questionnaire version and call it for the flow (which questions
this company sees), for checking answers as they are typed, and for scoring.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from assess.domain.answers import Answer
from assess.domain.catalog import Catalog
from assess.domain.questionnaire import Option, Question, Questionnaire, Section, content_hash
from assess.domain.text import Text
from assess.engine import answers as ans
from assess.engine.answers import Issue
from assess.engine.context import Context
from assess.engine.logic import CompiledCond, CompiledExpr
from assess.engine.ops import compile_cond, compile_expr

__all__ = ["Engine", "Issue"]


class Engine:
    """A compiled questionnaire + catalog.

    Args:
        questionnaire: the questionnaire version the answers belong to.
        catalog: the supports catalog to match against.
        sha256: the questionnaire's content hash when already known (computed otherwise).
    """

    def __init__(self, questionnaire: Questionnaire, catalog: Catalog, sha256: str | None = None) -> None:
        self.questionnaire = questionnaire
        self.catalog = catalog
        self.sha256 = sha256 or content_hash(questionnaire)
        """Content hash recorded in answer files."""
        self.questions: dict[str, Question] = {}
        self.section_of: dict[str, str] = {}
        self.options: dict[str, dict[str, Option]] = {}
        for section in questionnaire.sections:
            for q in section.questions:
                self.questions[q.id] = q
                self.section_of[q.id] = section.id
                opts = q.options
                if isinstance(opts, str):
                    opts = questionnaire.choice_lists.get(opts, [])
                self.options[q.id] = {o.code: o for o in opts or []}
        self.exclusive_codes = {
            qid: frozenset(code for code, o in opts.items() if o.exclusive) for qid, opts in self.options.items()
        }
        self.section_show_if: dict[str, CompiledCond] = {
            s.id: compile_cond(s.show_if) for s in questionnaire.sections if s.show_if is not None
        }
        self.show_if: dict[str, CompiledCond] = {
            q.id: compile_cond(q.show_if) for q in self.questions.values() if q.show_if is not None
        }
        self.required_if: dict[str, CompiledCond] = {
            q.id: compile_cond(q.required) for q in self.questions.values() if not isinstance(q.required, bool)
        }
        self.checks = {
            q.id: [(compile_cond(ch.rule), ch) for ch in q.checks] for q in self.questions.values() if q.checks
        }
        self.computed_specs = {c.id: c for c in questionnaire.computed}
        self.computed_fns: dict[str, CompiledExpr] = {c.id: compile_expr(c.expr) for c in questionnaire.computed}
        self._cond_cache: dict[int, CompiledCond] = {}
        self.reads: dict[int, list[str]] = {}
        """Question ids each rule reads (filled by matching, once per rule)."""
        self._show_nodes: dict[str, object | None] = {}
        self.memo: dict[tuple[Any, ...], Any] = {}
        """Per-rule values derived once (e.g. hedged wording), keyed by (kind, id(node))."""
        for node in self.scoring_conditions():
            self.cond(node)

    def scoring_conditions(self) -> list[object]:
        """Every condition used after the flow: floors, actions, toolbox, estimates, catalog rules."""
        qn, out = self.questionnaire, list[object]()
        for scale in (qn.scoring.overall, qn.scoring.ai_readiness):
            out += [f.rule for lv in scale.levels for f in lv.floors if f.rule is not None]
        out += [c for a in qn.actions for c in (a.when, a.goal) if c is not None]
        for tool in qn.toolbox:
            out += [c for c in (tool.in_use, tool.relevant_if) if c is not None]
            out += [p.rule for p in tool.prerequisites]
        out += [case.when for e in qn.estimates for case in e.cases]
        for s in self.catalog.supports:
            out += [r.rule for r in s.rules] + [f.rule for f in s.fit]
            out += [r.applies_if for r in s.rules if r.applies_if is not None]
        return out

    def questionnaire_show_if(self, qid: str) -> object | None:
        """The show-if conditions (section and own) that decide whether `qid` is shown, as one node."""
        from assess.domain.conditions import All

        if qid in self._show_nodes:  # kept alive: rule caches are keyed by id(node)
            return self._show_nodes[qid]
        conds = [c for c in (self._section_cond(qid), self.questions[qid].show_if) if c is not None]
        node = None if not conds else conds[0] if len(conds) == 1 else All(op="all", of=conds)
        self._show_nodes[qid] = node
        return node

    def _section_cond(self, qid: str) -> object | None:
        sid = self.section_of[qid]
        return next(s.show_if for s in self.questionnaire.sections if s.id == sid)

    def cond(self, node: object) -> CompiledCond:
        """The compiled form of a condition node of the loaded data (all compiled when the engine is built)."""
        key = id(node)
        fn = self._cond_cache.get(key)
        if fn is None:
            fn = self._cond_cache[key] = compile_cond(node)  # type: ignore[arg-type]
        return fn

    # ------------------------------------------------------------------ flow

    def context(self, answers: Mapping[str, Answer], depth: str = "full", assessed_on: date | None = None) -> Context:
        """An evaluation context for these answers."""
        return Context(self, answers, depth, assessed_on or date.today())

    def sections(self, answers: Mapping[str, Answer], depth: str) -> list[tuple[Section, list[Question]]]:
        """Every section with the questions this company sees at this depth (possibly none)."""
        ctx = self.context(answers, depth)
        return [(s, [q for q in s.questions if ctx.visible(q.id)]) for s in self.questionnaire.sections]

    def sections_pending(self, answers: Mapping[str, Answer], depth: str) -> set[str]:
        """Ids of sections whose show-if cannot be decided yet (it reads questions still unanswered)."""
        ctx = self.context(answers, depth)
        return {sid for sid, cond in self.section_show_if.items() if cond(ctx) is None}

    def visible_questions(self, answers: Mapping[str, Answer], depth: str) -> list[Question]:
        """The questions this company sees at this depth, in order (show-if applied)."""
        ctx = self.context(answers, depth)
        return [q for q in self.questions.values() if ctx.visible(q.id)]

    def is_required(self, q: Question, ctx: Context) -> bool:
        """Whether `q` is required for this company (a condition that is unknown means no)."""
        if isinstance(q.required, bool):
            return q.required
        return self.required_if[q.id](ctx) is True

    def required_open(self, answers: Mapping[str, Answer], depth: str) -> list[str]:
        """Ids of shown, required questions with no answer yet (n/a and don't know count as answers)."""
        ctx = self.context(answers, depth)
        out = []
        for q in self.questions.values():
            if ctx.visible(q.id) and self.is_required(q, ctx):
                a = answers.get(q.id)
                if a is None or not a.is_given:
                    out.append(q.id)
        return out

    # ------------------------------------------------------------------ answers

    def answer_issue(self, q: Question, answer: Answer) -> Text | None:
        """What is wrong with one answer on its own (n/a or don't know not offered, wrong type, out of
        range, unknown option), or None."""
        if answer.special == "na" and not q.allow_na:
            return Text(zh="此题不能选“不适用”", en="'Not applicable' is not allowed here")
        if answer.special == "dk" and not q.allow_dk:
            return Text(zh="此题不能选“不知道”", en="'Don't know' is not allowed here")
        if answer.special is not None or not answer.is_real:
            return None
        assert answer.value is not None
        return ans.type_issue(q, answer.value, self.options[q.id])

    def check(self, q: Question, answer: Answer, answers: Mapping[str, Answer], depth: str = "full") -> list[Issue]:
        """Inline problems with one answer, given the others (errors block moving on; warnings don't)."""
        problem = self.answer_issue(q, answer)
        if problem is not None:
            return [Issue("error", problem)]
        if not answer.is_real:
            return []
        ctx = self.context({**answers, q.id: answer}, depth)
        issues = [Issue(ch.level, ch.message) for fn, ch in self.checks.get(q.id, []) if fn(ctx) is False]
        assert answer.value is not None
        unusual = ans.plausibility_issue(q, answer.value)
        return issues + ([Issue("warning", unusual)] if unusual is not None else [])

    def parse(self, q: Question, text: str) -> Answer:
        """Read typed or spreadsheet text as an answer (raises :class:`ans.ParseError`)."""
        return ans.parse_value(q, text, self.options[q.id])

    def display(self, qid: str, answer: Answer | None) -> Text:
        """An answer as the respondent saw it (option labels, number with unit), both languages."""
        return ans.display(self.questions[qid], answer, self.options[qid])

    def problems(self, answers: Mapping[str, Answer]) -> list[tuple[str, str]]:
        """(question id, message) for every answer that is not valid: unknown ids, wrong types, errors.

        Cross-answer checks are evaluated once against all answers (no copy per answer)."""
        out: list[tuple[str, str]] = []
        ctx: Context | None = None
        for qid, a in answers.items():
            q = self.questions.get(qid)
            if q is None:
                out.append((qid, f"unknown question id (not in {self.questionnaire.id} {self.questionnaire.version})"))
                continue
            msg = self.answer_issue(q, a)
            if msg is None and a.is_real and q.id in self.checks:
                ctx = ctx or self.context(answers)
                errors = (ch.message for fn, ch in self.checks[q.id] if ch.level == "error" and fn(ctx) is False)
                msg = next(errors, None)
            if msg is not None:
                out.append((qid, f"{msg.en} ({msg.zh})"))
        return out
