"""The appendix of the report: every answer shown, derived figures, and how the scores were made."""

from __future__ import annotations

from assess.domain.questionnaire import Floor, LevelScale
from assess.report.base import ViewBuilder, num
from assess.report.context import (
    AnswerRow,
    AnswerSection,
    ComputedView,
    Method,
    MethodBlock,
    MethodDimension,
    MethodLevel,
)


class AppendixBuilder(ViewBuilder):
    """Answers (with notes and verified flags), computed values, weights, levels and floors."""

    def answers(self) -> list[AnswerSection]:
        out = []
        for section in self.cur.flow:
            rows = [
                AnswerRow(
                    qid=row.question.id,
                    question=self.tx(row.question.label),
                    answer=self.tx(row.display),
                    note=row.answer.note if row.answer is not None and row.answer.note else None,
                    verified=bool(row.answer is not None and row.answer.verified),
                    to_confirm=bool(row.answer is not None and row.answer.to_confirm),
                )
                for row in section.rows
            ]
            out.append(AnswerSection(title=self.tx(section.title), rows=rows))
        return out

    def floor_text(self, f: Floor) -> str:
        if f.label is not None:
            return self.tx(f.label)
        blocks = {b.id: self.tx(b.label) for b in self.r.blocks}
        names = [self.dim_label.get(d, d) for d in f.dims] + [blocks.get(b, b) for b in f.blocks]
        return self.s["floor_fmt"].format(
            names="、".join(names) if self.lang == "zh" else ", ".join(names), min=num(f.min)
        )

    def levels(self, scale: LevelScale) -> list[MethodLevel]:
        return [
            MethodLevel(
                label=self.tx(lv.label),
                min_score=num(lv.min_score),
                meaning=self.tx(lv.meaning),
                floors=[self.floor_text(f) for f in lv.floors],
            )
            for lv in scale.levels
        ]

    def method(self) -> Method:
        sc = self.cur.questionnaire.scoring
        qs = self.cur.questions
        blocks = [
            MethodBlock(
                label=self.tx(b.label),
                weight=num(b.weight),
                dimensions=[
                    MethodDimension(
                        label=self.tx(d.label),
                        weight=num(d.weight),
                        min_coverage=f"{round(d.min_coverage * 100)}%",
                        items=[f"{self.tx(qs[i.q].label) if i.q in qs else i.q} ×{num(i.weight)}" for i in d.items],
                    )
                    for d in b.dimensions
                ],
            )
            for b in sc.blocks
        ]
        ai_block = next((self.tx(b.label) for b in sc.blocks if b.id == sc.ai_readiness.block), "")
        versions = sorted({self.tx(sp.rule_version) for sp in self.r.supports if sp.rule_version})
        return Method(
            blocks=blocks,
            overall_levels=self.levels(sc.overall),
            ai_levels=self.levels(sc.ai_readiness),
            ai_block=ai_block,
            rule_versions=versions,
        )

    def computed(self) -> list[ComputedView]:
        out = []
        for c in self.r.computed:
            if c.value is None:
                continue
            out.append(ComputedView(label=self.tx(c.label), value=self.tx(c.display)))
        return out
