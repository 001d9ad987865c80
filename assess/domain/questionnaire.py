"""The questionnaire definition: sections, questions, computed values, scoring, levels, actions.

One YAML file per published version (``questionnaires/<id>/<version>.yaml``); published versions are
immutable. Everything the engine needs to score a company is here, as data: no question id is
hard-coded in Python.
"""

from __future__ import annotations

import hashlib
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from assess.domain.conditions import Condition, Expr, Scalar
from assess.domain.text import LANGS, Lang, Text

Id = Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9_]*$", max_length=64)]
"""Identifier of a question, section, dimension, option code etc."""

DocId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_-]*$", max_length=64)]
"""Identifier of a questionnaire or catalog (lower case, hyphens allowed: ``huaian-ai``)."""

Depth = Literal["quick", "full"]
"""``quick``: the ~15-minute scan; ``full``: the consultant's 60–90-minute diagnosis."""

QuestionKind = Literal["single", "multi", "ladder", "number", "percent", "yesno", "text", "longtext", "date"]

CHOICE_KINDS: frozenset[str] = frozenset({"single", "multi", "ladder"})
NUMERIC_KINDS: frozenset[str] = frozenset({"number", "percent"})


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Option(_Model):
    """One option of a choice question. For a ladder, each option is a concrete observable state."""

    code: Id
    """Stable code stored in answer files (never the label)."""
    label: Text
    help: Text | None = None
    """What this option means in practice (shown on demand)."""
    score: float | None = Field(default=None, ge=0, le=100)
    """Points 0–100 this option earns; for multiple choice the item score is the sum, capped at 100.
    ``None`` means the option is not scored (e.g. "other")."""
    exclusive: bool = False
    """Multiple choice only: "none of these" — selecting it clears the others."""


class Band(_Model):
    """A numeric band ``min <= x < max`` and the score it earns."""

    min: float | None = None
    max: float | None = None
    score: float = Field(ge=0, le=100)


class Plausible(_Model):
    """Number kinds: the range an SME's figure normally lies in. Outside it (but inside min/max) the
    answer is kept with a warning and the app asks to confirm it: a wrong unit is the usual cause."""

    min: float | None = None
    max: float | None = None
    message: Text
    """Says what to check, naming the unit ("单位是万元，1亿元 = 10000万元")."""


class Check(_Model):
    """A validation rule on an answer: when `rule` does *not* hold, show `message`.

    Errors block moving on; warnings never do."""

    rule: Condition
    level: Literal["error", "warning"] = "error"
    message: Text


class Question(_Model):
    """A question of any kind. Kind-specific fields are checked by a validator and by `assess validate`."""

    id: Id
    kind: QuestionKind
    label: Text
    help: Text | None = None
    """Plain-language explanation of any jargon in the label (MES, 算力券 ...)."""
    depth: Depth = "quick"
    """``quick`` questions are asked in both depths; ``full`` ones only in the full diagnosis."""
    required: bool | Condition = False
    """Whether an answer is required, or a condition under which it is."""
    show_if: Condition | None = None
    """The question is shown (and scored) only when this holds."""
    allow_na: bool = False
    """Offer "not applicable": the item then leaves its dimension's denominator."""
    allow_dk: bool = False
    """Offer "don't know": the item leaves the denominator and rules that need it say need_info."""
    options: list[Option] | Id | None = None
    """Choice kinds: the options, or the name of a list in ``choice_lists``."""
    max_selected: int | None = Field(default=None, ge=1)
    unit: Text | None = None
    """Number kinds: the unit shown next to the box (万元, 人, %)."""
    min: float | None = None
    max: float | None = None
    integer: bool = False
    plausible: Plausible | None = None
    """Number kinds: the usual range; a value outside it is a warning to confirm, never an error."""
    past_only: bool = False
    """Date kinds: the date cannot lie after the day it is given (a founding date)."""
    bands: list[Band] = Field(default_factory=list)
    """Number kinds: score bands (unscored when empty)."""
    checks: list[Check] = Field(default_factory=list)
    max_length: int = Field(default=2000, ge=1, le=20000)
    """Text kinds: the longest answer accepted."""
    evidence: Text | None = None
    """Consultant mode: what evidence to look at onsite."""
    changeable: bool = False
    """The company can change this answer by its own effort (R&D spend, IP count, a system to adopt, a
    filing to make); what-if searches only such answers. Registration place, age or a past accident are not."""
    screen: Id | None = None
    """Id of a form in its section's ``screens``: consecutive questions of one form are asked together on
    one screen (the financial figures an owner fetches from the accountant at once)."""

    @model_validator(mode="after")
    def _kind_fields(self) -> Question:
        if self.kind in CHOICE_KINDS and self.options is None:
            raise ValueError(f"a {self.kind} question needs options")
        if self.kind not in CHOICE_KINDS and self.options is not None:
            raise ValueError(f"a {self.kind} question takes no options")
        if self.kind == "percent":
            lo, hi = self.min if self.min is not None else 0, self.max if self.max is not None else 100
            if lo < 0 or hi > 100:
                raise ValueError("a percent question's bounds must lie in 0–100")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("min is larger than max")
        if self.plausible is not None and self.kind not in NUMERIC_KINDS:
            raise ValueError(f"a {self.kind} question takes no plausible range")
        if self.past_only and self.kind != "date":
            raise ValueError("past_only is for date questions")
        return self

    @property
    def bounds(self) -> tuple[float | None, float | None]:
        """(min, max) accepted, with percent defaulting to 0–100."""
        if self.kind == "percent":
            return (self.min if self.min is not None else 0.0, self.max if self.max is not None else 100.0)
        return (self.min, self.max)


