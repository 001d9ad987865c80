"""Advice that fits the company: distance to the next level, what-ifs, levers and a ranked plan.

Runs after scoring (:func:`assess.pipeline.evaluate` calls :func:`advise`) and fills the result's
``overall.next`` / ``ai_readiness.next``, every open support's ``what_if``, ``levers``, ``plan`` and
``notes``. Core code: no front end is imported here.
"""

from __future__ import annotations

from assess.advice.distance import next_level
from assess.advice.levers import find_levers
from assess.advice.plan import build_plan, change_key
from assess.advice.variants import Variants
from assess.advice.whatif import Fix, Search
from assess.advice.wording import describe
from assess.domain.answers import AnswerFile
from assess.domain.fast import build
from assess.domain.results import AssessmentResult, Lever, WhatIf, headline
from assess.domain.text import Text, t
from assess.engine.core import Engine
from assess.engine.prerequisites import closed

OLD_VERSION = t(
    "行动方案、关键改进项和“如何达到申报条件”需要问卷1.2.0或更新版本；请用新版问卷重新评估。",
    "The plan, levers and what-ifs need questionnaire 1.2.0 or later; re-assess with the current version.",
)


def ready(engine: Engine) -> bool:
    """Whether the questionnaire carries the data advice needs (changeable answers, rung actions)."""
    return any(q.changeable for q in engine.questions.values())


def advise(engine: Engine, af: AnswerFile, result: AssessmentResult) -> None:
    """Fill the advice fields of `result` (scored from `af` with `engine`) in place."""
    v = Variants(engine, af, result)
    qn = engine.questionnaire.scoring
    result.overall.next = next_level(engine, qn.overall, result.overall, v.base, result)
    result.ai_readiness.next = next_level(engine, qn.ai_readiness, result.ai_readiness, v.base, result)
    if not ready(engine):
        result.notes.append(OLD_VERSION)
        return
    search = Search(v)
    shut = closed(engine, v.base, result.supports)
    fixes = what_ifs(search, result, shut)
    open_ids = [s.id for s in result.supports if s.status != "apply" and not s.held and not s.obligation]
    open_ids = [sid for sid in open_ids if sid not in shut]
    titles: dict[frozenset[tuple[str, str]], Text] = {}
    for fix in [f for sols in fixes.values() for f in sols]:
        ch = describe(search, fix)
        titles[change_key(ch)] = headline(ch)
    for fix, unlocks in find_levers(search, fixes, open_ids):
        ch = describe(search, fix)
        titles[change_key(ch)] = headline(ch)
        result.levers.append(build(Lever, changes=ch, unlocks=unlocks))
    result.plan = build_plan(engine, result, result.levers, v.base, titles)


def what_ifs(search: Search, result: AssessmentResult, shut: set[str]) -> dict[str, list[Fix]]:
    """Fill ``what_if`` of every support that could turn apply: prepare, need_info, and not_eligible with
    a fixable gap (`shut` lists those without); return the fixes by support.

    A support that is not_eligible only because nothing in the answers fits it (its ``fit`` yardstick,
    not a rule) gets no what-if: "hire 57 researchers to fit the talent-attraction programme" is not
    advice; its verdict already says what it is for."""
    out: dict[str, list[Fix]] = {}
    for s in result.supports:
        if s.status == "apply" or s.held or s.obligation or s.id in shut:
            continue
        if s.status == "not_eligible" and not any(c.status in ("failed", "unknown") for c in s.rules):
            continue
        sols = search.solutions(s.id)
        if sols:
            out[s.id] = sols
            s.what_if = [build(WhatIf, changes=describe(search, f), status="apply") for f in sols]
    return out
