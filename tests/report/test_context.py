"""The report's view model: what the owner reads, decided in code (no PDF rendering here)."""

from __future__ import annotations

from assess.domain.answers import AnswerFile
from assess.domain.text import Text
from assess.files.loading import Bundle
from assess.pipeline import evaluate as score
from assess.report import Renderer, build_context
from assess.report.charts import radar_svg
from assess.report.progress import row


def test_a_context_holds_the_company_levels_and_ranked_supports(
    renderer: Renderer, bundle: Bundle, answers: AnswerFile
) -> None:
    ctx = renderer.context(score(bundle, answers), lang="zh", full=True)
    assert ctx.meta.company == "淮安喆堃珺昇犇精密机械有限公司"
    assert ctx.meta.html_lang == "zh-CN"
    assert ctx.meta.assessor == "王晓明"  # consultant mode shows the assessor
    assert ctx.overall.level == "筑基级"
    assert ctx.ai.level == "未感知"
    statuses = [sp.status for sp in ctx.supports]
    assert statuses == sorted(statuses, key=["apply", "prepare", "need_info", "not_eligible"].index)
    assert [sp.status for sp in ctx.support_pages] == ["apply", "apply", "apply", "prepare"]
    assert {sp.status for sp in ctx.other_supports} == {"need_info", "not_eligible"}
    assert ctx.top_supports[0].name == "算力券"


def test_every_support_cites_its_clause_and_departments(
    renderer: Renderer, bundle: Bundle, answers: AnswerFile
) -> None:
    ctx = renderer.context(score(bundle, answers), lang="zh", full=True)
    voucher = next(sp for sp in ctx.supports if sp.id == "compute_voucher")
    assert voucher.clauses == "第5条"
    assert voucher.departments == "市数据局、市财政局"
    model = next(sp for sp in ctx.supports if sp.id == "model_voucher")
    assert model.clauses == "第5条、第6条"


def test_amounts_fall_back_to_the_annual_notice(renderer: Renderer, bundle: Bundle, answers: AnswerFile) -> None:
    ctx = renderer.context(score(bundle, answers), lang="zh", full=True)
    voucher = next(sp for sp in ctx.supports if sp.id == "compute_voucher")
    assert "以当年申报通知为准" in voucher.amounts
    tech = next(sp for sp in ctx.supports if sp.id == "tech_sme")
    assert tech.amounts.startswith("入库企业")
    assert tech.rule_version == "国科发政〔2017〕115号"


def test_inferred_and_unverified_rules_are_marked_as_possible_conditions(
    renderer: Renderer, bundle: Bundle, answers: AnswerFile
) -> None:
    ctx = renderer.context(score(bundle, answers), lang="zh", full=True)
    voucher = next(sp for sp in ctx.supports if sp.id == "compute_voucher")
    assert voucher.rules[0].unsure
    assert "可能的条件" in voucher.rules[0].label
    tech = next(sp for sp in ctx.supports if sp.id == "tech_sme")
    assert not any(r.unsure for r in tech.rules)


def test_findings_quote_the_company_answers_and_notes(renderer: Renderer, bundle: Bundle, answers: AnswerFile) -> None:
    ctx = renderer.context(score(bundle, answers), lang="zh", full=True)
    systems = next(d for d in ctx.dimensions if d.id == "D1")
    assert systems.findings[1].answer == "定期备份、杀毒软件"
    assert systems.findings[1].note == "有防火墙，备份不定期"
    assert systems.actions[0].title == "上一套进销存系统"
    equipment = next(d for d in ctx.dimensions if d.id == "D2")
    assert equipment.status_note is not None  # "don't know" only: not scored, and said so
    assert equipment.findings[0].kind == "open"


def test_strengths_and_gaps_do_not_overlap(renderer: Renderer, bundle: Bundle, answers: AnswerFile) -> None:
    ctx = renderer.context(score(bundle, answers), lang="zh", full=True)
    assert ctx.strengths and ctx.gaps
    assert not {d.id for d in ctx.strengths} & {d.id for d in ctx.gaps}
    assert ctx.gaps[0].label == "AI应用"


