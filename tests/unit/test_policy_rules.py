"""Policy rules at their edge values (issue 13): who owes the AI filing, which accidents close which
supports, titles held or expiring, the lead office, duty states, and what 1.0.0/1.1.0 answers still get."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from assess.domain.answers import AnswerFile
from assess.domain.results import AssessmentResult, SupportResult
from assess.files.loading import Bundle, load_bundle
from assess.pipeline import assess_answers
from assess.pipeline.batch import Assessed, score_many

PERSONAS = Path(__file__).parents[1] / "personas"


@pytest.fixture(scope="module")
def bundle() -> Bundle:
    return load_bundle()


def _doc(name: str, version: str | None = None, **answers: Any) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads((PERSONAS / f"{name}.json").read_text(encoding="utf-8"))
    doc["depth"] = "full"  # rule semantics: the deciding questions may be full-diagnosis ones (1.2.0 quick scan)
    if version is not None:
        doc["questionnaire"] = {"id": "huaian-ai", "version": version}
        qn = load_bundle().questionnaires[("huaian-ai", version)]
        asked = {q.id for sec in qn.sections for q in sec.questions}
        doc["answers"] = {k: v for k, v in doc["answers"].items() if k in asked}
    for k, v in answers.items():
        if v is None:
            doc["answers"].pop(k, None)
        else:
            doc["answers"][k] = v
    return doc


def _score(bundle: Bundle, doc: dict[str, Any]) -> AssessmentResult:
    return assess_answers(bundle, AnswerFile.model_validate(doc))


def _s(result: AssessmentResult, sid: str) -> SupportResult:
    return next(s for s in result.supports if s.id == sid)


def _rule(s: SupportResult, rid: str) -> str:
    return next(r.status for r in s.rules if r.id == rid)


# --- lead office, duty, held: data for every support ------------------------------------------


def test_every_support_names_one_lead_office_among_its_departments(bundle: Bundle) -> None:
    for s in bundle.catalog.supports:
        assert s.lead is not None, f"{s.id} has no lead office"
        assert s.lead in s.departments, f"{s.id}: lead {s.lead.zh} is not among its departments"


def test_the_filing_duty_goes_to_the_cyberspace_office(bundle: Bundle) -> None:
    s = _s(_score(bundle, _doc("p07_ai_startup")), "genai_filing")
    assert s.lead is not None and s.lead.zh == "市委网信办"


def test_every_obligation_gets_a_duty_state_and_benefits_none(bundle: Bundle) -> None:
    for name in ("p01_chemical_accident", "p05_ecommerce", "p07_ai_startup", "p14_b2b_genai", "p04_agriculture"):
        for s in _score(bundle, _doc(name)).supports:
            if s.obligation:
                assert s.duty in ("done", "needed", "likely", "not_concerned"), (name, s.id, s.status)
            else:
                assert s.duty is None


def test_every_title_or_one_off_support_can_be_held(bundle: Bundle) -> None:
    held = {s.id for s in bundle.catalog.supports if s.held_if is not None}
    assert held >= {
        "hnte",
        "tsme",
        "zjtx_2026",
        "little_giant_2026",
        "smart_factory_basic",
        "smart_factory_advanced",
        "zgsz_diagnosis",
        "js_ai_diagnosis",
        "genai_filing",
        "ai_labelling",
    }


# --- 1. generative-AI filing ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("users", "duty", "voucher"),
    [
        ("public_social", "needed", "prepare"),
        ("public_service", "likely", "apply"),
        ("business", "not_concerned", "apply"),
    ],
)
def test_the_filing_duty_follows_who_uses_the_service(bundle: Bundle, users: str, duty: str, voucher: str) -> None:
    r = _score(bundle, _doc("p07_ai_startup", p_genai_users=users, p_genai_filing="not_done"))
    assert _s(r, "genai_filing").duty == duty
    assert _s(r, "model_voucher").status == voucher  # only a clear, unfiled duty holds the voucher back


def test_a_bought_third_party_ai_service_owes_no_filing(bundle: Bundle) -> None:
    r = _score(bundle, _doc("p05_ecommerce", p_genai_public="saas", p_genai_users=None, p_genai_filing=None))
    assert _s(r, "genai_filing").duty == "not_concerned"
    assert _s(r, "ai_labelling").duty == "likely"
    assert _s(r, "model_voucher").status == "apply"


def test_a_filed_service_is_done_not_told_to_file(bundle: Bundle) -> None:
    s = _s(_score(bundle, _doc("p07_ai_startup", p_genai_filing="filed")), "genai_filing")
    assert s.held and s.duty == "done" and s.status != "apply"
    assert "已完成备案或登记" in s.reasons[0].zh


def test_old_answers_that_never_said_who_the_users_are_get_a_likely_duty(bundle: Bundle) -> None:
    r = _score(bundle, _doc("p07_ai_startup", "1.1.0"))
    assert r.questionnaire.version == "1.1.0"
    assert _s(r, "genai_filing").duty == "likely"
    assert _s(r, "model_voucher").status == "prepare"  # as before: an unfiled public service may hold it back


# --- 2. accidents and public funds --------------------------------------------------------------


def test_a_major_accident_last_year_closes_the_retrofit_funds(bundle: Bundle) -> None:
    r = _score(bundle, _doc("p01_chemical_accident"))
    project = _s(r, "zgsz_project")
    assert project.status == "not_eligible" and _rule(project, "no_major_accidents_3y") == "failed"
    check = next(c for c in project.rules if c.id == "no_major_accidents_3y")
    assert check.confidence == "medium" and check.source and "102号" in check.source
    for sid in ("rd_funding", "model_voucher"):
        assert _rule(_s(r, sid), "no_major_accidents_3y") == "failed"


def test_a_larger_environmental_accident_closes_the_smart_factory_but_not_the_retrofit_funds(bundle: Bundle) -> None:
    r = _score(bundle, _doc("p02_machinery_rd35", p_incidents=["env_large"], p_incident_recent=["env_large"]))
    assert _s(r, "smart_factory_basic").status == "not_eligible"  # 较大及以上
    assert _rule(_s(r, "zgsz_project"), "no_major_accidents_3y") == "met"  # the funds bar 重大 only


def test_an_environmental_accident_is_not_a_violation_for_hnte_and_tsme(bundle: Bundle) -> None:
    accident = _score(bundle, _doc("p03_electronics_hnte", p_incidents=["env_major"], p_incident_recent=["env_major"]))
    assert _rule(_s(accident, "hnte"), "no_accident_last_year") == "met"
    violation = _score(
        bundle, _doc("p03_electronics_hnte", p_incidents=["env_serious"], p_incident_recent=["env_serious"])
    )
    assert _s(violation, "hnte").status == "not_eligible"


# --- 3. smart factories ---------------------------------------------------------------------------


def test_the_advanced_level_without_the_basic_self_assessment_is_prepare_not_closed(bundle: Bundle) -> None:
    s = _s(_score(bundle, _doc("p02_machinery_rd35")), "smart_factory_advanced")
    assert s.status == "prepare" and _rule(s, "basic_first") == "failed"


def test_a_self_test_not_done_is_something_to_do_not_an_open_question(bundle: Bundle) -> None:
    doc = _doc("p03_electronics_hnte", p_js_dt_score={"special": "na"})
    s = _s(_score(bundle, doc), "smart_factory_advanced")
    assert s.status == "prepare" and _rule(s, "js_digital_score") == "failed"


def test_an_own_cmmm_estimate_does_not_meet_the_requirement(bundle: Bundle) -> None:
    s = _s(_score(bundle, _doc("p02_machinery_rd35", p_cmmm_source="estimate")), "smart_factory_basic")
    assert s.status == "prepare" and _rule(s, "cmmm_level2") == "failed"


# --- 4, 5. 专精特新 and 小巨人 --------------------------------------------------------------------


def test_a_little_giant_candidate_one_year_in_its_niche_is_not_told_to_apply(bundle: Bundle) -> None:
    s = _s(_score(bundle, _doc("p11_auto_parts_leader", p_niche_years=1)), "little_giant_2026")
    assert s.status == "not_eligible" and _rule(s, "niche_3y") == "failed"
    assert "可能的条件" in " ".join(x.zh for x in s.reasons)  # an unverified rule is worded as likely


def test_a_firm_younger_than_three_years_cannot_have_three_years_in_its_niche(bundle: Bundle) -> None:
    s = _s(_score(bundle, _doc("p14_b2b_genai", p_niche_years=None, p_est_date="2024-06-01")), "zjtx_2026")
    assert s.status == "not_eligible" and _rule(s, "niche_3y") == "failed"


def test_the_platform_score_is_checked_and_not_done_means_prepare(bundle: Bundle) -> None:
    low = _s(
        _score(bundle, _doc("p11_auto_parts_leader", p_titles=["hnte", "zjtx"], p_ladder_score=55)), "little_giant_2026"
    )
    assert _rule(low, "platform_score_60") == "failed" and low.status == "prepare"
    s = _s(_score(bundle, _doc("p03_electronics_hnte", p_ladder_score={"special": "na"})), "zjtx_2026")
    assert _rule(s, "platform_score_50") == "failed" and s.status == "prepare"


def test_srdi_ip_must_be_tied_to_the_main_product_and_the_market_position_counts(bundle: Bundle) -> None:
    s = _s(_score(bundle, _doc("p03_electronics_hnte", p_ip_main=False, p_market_rank="ordinary")), "zjtx_2026")
    assert _rule(s, "class1_ip") == "failed" and _rule(s, "market_position") == "failed"


# --- 6. OPC -------------------------------------------------------------------------------------


def test_an_established_ai_firm_with_a_team_is_not_a_one_person_company(bundle: Bundle) -> None:
    assert _s(_score(bundle, _doc("p14_b2b_genai")), "opc").status == "not_eligible"
    assert _s(_score(bundle, _doc("p08_one_person")), "opc").status == "apply"


# --- 8. held titles -----------------------------------------------------------------------------


def test_an_hnte_certificate_expiring_within_a_year_is_a_re_recognition_with_its_date(bundle: Bundle) -> None:
    s = _s(_score(bundle, _doc("p16_titles_expiring")), "hnte")
    assert not s.held and s.status == "apply"
    assert any("重新认定" in r.zh and "2027-06-30" in r.zh for r in s.reasons)
    valid = _s(_score(bundle, _doc("p16_titles_expiring", p_hnte_expiry="2027-11-21")), "hnte")
    assert valid.held and "2027-11-21" in valid.reasons[0].zh  # a year and a day left: held


def test_an_expired_srdi_title_does_not_count(bundle: Bundle) -> None:
    r = _score(bundle, _doc("p16_titles_expiring"))
    assert not _s(r, "zjtx_2026").held and _s(r, "zjtx_2026").status != "not_eligible"
    assert _rule(_s(r, "little_giant_2026"), "holds_zjtx") == "failed"
    valid = _score(bundle, _doc("p16_titles_expiring", p_zjtx_expiry="2027-06-30"))
    assert _s(valid, "zjtx_2026").held


def test_a_branch_office_gets_no_hnte_or_tsme(bundle: Bundle) -> None:
    r = _score(bundle, _doc("p03_electronics_hnte", p_entity="branch", p_titles=["sf_basic"]))
    for sid in ("hnte", "tsme"):
        assert _s(r, sid).status == "not_eligible" and _rule(_s(r, sid), "resident_enterprise") == "failed"


# --- 9. programmes announced but not yet open ----------------------------------------------------


def test_a_programme_without_a_notice_is_worded_as_watch_for_the_notice(bundle: Bundle) -> None:
    s = _s(_score(bundle, _doc("p14_b2b_genai")), "model_voucher")
    assert s.planned and s.status == "apply" and "关注申报通知" in s.reasons[0].zh


# --- 12. questions --------------------------------------------------------------------------------


def test_provider_sectors_none_closes_the_scenarios_instead_of_asking(bundle: Bundle) -> None:
    r = _score(bundle, _doc("p08_one_person", p_provider_sectors=["none"]))
    scenarios = [s for s in r.supports if s.id.startswith("scen_")]
    assert scenarios and all(s.status != "need_info" for s in scenarios)


def test_no_full_year_yet_is_a_micro_firm_not_an_open_size(bundle: Bundle) -> None:
    r = _score(bundle, _doc("p15_one_year_old", p_revenue_y1={"special": "na"}))
    size = next(c for c in r.computed if c.id == "c_size_class")
    assert size.value == "micro"
    assert _rule(_s(r, "tsme"), "sales_le_2yi") == "met"


# --- 13. a firm exactly one year old ---------------------------------------------------------------


@pytest.mark.parametrize(("established", "status"), [("2025-11-20", "met"), ("2025-11-21", "failed")])
def test_one_year_old_on_the_day_in_both_engines(bundle: Bundle, established: str, status: str) -> None:
    doc = _doc("p15_one_year_old", p_est_date=established)  # assessed on 2026-11-20
    assert _rule(_s(_score(bundle, doc), "hnte"), "age_1y") == status
    [(_, got)] = list(score_many(bundle, [("x.json", json.dumps(doc, ensure_ascii=False).encode())]))
    assert isinstance(got, Assessed)  # scored by the numpy batch engine
    assert got.figures.supports["hnte"] == _s(_score(bundle, doc), "hnte").status


def test_an_undecided_fit_is_not_asserted_as_no_fit(bundle: Bundle) -> None:
    """A two-year-old firm that has not said whether it needs financing is not told it is "past the
    start-up stage or has no financing need": its fit is open, and the reason says so."""
    young = {"p_est_date": "2024-09-01"}
    open_ = _s(_score(bundle, _doc("p15_one_year_old", "1.2.0", p_financing=None, **young)), "startup_assistant")
    assert open_.status == "not_eligible"
    assert "还看不出" in open_.reasons[0].zh and not any("已过创业早期" in r.zh for r in open_.reasons)
    assert any("创业早期" in r.zh for r in open_.reasons[1:])  # what does fit is still said
    none = _s(_score(bundle, _doc("p15_one_year_old", "1.2.0", p_financing=["none"], **young)), "startup_assistant")
    assert none.status == "not_eligible" and "已过创业早期或暂无融资需求" in none.reasons[0].zh
