"""The owner's report: what it shows from the advice fields, and what it never shows.

Fixtures fill the result fields the advice and policy steps produce (plan, levers, next, lead,
held, duty, what_if) so the templates are tested with real-looking data, and the same checks run
with the fields empty (the fallbacks).
"""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest

from assess.domain.catalog import Department
from assess.domain.results import Change, FloorGap, Lever, NextLevel, PlanItem, WhatIf
from assess.domain.text import t
from assess.engine.core import Engine
from assess.files.loading import Bundle, load_bundle
from assess.files.storage import load_answers
from assess.pipeline import Evaluation, evaluate
from assess.report import Renderer
from assess.report.clean import client_sources, client_text

PERSONAS = Path(__file__).parent.parent / "personas"


@pytest.fixture(scope="module")
def real() -> Bundle:
    return load_bundle()


def advised(ev: Evaluation) -> Evaluation:
    """`ev` with every advice/policy field filled, as the pipeline will fill them."""
    r = ev.result
    sups = sorted(r.supports, key=lambda s: s.rank)
    open_ = [s for s in sups if s.status in ("apply", "prepare") and not s.obligation]
    closed = [s for s in sups if s.status == "not_eligible" and not s.obligation]
    held_id = open_[0].id
    new_supports = []
    for s in r.supports:
        upd: dict[str, object] = {"lead": Department(zh="市网信办", en="Municipal Cyberspace Office")}
        if s.id == held_id:
            upd["held"] = True
        if s.obligation:
            upd["duty"] = "done" if s.id.endswith("filing") else "likely"
        if s.status == "prepare":
            change = Change(
                q="p_rd_y1", before=1, after=2, text=t("研发费用再增加约210万元", "R&D up by 2.1 million yuan")
            )
            upd["what_if"] = [WhatIf(changes=[change], status="apply")]
        new_supports.append(s.model_copy(update=upd))
    lever = Lever(
        changes=[Change(q="p_ai_staff", after=1, text=t("指定一名AI负责人", "Name an AI owner"))],
        unlocks=[c.id for c in closed[:3]],
    )
    plan = [
        PlanItem(
            id=f"p{k}",
            title=t(f"计划事项{k}", f"Plan item {k}"),
            why=[t("补齐短板", "Closes a weak spot")],
            horizon=("90d", "year", "next_year")[k % 3],
            dimension=r.dimensions[k].id,
            supports=[held_id, closed[0].id, *(s.id for s in open_[1:3])],
        )
        for k in range(6)
    ]
    nxt = r.overall.next_level
    overall = r.overall
    if nxt is not None:
        gap = FloorGap(dimension=r.dimensions[3].id, gap=12.0)
        overall = overall.model_copy(update={"next": NextLevel(level=nxt, score_gap=6.5, floors=[gap])})
    result = r.model_copy(
        update={
            "supports": new_supports,
            "plan": plan,
            "levers": [lever],
            "overall": overall,
            "notes": [t("说明（supports.md P02）", "A note")],
        }
    )
    return dataclasses.replace(ev, result=result)


def test_advice_fields_reach_the_owners_page_and_held_or_closed_supports_are_never_next_steps(
    real: Bundle, renderer: Renderer
) -> None:
    ev = advised(evaluate(real, load_answers(PERSONAS / "p02_machinery_rd35.json")))
    held = {s.id for s in ev.result.supports if s.held}
    closed = {s.id for s in ev.result.supports if s.status == "not_eligible" and not s.obligation}
    name = {s.id: s.name.zh for s in ev.result.supports}
    o = renderer.context(ev, lang="zh").owner
    cited = {a.name for a in o.act_now if a.name} | {r.name for r in o.table} | {c.name for c in o.cards}
    cited |= {n for p in o.plan for n in p.supports}
    assert not cited & {name[i] for i in held | closed}
    assert [p.title for p in o.plan] == [f"计划事项{k}" for k in range(6)]
    assert o.ninety == ["计划事项0", "计划事项3"]
    assert o.lever is not None and o.lever.changes == ["指定一名AI负责人"] and len(o.lever.unlocks) == 3
    assert o.scales[0].gap is not None and "还差 6.5 分" in o.scales[0].gap and "还差 12 分" in o.scales[0].gap
    assert all(a.lead == "市网信办" for a in o.act_now if a.name)
    assert {d.state_label for d in o.duties} == {"已办理", "可能需办理"}
    assert name[next(iter(held))] in o.held
    assert o.notes == ["说明"]  # research notes are filtered from notes too
    prepare = [r for r in o.table if r.status_class == "st-prepare"]
    assert all(r.step for r in prepare)