def test_the_roadmap_is_ordered_by_priority_within_each_horizon(
    renderer: Renderer, bundle: Bundle, answers: AnswerFile
) -> None:
    ctx = renderer.context(score(bundle, answers), lang="zh", full=True)
    assert [h.label for h in ctx.roadmap] == ["近期（0–3 个月）", "中期（3–6 个月）", "远期（6–12 个月）"]
    for h in ctx.roadmap:
        priorities = [float(a.priority) for a in h.actions]
        assert priorities == sorted(priorities, reverse=True)


def test_the_appendix_lists_answers_with_notes_and_verified_flags(
    renderer: Renderer, bundle: Bundle, answers: AnswerFile
) -> None:
    ctx = renderer.context(score(bundle, answers), lang="zh", full=True)
    rows = {r.qid: r for sec in ctx.answers for r in sec.rows}
    assert rows["revenue"].verified and rows["revenue"].note == "据2025年财务报表"
    assert rows["connected_pct"].answer == "不知道"
    assert rows["notes"].answer == "希望明年用大模型\n整理工艺文件。"
    assert ctx.method.blocks[0].dimensions[0].items == ["订单和库存怎么管？ ×2", "做了哪些数据安全措施？ ×1"]
    assert ctx.method.overall_levels[1].floors == ["业务系统 不低于 25 分"]
    assert ctx.estimates[0].value == "约二级"


def test_progress_on_the_same_version_compares_scores_directly(
    renderer: Renderer, bundle: Bundle, answers: AnswerFile, previous: AnswerFile
) -> None:
    ctx = renderer.context(score(bundle, answers), lang="zh", previous=score(bundle, previous), full=True)
    assert ctx.progress is not None
    assert not ctx.progress.like_for_like and ctx.progress.excluded == []
    systems = next(r for r in ctx.progress.rows if r.label == "业务系统")
    assert (systems.before, systems.now, systems.arrow, systems.trend) == ("0", "73.3", "▲", "up")
    assert ctx.progress.indexes[0].before.endswith("起步级")


def test_progress_across_versions_leaves_out_added_and_removed_questions(
    renderer: Renderer, bundle: Bundle, answers: AnswerFile, previous_v08: AnswerFile
) -> None:
    ctx = renderer.context(score(bundle, answers), lang="zh", previous=score(bundle, previous_v08), full=True)
    assert ctx.progress is not None and ctx.progress.like_for_like
    assert [e.split(" (")[1] for e in ctx.progress.excluded] == ["ai_idea)", "security)"]
    systems = next(r for r in ctx.progress.rows if r.label == "业务系统")
    assert systems.now == "75"  # the ERP item only: the new security question (70 points) is left out
    assert ctx.meta.questionnaire_version == "1.0.0"


def test_english_context_uses_english_text(renderer: Renderer, bundle: Bundle, answers: AnswerFile) -> None:
    ctx = renderer.context(score(bundle, answers), lang="en", full=True)
    assert ctx.meta.html_lang == "en"
    assert ctx.overall.level == "Foundations"
    voucher = next(sp for sp in ctx.supports if sp.id == "compute_voucher")
    assert voucher.clauses == "item 5"
    assert voucher.departments == "Municipal Data Bureau, Municipal Finance Bureau"


def test_build_context_is_pure_and_repeatable(renderer: Renderer, bundle: Bundle, answers: AnswerFile) -> None:
    scored = score(bundle, answers)
    a = build_context(scored, renderer.strings["zh"], lang="zh")
    b = build_context(scored, renderer.strings["zh"], lang="zh")
    assert a == b


def test_progress_arrows() -> None:
    assert row("x", 40, 55).arrow == "▲"
    assert row("x", 55, 40).arrow == "▼"
    assert row("x", 50, 50.4).arrow == "＝"
    assert row("x", None, 50).trend == "na"


