"""What-if changes in the company's own words and units (万元, 人, the option labels it chose from)."""

from __future__ import annotations

from assess.advice.whatif import Fix, Search
from assess.domain.answers import Answer, AnswerValue
from assess.domain.fast import build
from assess.domain.results import Change
from assess.domain.text import Text, en_quantity, t
from assess.engine.kinds import KINDS

SHORT_OPTION = 12
"""An option label this short ("二级（规范级）", "已完成备案，有备案号") does not say what it is about: a change
to it is worded with its question ("…几级：现在是“没做过”，需要做到“二级（规范级）”"); a longer one
("至少一个场景已试点，测算过投入产出") stands alone."""


def num(x: float) -> str:
    """A number as people write it: no trailing .0, thousands separated."""
    return f"{x:,.0f}" if abs(x - round(x)) < 0.05 else f"{x:,.1f}"


def describe(search: Search, fix: Fix) -> list[Change]:
    """One :class:`Change` per changed answer; a group's first change carries the total to add."""
    out: list[Change] = []
    answers = search.changes(fix)
    for key in fix:
        if key in search.engine.questions:
            out.append(_change(search, key, search.v.value(key), answers[key], None))
            continue
        cid, members = next(g for g in search.groups.values() if g[0] == key)
        spec = search.engine.computed_specs[cid]
        before = sum(search.v.number(q) for q in members)
        add = sum(_num(answers[q]) for q in members) - before
        unit = spec.unit or t("", "")
        verb = ("再增加", "more") if add >= 0 else ("减少", "less")
        head = t(
            f"{spec.label.zh}需{verb[0]}约{num(abs(add))}{unit.zh}（从{num(before)}{unit.zh}到约{num(before + add)}{unit.zh}）",
            f"{spec.label.get('en')}: about {en_quantity(abs(add), unit.get('en'))} {verb[1]} (from "
            f"{en_quantity(before, unit.get('en'))} to about {en_quantity(before + add, unit.get('en'))})",
        )
        for i, q in enumerate(members):
            ch = _change(search, q, search.v.value(q), answers[q], head if i == 0 else None)
            out.append(ch if i == 0 else ch.model_copy(update={"covered": True}))
    return out


def _topic(label: str) -> str:
    """A question's label as a topic standing on its own: without a leading "of which" (其中 / Of whom,),
    which only reads under the question before it, and without its question mark or trailing colon."""
    for lead in ("其中", "Of whom, ", "Of which, "):
        if label.startswith(lead) and len(label) > len(lead):
            label = label[len(lead) :]
            label = label[:1].upper() + label[1:] if lead[0].isascii() else label
    return label.rstrip("？?：: ")


def _asked(label: str, colon: str) -> str:
    """A question's label leading the answer it needs: a question keeps its question mark ("…备案或登记了吗？现在
    是…"), any other label is a topic followed by `colon`."""
    label = label.rstrip()
    if label.endswith(("？", "?")):
        return label if label.endswith("？") else f"{label} "
    return _topic(label) + colon


def _from_zero(before: AnswerValue | None, after: AnswerValue) -> bool:
    """A number moved from 0 to the smallest step (1, or 0.1): the target is "above zero", not an amount."""
    nums = [x for x in (before, after) if isinstance(x, int | float) and not isinstance(x, bool)]
    return len(nums) == 2 and float(before) == 0 and 0 < float(after) <= 1  # type: ignore[arg-type]


def _num(v: AnswerValue) -> float:
    return float(v) if isinstance(v, int | float) and not isinstance(v, bool) else 0.0


def _change(search: Search, q: str, before: AnswerValue | None, after: AnswerValue, head: Text | None) -> Change:
    spec = search.engine.questions[q]
    vary = KINDS[spec.kind].vary
    shown_before = search.engine.display(q, Answer(value=before)) if before is not None else t("未回答", "no answer")
    shown_after = search.engine.display(q, Answer(value=after))
    if head is not None:
        text = head
    elif vary == "multi" and isinstance(before, list) and isinstance(after, list):
        added = [c for c in after if c not in before]
        labels = [search.engine.options[q][c].label for c in added]
        text = t(
            f"{spec.label.zh}：增加“{'、'.join(x.zh for x in labels)}”",
            f"{spec.label.get('en')}: add '{', '.join(x.get('en') for x in labels)}'",
        )
    elif _from_zero(before, after):  # a rule that asks for "more than 0": no amount to name
        unit = spec.unit or t("", "")
        text = t(
            f"{_topic(spec.label.zh)}：现在为0{unit.zh}，需要大于0",
            f"{_topic(spec.label.get('en'))}: now {en_quantity(0.0, unit.get('en'))}, needs to be above zero",
        )
    elif isinstance(after, int | float) and not isinstance(after, bool) and isinstance(before, int | float):
        unit = spec.unit or t("", "")
        diff = float(after) - float(before)
        text = t(
            f"{_topic(spec.label.zh)}：从{num(float(before))}{unit.zh}{'增加' if diff >= 0 else '减少'}到{num(float(after))}{unit.zh}"
            f"（{'多' if diff >= 0 else '少'}{num(abs(diff))}{unit.zh}）",
            f"{_topic(spec.label.get('en'))}: from {en_quantity(float(before), unit.get('en'))} to "
            f"{en_quantity(float(after), unit.get('en'))} ({'+' if diff >= 0 else '-'}{en_quantity(abs(diff), unit.get('en'))})",
        )
    elif vary == "yesno" or len(shown_after.zh) <= SHORT_OPTION:  # the answer alone would not say what about
        lead_en = _asked(spec.label.get("en"), ": ")
        text = t(
            f"{_asked(spec.label.zh, '：')}现在是“{shown_before.zh}”，需要做到“{shown_after.zh}”",
            f"{lead_en}{'Now' if lead_en.endswith('? ') else 'now'} '{shown_before.get('en')}', "
            f"needs to be '{shown_after.get('en')}'",
        )
    else:
        text = t(
            f"做到“{shown_after.zh}”（现在：{shown_before.zh}）",
            f"Reach '{shown_after.get('en')}' (now: {shown_before.get('en')})",
        )
    return build(Change, q=q, before=before, after=after, text=text)
