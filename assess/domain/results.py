"""What scoring and matching produce: scores, levels, verdicts, actions, each with its trace.

These are plain data for the front ends: the CLI prints them, the TUI shows them, the report
renders them and bulk mode aggregates them. Every number can be explained from the fields here.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assess.domain.answers import AnswerValue
from assess.domain.catalog import Confidence, Department, RuleKind, Source
from assess.domain.text import Text, clauses, t

ItemStatus = Literal["scored", "na", "dk", "unanswered", "hidden", "not_asked", "unscored"]
"""scored: counts; na: not applicable (leaves the denominator); dk: don't know (leaves it, lowers
coverage); unanswered: required but still open (lowers coverage); hidden: skipped by show-if;
not_asked: full-diagnosis question in a quick scan; unscored: answered with an unscored option."""

SupportStatus = Literal["apply", "prepare", "not_eligible", "need_info"]

STATUS_ORDER: tuple[SupportStatus, ...] = ("apply", "prepare", "need_info", "not_eligible")
"""Verdicts from the most to the least actionable: every list of supports follows this order, and the
batch engine codes a verdict by its place in it."""


def status_rank(status: SupportStatus) -> int:
    """A verdict's place in :data:`STATUS_ORDER` (0 = apply)."""
    return STATUS_ORDER.index(status)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


class ItemResult(_Model):
    """One scored question's contribution to its dimension."""

    q: str
    label: Text
    weight: float
    status: ItemStatus
    score: float | None = None
    answer: AnswerValue | None = None
    display: Text | None = None
    """The answer as the respondent saw it (option labels, number with unit)."""


class DimensionResult(_Model):
    """A dimension score and where it comes from."""

    id: str
    block: str
    label: Text
    help: Text | None = None
    score: float | None
    """0–100, or None when the dimension does not apply or has too little data."""
    status: Literal["scored", "not_applicable", "insufficient"]
    coverage: float
    """Share of the applicable weight that was answered."""
    weight: float
    descriptor: Text | None = None
    items: list[ItemResult]
    trace: Text


class BlockResult(_Model):
    """A block score: the weighted mean of its scored dimensions."""

    id: str
    label: Text
    score: float | None
    weight: float
    dimensions: list[str]
    trace: Text


class LevelRef(_Model):
    """A level, as shown to users."""

    id: str
    label: Text
    meaning: Text


class FloorCheck(_Model):
    """A floor of a level that was checked."""

    level: str
    label: Text
    dims: list[str] = Field(default_factory=list)
    """Dimensions (and blocks) the floor is about."""
    passed: bool
    detail: Text
    """E.g. "A4 网络与数据安全 20 分，低于 40 分"."""


class FloorGap(_Model):
    """A floor of the next level that the company fails, and by how much."""

    dimension: str
    """Dimension (or block) id the floor is about."""
    gap: float
    """Points the dimension still needs to reach the floor; 0 for a floor that is a condition (the
    ``label`` then says what is not done yet)."""
    label: Text | None = None


class NextLevel(_Model):
    """How far an index is from its next level: the score gap and every failing floor."""

    level: LevelRef
    score_gap: float
    """Points the index score still needs (0 when the score already reaches the band)."""
    floors: list[FloorGap] = Field(default_factory=list)


class IndexResult(_Model):
    """The overall or AI-readiness index, its level, and what blocked the next level."""

    score: float | None
    level: LevelRef
    band_level: LevelRef
    """The level the score alone would reach."""
    next_level: LevelRef | None
    blocked_by: list[FloorCheck] = Field(default_factory=list)
    """Floors that kept the level below `band_level` (or the next level when they coincide)."""
    trace: Text
    next: NextLevel | None = None
    """Distance to the next level (None at the top level). Filled by the advice step."""


class ComputedResult(_Model):
    """A derived fact and how it was computed."""

    id: str
    label: Text
    value: float | str | bool | None
    unit: Text | None = None
    display: Text
    """The value as a person reads it: number with unit, 是/否, or the label of a code."""
    trace: Text


class RuleCheck(_Model):
    """The outcome of one eligibility rule."""

    id: str
    kind: RuleKind
    status: Literal["met", "failed", "unknown"]
    label: Text
    fail: Text
    fix: Text | None = None
    confidence: Confidence
    source: str | None = None
    questions: list[str] = Field(default_factory=list)
    """Questions the rule reads (the ones to answer when it is unknown)."""


class NeededAnswer(_Model):
    """A question whose answer would decide a verdict."""

    q: str
    label: Text


class Change(_Model):
    """One answer change of a what-if, in the company's own units."""

    q: str
    before: AnswerValue | None = None
    """The answer now (JSON key ``from``)."""
    after: AnswerValue
    """The answer that would make the difference (JSON key ``to``)."""
    text: Text
    """E.g. 研发费用近三年合计需再增加约210万元."""
    covered: bool = False
    """True when another change of the same what-if already says this one (a total over three years
    covers each year's share): readers show :func:`said` changes only; JSON keeps every answer."""