def test_the_radar_escapes_labels_and_names_the_cjk_font() -> None:
    svg = radar_svg([("<b>&", 50), ("数据基础", None), ("人才与组织", 100)])
    assert "&lt;b&gt;&amp;" in svg and "<b>" not in svg
    assert "Noto Sans CJK SC" in svg
    assert 'viewBox="0 0' in svg
    assert "<rect" in radar_svg([("a", 1), ("b", 2)])  # too few axes: bars


def test_duties_are_listed_apart_from_supports_to_apply_for(
    renderer: Renderer, bundle: Bundle, answers: AnswerFile
) -> None:
    scored = score(bundle, answers)
    voucher = next(s for s in scored.result.supports if s.id == "compute_voucher")
    voucher.obligation = True
    ctx = renderer.context(scored, lang="zh")
    assert [d.name for d in ctx.duties] == ["算力券"]
    assert ctx.duties[0].status_label == "需要办理"
    assert "算力券" not in [s.name for s in ctx.top_supports]


def test_unknown_support_ids_are_never_printed(renderer: Renderer, bundle: Bundle, answers: AnswerFile) -> None:
    scored = score(bundle, answers)
    scored.result.actions[0].supports = ["no_such_support", "compute_voucher"]
    title = scored.result.actions[0].title.zh
    ctx = renderer.context(scored, lang="zh")
    first = next(a for h in ctx.roadmap for a in h.actions if a.title == title)
    assert first.supports == ["算力券"]


def test_many_dimensions_get_codes_and_a_legend(renderer: Renderer, bundle: Bundle, answers: AnswerFile) -> None:
    from assess.report import charts

    scored = score(bundle, answers)
    ctx = renderer.context(scored, lang="zh")
    assert ctx.radar_legend == []  # three dimensions: names on the chart
    old = charts.MAX_NAMED_AXES
    charts.MAX_NAMED_AXES = 2
    try:
        ctx = renderer.context(scored, lang="zh")
    finally:
        charts.MAX_NAMED_AXES = old
    assert [e.code for e in ctx.radar_legend] == ["D1", "D2", "C1"]  # short ids are the codes
    assert ctx.radar_legend[0].label == "业务系统"
    for d in scored.result.dimensions:
        d.id = f"dim_{d.id}"
    charts.MAX_NAMED_AXES = 2
    try:
        ctx = renderer.context(scored, lang="zh")
    finally:
        charts.MAX_NAMED_AXES = old
    assert [e.code for e in ctx.radar_legend] == ["1", "2", "3"]  # ids too long: numbers


def test_very_long_company_names_are_shortened_only_in_the_running_header(
    renderer: Renderer, bundle: Bundle, answers: AnswerFile
) -> None:
    answers.company.name = "淮安市清江浦区喆堃珺昇犇现代农业科技发展暨跨境电子商务供应链管理服务有限责任公司" * 3
    ctx = renderer.context(score(bundle, answers), lang="zh", full=True)
    assert ctx.meta.company == answers.company.name
    assert len(ctx.meta.company_short) == 36 and ctx.meta.company_short.endswith("…")


def test_progress_from_migrated_answers_compares_only_what_both_cover(
    renderer: Renderer, bundle: Bundle, answers: AnswerFile
) -> None:
    from assess.files.storage import load_answers
    from tests.report.conftest import DATA

    old = score(bundle, load_answers(DATA / "previous-0.7.0.json"))  # 0.7.0 is not bundled: migrated to 1.0.0
    assert old.answers.migrated_from == "0.7.0"
    ctx = renderer.context(score(bundle, answers), lang="zh", previous=old)
    assert ctx.progress is not None and ctx.progress.like_for_like
    assert ctx.progress.previous_version == "0.7.0，已按规则转换到 1.0.0"
    assert [e.split(" (")[1] for e in ctx.progress.excluded] == ["security)"]
    systems = next(r for r in ctx.progress.rows if r.label == "业务系统")
    assert (systems.before, systems.now) == ("0", "75")


