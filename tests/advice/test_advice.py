"""Advice over every persona: the plan, actions, prerequisites and levers fit the company's own answers.

The invariants that say advice never contradicts the answers or the verdicts beside it also run over
synthetic companies (``synth-full-N``, ``synth-quick-N``: every question answered at random, valid,
with n/a and don't-know among them), which reach answer states no persona has."""

from __future__ import annotations

from pathlib import Path

import pytest

from assess.advice import advise
from assess.advice.variants import Variants
from assess.domain.answers import Answer, AnswerFile
from assess.domain.results import AssessmentResult, Change, said
from assess.engine.core import Engine
from assess.engine.matching import rule_state
from assess.engine.prerequisites import closed
from assess.files.loading import Bundle
from assess.pipeline import evaluate
from tests.advice.conftest import ADVICE_VERSION, PERSONAS, as_version

ids = [p.stem for p in PERSONAS]
SYNTHETIC = [f"synth-{depth}-{i}" for depth in ("full", "quick") for i in range(12)]
"""Synthetic companies for the invariants (a few seconds each run; the seeds are fixed)."""
CASES = [*PERSONAS, *SYNTHETIC]
case_ids = [*ids, *SYNTHETIC]


def scored(bundle: Bundle, case: Path | str) -> tuple[Engine, AnswerFile, AssessmentResult]:
    """A persona (a path) or a synthetic company (``synth-<depth>-<n>``), scored with its advice."""
    if isinstance(case, Path):
        ev = evaluate(bundle, as_version(case), name=str(case))
    else:
        from assess.bulk.synth import answer_file
        from assess.pipeline import engine_for

        _, depth, n = case.split("-")
        q = bundle.get("huaian-ai", ADVICE_VERSION)
        assert q is not None
        ev = evaluate(bundle, answer_file(engine_for(bundle, q), int(n), seed=17, depth=depth), name=case)
    return ev.engine, ev.answers, ev.result


@pytest.mark.parametrize("path", CASES, ids=case_ids)
def test_plan_has_five_to_seven_items_each_with_why_and_horizon(bundle: Bundle, path: Path | str) -> None:
    engine, _, r = scored(bundle, path)
    assert 5 <= len(r.plan) <= 7, [p.title.zh for p in r.plan]
    assert all(p.why and p.horizon in ("90d", "year", "next_year") for p in r.plan)
    actions = {a.id for a in engine.questionnaire.actions}
    action_dims = [p.dimension for p in r.plan if p.id in actions]
    assert len(set(action_dims)) == len(action_dims)  # one rung action per dimension


@pytest.mark.parametrize("path", CASES, ids=case_ids)
def test_no_action_or_plan_item_contradicts_an_answer(bundle: Bundle, path: Path | str) -> None:
    """An action is for the rung the company is on (its `when` holds) and never brings about what the
    answers already say (its `goal` does not hold); a plan item made of changes starts from the answers."""
    engine, af, r = scored(bundle, path)
    ctx = engine.context(af.answers, af.depth, af.assessed_on)
    spec = {a.id: a for a in engine.questionnaire.actions}
    proposed = [a.id for a in r.actions] + [p.id for p in r.plan if p.id in spec]
    for aid in proposed:
        a = spec[aid]
        assert a.goal is None or engine.cond(a.goal)(ctx) is not True, aid
        assert a.when is None or engine.cond(a.when)(ctx) is True, aid
    changes = [c for lv in r.levers for c in lv.changes] + [c for s in r.supports for w in s.what_if for c in w.changes]
    for c in changes:
        assert c.before == ctx.value(c.q) and c.after != c.before, c


def test_every_action_of_the_new_version_says_what_it_brings_about(bundle: Bundle) -> None:
    q = bundle.get("huaian-ai", ADVICE_VERSION)
    assert q is not None
    assert all(a.goal is not None for a in q.actions)
    dims = {d.id for b in q.scoring.blocks for d in b.dimensions}
    assert dims <= {a.dimension for a in q.actions}
    by_dim = {d: sum(1 for a in q.actions if a.dimension == d) for d in dims}
    assert sum(1 for n in by_dim.values() if n >= 2) >= 15  # rungs, not one action per dimension


