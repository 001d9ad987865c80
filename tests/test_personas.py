"""The bundled content scored on realistic company personas gives the expected levels and verdicts.

Each ``tests/personas/<name>.json`` is an answer file (most for questionnaire huaian-ai 1.2.0, a few kept
on 1.0.0 and 1.1.0); the expectations live in ``tests/personas/expected.yaml`` (levels, support statuses, words the reasons
must contain, answers a need_info verdict must ask for, which support comes first).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from assess.domain.answers import AnswerFile
from assess.domain.results import AssessmentResult, SupportResult
from assess.files.loading import Bundle, load_bundle
from assess.pipeline import assess_answers
from assess.pipeline.lint import lint_path

PERSONAS = Path(__file__).parent / "personas"
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load((PERSONAS / "expected.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def bundle() -> Bundle:
    return load_bundle()


def _score(bundle: Bundle, name: str) -> AssessmentResult:
    af = AnswerFile.model_validate_json((PERSONAS / f"{name}.json").read_text(encoding="utf-8"))
    return assess_answers(bundle, af, name=name)


def _support(result: AssessmentResult, sid: str) -> SupportResult:
    found = [s for s in result.supports if s.id == sid]
    assert found, f"support {sid} missing from the result"
    return found[0]


def test_the_bundled_content_lints_clean() -> None:
    assert [str(p) for p in lint_path()] == []


def test_every_persona_file_has_expectations() -> None:
    files = {p.stem for p in PERSONAS.glob("*.json")}
    assert len(files) >= 10
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_persona_levels(bundle: Bundle, name: str) -> None:
    exp = EXPECTED[name]
    result = _score(bundle, name)
    assert result.overall.level.id == exp["overall"], result.overall.trace.zh
    assert result.ai_readiness.level.id == exp["ai"], result.ai_readiness.trace.zh
    blocked = {d for f in result.overall.blocked_by for d in f.dims}
    for dim in exp.get("blocked_by", []):
        assert dim in blocked, f"{dim} should block the next level; blocked by {sorted(blocked)}"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_persona_support_verdicts(bundle: Bundle, name: str) -> None:
    exp = EXPECTED[name]
    result = _score(bundle, name)
    wrong = {
        sid: (_support(result, sid).status, want)
        for sid, want in exp.get("supports", {}).items()
        if _support(result, sid).status != want
    }
    assert not wrong, f"(got, expected): {wrong}"
    duties = {sid: (_support(result, sid).duty, want) for sid, want in exp.get("duty", {}).items()}
    assert all(got == want for got, want in duties.values()), f"duty (got, expected): {duties}"
    for sid in exp.get("held", []):
        s = _support(result, sid)
        assert s.held and s.status != "apply", f"{sid} should be held: {s.status}, held={s.held}"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_persona_reasons_cite_the_facts(bundle: Bundle, name: str) -> None:
    exp = EXPECTED[name]
    result = _score(bundle, name)
    for sid, words in exp.get("reasons_contain", {}).items():
        s = _support(result, sid)
        text = " ".join(t.zh for t in [*s.reasons, *s.missing])
        for word in words:
            assert word in text, f"{sid}: '{word}' not in: {text}"
    for sid, words in exp.get("reasons_contain_missing", {}).items():
        text = " ".join(t.zh for t in _support(result, sid).missing)
        for word in words:
            assert word in text, f"{sid}: '{word}' not in what is missing: {text}"
    for sid, qids in exp.get("need_contains", {}).items():
        asked = {n.q for n in _support(result, sid).need}
        assert set(qids) <= asked, f"{sid}: needs {sorted(asked)}"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_persona_ranking_and_locality(bundle: Bundle, name: str) -> None:
    exp = EXPECTED[name]
    result = _score(bundle, name)
    for first, then in exp.get("before", []):
        assert _support(result, first).rank < _support(result, then).rank, f"{first} should come before {then}"
    if exp.get("no_city_apply"):
        city_apply = [s.id for s in result.supports if s.level == "city" and s.status == "apply"]
        assert not city_apply, f"city supports offered to a company outside Huai'an: {city_apply}"


def test_quick_scan_stays_short(bundle: Bundle) -> None:
    """The quick scan shows about 35-50 questions, so it can be done in about 15 minutes."""
    for name, exp in EXPECTED.items():
        result = _score(bundle, name)
        if result.depth == "quick" and name != "p09_missing_answers":
            assert 30 <= result.shown <= 50, f"{name}: {result.shown} questions shown ({exp['about']})"


def test_a_size_estimated_with_another_industrys_standard_is_worded_as_an_estimate(bundle: Bundle) -> None:
    """A 400-person construction firm with 3亿 revenue is an SME under the construction standard (revenue and
    assets), but the questionnaire's one "other services" option can only apply the staff-only standard:
    the verdict must say it is an estimate to check, not state that the firm is large."""
    af = AnswerFile.model_validate_json((PERSONAS / "p02_machinery_rd35.json").read_text(encoding="utf-8"))
    construction = af.model_copy(deep=True)
    construction.answers["p_industry"].value = "other_service"
    construction.answers["p_employees"].value = 400
    construction.answers["p_revenue_y1"].value = 30000
    zjtx = _support(assess_answers(bundle, construction), "zjtx_2026")
    check = next(r for r in zjtx.rules if r.id == "is_sme_estimate")
    assert check.status == "failed" and check.confidence == "low"
    assert all(r.id != "is_sme" for r in zjtx.rules)  # the exact-standard rule does not apply to this sector
    assert "核对" in check.fail.zh and "以当年申报通知为准" in check.fail.zh
    factory = af.model_copy(deep=True)
    factory.answers["p_employees"].value = 1200
    factory.answers["p_revenue_y1"].value = 50000
    exact = next(r for r in _support(assess_answers(bundle, factory), "zjtx_2026").rules if r.id == "is_sme")
    assert exact.status == "failed" and "可能" not in exact.fail.zh


def test_a_missing_years_rd_leaves_the_hnte_ratio_open_instead_of_failing_it(bundle: Bundle) -> None:
    """Leaving out one year's R&D while that year's sales stay in would understate the three-year ratio:
    the 高企 ratio gate must ask for that year rather than fail (or pass) on a skewed figure."""
    af = AnswerFile.model_validate_json((PERSONAS / "p02_machinery_rd35.json").read_text(encoding="utf-8"))
    assert _support(assess_answers(bundle, af), "hnte").status == "not_eligible"  # 3.5% < 4%, all years known
    af.answers.pop("p_rd_y3")
    hnte = _support(assess_answers(bundle, af), "hnte")
    assert hnte.status == "need_info"
    assert [n.q for n in hnte.need] == ["p_rd_y3"]


def _on_1_1_0(name: str, **answers: object) -> AnswerFile:
    """A persona's answers given on questionnaire 1.1.0 (the answer codes carry over), some changed."""
    doc = json.loads((PERSONAS / f"{name}.json").read_text(encoding="utf-8"))
    doc["questionnaire"] = {"id": "huaian-ai", "version": "1.1.0"}
    asked = {q.id for sec in load_bundle().questionnaires[("huaian-ai", "1.1.0")].sections for q in sec.questions}
    doc["answers"] = {k: v for k, v in doc["answers"].items() if k in asked}  # drop what only 1.2.0 asks
    doc["answers"].update({k: {"value": v} for k, v in answers.items()})
    return AnswerFile.model_validate(doc)


