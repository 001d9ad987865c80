"""The supports catalog: every city, provincial and national support an SME can apply for or use.

Each support cites its clause(s) of 淮政办发〔2026〕7号 and its responsible departments as the plan
names them. Rules carry their confidence and source; an ``inferred`` rule is always worded to the
user as "likely — check the year's 申报通知", never as the plan's text.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assess.domain.conditions import Condition
from assess.domain.questionnaire import DocId, Id
from assess.domain.text import Text

Confidence = Literal["confirmed", "high", "medium", "low", "inferred", "unverified"]
"""How sure we are of a rule: ``inferred`` and ``unverified`` are flagged to the user."""

RuleKind = Literal["gate", "requirement"]
"""``gate``: failing it closes the support now (not_eligible). ``requirement``: a named thing the
company can still put in place (prepare)."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Source(_Model):
    """Where a fact comes from."""

    title: str
    """E.g. 淮政办发〔2026〕7号 第2条, or 国科发火〔2016〕32号 第十一条."""
    url: str | None = None
    confidence: Confidence = "high"


class Rule(_Model):
    """An eligibility rule of a support."""

    id: Id
    kind: RuleKind = "gate"
    applies_if: Condition | None = None
    """The rule concerns only companies for which this holds (e.g. one revenue band); when it does
    not hold, the rule is left out of the verdict altogether."""
    rule: Condition
    label: Text
    """The rule in plain words (shown when it is met, and in the method appendix)."""
    fail: Text
    """What is missing or wrong when the rule fails. Texts may quote the company's own figures with
    placeholders: ``{computed.c_rd_ratio_3y}`` or ``{q.p_revenue_y1}`` (value with its unit)."""
    fix: Text | None = None
    """How to close the gap."""
    confidence: Confidence = "high"
    source: str | None = None
    """Short source reference."""
    scope: bool = False
    """The rule says whom the programme is for (e.g. "an e-commerce firm or one with an online shop"):
    no what-if tries to meet it (adopting a shop system to fit an e-commerce programme is not advice),
    and a failed scope gate is not a gap the company can fix."""


class FitSignal(_Model):
    """A reason the support suits this company; matching signals add up to the fit score."""

    rule: Condition
    weight: float = Field(default=1.0, gt=0)
    reason: Text


class Department(_Model):
    """A responsible department as the plan names it."""

    zh: str
    en: str


class Duty(_Model):
    """How an obligation's state (已办理 / 需办理 / 可能需办理 / 不涉及) follows from the answers.

    ``held_if`` is "done"; a failed gate is "does not concern the company"; otherwise the duty is
    "needed", or only "likely" when ``likely`` holds (e.g. whether the service has 舆论属性 is unclear)."""

    likely: Condition | None = None


class Support(_Model):
    """One support (policy instrument, title, programme, obligation)."""

    id: Id
    name: Text
    summary: Text
    """What it is, in one or two plain sentences (no amounts unless a Huai'an source gives them)."""
    category: str
    clauses: list[int] = Field(min_length=1)
    """Item numbers (1–24) of 淮政办发〔2026〕7号."""
    departments: list[Department] = Field(min_length=1)
    lead: Department | None = None
    """The one office an applicant contacts, chosen from the plan's 责任单位 of the clause."""
    requires: list[Id] = Field(default_factory=list)
    """Supports that are prerequisites (e.g. 科技型中小企业 → 专精特新): when one is not_eligible with no
    fixable gap, this one is not_eligible too, naming it."""
    held_if: Condition | None = None
    """The company already holds this title or has done this (valid, not expired): the verdict says so
    and advice never asks to obtain it again."""
    held_reason: Text | None = None
    """What the verdict says when ``held_if`` holds (may quote answers, e.g. the expiry date)."""
    duty: Duty | None = None
    """For obligations: when the duty is only likely (see :class:`Duty`)."""
    planned: bool = False
    """The plan announces the programme but no application notice exists yet: a fitting company is told
    to watch for the notice ("方案提出…，关注申报通知"), not to apply now."""
    level: Literal["city", "province", "national"] = "city"
    obligation: bool = False
    """A duty (e.g. AI filing/labelling) rather than a benefit: ``apply`` reads as "must do"."""
    rule_version: Text | None = None
    """Which rule set the verdict uses (e.g. 工信部企业〔2026〕2号)."""
    rules: list[Rule] = Field(default_factory=list)
    fit: list[FitSignal] = Field(default_factory=list)
    fit_min: float = Field(default=1.0, ge=0)
    """Fit score needed for a "good fit"; 0 means every eligible company fits."""
    no_fit: Text | None = None
    """Why it does not suit the company now, when the fit score is too low."""
    after: list[Id] = Field(default_factory=list)
    """Supports best done first (e.g. 科技型中小企业 before 专精特新)."""
    priority: int = Field(default=50, ge=0, le=100)
    """Base rank among supports with the same status (higher first)."""
    next_steps: list[Text] = Field(default_factory=list)
    documents: list[Text] = Field(default_factory=list)
    amounts: Text | None = None
    """Amounts/rates, only when a Huai'an source states them; otherwise the report says 以当年申报通知为准."""
    sources: list[Source] = Field(min_length=1)


class Catalog(_Model):
    """The supports catalog file."""

    format: Literal[1] = 1
    id: DocId
    version: str
    plan: Text
    """The plan's title and number."""
    supports: list[Support] = Field(min_length=1)
