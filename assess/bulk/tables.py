"""The columns of results.csv / results.xlsx and the codebook that explains them.

Columns are fixed before the first row is written (streaming): the dimensions and blocks of every
bundled questionnaire version and every support of the catalog. CSV headers are stable ids; the
workbook shows labels in the run's language and its codebook sheet maps both.

Workers format an assessment's rows (:meth:`Layout.rows`); the parent's :class:`Tables` fills in the
last four core columns, which only it knows, and writes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from assess.domain.text import Lang, Text, clauses, t
from assess.files.loading import Bundle

from .outputs import Cell, CsvLines, CsvText, XlsxWriter, xlsx_cells
from .record import ROW, Label, Record, Rows
from .supersede import Seen

CORE: list[tuple[str, Text]] = [
    ("input", t("输入文件", "Input file")),
    ("row", t("行号", "Row")),
    ("response_id", t("答卷编号", "Response id")),
    ("company", t("企业名称", "Company")),
    ("credit_code", t("统一社会信用代码", "Credit code")),
    ("contact", t("联系方式", "Contact")),
    ("region", t("区县", "County/district")),
    ("sector", t("行业", "Sector")),
    ("questionnaire", t("问卷", "Questionnaire")),
    ("version", t("问卷版本", "Version")),
    ("status", t("答卷状态", "Status")),
    ("depth", t("深度", "Depth")),
    ("assessed_on", t("评估日期", "Assessed on")),
    ("answered", t("已答题数", "Answered")),
    ("shown", t("应答题数", "Shown")),
    ("overall_score", t("综合得分", "Overall score")),
    ("overall_level", t("综合等级编号", "Overall level id")),
    ("overall_level_label", t("综合等级", "Overall level")),
    ("ai_score", t("AI 就绪得分", "AI readiness score")),
    ("ai_level", t("AI 就绪等级编号", "AI readiness level id")),
    ("ai_level_label", t("AI 就绪等级", "AI readiness level")),
    ("blocked_by", t("卡点（未达标的底线）", "Blocking floors")),
    ("report", t("报告文件", "Report file")),
    ("previous_assessed_on", t("上次评估日期", "Previous assessment on")),
    ("overall_then_now", t("综合等级 上次 → 本次", "Overall level then → now")),
    ("ai_then_now", t("AI 就绪等级 上次 → 本次", "AI readiness level then → now")),
]
PARENT = ("report", "previous_assessed_on", "overall_then_now", "ai_then_now")
"""The core columns only the parent knows (the report file, the previous assessment in the run): the last ones."""
SPLIT = len(CORE) - len(PARENT)
assert tuple(c for c, _ in CORE[SPLIT:]) == PARENT
ERRORS_HEADER = ["input", "row", "field", "message"]
FOLLOWUP_HEADER = [
    "support",
    "support_name",
    "status",
    "company",
    "credit_code",
    "contact",
    "region",
    "sector",
    "response_id",
    "input",
    "row",
]
STATUS = {
    "apply": t("可申报", "apply"),
    "prepare": t("需准备", "prepare"),
    "need_info": t("待补信息", "need info"),
    "not_eligible": t("不符合", "not eligible"),
}


def _pick(label: Label, lang: Lang) -> str:
    return label[0] if lang == "zh" else (label[1] or label[0])


@dataclass
class Layout:
    """Column ids and labels of every table, fixed for the run."""

    dims: list[tuple[str, Text]]
    blocks: list[tuple[str, Text]]
    supports: list[tuple[str, Text]]
    lang: Lang
    _follow: dict[tuple[str, str], str] = field(default_factory=dict, repr=False, compare=False)
    """followup.csv's support columns by (support, status), formatted."""
    _statuses: dict[tuple[str | None, ...], tuple[str, str]] = field(default_factory=dict, repr=False, compare=False)
    """The support statuses of a row, formatted for results.csv and the supports sheet, by statuses."""

    @classmethod
    def of(cls, bundle: Bundle, lang: Lang) -> Layout:
        """Columns for every dimension and block of every bundled version, newest first."""
        dims: dict[str, Text] = {}
        blocks: dict[str, Text] = {}
        versions = sorted(
            bundle.questionnaires.values(), key=lambda q: tuple(int(x) for x in q.version.split(".")), reverse=True
        )
        for q in versions:
            for b in q.scoring.blocks:
                blocks.setdefault(b.id, b.label)
                for d in b.dimensions:
                    dims.setdefault(d.id, d.label)
        return cls(list(dims.items()), list(blocks.items()), [(s.id, s.name) for s in bundle.catalog.supports], lang)

    def csv_header(self) -> list[str]:
        """results.csv: core columns, then ``dim.<id>``, ``block.<id>``, ``support.<id>``."""
        return (
            [c for c, _ in CORE]
            + [f"dim.{d}" for d, _ in self.dims]
            + [f"block.{b}" for b, _ in self.blocks]
            + [f"support.{s}" for s, _ in self.supports]
        )

    def core(self, r: Record, input: str, row: int | None) -> list[Cell]:
        """The core columns of a scored assessment but the parent's (:data:`PARENT`)."""
        lg = self.lang
        blocked = clauses((f"{level}: {_pick(label, lg)}" for _, level, label in r.blocked), lg)
        return [
            input,
            row,
            r.response_id,
            r.company,
            r.credit_code,
            r.contact,
            _pick(r.region[1], lg) if r.region else None,
            _pick(r.sector[1], lg) if r.sector else None,
            r.questionnaire,
            r.version,
            r.status,
            r.depth,
            r.assessed_on,
            r.answered,
            r.shown,
            r.overall[0],
            r.overall[1],
            _pick(r.overall[2], lg),
            r.ai[0],
            r.ai[1],
            _pick(r.ai[2], lg),
            blocked,
        ]

    @staticmethod
    def parent(r: Record, report: str, then: Seen | None) -> list[Cell]:
        """The last core columns: the report file and the change since the company's previous assessment."""
        if then is None:
            return [report, None, None, None]
        return [report, then.assessed_on, f"{then.overall} → {r.overall[1]}", f"{then.ai} → {r.ai[1]}"]

    def scores(self, r: Record) -> list[Cell]:
        """Dimension then block scores."""
        out: list[Cell] = [r.dims.get(d) for d, _ in self.dims]
        return out + [r.blocks.get(b) for b, _ in self.blocks]

    def statuses(self, r: Record) -> list[Cell]:
        """One status per support."""
        return [r.supports.get(s) for s, _ in self.supports]

    def follow_up(self, r: Record, input: str, row: int | None, text: CsvText) -> str:
        """The lines of followup.csv for one company: the supports it can apply or prepare for, catalog order.

        Each line is the support's columns (formatted once per support and status) and the company's."""
        region = r.region[1][0] if r.region else None
        sector = r.sector[1][0] if r.sector else None
        company: str | None = None
        lines = []
        for sid, name in self.supports:
            status = r.supports.get(sid)
            if status not in ("apply", "prepare"):
                continue
            if company is None:
                who = [r.company, r.credit_code, r.contact, region, sector, r.response_id, input, row]
                company = text.fields(who)
            support = self._follow.get((sid, status))
            if support is None:
                support = self._follow[(sid, status)] = text.fields([sid, name.get(self.lang), status])
            lines.append(f"{support},{company}\r\n")
        return "".join(lines)

    def rows(self, r: Record, input: str, row: int | None, text: CsvText) -> Rows:
        """The assessment's lines of every table, formatted (in the worker), the parent's columns left open."""
        core, scores = self.core(r, input, row), self.scores(r)
        statuses = tuple(r.supports.get(s) for s, _ in self.supports)
        by_status = self._statuses.get(statuses)  # a handful of patterns repeat across companies
        if by_status is None:
            if len(self._statuses) >= 1024:
                self._statuses.clear()
            by_status = self._statuses[statuses] = (text.tail(statuses, "\r\n"), xlsx_cells(statuses, 4))
        key = xlsx_cells(core[:4])
        return Rows(
            csv_head=text.head(core).encode(),
            csv_tail=(text.tail(scores) + by_status[0]).encode(),
            results=f'<row r="{ROW}">{xlsx_cells(core)}'.encode(),
            scores=f'<row r="{ROW}">{key}{xlsx_cells(scores, 4)}</row>'.encode(),
            supports=f'<row r="{ROW}">{key}{by_status[1]}</row>'.encode(),
            follow=self.follow_up(r, input, row, text).encode(),
        )