def test_without_advice_fields_the_page_falls_back_to_actions_departments_and_floor_data(
    real: Bundle, renderer: Renderer
) -> None:
    ev = evaluate(real, load_answers(PERSONAS / "p02_machinery_rd35.json"))
    r = ev.result  # as an older questionnaire or catalog gives it: no advice, no lead office
    r.plan, r.levers, r.overall.next, r.ai_readiness.next = [], [], None, None
    for sp in r.supports:
        sp.lead = None
    o = renderer.context(ev, lang="zh").owner
    assert 5 <= len(o.plan) <= 7 and o.ninety
    for a in o.act_now:
        if a.name:
            sp = next(s for s in ev.result.supports if s.name.zh == a.name)
            assert a.lead == sp.departments[0].zh
    overall = o.scales[0]
    assert overall.next_level and overall.gap and "还差" in overall.gap


def test_unanswered_dimensions_read_not_answered_on_the_radar_not_zero(real: Bundle, renderer: Renderer) -> None:
    ev = evaluate(real, load_answers(PERSONAS / "p09_missing_answers.json"))
    o = renderer.context(ev, lang="zh").owner
    open_rows = [d for d in o.dims if d.state == "open"]
    assert open_rows and all(d.score == "未答" for d in open_rows)
    assert o.radar_svg.count(">未答<") == len(open_rows)
    assert "A1" not in o.radar_svg and "网络与设备联网" in o.radar_svg  # names, never codes