def test_a_smart_workshop_is_not_taken_for_a_basic_smart_factory(bundle: Bundle) -> None:
    """智能车间 is a lower tier than a basic-level smart factory (1.1.0 asks them apart): a firm with only a
    workshop title is pointed to the basic-level self-assessment, and the advanced level still needs it."""
    result = assess_answers(bundle, _on_1_1_0("p11_auto_parts_leader", p_titles=["hnte", "zjtx", "smart_workshop"]))
    assert result.questionnaire.version == "1.1.0"
    basic, advanced = _support(result, "smart_factory_basic"), _support(result, "smart_factory_advanced")
    assert basic.status == "apply"  # this firm meets every basic-level condition
    assert any("智能车间" in r.zh for r in basic.reasons)
    assert next(r for r in advanced.rules if r.id == "basic_first").status == "failed"
    factory = assess_answers(bundle, _on_1_1_0("p11_auto_parts_leader", p_titles=["hnte", "zjtx", "smart_factory"]))
    assert _support(factory, "smart_factory_basic").held
    assert _support(factory, "smart_factory_advanced").held  # a provincial smart factory is not told to apply again


def test_a_national_top_three_rank_without_a_tenth_of_the_market_is_told_apart(bundle: Bundle) -> None:
    """1.1.0 separates "national share ≥10%" from "national top 3": the 2026 小巨人 rule takes either, the 2022
    review rule needs the share."""
    result = assess_answers(bundle, _on_1_1_0("p11_auto_parts_leader", p_market_rank="national_top3"))
    rule_2026 = next(r for r in _support(result, "little_giant_2026").rules if r.id == "market_top")
    assert rule_2026.status == "met"
    rules_2022 = [r for r in _support(result, "little_giant_2022_review").rules if "market" in r.id]
    assert rules_2022 and all(r.status == "failed" for r in rules_2022)
    old = _score(bundle, "p12_smt_quick")
    assert old.questionnaire.version == "1.0.0"  # answers saved under 1.0.0 keep their own version's rules


def test_an_award_from_four_years_ago_counts_for_the_tech_sme_but_not_as_an_ip_waiver(bundle: Bundle) -> None:
    result = assess_answers(bundle, _on_1_1_0("p11_auto_parts_leader", p_honours=["award_nat_top3_5y"], p_ip_class1=0))
    waiver = next(r for r in _support(result, "little_giant_2026").rules if r.id == "class1_ip_4")
    assert waiver.status == "failed"
    recent = assess_answers(bundle, _on_1_1_0("p11_auto_parts_leader", p_honours=["award_nat_top3"], p_ip_class1=0))
    assert next(r for r in _support(recent, "little_giant_2026").rules if r.id == "class1_ip_4").status == "met"