class Form(_Model):
    """Several number, percent, date or text questions asked together on one screen (a small form)."""

    id: Id
    title: Text
    """What the form asks for, shown above its fields."""
    help: Text | None = None
    """Where to find the figures (shown on demand)."""
    later: Text | None = None
    """The way out when the figures are not at hand ("ask the accountant, fill in later")."""


class Section(_Model):
    """A group of questions shown together in the section list."""

    id: Id
    title: Text
    intro: Text | None = None
    show_if: Condition | None = None
    questions: list[Question] = Field(min_length=1)
    screens: list[Form] = Field(default_factory=list)
    """Forms whose questions (``Question.screen``) are asked on one screen."""


class Computed(_Model):
    """A derived fact, e.g. R&D ratio = R&D expense / revenue × 100."""

    id: Id
    label: Text
    unit: Text | None = None
    help: Text | None = None
    expr: Expr
    labels: dict[str, Text] = Field(default_factory=dict)
    """How a categorical result reads (e.g. ``medium: {zh: 中型企业, en: medium-sized}``) for a case
    table that gives codes."""


class Item(_Model):
    """A scored question inside a dimension."""

    q: Id
    weight: float = Field(default=1.0, gt=0)


class Descriptor(_Model):
    """What a dimension score from `min` upwards means, in plain words."""

    min: float = Field(ge=0, le=100)
    text: Text


class Dimension(_Model):
    """A 0–100 score: the weighted mean of its applicable items."""

    id: Id
    label: Text
    help: Text | None = None
    weight: float = Field(default=1.0, gt=0)
    """Weight inside its block."""
    importance: float = Field(default=1.0, gt=0)
    """How much closing a gap here matters, for action priority."""
    min_coverage: float = Field(default=0.6, ge=0, le=1)
    """Share of the applicable weight that must be answered (not "don't know") for a score."""
    items: list[Item] = Field(min_length=1)
    descriptors: list[Descriptor] = Field(default_factory=list)


class Block(_Model):
    """A group of dimensions with a weight in the overall index."""

    id: Id
    label: Text
    weight: float = Field(default=1.0, ge=0)
    """Weight in the overall index; 0 keeps the block out of it (reported only)."""
    dimensions: list[Dimension] = Field(min_length=1)


class Floor(_Model):
    """A weakest-link condition of a level.

    Either every listed dimension/block that applies scores at least `min` (one that does not apply
    to this company is skipped; one with too little data fails), or `rule` holds."""

    dims: list[Id] = Field(default_factory=list)
    blocks: list[Id] = Field(default_factory=list)
    min: float | None = Field(default=None, ge=0, le=100)
    rule: Condition | None = None
    label: Text | None = None
    """How to describe this floor to a user (generated from the data when absent)."""

    @model_validator(mode="after")
    def _shape(self) -> Floor:
        scored = bool(self.dims or self.blocks)
        if scored == (self.rule is not None):
            raise ValueError("a floor lists dims/blocks with min, or gives a rule, not both")
        if scored and self.min is None:
            raise ValueError("a floor over dims/blocks needs min")
        if self.rule is not None and self.label is None:
            raise ValueError("a rule floor needs a label")
        return self


class Level(_Model):
    """One maturity level: reached when the score is at least `min_score` AND every floor holds."""

    id: Id
    label: Text
    meaning: Text
    """One line an owner understands: what a company at this level looks like."""
    min_score: float = Field(ge=0, le=100)
    floors: list[Floor] = Field(default_factory=list)


class LevelScale(_Model):
    """Levels over an index, lowest first."""

    label: Text
    levels: list[Level] = Field(min_length=2)


class AiReadiness(LevelScale):
    """The AI-readiness index is the score of one block."""

    block: Id


class Focus(_Model):
    """Pain points the owner picks (a multiple-choice question) raise the importance of dimensions."""

    q: Id
    map: dict[str, list[Id]]
    boost: float = Field(default=1.5, gt=1)


