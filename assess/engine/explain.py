"""Plain-language formulas for computed values, with the company's own numbers filled in.

``研发费用占营收比例 = 去年研发费用（525）÷ 去年营业收入（15000）× 100 = 3.5``
"""

from __future__ import annotations

from assess.domain import conditions as c
from assess.domain.questionnaire import Computed
from assess.domain.text import Text, en_quantity, fmt_number, t
from assess.engine.context import Context

_OPS = {
    "sum": ("合计", "sum"),
    "mean": ("平均", "mean"),
    "min": ("最小值", "min"),
    "max": ("最大值", "max"),
    "mul": ("乘积", "product"),
}


def _num(v: object) -> str:
    if isinstance(v, bool) or v is None:
        return "?" if v is None else str(v)
    if isinstance(v, int | float):
        return fmt_number(v, grouping=False)
    return str(v)


def formula(node: object, ctx: Context) -> Text:
    """The expression as a readable formula, each input followed by its value (? when unknown)."""
    eng = ctx.engine
    match node:
        case c.Value(q=q) if q is not None:
            label = eng.questions[q].label if q in eng.questions else t(q, q)
            v = _num(ctx.scalar(q))
            return t(f"{label.zh.rstrip('？?')}（{v}）", f"{label.get('en').rstrip('?')} ({v})")
        case c.Value(computed=cid) if cid is not None:
            spec = next((x for x in eng.questionnaire.computed if x.id == cid), None)
            label = spec.label if spec else t(cid, cid)
            v = _num(ctx.computed(cid))
            return t(f"{label.zh}（{v}）", f"{label.get('en')} ({v})")
        case c.Value():
            return t("得分", "score")
        case c.Number(value=value):
            return t(_num(value), _num(value))
        case c.Reduce(op=op, of=of):
            parts = [formula(x, ctx) for x in of]
            zh, en = _OPS[op]
            return t(f"{zh}[{'，'.join(p.zh for p in parts)}]", f"{en}[{', '.join(p.en for p in parts)}]")
        case c.Div(num=num, den=den, scale=scale):
            a, b = formula(num, ctx), formula(den, ctx)
            tail = f" × {_num(scale)}" if scale != 1 else ""
            return t(f"{a.zh} ÷ {b.zh}{tail}", f"{a.en} / {b.en}{tail}")
        case c.Sub(a=a, b=b):
            x, y = formula(a, ctx), formula(b, ctx)
            return t(f"{x.zh} − {y.zh}", f"{x.en} − {y.en}")
        case c.CountSelected(q=q):
            label = eng.questions[q].label
            return t(f"“{label.zh}”所选项数", f"options chosen in '{label.get('en')}'")
        case c.YearsSince(q=q):
            label = eng.questions[q].label
            return t(f"自“{label.zh}”起的年数", f"years since '{label.get('en')}'")
        case c.Case():
            return t("按条件分档", "by rule table")
    return t("?", "?")


def show_computed(spec: Computed, value: object) -> Text:
    """A computed value as a person reads it: number with unit, 是/否, or its code's label."""
    if value is None:
        return t("未知（缺少数据）", "unknown (missing data)")
    if isinstance(value, bool):
        return t("是", "yes") if value else t("否", "no")
    if isinstance(value, int | float):
        unit = spec.unit or t("", "")
        return t(fmt_number(value) + unit.zh, en_quantity(value, unit.get("en")))
    return spec.labels.get(str(value)) or t(str(value), str(value))


def explain_computed(spec: Computed, value: object, ctx: Context) -> Text:
    """``label = formula = value``."""
    f, v = formula(spec.expr, ctx), show_computed(spec, value)
    return t(f"{spec.label.zh} = {f.zh} = {v.zh}", f"{spec.label.get('en')} = {f.en} = {v.get('en')}")