def said(changes: list[Change]) -> list[Change]:
    """The changes a reader is shown: each once, a total over several answers instead of its parts."""
    return [c for c in changes if not c.covered]


def headline(changes: list[Change]) -> Text:
    """The changes of a what-if in one line: a group's total once, each other answer once."""
    heads = [c.text for c in said(changes)]
    return t(clauses((h.zh for h in heads), "zh"), clauses((h.get("en") for h in heads), "en"))


class WhatIf(_Model):
    """A smallest set of answer changes (≤ 3) that moves a support to `status` (apply)."""

    changes: list[Change]
    status: SupportStatus


class Lever(_Model):
    """One set of changes and every support it unlocks (directly or through prerequisites)."""

    changes: list[Change]
    unlocks: list[str]


Horizon = Literal["90d", "year", "next_year"]
"""When a plan item is due: within 90 days, this year, next year."""


class PlanItem(_Model):
    """One ranked item of the company's plan (5–7 items)."""

    id: str
    title: Text
    why: list[Text]
    """Which level blocker / support / pain point it serves."""
    horizon: Horizon
    dimension: str | None = None
    supports: list[str] = Field(default_factory=list)
    """Supports that can pay for it or that it unlocks."""


DutyState = Literal["done", "needed", "likely", "not_concerned"]
"""For an obligation: 已办理 / 需办理 / 可能需办理 / 不涉及."""


class SupportResult(_Model):
    """The verdict on one support."""

    id: str
    name: Text
    summary: Text
    category: str
    level: str
    obligation: bool
    status: SupportStatus
    fit_score: float
    reasons: list[Text]
    """Why it fits (from the company's own answers), or why it is closed."""
    missing: list[Text]
    """What is missing and how to close it (prepare / not_eligible)."""
    need: list[NeededAnswer]
    """Answers needed to decide (need_info)."""
    rules: list[RuleCheck]
    clauses: list[int]
    departments: list[Department]
    rule_version: Text | None = None
    next_steps: list[Text]
    documents: list[Text]
    amounts: Text
    sources: list[Source]
    after: list[str] = Field(default_factory=list)
    rank: int = 0
    """Order among all supports (0 = do first)."""
    requires: list[str] = Field(default_factory=list)
    """Supports that are prerequisites of this one (catalog ``requires:``)."""
    what_if: list[WhatIf] = Field(default_factory=list)
    """Smallest answer changes that would give apply (prepare / need_info / fixable not_eligible)."""
    held: bool = False
    """The company already holds this title / has done this (valid, not expired)."""
    lead: Department | None = None
    """The one office an applicant contacts (catalog ``lead:``); ``departments`` keeps the plan's full list."""
    duty: DutyState | None = None
    """For obligations only: whether the duty is done, needed, likely needed, or does not concern the company."""
    planned: bool = False
    """The programme is announced by the plan but has no application notice yet: "watch for the notice"."""


class ActionResult(_Model):
    """A proposed next step with its priority."""

    id: str
    dimension: str
    title: Text
    detail: Text
    horizon: Literal["0-3", "3-6", "6-12"]
    priority: float
    gap: float
    supports: list[str]
    trace: Text


class ToolResult(_Model):
    """An AI-toolbox family and how ready the company is for it."""

    id: str
    name: Text
    help: Text
    status: Literal["in_use", "ready", "not_ready", "not_relevant"]
    met: list[Text]
    missing: list[Text]
    supports: list[str]


class EstimateResult(_Model):
    """An estimate of an official level (预估)."""

    id: str
    name: Text
    value: Text
    channel: Text
    method: Text


class QuestionnaireInfo(_Model):
    """Which questionnaire scored the answers."""

    id: str
    version: str
    title: Text


class AssessmentResult(_Model):
    """Everything scoring and matching say about one answer file."""

    questionnaire: QuestionnaireInfo
    catalog_version: str
    response_id: str
    company: str
    mode: str
    assessor: str | None
    depth: Literal["quick", "full"]
    status: str
    assessed_on: date
    answered: int
    """Questions shown and answered (including n/a and don't know)."""
    shown: int
    """Questions shown for this company at this depth."""
    required_open: list[str]
    """Required questions still unanswered."""
    computed: list[ComputedResult]
    dimensions: list[DimensionResult]
    blocks: list[BlockResult]
    overall: IndexResult
    ai_readiness: IndexResult
    supports: list[SupportResult]
    actions: list[ActionResult]
    toolbox: list[ToolResult]
    estimates: list[EstimateResult]
    warnings: list[str] = Field(default_factory=list)
    plan: list[PlanItem] = Field(default_factory=list)
    """The ranked plan (5–7 items when anything is open); filled by the advice step."""
    levers: list[Lever] = Field(default_factory=list)
    """Changes that unlock several supports, most valuable first; filled by the advice step."""
    notes: list[Text] = Field(default_factory=list)
    """Notes for the reader, e.g. "the plan needs questionnaire ≥ 1.2.0"."""