def test_progress_between_a_quick_scan_and_a_full_diagnosis_compares_questions_scored_both_times(
    renderer: Renderer, bundle: Bundle, answers: AnswerFile, previous: AnswerFile
) -> None:
    previous.depth = "quick"
    ctx = renderer.context(score(bundle, answers), lang="zh", previous=score(bundle, previous), full=True)
    assert ctx.progress is not None and ctx.progress.depth_changed and ctx.progress.like_for_like
    html = renderer.html(ctx)
    assert ctx.s["progress_depth_changed"] in html and ctx.s["progress_same_questions"] not in html
    assert "设备联网" not in [r.label for r in ctx.progress.rows]  # no data either time: left out


def test_an_empty_assessment_still_gives_a_coherent_report(
    renderer: Renderer, bundle: Bundle, answers: AnswerFile
) -> None:
    answers.answers = {}
    ctx = renderer.context(score(bundle, answers), lang="zh", full=True)
    assert not ctx.any_scored and not ctx.strengths and not ctx.gaps
    html = renderer.html(ctx)
    assert ctx.s["no_scores"] in html and ctx.s["no_gaps"] not in html
    assert not ctx.meta.complete or ctx.meta.answered == 0


def test_user_text_never_reaches_attributes_or_style(renderer: Renderer, bundle: Bundle, answers: AnswerFile) -> None:
    from html.parser import HTMLParser

    evil = '"><script>x</script><style>*{}</style>\' onmouseover="y" url(http://127.0.0.1/z)'
    answers.company.name = "A" + evil
    answers.company.credit_code = "B" + evil[:30]
    answers.assessor = "C" + evil
    answers.respondent = "D" + evil
    answers.answers["security"].note = "E" + evil
    answers.answers["notes"].value = "F" + evil

    class Collect(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.attrs: list[str] = []
            self.tags: list[str] = []
            self.style = ""
            self._in_style = False

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.tags.append(tag)
            self.attrs += [v or "" for _, v in attrs]
            self._in_style = tag == "style"

        def handle_endtag(self, tag: str) -> None:
            self._in_style = False

        def handle_data(self, data: str) -> None:
            if self._in_style:
                self.style += data

    html = renderer.render_html(score(bundle, answers), full=True)
    parser = Collect()
    parser.feed(html)
    assert "script" not in parser.tags and "style" not in parser.tags
    assert not any("onmouseover" in a or "127.0.0.1" in a for a in parser.attrs)
    assert "onmouseover" not in parser.style
    assert html.count("&lt;script&gt;") >= 5


def test_brief_reasons_read_as_sentences() -> None:
    from assess.report.build import sentences

    assert sentences(["只面向制造业企业。", "基础级尚未自评；"], "zh") == "只面向制造业企业；基础级尚未自评。"
    assert sentences(["Manufacturers only.", " Not assessed yet "], "en") == "Manufacturers only; Not assessed yet."
    assert sentences([], "en") == ""


def test_closed_supports_with_the_same_reason_are_listed_together(
    renderer: Renderer, bundle: Bundle, answers: AnswerFile
) -> None:
    scored = score(bundle, answers)
    for sp in scored.result.supports:
        if sp.id in ("tech_sme", "model_voucher"):
            sp.status, sp.missing = "not_eligible", []
            sp.reasons = [Text(zh="企业的主营行业不属于本领域。", en="Not in this sector.")]
    ctx = renderer.context(scored, lang="zh")
    merged = [g for g in ctx.other_supports if len(g.names) > 1]
    assert len(merged) == 1
    assert set(merged[0].names) == {"科技型中小企业评价", "模型券"}
    assert merged[0].text == "企业的主营行业不属于本领域。"
    assert merged[0].clauses == "第12条、第5条、第6条" or merged[0].clauses == "第5条、第6条、第12条"
    need = next(g for g in ctx.other_supports if g.status == "need_info")
    assert need.text == "需要补充回答：联网设备占比。"
