"""The report's view model: everything the templates show, already in one language.

Templates render only a :class:`ReportContext`: no lookups, no arithmetic, no language choice in
Jinja. Every string here is plain text (escaped by Jinja when rendered); the only markup is the
radar chart, which :mod:`assess.report.charts` generates from numbers and escaped labels.
Fields named ``*_class`` come from fixed allow-lists (status codes), never from user input.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from assess.report.owner_views import OwnerView


class _View(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Meta(_View):
    """Cover and running header."""

    lang: str
    """``zh`` or ``en``."""
    html_lang: str
    """``zh-CN`` or ``en``: the ``lang`` attribute of the page (selects Chinese glyph shapes)."""
    title: str
    company: str
    company_short: str
    """The company name for the running header (shortened with … when very long)."""
    credit_code: str | None
    respondent: str | None
    assessor: str | None
    mode: str
    consultant: bool
    """Consultant mode (notes are the consultant's; "verified" flags are meaningful)."""
    assessed_on: str
    questionnaire: str
    questionnaire_version: str
    depth: str
    catalog_version: str
    plan: str
    response_id: str
    answered: int
    shown: int
    complete: bool
    """All required questions answered."""


class IndexView(_View):
    """The overall or AI-readiness index on the summary page."""

    name: str
    score: str
    """Formatted score, or an em dash when nothing could be scored."""
    level: str
    meaning: str
    next_level: str | None
    next_meaning: str | None
    blocked: list[str]
    """Weakest-link floors that keep the company from the next level, in plain words."""
    trace: str


class LegendEntry(_View):
    """A dimension on the radar when the chart shows codes instead of names."""

    code: str
    label: str
    score: str


class Finding(_View):
    """One answer of the company and what it means for its dimension."""

    question: str
    answer: str
    score: str
    kind: str
    """``good``, ``ok``, ``gap`` or ``open`` (not scored: n/a, don't know, unanswered)."""
    note: str | None = None


class ActionView(_View):
    """A next step in the roadmap or under a dimension."""

    title: str
    detail: str
    dimension: str
    horizon: str
    priority: str
    supports: list[str]


class DimensionView(_View):
    """One dimension: score, meaning, findings from the answers, next steps."""

    id: str
    label: str
    block: str
    score: str
    bar: int
    """0–100: width of the score bar (0 when not scored)."""
    status_note: str | None
    descriptor: str | None
    help: str | None
    findings: list[Finding]
    actions: list[ActionView]
    trace: str


class RuleView(_View):
    """An eligibility rule as checked for this company."""

    label: str
    status: str
    status_class: str
    unsure: bool
    """Confidence inferred/unverified/low: shown as a possible condition, to be checked."""
    fix: str | None


class SupportView(_View):
    """A support with its verdict, cited clauses and departments."""

    id: str
    name: str
    summary: str
    status: str
    status_label: str
    status_class: str
    level: str
    obligation: bool
    clauses: str
    departments: str
    departments_table: str
    """Departments as the supports table shows them (all in Chinese; the first ones in English)."""
    reasons: list[str]
    reasons_text: str
    """The reasons as one sentence run (for the brief list)."""
    missing: list[str]
    missing_text: str
    need: list[str]
    rules: list[RuleView]
    next_steps: list[str]
    documents: list[str]
    amounts: str
    rule_version: str | None
    sources: list[str]
    after: list[str]


class ClosedGroup(_View):
    """Supports that are closed (or undecided) for the same reason, listed together briefly."""

    names: list[str]
    status: str
    status_label: str
    status_class: str
    clauses: str
    text: str
    """Why (not_eligible), or which answers are needed (need_info)."""
    missing: str


class ToolView(_View):
    """A tool family of the AI toolbox with the company's readiness for it."""

    name: str
    help: str
    status_label: str
    status_class: str
    met: list[str]
    missing: list[str]
    supports: list[str]


class HorizonView(_View):
    """One column of the roadmap (0–3, 3–6, 6–12 months)."""

    label: str
    actions: list[ActionView]


class ProgressRow(_View):
    """A dimension (or index) before and now."""

    label: str
    before: str
    now: str
    delta: str
    arrow: str
    trend: str
    """``up``, ``down``, ``same`` or ``na`` (CSS class suffix)."""


class ProgressView(_View):
    """Progress since the previous assessment."""

    previous_date: str
    previous_version: str
    rows: list[ProgressRow]
    indexes: list[ProgressRow]
    excluded: list[str]
    """Questions asked in only one of the two versions (left out of the comparison)."""
    like_for_like: bool
    """Scores were recomputed on the questions scored in both assessments."""
    depth_changed: bool
    """One was a quick scan, the other a full diagnosis."""


class AnswerRow(_View):
    """One answer in the appendix."""

    qid: str
    question: str
    answer: str
    note: str | None
    verified: bool
    to_confirm: bool


class AnswerSection(_View):
    """A questionnaire section in the appendix."""

    title: str
    rows: list[AnswerRow]


class MethodDimension(_View):
    """A dimension's weight and its items' weights."""

    label: str
    weight: str
    min_coverage: str
    items: list[str]


class MethodBlock(_View):
    """A block's weight and dimensions."""

    label: str
    weight: str
    dimensions: list[MethodDimension]


class MethodLevel(_View):
    """A level: minimum score and floors."""

    label: str
    min_score: str
    meaning: str
    floors: list[str]


class Method(_View):
    """How the scores were computed."""

    blocks: list[MethodBlock]
    overall_levels: list[MethodLevel]
    ai_levels: list[MethodLevel]
    ai_block: str
    rule_versions: list[str]


class EstimateView(_View):
    """An estimate of an official level (预估), never a rating."""

    name: str
    value: str
    channel: str
    method: str


class ComputedView(_View):
    """A derived fact."""

    label: str
    value: str


class ReportContext(_View):
    """Everything one report shows."""

    s: dict[str, str]
    """Fixed interface strings in the report language (``report_templates/strings.yaml``)."""
    full: bool = False
    """The consultant edition: the owner's pages, then every detail (answers, method, traces)."""
    owner: OwnerView
    """The owner's pages (the default edition)."""
    meta: Meta
    overall: IndexView
    ai: IndexView
    radar_svg: str
    """Generated SVG markup (trusted: built by :mod:`assess.report.charts`)."""
    radar_legend: list[LegendEntry]
    """Code → dimension, when there are too many dimensions to write their names on the chart."""
    strengths: list[DimensionView]
    gaps: list[DimensionView]
    any_scored: bool
    """At least one dimension has a score (else the summary says there is too little data)."""
    top_supports: list[SupportView]
    """Up to three benefits to apply for (``apply`` first, then ``prepare``); duties are apart."""
    duties: list[SupportView]
    """Obligations the company must fulfil (e.g. filing of a generative AI service)."""
    dimensions: list[DimensionView]
    """Dimensions that apply to the company."""
    na_dimensions: list[str]
    """Names of dimensions that do not apply to the company."""
    supports: list[SupportView]
    support_pages: list[SupportView]
    """``apply`` and ``prepare`` supports: one page each."""
    other_supports: list[ClosedGroup]
    """``need_info`` then ``not_eligible``, listed briefly with the reason (same reason: one line)."""
    toolbox: list[ToolView]
    """Tool families to try, ready ones first."""
    tools_not_relevant: list[str]
    """Tool families that do not concern the company now (listed by name only)."""
    roadmap: list[HorizonView]
    progress: ProgressView | None = None
    answers: list[AnswerSection]
    method: Method
    estimates: list[EstimateView]
    computed: list[ComputedView]
    warnings: list[str] = Field(default_factory=list)