@pytest.mark.parametrize("path", CASES, ids=case_ids)
def test_do_first_and_supports_named_are_open_and_not_held(bundle: Bundle, path: Path | str) -> None:
    engine, af, r = scored(bundle, path)
    by_id = {s.id: s for s in r.supports}
    shut = closed(engine, engine.context(af.answers, af.depth, af.assessed_on), r.supports)
    for s in r.supports:
        for dep in [*s.after, *s.requires]:
            assert by_id[dep].status in ("apply", "prepare") and not by_id[dep].held, (s.id, dep)
    for a in r.actions:
        assert all(by_id[x].status != "not_eligible" and not by_id[x].held for x in a.supports), a.id
    for p in r.plan:
        assert all(x not in shut and not by_id[x].held for x in p.supports), p.id
    for lv in r.levers:
        assert all(by_id[x].status != "apply" and x not in shut for x in lv.unlocks)


@pytest.mark.parametrize("path", CASES, ids=case_ids)
def test_every_what_if_rescored_gives_apply(bundle: Bundle, path: Path | str) -> None:
    _, af, r = scored(bundle, path)
    for s in r.supports:
        for w in s.what_if:
            assert len({c.q for c in w.changes}) == len(w.changes)
            answers = {**af.answers, **{c.q: Answer(value=c.after) for c in w.changes}}
            again = evaluate(bundle, af.model_copy(update={"answers": answers})).result
            assert next(x for x in again.supports if x.id == s.id).status == "apply", (
                s.id,
                [c.text.zh for c in w.changes],
            )


@pytest.mark.parametrize("path", PERSONAS, ids=ids)
def test_distance_to_the_next_level_gives_the_score_gap_and_failing_floors(bundle: Bundle, path: Path) -> None:
    _, _, r = scored(bundle, path)
    for ix in (r.overall, r.ai_readiness):
        if ix.next_level is None:
            assert ix.next is None
            continue
        assert ix.next is not None and ix.next.level.id == ix.next_level.id
        assert ix.next.score_gap >= 0
        if ix.score is not None and ix.next.score_gap > 0:
            assert ix.score + ix.next.score_gap == pytest.approx(_min_score(bundle, r, ix.next.level.id), abs=0.05)
        dims = {d.id: d for d in r.dimensions}
        for f in ix.next.floors:
            d = dims.get(f.dimension)
            if d is not None and d.score is not None and f.gap > 0:
                assert d.score + f.gap > d.score and f.label is not None


def _min_score(bundle: Bundle, r: AssessmentResult, level: str) -> float:
    q = bundle.get(r.questionnaire.id, r.questionnaire.version)
    assert q is not None
    scales = [*q.scoring.overall.levels, *q.scoring.ai_readiness.levels]
    return next(lv.min_score for lv in scales if lv.id == level)


def test_old_versions_get_a_clear_note_instead_of_a_plan(bundle: Bundle) -> None:
    old = next(p for p in PERSONAS if '"version": "1.0.0"' in p.read_text(encoding="utf-8"))
    ev = evaluate(bundle, as_version(old, "1.0.0"))
    assert ev.result.plan == [] and ev.result.levers == []
    assert any("1.2.0" in n.zh for n in ev.result.notes)
    assert ev.result.overall.next is not None or ev.result.overall.next_level is None


def test_advice_runs_again_on_the_same_result_without_piling_up(bundle: Bundle) -> None:
    ev = evaluate(bundle, as_version(PERSONAS[1]))
    n = len(ev.result.levers)
    ev.result.levers, ev.result.plan = [], []
    advise(ev.engine, ev.answers, ev.result)
    assert len(ev.result.levers) == n


@pytest.mark.parametrize("path", PERSONAS, ids=lambda p: p.stem)
def test_no_what_if_for_a_support_that_only_lacks_a_fit(bundle: Bundle, path: Path) -> None:
    """A support ruled out because nothing fits it (not a gate) is not advice to chase: "hire 57
    researchers to fit the talent-attraction programme" must never appear."""
    ev = evaluate(bundle, as_version(path))
    v = Variants(ev.engine, ev.answers, ev.result)
    for s in ev.result.supports:
        if s.status == "not_eligible" and s.what_if:
            rules = v.supports[s.id].rules
            assert any(rule_state(ev.engine, r, v.base) in ("failed", "unknown") for r in rules), s.id


def test_the_talent_programme_is_not_a_reason_to_hire(bundle: Bundle) -> None:
    r = evaluate(bundle, as_version(next(p for p in PERSONAS if p.stem.startswith("p02")))).result
    by_id = {s.id: s for s in r.supports}
    assert by_id["tech_talent"].status == "not_eligible" and not by_id["tech_talent"].what_if
    assert all("tech_talent" not in lv.unlocks for lv in r.levers)
    staff = next(lv for lv in r.levers if [c.q for c in lv.changes] == ["p_st_staff"])
    assert staff.changes[0].after == 65  # the smallest number that makes 科技型 possible, not a larger one