class Tables:
    """results.csv and results.xlsx, written row by row."""

    def __init__(self, outdir: Path, layout: Layout) -> None:
        lg = layout.lang
        self.layout = layout
        self.csv = CsvLines(outdir / "results.csv", layout.csv_header())
        self.text = CsvText()
        self.xlsx = XlsxWriter(outdir / "results.xlsx")
        ids = ("input", "row", "response_id", "company")
        key = [label.get(lg) for c, label in CORE if c in ids]
        self.s_results = self.xlsx.sheet("results", [label.get(lg) for _, label in CORE], [28, 6, 16, 28])
        self.s_scores = self.xlsx.sheet(
            "dimension scores",
            key + [f"{d} {label.get(lg)}" for d, label in layout.dims + layout.blocks],
            [28, 6, 16, 28],
        )
        self.s_supports = self.xlsx.sheet(
            "supports", key + [label.get(lg) for _, label in layout.supports], [28, 6, 16, 28]
        )
        book = self.xlsx.sheet("codebook", ["column", "sheet", "zh", "en"], [26, 18, 30, 30])
        for c, label in CORE:
            self.xlsx.row(book, [c, "results", label.zh, label.en])
        for d, label in layout.dims:
            self.xlsx.row(book, [f"dim.{d}", "dimension scores", label.zh, label.en])
        for b, label in layout.blocks:
            self.xlsx.row(book, [f"block.{b}", "dimension scores", label.zh, label.en])
        for s, label in layout.supports:
            self.xlsx.row(book, [f"support.{s}", "supports", label.zh, label.en])
        for code, label in STATUS.items():
            self.xlsx.row(book, [code, "supports (status)", label.zh, label.en])

    def add(self, r: Record, rows: Rows, report: str, then: Seen | None = None) -> None:
        """Write one scored assessment (its rows formatted by :meth:`Layout.rows`) to every table."""
        parent = Layout.parent(r, report, then)
        self.csv.write(rows.csv_head + self.text.fields(parent).encode() + rows.csv_tail)
        self.xlsx.formatted(self.s_results, rows.results + f"{xlsx_cells(parent, SPLIT)}</row>".encode())
        self.xlsx.formatted(self.s_scores, rows.scores)
        self.xlsx.formatted(self.s_supports, rows.supports)

    def commit(self) -> None:
        """Move both files into place."""
        self.csv.commit()
        self.xlsx.commit()

    def abort(self) -> None:
        """Drop both temporary files."""
        self.csv.abort()
        self.xlsx.abort()
