"""View model of the owner's report (the default edition): already text, in one language.

The templates render these as they are; every choice (which three supports to act on, what the gap
to the next level is, which supports get a card) is made in :mod:`assess.report.owner`.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class _View(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ScaleStep(_View):
    """One level on an index's scale."""

    label: str
    min_score: str
    state: str
    """``reached``, ``current`` or ``ahead`` (CSS class suffix)."""


class ScaleView(_View):
    """An index on its scale: where the company is, and the exact gap to the next level."""

    name: str
    score: str
    level: str
    meaning: str
    steps: list[ScaleStep]
    next_level: str | None
    gap: str | None
    """The whole gap sentence: "距“智能级”还差 6.5 分：卡在：网络与数据安全还差 12 分"."""
    blockers: list[str]
    """Floors of the next level the company fails, each with its gap ("网络与数据安全 还差 12 分")."""


class ActNowView(_View):
    """One of the three supports to act on now (titles & funding · free services · duties)."""

    group: str
    group_class: str
    name: str | None
    """None: nothing in this group to act on now (`empty` says so)."""
    status_label: str = ""
    status_class: str = ""
    lead: str = ""
    step: str = ""
    empty: str = ""


class LeverView(_View):
    """One change that unlocks several supports."""

    changes: list[str]
    unlocks: list[str]


class PlanView(_View):
    """One item of the plan (5–7 items) with its horizon."""

    title: str
    why: str
    horizon: str
    horizon_class: str
    """``h90``, ``hyear`` or ``hnext`` (CSS class suffix)."""
    dimension: str
    supports: list[str]


class ProgressBox(_View):
    """On a re-assessment: the level change and the biggest gains since the previous assessment."""

    previous_date: str
    levels: list[str]
    """One line per index: "数字化成熟度：起步级 → 筑基级（+12.5 分）"."""
    moved_up: bool
    gains: list[str]
    """Dimensions that gained most, with their gain."""


class TableRow(_View):
    """A support in the one supports table."""

    name: str
    status_label: str
    status_class: str
    lead: str
    clauses: str
    step: str
    card: bool
    """Has a card further down."""


class CardView(_View):
    """A half-page card of a support to apply for or prepare."""

    name: str
    summary: str
    status_label: str
    status_class: str
    level: str
    lead: str
    clauses: str
    why: list[str]
    missing: list[str]
    steps: list[str]
    documents: str
    amounts: str
    sources: str


class DutyRow(_View):
    """A compliance duty and whether it concerns the company."""

    name: str
    state_label: str
    state_class: str
    """``done``, ``needed``, ``likely`` or ``not_concerned``."""
    lead: str
    step: str


class ClosedLine(_View):
    """Supports closed (or undecided) for the same reason: one line."""

    names: str
    status_label: str
    status_class: str
    reason: str


class DimRow(_View):
    """A dimension on the one dimensions page."""

    label: str
    score: str
    bar: int
    state: str
    """``scored`` or ``open`` (未答 / insufficient)."""
    before: str | None
    delta: str | None
    trend: str
    descriptor: str


class OwnerView(_View):
    """Everything the owner's pages show."""

    scales: list[ScaleView]
    act_now: list[ActNowView]
    lever: LeverView | None
    ninety: list[str]
    ninety_title: str
    """"90 天内要做的事", or "接下来先做的事" when nothing in the plan is due within 90 days."""
    progress: ProgressBox | None
    plan: list[PlanView]
    table: list[TableRow]
    cards: list[CardView]
    held: list[str]
    """Titles the company already holds / things already done (never a next step)."""
    duties: list[DutyRow]
    closed: list[ClosedLine]
    dims: list[DimRow]
    na_dims: list[str]
    radar_svg: str
    tools: list[str]
    """AI-toolbox families to try first (ready or in use), with their state."""
    notes: list[str]
