"""``assess template`` (a spreadsheet for offline collection) and ``assess import`` (rows → answer files).

The template has one column per question (header: the question id, then its label), drop-down
lists for choice and yes/no questions, a codebook sheet, an instructions sheet and a hidden meta
sheet naming the questionnaire version. A filled template bulk-scores without edits.
"""

from __future__ import annotations

import sys
from pathlib import Path

from assess.domain.errors import AssessError, ExitCode
from assess.domain.questionnaire import Question
from assess.domain.sanitize import clean
from assess.domain.text import Lang
from assess.engine.answers import DK_TEXT, NA_TEXT
from assess.engine.core import Engine
from assess.engine.kinds import KINDS
from assess.pipeline import engine_for

from .sheets import (
    META,
    META_SHEET,
    SheetError,
    SheetInfo,
    check_columns,
    file_stamp,
    header_id,
    read_rows,
    row_answers,
)
from .sheets import safe_id as safe_id

ROWS = 2000
"""Rows prepared with drop-down lists."""

_INSTRUCTIONS: dict[str, list[str]] = {
    "zh": [
        "填写说明",
        "1. 在“答卷”表中每家企业填一行，从第 2 行开始；第一行表头不要修改。",
        "2. 表头第一行是题号，第二行是题目；选择题可从下拉列表选，也可填选项编号（见“编码表”）。",
        "3. 多选题用“、”或“;”分隔多个选项；“是/否”题填“是”或“否”。",
        "4. 允许时可填“不适用”或“不知道”；不清楚的题目可以留空。",
        "5. 表头以 # 开头的列是备注列，不会被读取；请不要添加其他列。",
        "6. 填好后运行：assess bulk 本文件.xlsx -o 输出文件夹；或 assess import 本文件.xlsx -o 答卷文件夹。",
    ],
    "en": [
        "How to fill in",
        "1. One company per row on the 'answers' sheet, from row 2; do not change the header row.",
        "2. The header shows the question id, then the question; pick choices from the list or type the code "
        "(see 'codebook').",
        "3. Separate options of a multiple choice with ';'; answer yes/no questions with yes or no.",
        "4. Where allowed, write 'n/a' or \"don't know\"; leave a cell empty when unsure.",
        "5. Columns whose header starts with # are notes and are ignored; do not add other columns.",
        "6. Then run: assess bulk this.xlsx -o OUTDIR, or assess import this.xlsx -o FOLDER.",
    ],
}


def _names(lang: Lang) -> tuple[str, str, str, str]:
    if lang == "zh":
        return "答卷", "编码表", "填写说明", "选项"
    return "answers", "codebook", "instructions", "lists"


def _choices(engine: Engine, q: Question, lang: Lang) -> list[str]:
    labels = KINDS[q.kind].cell_choices(engine.options[q.id], lang)
    if labels and q.allow_na:
        labels.append(NA_TEXT.get(lang))
    if labels and q.allow_dk:
        labels.append(DK_TEXT.get(lang))
    return labels


def write_template(out: Path, lang: str = "zh", *, root: Path | None = None, questionnaire: str | None = None) -> None:
    """Write the offline-collection spreadsheet for the newest questionnaire version.

    CLI: ``assess template -o FILE.xlsx [--lang zh|en]``.
    """
    import openpyxl
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation

    from assess.files.loading import load_bundle

    lg: Lang = "en" if lang == "en" else "zh"
    bundle = load_bundle(root)
    q = bundle.latest(questionnaire)
    engine = engine_for(bundle, q)
    s_answers, s_codebook, s_help, s_lists = _names(lg)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = s_answers
    lists = wb.create_sheet(s_lists)
    book = wb.create_sheet(s_codebook)
    helpsheet = wb.create_sheet(s_help)
    meta = wb.create_sheet(META_SHEET)
    for row in (
        ("questionnaire", q.id),
        ("version", q.version),
        ("sha256", engine.sha256),
        ("sheet", s_answers),
        ("lang", lg),
        ("template_format", 1),
    ):
        meta.append(row)
    meta.sheet_state = "hidden"
    lists.sheet_state = "hidden"

    bold = Font(bold=True)
    headers = [f"{k}\n{v.get(lg)}" for k, v in META.items()]
    questions = list(engine.questions.values())
    headers += [f"{qq.id}\n{qq.label.get(lg)}" for qq in questions]
    ws.append(headers)
    for i in range(1, len(headers) + 1):
        cell = ws.cell(row=1, column=i)
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(i)].width = 22
    ws.row_dimensions[1].height = 60
    ws.freeze_panes = "C2"

    first_q_col = len(headers) - len(questions) + 1
    list_col = 0
    for offset, qq in enumerate(questions):
        col = get_column_letter(first_q_col + offset)
        rng = f"{col}2:{col}{ROWS + 1}"
        labels = _choices(engine, qq, lg)
        kind = KINDS[qq.kind]
        prompt = (qq.help.get(lg) if qq.help else kind.prompt.get(lg))[:250]
        if labels and not kind.multiple:
            list_col += 1
            lc = get_column_letter(list_col)
            for r, label in enumerate(labels, 1):
                lists.cell(row=r, column=list_col, value=label)
            dv = DataValidation(
                type="list",
                formula1=f"{quote_sheetname(s_lists)}!${lc}$1:${lc}${len(labels)}",
                allow_blank=True,
                showErrorMessage=True,
                errorStyle="warning",
            )
        elif kind.numeric:
            lo, hi = qq.bounds
            dv = DataValidation(
                type="decimal",
                operator="between",
                allow_blank=True,
                showErrorMessage=True,
                errorStyle="warning",
                formula1=str(lo if lo is not None else -1e15),
                formula2=str(hi if hi is not None else 1e15),
            )
        else:
            dv = DataValidation(allow_blank=True)
        dv.promptTitle = qq.id
        dv.prompt = prompt
        dv.showInputMessage = True
        dv.add(rng)
        ws.add_data_validation(dv)

    _codebook(book, engine, questions, lg)
    for line in _INSTRUCTIONS[lg]:
        helpsheet.append([line])
    helpsheet.append([])
    helpsheet.append([f"{q.title.get(lg)}  {q.id} {q.version}"])
    helpsheet["A1"].font = Font(bold=True, size=14)
    helpsheet.column_dimensions["A"].width = 110
    for cell in book[1]:
        cell.font = bold
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    wb.save(tmp)
    tmp.replace(out)


