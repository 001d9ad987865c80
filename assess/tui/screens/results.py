"""The results screen: levels with score bars, what blocked the next level, actions, supports.

Everything shown comes from :class:`assess.domain.results.AssessmentResult` as computed by
:func:`assess.pipeline.assess_answers` (the same numbers ``assess score`` prints); this screen only
lays them out. Every row opens an :class:`ExplainScreen` with its trace. The PDF export runs in a
thread worker (weasyprint is imported there, never at start-up) with an indeterminate progress bar.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.console import Group
from rich.text import Text as RichText
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import OptionList, ProgressBar, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from assess.domain.results import AssessmentResult, IndexResult, ItemResult, SupportResult
from assess.errors import AssessError
from assess.tui.screens.base import LangScreen
from assess.tui.screens.explain import ExplainScreen
from assess.tui.session import Session
from assess.tui.widgets.bars import fmt_score, score_bar
from assess.tui.widgets.choice import Hanging
from assess.tui.widgets.footer import LangFooter

STATUS_ORDER = ("apply", "prepare", "need_info", "not_eligible")


def pad(text: str, width: int) -> str:
    """`text` cut or padded with spaces to `width` terminal cells (wide characters count 2)."""
    out, used = "", 0
    for ch in text:
        w = cell_len(ch)
        if used + w > width:
            break
        out, used = out + ch, used + w
    return out + " " * (width - used)


def show_results(screen: LangScreen[Any], session: Session) -> None:
    """Push the results of `session`, or say (in one line) why the answers cannot be scored."""
    try:
        results = ResultsScreen(session)
    except AssessError as exc:
        screen.notify(screen.t("cannot_score", error=str(exc)), severity="error", markup=False)
        return
    screen.app.push_screen(results)


class ResultsScreen(LangScreen[None]):
    """Results of one session; F9 exports the PDF report."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f9", "export", "导出报告"),
        Binding("f2", "back", "复核"),
        Binding("escape", "back", "返回"),
        Binding("right", "tab(1)", show=False),
        Binding("left", "tab(-1)", show=False),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.evaluation = session.evaluation()
        self.result: AssessmentResult = self.evaluation.result
        self.explanations: dict[str, tuple[str, list[str]]] = {}

    def compose(self) -> ComposeResult:
        yield Static(id="results-title", classes="title")
        with TabbedContent(id="tabs"):
            with TabPane("", id="tab-overview"):
                yield OptionList(id="overview")
            with TabPane("", id="tab-actions"):
                yield OptionList(id="actions")
            with TabPane("", id="tab-supports"):
                yield OptionList(id="supports")
        yield ProgressBar(total=None, show_eta=False, id="export-progress", classes="hidden")
        yield Static(id="export-status")
        yield LangFooter()

    def on_mount(self) -> None:
        """Fill everything and focus the overview."""
        self.apply_lang()
        self.query_one("#overview", OptionList).focus()

    def apply_lang(self) -> None:
        """(Re)build every row in the current language."""
        r = self.result
        self.explanations.clear()
        title = (
            self.t("results_title", company=r.company)
            + "　"
            + self.t("answered_of", answered=r.answered, shown=r.shown)
        )
        self.query_one("#results-title", Static).update(RichText(title, style="bold"))
        tabs = self.query_one(TabbedContent)
        for pane, key in (
            ("tab-overview", "tab_dimensions"),
            ("tab-actions", "tab_actions"),
            ("tab-supports", "tab_supports"),
        ):
            tabs.get_tab(pane).label = self.t(key)
        self._fill("#overview", self._overview_rows())
        self._fill("#actions", self._action_rows())
        self._fill("#supports", self._support_rows())

    def _fill(self, selector: str, rows: list[Option]) -> None:
        widget = self.query_one(selector, OptionList)
        widget.set_options(rows)
        widget.highlighted = next((i for i, o in enumerate(rows) if not o.disabled), None)

    # ------------------------------------------------------------------ rows

    def _index_rows(self, key: str, index: IndexResult) -> list[Option]:
        label = self.t(key)
        line = RichText(pad(label, self._label_width()))
        line.append(f"{fmt_score(index.score):>4} ")
        line.append(score_bar(index.score))
        line.append(f"  {self.txt(index.level.label)}", style="bold")
        rows = [Option(line, id=key)]
        blocked = [b for b in index.blocked_by if not b.passed]
        if blocked and index.next_level is not None:
            target = next((b.level for b in blocked), "")
            names = {
                index.next_level.id: self.txt(index.next_level.label),
                index.band_level.id: self.txt(index.band_level.label),
            }
            head = RichText("  " + self.t("blocked", level=names.get(target, target)), style="yellow")
            reasons = [
                Hanging("    - ", RichText(self.txt(b.detail) or self.txt(b.label), style="yellow")) for b in blocked
            ]
            rows.append(Option(Group(head, *reasons), id=f"{key}-blocked"))
        lines = [self.txt(index.level.meaning), "", self.txt(index.trace)]
        if index.next_level is not None:
            lines += ["", self.t("next_level", level=self.txt(index.next_level.label))]
        lines += [f"- {self.txt(b.label)}{self.colon}{self.txt(b.detail)}" for b in index.blocked_by]
        self.explanations[key] = self.explanations[f"{key}-blocked"] = (label, lines)
        return rows

    def _label_width(self) -> int:
        """Cells for the label column: the longest index or dimension label, 12 to 28."""
        labels = [self.t("overall"), self.t("ai_readiness"), *(self.txt(d.label) for d in self.result.dimensions)]
        return max(12, min(28, max(cell_len(x) for x in labels) + 2))

    def _overview_rows(self) -> list[Option]:
        r = self.result
        rows = self._index_rows("overall", r.overall) + self._index_rows("ai_readiness", r.ai_readiness)
        rows.append(Option(RichText(" "), disabled=True))
        for d in r.dimensions:
            line = RichText(pad(self.txt(d.label), self._label_width()))
            line.append(f"{fmt_score(d.score):>4} ")
            line.append(score_bar(d.score))
            if d.status != "scored":
                line.append(
                    "  " + self.t("dim_na" if d.status == "not_applicable" else "dim_insufficient"), style="dim"
                )
            rows.append(Option(line, id=f"dim-{d.id}"))
            items = [f"- {self.txt(i.label)}{self.colon}{self._item_answer(i)}" for i in d.items]
            lines = [self.txt(d.descriptor), self.txt(d.help), self.txt(d.trace), "", *items]
            self.explanations[f"dim-{d.id}"] = (self.txt(d.label), [x for x in lines if x is not None])
        return rows

    def _item_answer(self, item: ItemResult) -> str:
        """An item's answer and points, or why it does not count."""
        if item.status == "scored":
            return self.txt(item.display) + self.paren(self.t("score", score=fmt_score(item.score)))
        shown = self.txt(item.display) if item.display and item.status in ("unscored",) else ""
        return shown + self.paren(self.t("item_" + item.status)) if shown else self.t("item_" + item.status)

    def _action_rows(self) -> list[Option]:
        rows = []
        for i, a in enumerate(self.result.actions, start=1):
            line = RichText(f"{i:>2}. {self.txt(a.title)}", style="bold")
            line.append("  " + self.paren(self.t("horizon", h=a.horizon)).strip(), style="dim")
            rows.append(Option(line, id=f"act-{a.id}"))
            self.explanations[f"act-{a.id}"] = (self.txt(a.title), [self.txt(a.detail), "", self.txt(a.trace)])
        return rows or [Option(RichText(self.t("none_yet"), style="dim"), disabled=True)]

    def _support_rows(self) -> list[Option]:
        rows: list[Option] = []
        by_status: dict[str, list[SupportResult]] = {}
        for s in self.result.supports:
            by_status.setdefault(s.status, []).append(s)
        for status in STATUS_ORDER:
            group = by_status.get(status, [])
            if not group:
                continue
            rows.append(
                Option(RichText(self.t("sup_" + status) + self.paren(str(len(group))), style="bold"), disabled=True)
            )
            for s in group:
                name = Hanging("  ", RichText(self.txt(s.name)))
                detail = self._support_detail(s)
                prompt = Group(name, Hanging("    ", RichText(detail, style="dim"))) if detail else name
                rows.append(Option(prompt, id=f"sup-{s.id}"))
                self.explanations[f"sup-{s.id}"] = (self.txt(s.name), self._support_lines(s))
        return rows or [Option(RichText(self.t("none_yet"), style="dim"), disabled=True)]

    def _support_detail(self, s: SupportResult) -> str:
        """One line under a support: why it fits, what is missing, or which answers would decide it."""
        if s.status == "need_info":
            labels = [self.txt(n.label) for n in s.need]
            more = self.t("and_more", n=len(labels) - 2) if len(labels) > 2 else ""
            return self.t("need", text="、".join(labels[:2]) + more)
        if s.status in ("prepare", "not_eligible"):
            return self.t("missing", text=self.txt(s.missing[0])) if s.missing else ""
        return self.txt(s.reasons[0]) if s.reasons else ""

    def _support_lines(self, s: SupportResult) -> list[str]:
        lines = [self.txt(s.summary), ""]
        lines += [f"+ {self.txt(x)}" for x in s.reasons]
        lines += [f"- {self.txt(x)}" for x in s.missing]
        lines += [f"? {self.txt(n.label)}" for n in s.need]
        lines += [f"> {self.txt(x)}" for x in s.next_steps]
        depts = "、".join(d.zh if self.lang == "zh" else d.en for d in s.departments)
        lines += [
            "",
            self.t("clauses", clauses="、".join(str(c) for c in s.clauses), departments=depts),
            self.txt(s.amounts),
        ]
        return lines

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Open the explanation of the chosen row."""
        found = self.explanations.get(event.option.id or "")
        if found is not None:
            self.app.push_screen(ExplainScreen(self.t("explain_title", title=found[0]), found[1], self.t("close")))

    # ------------------------------------------------------------------ export

    def action_export(self) -> None:
        """Write the PDF report next to the answer file, in a worker."""
        self.query_one("#export-progress").remove_class("hidden")
        self.query_one("#export-status", Static).update(self.t("export_running"))
        self.export_report(self.session.path.with_suffix(".pdf"))

    @work(thread=True, exclusive=True, group="export")
    def export_report(self, out: Path) -> None:
        """Render the report of the Evaluation on screen (weasyprint is imported here, not at start-up)."""
        from assess.export import export_pdf  # the first PDF imports weasyprint (~1 s)

        try:
            previous = self.session.previous_evaluation()
            path = export_pdf(self.evaluation, out, lang=self.lang, previous=previous)
        except ImportError:
            self.app.call_from_thread(self._export_finished, self.t("export_unavailable"))
            return
        except Exception as exc:  # any failure is shown; the app keeps running
            self.app.call_from_thread(self._export_finished, self.t("export_failed", error=str(exc)))
            return
        self.app.call_from_thread(self._export_finished, self.t("export_done", path=str(path)))

    def _export_finished(self, message: str) -> None:
        self.query_one("#export-progress").add_class("hidden")
        self.query_one("#export-status", Static).update(RichText(message))
        self.notify(message, markup=False)

    def action_tab(self, step: int) -> None:
        """Left / right: the previous or next tab, with its list focused."""
        tabs = self.query_one(TabbedContent)
        panes = ["tab-overview", "tab-actions", "tab-supports"]
        pane = panes[(panes.index(tabs.active) + step) % len(panes)] if tabs.active in panes else panes[0]
        tabs.active = pane
        self.query_one(f"#{pane} OptionList", OptionList).focus()

    def action_back(self) -> None:
        """Back to the questionnaire."""
        self.dismiss(None)
