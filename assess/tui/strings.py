"""Every piece of UI text of the terminal app, in Chinese (first) and English.

Questionnaire text comes from the questionnaire itself (`Text.get(lang)`); this module holds only the
app's own words: buttons, titles, key descriptions, messages. Chinese strings use full-width
punctuation (，。：（）「」) so they line up in terminals that draw ambiguous-width glyphs narrow.

Key descriptions in ``BINDINGS`` are written in Chinese; :func:`key_label` maps them to the current
language for the footer (see :class:`assess.tui.widgets.footer.LangFooter`).
"""

from __future__ import annotations

from assess.domain.text import Lang

UI: dict[str, tuple[str, str]] = {
    # app
    "app_title": ("淮安中小企业 AI 就绪度自评", "Huai'an SME AI-readiness self-assessment"),
    "saved": ("已自动保存", "Saved"),
    "save_failed": ("保存失败：{error}", "Could not save: {error}"),
    "lang_switched": ("已切换为中文", "Switched to English"),
    "palette_placeholder": ("搜索命令", "Search commands…"),
    # start screen
    "company": ("企业名称：", "Company name: "),
    "company_placeholder": ("请输入企业全称，例如：淮安某某科技有限公司", "Full company name"),
    "company_missing": ("请先填写企业名称。", "Please enter the company name first."),
    "new_quick": ("快速自评（约 {minutes} 分钟）", "Quick scan (about {minutes} min)"),
    "new_full": ("全面诊断（约 {minutes} 分钟）", "Full diagnosis (about {minutes} min)"),
    "consultant_mode": ("顾问模式", "Consultant mode"),
    "assessor": ("顾问姓名", "Consultant name"),
    "assessor_missing": ("顾问模式请填写顾问姓名。", "Consultant mode needs the consultant's name."),
    "workspace": ("已保存的评估（{path}）", "Saved assessments ({path})"),
    "search_placeholder": ("按企业名称或状态筛选", "Filter by company or status"),
    "col_company": ("企业", "Company"),
    "col_status": ("状态", "Status"),
    "col_progress": ("进度", "Progress"),
    "col_level": ("等级", "Level"),
    "col_changed": ("最后修改", "Last change"),
    "status_in_progress": ("进行中", "In progress"),
    "status_complete": ("已完成", "Complete"),
    "status_broken": ("无法读取", "Unreadable"),
    "workspace_empty": ("还没有保存的评估。", "No saved assessments yet."),
    "resume_hint": (
        "回车：继续或查看所选评估　F9：以它为基础复评　Tab：填写新企业",
        "Enter: resume or view the selected one   F9: re-assess it   Tab: a new company",
    ),
    "new_hint": (
        "填写企业名称后按回车开始快速自评；F6：全面诊断；F3：English",
        "Type the company name and press Enter for a quick scan; F6: full diagnosis; F3: 中文",
    ),
    "no_selection": ("请先在列表中选择一项评估。", "Select an assessment in the list first."),
    "cannot_open": ("无法打开：{error}", "Cannot open: {error}"),
    "repaired": (
        "文件中有 {n} 项不符合格式，已去掉后打开：{fields}。原文件已备份为 {backup}",
        "{n} field(s) of the file did not fit the format and were dropped: {fields}. The original is kept as {backup}",
    ),
    "confirm_unusual": (
        "{message}　如数值无误，再按一次回车保留。",
        "{message}  If it is right, press Enter again to keep it.",
    ),
    "reassessment_started": (
        "已开始复评，上次的答案待确认。",
        "Re-assessment started; earlier answers need confirming.",
    ),
    # questionnaire screen
    "sections": ("章节", "Sections"),
    "section_done": ("完成", "done"),
    "section_hidden": ("不适用", "hidden"),
    "section_pending": ("视前面的回答而定", "depends on earlier answers"),
    "question_of": ("第 {n}／{total} 题", "Question {n} of {total}"),
    "required": ("【必答】", "(required) "),
    "help": ("说明", "Help"),
    "no_help": ("此题没有补充说明。", "No further help for this question."),
    "na": ("不适用", "Not applicable"),
    "dk": ("不知道", "Don't know"),
    "prev": ("上一题", "Back"),
    "next": ("下一题", "Next"),
    "choose_hint": ("按数字键选择，回车下一题", "Press a number to choose, Enter for next"),
    "letters_hint": ("按数字或字母键选择，回车下一题", "Press a number or letter to choose, Enter for next"),
    "form_hint": (
        "逐项填写，回车到下一项；F6：问会计，稍后填",
        "Fill in each line, Enter for the next; F6: ask the accountant, fill in later",
    ),
    "later_key": ("稍后填", "Fill in later"),
    "form_later": (
        "已保存填好的数字；其余的问过会计后，在复核页（F2）补填。",
        "Figures entered are saved; fill in the rest from the review (F2) after asking the accountant.",
    ),
    "multi_hint": ("按数字键或空格勾选，回车下一题", "Number keys or space to tick, Enter for next"),
    "multi_letters_hint": (
        "按数字、字母键或空格勾选，回车下一题",
        "Number or letter keys or space to tick, Enter for next",
    ),
    "text_hint": ("输入后按回车", "Type, then press Enter"),
    "longtext_hint": ("输入后按 PageDown 下一题", "Type, then PageDown for next"),
    "date_hint": ("格式：2024-05-01", "Format: 2024-05-01"),
    "number_hint": ("请填写数字", "Enter a number"),
    "range": ("范围 {lo}～{hi}", "range {lo}-{hi}"),
    "yes": ("是", "Yes"),
    "no": ("否", "No"),
    "special_given": ("当前答案：{value}", "Current answer: {value}"),
    "to_confirm": ("上次评估的答案，请确认或修改：{value}", "From the earlier assessment, confirm or change: {value}"),
    "required_missing": ("此题为必答题。", "This question is required."),
    "warning": ("提示：{message}", "Note: {message}"),
    "error": ("错误：{message}", "Error: {message}"),
    "note": ("顾问备注", "Consultant note"),
    "note_placeholder": ("现场核实情况、证据（回车保存）", "checks, evidence (Enter saves)"),
    "verified": ("现场已核实", "Verified onsite"),
    "evidence": ("核实依据：{text}", "Evidence: {text}"),
    "all_done": ("已到最后一题，请复核后查看结果。", "That was the last question: review, then see results."),
    # review
    "review_title": ("复核答案", "Review answers"),
    "open_required": ("必答未答（{n}）", "Required, still open ({n})"),
    "not_answered": ("未答", "Not answered"),
    "review_hint": ("回车：修改所选题目　F10：查看结果", "Enter: edit the selected question   F10: results"),
    "still_open": (
        "还有 {n} 道必答题未答，结果可能不完整。",
        "{n} required questions are still open; results may be incomplete.",
    ),
    # results
    "results_title": ("评估结果：{company}", "Results: {company}"),
    "overall": ("综合成熟度", "Overall maturity"),
    "ai_readiness": ("AI 就绪度", "AI readiness"),
    "score": ("{score} 分", "{score}"),
    "no_score": ("数据不足", "too little data"),
    "blocked": ("未达到「{level}」的原因：", "What kept it below “{level}”:"),
    "next_level": ("下一等级：{level}", "Next level: {level}"),
    "level_pos": ("（第 {n} 级，共 {of} 级）", " (level {n} of {of})"),
    "shows": ("回答显示：最强是{best}；最弱是{worst}", "Your answers show: strongest {best}; weakest {worst}"),
    "shows_one": ("回答显示：{dim}", "Your answers show: {dim}"),
    "top_level": ("已是最高一级。", "This is the top level."),
    "gap_points": ("离「{level}」还差 {points} 分", "{points} points short of “{level}”"),
    "gap_floors": ("还需补齐：{floors}", "still needed: {floors}"),
    "gap_none": ("已够「{level}」的分数线，请看说明。", "Score reaches “{level}”; see the explanation."),
    "levels_head": ("共 {n} 个等级（从低到高）：", "{n} levels, lowest first:"),
    "tab_plan": ("行动计划", "Plan"),
    "horizon_90d": ("90 天内", "Within 90 days"),
    "horizon_year": ("今年内", "This year"),
    "horizon_next_year": ("明年", "Next year"),
    "levers_head": ("改这几项，就能争取更多支持", "Change these to unlock more supports"),
    "unlocks": ("可解锁：{names}", "Unlocks: {names}"),
    "plan_supports": ("可申请的支持：{names}", "Supports that can help: {names}"),
    "tab_dimensions": ("各维度", "Dimensions"),
    "tab_actions": ("行动建议", "Actions"),
    "tab_supports": ("政策支持", "Supports"),
    "dim_na": ("不适用", "n/a"),
    "dim_insufficient": ("数据不足", "too little data"),
    "horizon": ("{h} 个月", "{h} months"),
    "sup_duties": ("合规义务", "Legal duties"),
    "sup_apply": ("可以申报", "Apply now"),
    "sup_prepare": ("准备后申报", "Prepare, then apply"),
    "sup_need_info": ("需补充信息", "Need more information"),
    "sup_not_eligible": ("暂不符合", "Not eligible now"),
    "missing": ("还缺：{text}", "Missing: {text}"),
    "need": ("需回答：{text}", "Answer: {text}"),
    "clauses": (
        "政策条款：第 {clauses} 条　责任部门：{departments}",
        "Plan items: {clauses}   Departments: {departments}",
    ),
    "item_na": ("不适用，不计入", "not applicable, left out"),
    "item_dk": ("不知道，不计入", "don't know, left out"),
    "item_unanswered": ("未答", "not answered"),
    "item_hidden": ("按前面的回答跳过", "skipped by an earlier answer"),
    "item_not_asked": ("快速自评未问", "not asked in the quick scan"),
    "item_unscored": ("不计分", "not scored"),
    "item_scored": ("计分", "scored"),
    "quit_hint": ("按 Ctrl+Q 退出，答案已自动保存。", "Press Ctrl+Q to quit; your answers are saved."),
    "cannot_score": ("无法计算结果：{error}", "Cannot score these answers: {error}"),
    "none_yet": ("暂无。回答更多题目后这里会给出建议。", "Nothing yet: answer more questions first."),
    "and_more": ("，还有 {n} 项", " and {n} more"),
    "rule_version": ("判断依据的规则版本：{rules}", "Judged by: {rules}"),
    "explain_title": ("说明：{title}", "Explanation: {title}"),
    "close": ("关闭", "Close"),
    "save_title": ("报告保存到（可修改路径）：", "Save the report as (edit the path if you like):"),
    "save_hint": (
        "回车保存，Esc 取消。默认保存在当前文件夹，文件名是企业名称加日期。",
        "Enter saves, Esc cancels. By default the current folder, named after the company and the date.",
    ),
    "save_no_folder": ("文件夹不存在：{folder}", "No such folder: {folder}"),
    "export_running": ("正在生成报告，请稍候", "Writing the report…"),
    "export_done": ("报告已保存：{path}", "Report written: {path}"),
    "export_failed": ("报告生成失败：{error}", "Report failed: {error}"),
    "export_unavailable": ("报告模块尚未安装。", "The report module is not installed yet."),
    "answered_of": ("已答 {answered}／{shown} 题", "{answered} of {shown} answered"),
}
"""UI text by key: (Chinese, English). Placeholders use ``str.format`` names."""