def _codebook(book: object, engine: Engine, questions: list[Question], lg: Lang) -> None:
    head = [
        "question",
        "section",
        "label_zh",
        "label_en",
        "kind",
        "required",
        "unit",
        "min",
        "max",
        "code",
        "option_zh",
        "option_en",
        "score",
    ]
    book.append(head)  # type: ignore[attr-defined]
    for qq in questions:
        lo, hi = qq.bounds
        base = [
            qq.id,
            engine.section_of[qq.id],
            qq.label.zh,
            qq.label.en,
            KINDS[qq.kind].prompt.get(lg),
            "yes" if qq.required is True else ("conditional" if qq.required else "no"),
            qq.unit.get(lg) if qq.unit else None,
            lo,
            hi,
        ]
        opts = list(engine.options[qq.id].values())
        if not opts:
            book.append([*base, None, None, None, None])  # type: ignore[attr-defined]
        for o in opts:
            book.append([*base, o.code, o.label.zh, o.label.en, o.score])  # type: ignore[attr-defined]
        for special, text in (("__na__", NA_TEXT), ("__dk__", DK_TEXT)):
            if (special == "__na__" and qq.allow_na) or (special == "__dk__" and qq.allow_dk):
                book.append([*base, special, text.zh, text.en, None])  # type: ignore[attr-defined]


def import_sheet(path: Path, outdir: Path, *, root: Path | None = None, lang: str = "zh") -> int:
    """Turn every row of a filled spreadsheet into an answer file ``OUTDIR/<response id>.json``.

    Problems are printed to stderr as ``file:row: field: message``; rows with problems are skipped.
    Returns the exit code: 0 when every row was imported, 1 when some were not.
    CLI: ``assess import FILE.xlsx|csv -o DIR``.
    """
    from assess.files.bundle_cache import load_bundle_cached
    from assess.files.storage import save_answers

    bundle = load_bundle_cached(root)
    failed = imported = 0
    seen: dict[str, int] = {}

    def problem(row: int | None, field: str, message: str) -> None:
        nonlocal failed
        where = f"{path}:{row}" if row else str(path)
        print(clean(f"{where}: {field + ': ' if field else ''}{message}"), file=sys.stderr)

    try:
        ref, rows = read_rows(path)
        stamp, mtime = file_stamp(path)
        q = bundle.get(*ref) if ref else bundle.latest()
        if q is None:
            raise SheetError(f"questionnaire {ref[0]} {ref[1]} is not bundled" if ref else "no questionnaire")
        engine = engine_for(bundle, q)
        header = next(rows, None)
        if header is None:
            raise SheetError("the spreadsheet is empty")
        columns, col_errors = check_columns(engine, [header_id(c) for c in header[1]])
        for field, msg in col_errors:
            problem(1, field, msg)
        if not any(c in engine.questions for c in columns):
            return int(ExitCode.INVALID_INPUT)
        info = SheetInfo(str(path), columns, ref, stamp, mtime)
        for row, values in rows:
            if all(v is None or str(v).strip() == "" for v in values):
                continue
            af, errors = row_answers(engine, info, row, values, lang)
            if af is not None and af.response_id in seen:
                errors = [("response_id", f"duplicate response id (also on row {seen[af.response_id]})")]
            if af is None or errors:
                failed += 1
                for field, msg in errors:
                    problem(row, field, msg)
                continue
            seen[af.response_id] = row
            save_answers(outdir / f"{safe_id(af.response_id)}.json", af, touch=False)
            imported += 1
    except (SheetError, AssessError) as e:
        problem(None, "", str(e))
        return int(ExitCode.INVALID_INPUT)
    print(f"imported {imported} row(s) into {outdir}; {failed} row(s) with problems", file=sys.stderr)
    return int(ExitCode.INVALID_INPUT) if failed or col_errors else int(ExitCode.OK)
