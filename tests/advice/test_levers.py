"""The R&D lever, prerequisites closing supports, and the what-if property over varied figures."""

from __future__ import annotations

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assess.advice import advise
from assess.domain.answers import Answer, AnswerFile
from assess.engine.core import Engine
from assess.engine.scoring import score
from assess.files.loading import Bundle
from assess.pipeline import evaluate
from tests.advice.conftest import PERSONAS, as_version

P02 = next(p for p in PERSONAS if p.stem.startswith("p02"))


def _with(af: AnswerFile, **values: object) -> AnswerFile:
    answers = {**af.answers, **{q: Answer.model_validate(v) for q, v in values.items()}}
    return af.model_copy(update={"answers": answers})


def test_rd_lever_unlocks_hnte_and_tsme_and_srdi_through_it_with_the_amount_from_the_figures(
    held_engine: Engine,
) -> None:
    af = as_version(P02)
    fig = {
        q: float(af.answers[q].value)
        for q in ("p_rd_y1", "p_rd_y2", "p_rd_y3", "p_revenue_y1", "p_revenue_y2", "p_revenue_y3")
    }  # type: ignore[arg-type]
    rd, sales = (
        fig["p_rd_y1"] + fig["p_rd_y2"] + fig["p_rd_y3"],
        fig["p_revenue_y1"] + fig["p_revenue_y2"] + fig["p_revenue_y3"],
    )
    assert 5000 < fig["p_revenue_y1"] <= 20000 and round(rd / sales * 100, 1) == 3.5
    r = score(held_engine, af)
    advise(held_engine, af, r)
    lever = next(lv for lv in r.levers if {"p_rd_y1", "p_rd_y2", "p_rd_y3"} <= {c.q for c in lv.changes})
    assert {"hnte", "tsme", "zjtx_2026"} <= set(lever.unlocks)
    amount = math.ceil(0.04 * sales - rd)  # 4% of three years' sales, in 万元
    assert f"约{amount}万元" in lever.changes[0].text.zh
    assert r.levers[0] is lever  # the lever that unlocks most comes first
    assert any(p.supports == lever.unlocks for p in r.plan)


def test_a_support_whose_prerequisite_can_never_be_met_is_closed_and_names_it(bundle: Bundle) -> None:
    af = _with(as_version(P02), p_revenue_y1=25000, p_assets=30000, p_rd_y1=900)  # over 2亿: never a 科技型中小企业
    r = evaluate(bundle, af).result
    by_id = {s.id: s for s in r.supports}
    assert by_id["tsme"].status == "not_eligible"
    srdi = by_id["zjtx_2026"]
    assert srdi.status == "not_eligible" and "tsme" not in srdi.requires and "tsme" not in srdi.after
    assert any(by_id["tsme"].name.zh in x.zh for x in srdi.reasons)
    assert not srdi.what_if


def test_a_held_prerequisite_does_not_close_the_next_rung(held_engine: Engine) -> None:
    af = _with(as_version(P02), p_titles=["tsme"], p_revenue_y1=25000, p_assets=30000)
    r = score(held_engine, af)
    by_id = {s.id: s for s in r.supports}
    assert by_id["tsme"].held and by_id["tsme"].status == "not_eligible"
    assert by_id["zjtx_2026"].status != "not_eligible" or not any(
        by_id["tsme"].name.zh in x.zh for x in by_id["zjtx_2026"].reasons
    )


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    persona=st.sampled_from(PERSONAS),
    rd=st.floats(min_value=0.3, max_value=2.0),
    staff=st.floats(min_value=0.3, max_value=1.5),
    ip=st.integers(min_value=0, max_value=6),
)
def test_every_what_if_applied_and_rescored_gives_apply(
    bundle: Bundle, persona: object, rd: float, staff: float, ip: int
) -> None:
    af = as_version(persona)  # type: ignore[arg-type]
    changes: dict[str, object] = {"p_ip_class2": ip}
    for q in ("p_rd_y1", "p_rd_y2", "p_rd_y3"):
        v = af.answers.get(q)
        if v is not None and isinstance(v.value, int | float):
            changes[q] = round(v.value * rd)
    v = af.answers.get("p_st_staff")
    if v is not None and isinstance(v.value, int | float):
        total = af.answers.get("p_employees")
        cap = total.value if total is not None and isinstance(total.value, int | float) else v.value
        changes["p_st_staff"] = min(int(v.value * staff), int(cap))  # never more S&T staff than staff
    af = _with(af, **changes)
    r = evaluate(bundle, af).result
    for s in r.supports:
        for w in s.what_if:
            again = evaluate(bundle, _with(af, **{c.q: c.after for c in w.changes})).result
            assert next(x for x in again.supports if x.id == s.id).status == "apply", (
                s.id,
                [c.text.zh for c in w.changes],
            )