KEYS: dict[str, str] = {
    "退出": "Quit",
    "帮助": "Help",
    "复核": "Review",
    "语言": "Language",
    "章节": "Sections",
    "不适用": "N/A",
    "不知道": "Don't know",
    "备注": "Note",
    "核实": "Verified",
    "上一题": "Back",
    "下一题": "Next",
    "结果": "Results",
    "导出报告": "Export PDF",
    "返回": "Back",
    "快速自评": "Quick scan",
    "全面诊断": "Full diagnosis",
    "复评": "Re-assess",
    "搜索": "Search",
    "命令": "Commands",
    "关闭": "Close",
    "修改": "Edit",
    "说明": "Explain",
}
"""Footer key descriptions: the Chinese description in ``BINDINGS`` → English."""


def tr(key: str, lang: Lang, **values: object) -> str:
    """The UI text `key` in `lang`, with ``{name}`` placeholders filled from `values`."""
    zh, en = UI[key]
    text = en if lang == "en" else zh
    return text.format(**values) if values else text


def colon(lang: Lang) -> str:
    """A colon after a label: full-width in Chinese."""
    return "：" if lang == "zh" else ": "


def paren(text: str, lang: Lang) -> str:
    """`text` in brackets: full-width in Chinese."""
    return f"（{text}）" if lang == "zh" else f" ({text})"


