"""Support verdicts: statuses, applies_if, placeholders with the company's figures, what to answer."""

from __future__ import annotations

from assess.domain.answers import Answer, AnswerFile
from assess.engine import scoring
from assess.files.loading import Bundle
from assess.pipeline import engine_for


def verdict(bundle: Bundle, af: AnswerFile, sid: str):
    r = scoring.score(engine_for(bundle, bundle.latest("mini")), af)
    return next(s for s in r.supports if s.id == sid)


def test_a_closable_requirement_gives_prepare_with_the_companys_own_figure(mini_bundle, mini_answers):
    s = verdict(mini_bundle, mini_answers, "hightech")
    assert s.status == "prepare"
    assert "研发费用占比3.5%，未达4%" in s.missing[0].zh
    assert "R&D ratio 3.5%" in s.missing[0].en


def test_a_rule_for_another_band_is_left_out(mini_bundle, mini_answers):
    s = verdict(mini_bundle, mini_answers, "hightech")
    assert "rd_small" not in {c.id for c in s.rules}  # revenue 15000 万元: only the ≥5000 band applies
    mini_answers.answers["revenue"] = Answer(value=1000)
    mini_answers.answers["rd_expense"] = Answer(value=45)
    s = verdict(mini_bundle, mini_answers, "hightech")
    assert {c.id for c in s.rules} >= {"rd_small"} and "rd" not in {c.id for c in s.rules}
    assert "4.5%，未达5%" in s.missing[0].zh


def test_a_failed_gate_closes_the_support_with_the_reason(mini_bundle, mini_answers):
    mini_answers.answers["accident"] = Answer(value=True)
    s = verdict(mini_bundle, mini_answers, "hightech")
    assert s.status == "not_eligible" and "重大安全事故" in s.reasons[0].zh


def test_an_unknown_fact_gives_need_info_naming_the_question(mini_bundle, mini_answers):
    mini_answers.answers["revenue"] = Answer(special="dk")
    s = verdict(mini_bundle, mini_answers, "hightech")
    assert s.status == "need_info"
    assert "revenue" in {n.q for n in s.need}


def test_inferred_rules_are_worded_as_likely(mini_bundle, mini_answers):
    s = verdict(mini_bundle, mini_answers, "hightech")
    guess = next(c for c in s.rules if c.id == "guess")
    assert "以当年申报通知为准" in guess.label.zh and "likely" in guess.label.en


def test_no_fit_is_decided_before_asking_for_more(mini_bundle, mini_answers):
    mini_answers.answers["rd_expense"] = Answer(value=10)  # ratio far below the fit signal's 2 %
    del mini_answers.answers["accident"]  # a gate is now unknown, yet the fit is decided: no fit
    s = verdict(mini_bundle, mini_answers, "hightech")
    assert s.status == "not_eligible" and s.reasons[0].zh == "研发投入太少"


def test_amounts_are_never_invented(mini_bundle, mini_answers):
    r = scoring.score(engine_for(mini_bundle, mini_bundle.latest("mini")), mini_answers)
    given = {s.id: s.amounts for s in mini_bundle.catalog.supports}
    assert all("申报通知" in s.amounts.zh for s in r.supports if given[s.id] is None)
    assert all(s.amounts == given[s.id] for s in r.supports if given[s.id] is not None)  # tech_sme's, as written


def test_outside_huaian_gets_no_city_support(mini_bundle, mini_answers):
    mini_answers.answers["region"] = Answer(value="outside")
    s = verdict(mini_bundle, mini_answers, "toolbox")
    assert s.status == "not_eligible" and "不在淮安" in s.reasons[0].zh


def test_a_support_best_done_first_is_ranked_first(mini_bundle, mini_answers):
    r = scoring.score(engine_for(mini_bundle, mini_bundle.latest("mini")), mini_answers)
    order = [s.id for s in r.supports]
    assert order.index("toolbox") < order.index("hightech")


def test_results_do_not_depend_on_what_the_engine_scored_before():
    """Shared, memoised pieces (rule checks, floors) never carry one company's facts into another's."""
    from pathlib import Path

    from assess.files.loading import load_bundle
    from assess.files.storage import load_answers
    from assess.pipeline import assess_answers

    personas = sorted((Path(__file__).parent.parent / "personas").glob("p*.json"))
    warm = load_bundle()
    for p in personas:
        assess_answers(warm, load_answers(p))
    for p in personas:
        again = assess_answers(warm, load_answers(p)).model_dump()
        fresh = assess_answers(load_bundle(), load_answers(p)).model_dump()
        assert again == fresh, p.name