def test_one_scoring_per_export(
    bundle: Bundle, renderer: Renderer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import assess.engine.scoring as scoring

    calls = []
    real_score = scoring.score

    def counted(engine: Engine, af: object) -> object:
        calls.append(1)
        return real_score(engine, af)  # type: ignore[arg-type]

    monkeypatch.setattr(scoring, "score", counted)
    from tests.report.conftest import DATA

    ev = evaluate(bundle, load_answers(DATA / "answers.json"))
    prev = evaluate(bundle, load_answers(DATA / "previous.json"))
    assert len(calls) == 2
    renderer.export(ev, tmp_path / "r.pdf", previous=prev, html_path=tmp_path / "r.html")
    renderer.render_html(ev, full=True)
    assert len(calls) == 2  # the report rendered what it was handed


def test_the_report_package_imports_only_domain_and_pipeline_types() -> None:
    allowed = (
        "assess.domain",
        "assess.pipeline",
        "assess.report",
        "assess.domain.errors",
        "assess.files.resources",
        "assess.domain.sanitize",
    )
    folder = Path(__file__).parents[2] / "assess" / "report"
    for path in folder.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:  # the module, or what is taken from it
                names = [
                    node.module if node.module != "assess.files" else f"{node.module}.{a.name}" for a in node.names
                ]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            for n in names:
                if n.startswith("assess"):
                    assert n.startswith(allowed), f"{path.name} imports {n}"


def test_research_notes_and_the_notice_caveat_are_rewritten_for_the_client() -> None:
    text = (
        "每年评价窗口期（2026年度为6月1日至8月31日，待核实）登录平台填报。具体比例、上限和申报时间以当年申报通知为准。"
    )
    assert client_text(text, "zh") == "每年评价窗口期登录平台填报※。"
    assert client_text("据公开仓库转录，编号有效期一年。入库后可申报。", "zh") == "入库后可申报。"
    step = "File online in the period the year's notice sets; the company prepares and files its own data."
    assert client_text(step, "en").startswith("File online in the period")  # an instruction, not a caveat
    assert client_text("Apply online. Huai'an's terms follow the year's notice.", "en") == "Apply online※."
    from assess.domain.catalog import Source

    sources = [
        Source(title="淮政办发〔2026〕7号 第24条（发放算力券）", confidence="confirmed"),
        Source(title="上海等地算力券做法（仅作设计参考）", confidence="medium"),
        Source(title="江苏省智改数转网联专项（2024年省级每年12亿元专项资金）", confidence="medium"),
        Source(title="工企业函〔2026〕160号（两个公开仓库转录，原文未见）", confidence="unverified"),
    ]
    assert client_sources(sources, "zh") == ["淮政办发〔2026〕7号 第24条", "工企业函〔2026〕160号"]
    en = client_sources(sources, "en")
    assert en[0] == "Huai'an AI action plan 2026–2027, item 24 (淮政办发〔2026〕7号 第24条)"


def _cli(*args: str) -> tuple[int, str]:
    from click.testing import CliRunner

    from assess.cli import cli

    res = CliRunner().invoke(cli, list(args))
    return res.exit_code, res.output


@pytest.mark.slow
def test_previous_must_be_the_same_company_and_earlier(tmp_path: Path) -> None:
    import json

    from tests.report.conftest import DATA, QUESTIONNAIRES

    qdir = str(QUESTIONNAIRES)
    now, before = str(DATA / "answers.json"), str(DATA / "previous.json")
    other = json.loads((DATA / "previous.json").read_text(encoding="utf-8"))
    other["company"] = {"name": "另一家公司", "credit_code": "91320800MA1YYYYY0Y"}
    (tmp_path / "other.json").write_text(json.dumps(other, ensure_ascii=False), encoding="utf-8")
    code, out = _cli(
        "report",
        now,
        "-o",
        str(tmp_path / "a.pdf"),
        "--previous",
        str(tmp_path / "other.json"),
        "--questionnaires",
        qdir,
    )
    assert code == 1 and "another company" in out and "other.json" in out and len(out.strip().splitlines()) == 1
    code, out = _cli("report", before, "-o", str(tmp_path / "b.pdf"), "--previous", now, "--questionnaires", qdir)
    assert code == 1 and "not earlier" in out and not (tmp_path / "b.pdf").exists()
    code, out = _cli(
        "report",
        now,
        "-o",
        str(tmp_path / "c.pdf"),
        "--previous",
        before,
        "--questionnaires",
        qdir,
        "--html",
        str(tmp_path / "c.html"),
    )
    assert code == 0, out
    html = (tmp_path / "c.html").read_text(encoding="utf-8")
    assert "与上次评估（2026年5月10日）相比" in html and "stroke-dasharray" in html
    code, out = _cli(
        "report", now, "-o", str(tmp_path / "d.pdf"), "--questionnaires", qdir, "--html", str(tmp_path / "d.html")
    )
    html = (tmp_path / "d.html").read_text(encoding="utf-8")
    assert code == 0 and "与上次评估" not in html and "stroke-dasharray" not in html


def test_nothing_due_in_90_days_is_not_titled_90_days_and_a_condition_floor_has_no_points(
    real: Bundle, renderer: Renderer
) -> None:
    ev = advised(evaluate(real, load_answers(PERSONAS / "p02_machinery_rd35.json")))
    r = ev.result
    r.plan = [p.model_copy(update={"horizon": "year" if k else "next_year"}) for k, p in enumerate(r.plan)]
    cond = FloorGap(dimension=r.dimensions[0].id, gap=0.0, label=t("尚未做到：至少一类AI工具正式运行", "Not yet"))
    r.overall.next = r.overall.next.model_copy(update={"floors": [cond]}) if r.overall.next else None
    o = renderer.context(ev, lang="zh").owner
    assert o.ninety_title == "接下来先做的事" and o.ninety == ["计划事项1（今年内）", "计划事项2（今年内）"]
    gap = o.scales[0].gap or ""
    assert "尚未做到：至少一类AI工具正式运行" in gap and "还差 0 分" not in gap


@pytest.mark.parametrize("path", sorted(PERSONAS.glob("*.json")), ids=lambda p: p.stem)
def test_no_persona_reads_zero_points_short(real: Bundle, renderer: Renderer, path: Path) -> None:
    o = renderer.context(evaluate(real, load_answers(path)), lang="zh").owner
    assert all("还差 0 分" not in (sc.gap or "") for sc in o.scales)
    horizons = [p.horizon_class for p in o.plan]
    assert horizons == sorted(horizons, key=["h90", "hyear", "hnext"].index)
    if o.ninety_title == "90 天内要做的事":  # only items due within 90 days under that title
        due = {p.title for p in o.plan if p.horizon_class == "h90"}
        assert o.ninety and set(o.ninety) <= due


SYNTHETIC = [f"synth-{depth}-{i}" for depth in ("full", "quick") for i in range(10)]


@pytest.mark.parametrize("case", [*sorted(PERSONAS.glob("*.json")), *SYNTHETIC], ids=str)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_owners_page_never_cites_a_support_the_result_rules_out(
    real: Bundle, renderer: Renderer, case: Path | str, lang: str
) -> None:
    """What to act on now, the supports table, the cards and the plan's supports name no support that the
    same result says is not eligible (duties aside) or already held, for every persona and for synthetic
    companies (random valid answers, n/a and don't-know among them)."""
    if isinstance(case, Path):
        ev = evaluate(real, load_answers(case))
    else:
        from assess.bulk.synth import answer_file
        from assess.pipeline import engine_for

        _, depth, n = case.split("-")
        ev = evaluate(real, answer_file(engine_for(real, real.latest()), int(n), seed=29, depth=depth))
    r = ev.result
    name = {s.id: s.name.get(lang) for s in r.supports}
    ruled_out = {name[s.id] for s in r.supports if (s.status == "not_eligible" and not s.obligation) or s.held}
    o = renderer.context(ev, lang=lang).owner
    cited = {a.name for a in o.act_now if a.name} | {x.name for x in o.table} | {c.name for c in o.cards}
    cited |= {n for p in o.plan for n in p.supports}
    assert not cited & ruled_out, cited & ruled_out


def test_the_english_consultant_edition_separates_sources_and_warnings_in_english(
    real: Bundle, renderer: Renderer
) -> None:
    """Sources are cited in their own language, but the list of them is English: 'A; B', not 'A；B'
    (the Chinese edition keeps '；')."""
    ev = evaluate(real, load_answers(PERSONAS / "p02_machinery_rd35.json"))
    zh = renderer.render_html(ev, lang="zh", full=True)
    en = renderer.render_html(ev, lang="en", full=True)
    assert "）；淮政办发" in zh and "）；淮政办发" not in en and "）; 淮政办发" in en