class Action(_Model):
    """A concrete next step, proposed when its dimension has a gap (or it is a ``keep`` step), `when`
    holds and its `goal` does not hold yet."""

    id: Id
    dimension: Id
    when: Condition | None = None
    """The rung of the dimension the action is for (e.g. "ERP but no MES"), over answers and computed values."""
    goal: Condition | None = None
    """What the action brings about (e.g. MES in use). An action whose goal already holds is never proposed,
    and a test checks every proposed action against the answers with it."""
    keep: bool = False
    """A keep/extend step for a company already at the top rung (proposed even when the dimension scores 100)."""
    title: Text
    detail: Text
    horizon: Literal["0-3", "3-6", "6-12"]
    """Months: when to do it."""
    feasibility: float = Field(default=1.0, gt=0, le=1)
    """1 = can start now; lower when prerequisites are missing."""
    supports: list[Id] = Field(default_factory=list)
    """Support ids (catalog) that pay for or help with it."""


class Prerequisite(_Model):
    """A condition a tool family needs (data, connectivity, staff), with its plain label."""

    rule: Condition
    label: Text


class Tool(_Model):
    """A tool family of the center's "AI toolbox" (plan item 4)."""

    id: Id
    name: Text
    help: Text
    adoption_q: Id | None = None
    """The question that records how far the company uses this tool."""
    in_use: Condition | None = None
    """When the company already uses it."""
    relevant_if: Condition | None = None
    prerequisites: list[Prerequisite] = Field(default_factory=list)
    supports: list[Id] = Field(default_factory=list)
    order: int = 0
    """Lower comes first among equally ready tools (e.g. the knowledge base before visual inspection)."""


class EstimateCase(_Model):
    """One outcome of an estimate."""

    when: Condition
    label: Text


class Estimate(_Model):
    """An estimate of an official level (always shown as 预估, with the official channel)."""

    id: Id
    name: Text
    channel: Text
    """Where the official assessment is done."""
    method: Text
    cases: list[EstimateCase] = Field(min_length=1)
    default: Text


class Scoring(_Model):
    """Weights, blocks, bands and floors, all as data."""

    blocks: list[Block] = Field(min_length=1)
    overall: LevelScale
    ai_readiness: AiReadiness
    focus: Focus | None = None


class Rename(_Model):
    """Migration step: answers to `q` move to `to`."""

    op: Literal["rename"]
    q: str
    to: Id


class Recode(_Model):
    """Migration step: option codes of `q` change per `map`."""

    op: Literal["recode"]
    q: str
    map: dict[str, str]


class Drop(_Model):
    """Migration step: the answer to `q` is removed."""

    op: Literal["drop"]
    q: str


class SetValue(_Model):
    """Migration step: `q` is set to `value` (when `when` holds on the old answers)."""

    op: Literal["set"]
    q: Id
    value: Scalar | list[str]
    when: Condition | None = None


MigrationStep = Annotated[Rename | Recode | Drop | SetValue, Field(discriminator="op")]


class Migration(_Model):
    """How answers saved with an older version (`from_version`, ``*`` wildcards allowed) move forward."""

    from_version: str
    steps: list[MigrationStep] = Field(default_factory=list)


class DepthInfo(_Model):
    """How a depth is presented on the start screen."""

    id: Depth
    label: Text
    minutes: int = Field(ge=1)


class Breakdowns(_Model):
    """Questions that center summaries break results down by (bulk mode)."""

    region: Id | None = None
    """The single-choice question giving the county/district/park."""
    sector: Id | None = None
    """The single-choice question giving the sector."""


class Questionnaire(_Model):
    """A published questionnaire version."""

    format: Literal[1] = 1
    """Version of this file layout (not of the questionnaire)."""
    id: DocId
    version: Annotated[str, Field(pattern=r"^\d+\.\d+\.\d+$")]
    title: Text
    description: Text | None = None
    languages: list[Lang] = Field(default_factory=lambda: list(LANGS))
    depths: list[DepthInfo] = Field(default_factory=list)
    choice_lists: dict[Id, list[Option]] = Field(default_factory=dict)
    sections: list[Section] = Field(min_length=1)
    computed: list[Computed] = Field(default_factory=list)
    scoring: Scoring
    actions: list[Action] = Field(default_factory=list)
    toolbox: list[Tool] = Field(default_factory=list)
    estimates: list[Estimate] = Field(default_factory=list)
    breakdowns: Breakdowns = Field(default_factory=Breakdowns)
    migrations: list[Migration] = Field(default_factory=list)
    retired_ids: list[str] = Field(default_factory=list)
    """Question ids of earlier versions that may never be reused."""


def content_hash(questionnaire: Questionnaire) -> str:
    """The sha256 answer files record: of the validated content, so comments and layout may change
    without changing it, while any change of meaning does. Fields left at their defaults are left
    out, so a new optional field in the format does not change the hash of published versions."""
    return hashlib.sha256(questionnaire.model_dump_json(exclude_defaults=True).encode()).hexdigest()


def group_screens(questions: list[Question]) -> list[list[Question]]:
    """`questions` (in order) as the screens that ask them: consecutive questions of one form share a
    screen, every other question has its own."""
    screens: list[list[Question]] = []
    for q in questions:
        if q.screen is not None and screens and screens[-1][-1].screen == q.screen:
            screens[-1].append(q)
        else:
            screens.append([q])
    return screens