def key_label(description: str, lang: Lang) -> str:
    """A key description from ``BINDINGS`` (written in Chinese) in `lang`."""
    if lang == "en":
        return KEYS.get(description, description)
    return description


GLOSSARY: tuple[tuple[str, str, str], ...] = (
    (
        r"科技型中小企业|tech-based SME",
        "科技型中小企业：经科技型中小企业评价、入库的企业。条件包括职工不超过500人、年销售收入和资产总额各不超过2亿元，"
        "并按科技人员、研发投入、科技成果三类指标综合评价不低于60分（国科发政〔2017〕115号）；每年评价一次，以当年通知为准。",
        "Tech-based SME (科技型中小企业): a company evaluated and listed as one: at most 500 staff, sales and total "
        "assets each at most 200 million yuan, and at least 60 points on S&T staff, R&D spend and IP (Guo Ke Fa Zheng "
        "[2017] No. 115); evaluated every year, the year's notice decides.",
    ),
    (
        r"算力券|模型券|compute voucher|model voucher",
        "算力券、模型券：政府发给企业、用来抵扣购买算力（GPU、云算力）或大模型服务费用的补贴凭证"
        "（方案第24条）；面额、比例和申领办法由当年的申报通知规定。",
        "Compute and model vouchers (算力券/模型券): subsidies the government gives companies to pay part of "
        "what they spend on computing power or large-model services (plan item 24); amounts, shares and how to "
        "apply are set by the year's application notice.",
    ),
    (
        r"智改数转|smart transformation",
        "智改数转：智能化改造、数字化转型的简称（江苏近年又加上“网联”，即网络化联接），"
        "指用自动化设备、工业软件、联网和数据改造生产与管理（方案第2条）。",
        "智改数转: short for intelligent upgrading and digital transformation (Jiangsu adds 网联, networking): "
        "automation, industrial software, connectivity and data in production and management (plan item 2).",
    ),
    (
        r"方案第\s*\d+\s*条|plan item \d+|Plan items",
        "方案第N条：指《淮安市人工智能创新发展行动方案（2026-2027年）》（淮政办发〔2026〕7号）中编号为N的一条，"
        "写明了这项支持的内容和负责的部门。",
        "Plan item N: the item numbered N of the Huai'an AI Innovation Action Plan 2026-2027 (Huai Zheng Ban Fa "
        "[2026] No. 7), which names the support and the departments responsible.",
    ),
)
"""Terms an owner may not know: (pattern found in the text shown, Chinese explanation, English one)."""


def glossary(text: str, lang: Lang) -> list[str]:
    """Explanations of the jargon that `text` uses, in `lang`."""
    import re

    return [en if lang == "en" else zh for pattern, zh, en in GLOSSARY if re.search(pattern, text, re.I)]