@pytest.mark.parametrize("path", PERSONAS, ids=lambda p: p.stem)
def test_a_total_over_several_years_is_said_once(bundle: Bundle, path: Path) -> None:
    r = evaluate(bundle, as_version(path)).result
    for fix in [lv.changes for lv in r.levers] + [w.changes for s in r.supports for w in s.what_if]:
        shown = said(fix)
        assert shown and len({c.text.zh for c in shown}) == len(shown)
        covered = [c for c in fix if c.covered]
        assert all(c.q not in {s.q for s in shown} for c in covered)
        if covered:  # the total's line names the sum, never one year's share
            assert len(shown) < len(fix) and "合计" in shown[0].text.zh


def test_a_programme_for_another_kind_of_firm_is_not_a_reason_to_open_a_shop(bundle: Bundle) -> None:
    """The e-commerce programme's scope gate (e-commerce or trading firm, or an online shop) reads a
    changeable answer, the systems in use; it is marked `scope: true`, so no what-if meets it."""
    ev = evaluate(bundle, as_version(next(p for p in PERSONAS if p.stem.startswith("p14"))))
    shop = next(s for s in ev.result.supports if s.id == "ecommerce_light")
    assert shop.status == "not_eligible" and not shop.what_if
    assert all("ecommerce_light" not in lv.unlocks for lv in ev.result.levers)
    assert all("shop_sys" not in repr(c.after) for lv in ev.result.levers for c in lv.changes)
    assert "ecommerce_light" in closed(ev.engine, Variants(ev.engine, ev.answers, ev.result).base, ev.result.supports)


@pytest.mark.parametrize("path", PERSONAS, ids=lambda p: p.stem)
def test_a_figure_that_only_needs_to_be_above_zero_names_no_amount(bundle: Bundle, path: Path) -> None:
    r = evaluate(bundle, as_version(path)).result
    texts = [p.title.zh for p in r.plan] + [c.text.zh for lv in r.levers for c in lv.changes]
    assert not [x for x in texts if "从0万元增加到" in x or "从0人增加到" in x]


def test_json_marks_the_years_a_total_covers(bundle: Bundle) -> None:
    from assess.advice.export import change_json

    r = evaluate(bundle, as_version(next(p for p in PERSONAS if p.stem.startswith("p02")))).result
    rd = next(lv for lv in r.levers if any(c.covered for c in lv.changes))
    shown = [change_json(c) for c in rd.changes]
    assert [c.get("covered", False) for c in shown] == [False, True, True] and "合计" in shown[0]["zh"]


@pytest.mark.parametrize("path", PERSONAS, ids=lambda p: p.stem)
def test_a_short_option_to_reach_is_said_with_its_question(bundle: Bundle, path: Path) -> None:
    """ "做到“二级（规范级）”" alone does not say what reaches level 2 (CMMM): a change to a short option
    is worded with the question it answers; in English as well, with no Chinese separator left."""
    ev = evaluate(bundle, as_version(path))
    changes = [c for fix in _fixes(ev.result) for c in said(fix) if c.q in ev.engine.questions]
    for c in changes:
        q = ev.engine.questions[c.q]
        target = ev.engine.display(c.q, Answer(value=c.after)).zh
        if q.kind == "single" and len(target) <= 12:
            assert q.label.zh.rstrip("？?：: ")[:10] in c.text.zh, c.text.zh
            assert q.label.get("en").rstrip("?: ")[:10] in c.text.get("en"), c.text.get("en")
    for text in [p.title.get("en") for p in ev.result.plan] + [c.text.get("en") for c in changes]:
        assert not {"；", "，", "“", "（"} & set(text), text


def _fixes(r: AssessmentResult) -> list[list[Change]]:
    return [lv.changes for lv in r.levers] + [w.changes for s in r.supports for w in s.what_if]


def test_cmmm_level_two_names_the_cmmm_assessment(bundle: Bundle) -> None:
    """A manufacturer that has not done the CMMM assessment: the smart-factory what-if asks for level 2
    of that assessment, by name (it used to read "做到“二级（规范级）”（现在：没做过）")."""
    af = as_version(next(p for p in PERSONAS if p.stem.startswith("p02")))
    answers = {**af.answers, "p_cmmm": Answer(value="not_done")}
    answers.pop("p_cmmm_source", None)
    r = evaluate(bundle, af.model_copy(update={"answers": answers})).result
    texts = [c.text.zh for fix in _fixes(r) for c in fix if c.q == "p_cmmm"]
    assert texts and all("CMMM" in x and "二级（规范级）" in x and "没做过" in x for x in texts)
