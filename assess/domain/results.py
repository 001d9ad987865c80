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
from assess.domain.text import Text

ItemStatus = Literal["scored", "na", "dk", "unanswered", "hidden", "not_asked", "unscored"]
"""scored: counts; na: not applicable (leaves the denominator); dk: don't know (leaves it, lowers
coverage); unanswered: required but still open (lowers coverage); hidden: skipped by show-if;
not_asked: full-diagnosis question in a quick scan; unscored: answered with an unscored option."""

SupportStatus = Literal["apply", "prepare", "not_eligible", "need_info"]


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
