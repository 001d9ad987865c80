"""Progress since an earlier assessment: like-for-like deltas per dimension.

When both assessments used the same questionnaire version, the dimension and index scores are
compared as they are. When the versions differ, questions added or removed between the versions
are left out: each dimension is recomputed, for both assessments, as the weighted mean of the items
scored in both (current weights), and the report names the questions left out.
"""

from __future__ import annotations

from datetime import date

from assess.domain.results import DimensionResult, IndexResult
from assess.domain.text import Lang
from assess.pipeline import Evaluation
from assess.report.base import num
from assess.report.context import ProgressRow, ProgressView

STEP = 1.0
"""Changes smaller than this many points count as unchanged."""


MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def day(d: date, lang: Lang) -> str:
    """A date as people write it: 2026年11月20日 / 20 November 2026."""
    return f"{d.year}年{d.month}月{d.day}日" if lang == "zh" else f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def row(label: str, before: float | None, now: float | None) -> ProgressRow:
    """A before/now row with its arrow."""
    if before is None or now is None:
        return ProgressRow(label=label, before=num(before), now=num(now), delta="—", arrow="·", trend="na")
    d = round(now - before, 1)
    trend = "up" if d >= STEP else "down" if d <= -STEP else "same"
    arrow = {"up": "▲", "down": "▼", "same": "＝"}[trend]
    return ProgressRow(label=label, before=num(before), now=num(now), delta=f"{d:+.1f}", arrow=arrow, trend=trend)


def _common_score(d: DimensionResult, common: set[str]) -> float | None:
    pairs = [(i.score, i.weight) for i in d.items if i.q in common and i.status == "scored" and i.score is not None]
    total = sum(w for _, w in pairs)
    return sum(s * w for s, w in pairs) / total if total else None


def compare(current: Evaluation, previous: Evaluation, strings: dict[str, str], lang: Lang) -> ProgressView:
    """The progress page: before / now / delta per dimension and index.

    Answers migrated from a version that is no longer bundled (``migrated_from``) are compared like
    for like too: only questions the migrated answers cover count, since the old definition is gone.
    """
    cur, prev = current.result, previous.result
    migrated = previous.answers.migrated_from is not None or current.answers.migrated_from is not None
    depth_changed = cur.depth != prev.depth
    direct = cur.questionnaire == prev.questionnaire and not migrated and not depth_changed
    cur_q, prev_q = current.questions, previous.questions
    common = set(cur_q) & set(prev_q)
    if previous.answers.migrated_from is not None:
        common &= set(previous.answers.answers)
    if current.answers.migrated_from is not None:
        common &= set(current.answers.answers)
    excluded_ids = sorted((set(cur_q) | set(prev_q)) - common)
    excluded = [(cur_q[q].label if q in cur_q else prev_q[q].label).get(lang) + f" ({q})" for q in excluded_ids]
    prev_dims = {d.id: d for d in prev.dimensions}
    rows = []
    for d in cur.dimensions:
        p = prev_dims.get(d.id)
        label = d.label.get(lang)
        if p is None:
            rows.append(row(label, None, d.score))
        elif p.score is None and d.score is None:
            continue  # not applicable (or no data) both times
        elif direct:
            rows.append(row(label, p.score, d.score))
        else:
            scored_both = {i.q for i in p.items if i.status == "scored"} & common
            scored_both &= {i.q for i in d.items if i.status == "scored"}
            rows.append(row(label, _common_score(p, scored_both), _common_score(d, scored_both)))

    def ix(name: str, a: IndexResult, b: IndexResult) -> ProgressRow:
        r = row(name, b.score, a.score)
        return r.model_copy(
            update={"before": f"{r.before} {b.level.label.get(lang)}", "now": f"{r.now} {a.level.label.get(lang)}"}
        )

    indexes = [
        ix(strings["overall_index"], cur.overall, prev.overall),
        ix(strings["ai_index"], cur.ai_readiness, prev.ai_readiness),
    ]
    version = prev.questionnaire.version
    if previous.answers.migrated_from is not None:
        version = strings["migrated_fmt"].format(old=previous.answers.migrated_from, new=version)
    return ProgressView(
        previous_date=day(prev.assessed_on, lang),
        previous_version=version,
        rows=rows,
        indexes=indexes,
        excluded=excluded,
        like_for_like=not direct,
        depth_changed=depth_changed,
    )


def _same_company(a: Evaluation, b: Evaluation) -> bool:
    ca, cb = a.answers.company.credit_code, b.answers.company.credit_code
    if ca and cb:
        return ca.strip().upper() == cb.strip().upper()
    return " ".join(a.answers.company.name.split()) == " ".join(b.answers.company.name.split())


def previous_problem(current: Evaluation, previous: Evaluation) -> str | None:
    """Why `previous` cannot be compared with `current` (None when it can).

    The previous assessment must be of the same company (same credit code when both have one,
    else the same name) and made earlier (an earlier date; on the same day, an earlier start).
    """
    if not _same_company(current, previous):
        return (
            f"the previous assessment is of another company ({previous.answers.company.name!r}, "
            f"this one is {current.answers.company.name!r})"
        )
    a, b = current.result.assessed_on, previous.result.assessed_on
    earlier = b < a or (b == a and previous.answers.created_at < current.answers.created_at)
    if not earlier:
        return f"the previous assessment ({b.isoformat()}) is not earlier than this one ({a.isoformat()})"
    return None
