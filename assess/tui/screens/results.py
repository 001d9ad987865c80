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
from rich.console import Group, RenderableType
from rich.text import Text as RichText
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import OptionList, ProgressBar, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from assess.domain.errors import AssessError
from assess.domain.results import STATUS_ORDER, AssessmentResult, IndexResult, ItemResult, SupportResult, said
from assess.domain.text import clauses, listing
from assess.pipeline.session import Session
from assess.summary_text import verdict_label
from assess.tui.screens.base import LangScreen
from assess.tui.screens.explain import ExplainScreen
from assess.tui.screens.result_rows import gap, ladder, lever_text, plan_groups, position, shows, support_names
from assess.tui.widgets.bars import fmt_score, score_bar
from assess.tui.widgets.footer import LangFooter
from assess.tui.widgets.wrapped import Hanging, Wrapped


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
        self.status: tuple[str, dict[str, str]] | None = None
        """The export status line as (UI text key, values): redrawn in the new language after F3."""

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
            + ("　" if self.lang == "zh" else "   ")
            + self.t("answered_of", answered=r.answered, shown=r.shown)
        )
        self.query_one("#results-title", Static).update(RichText(title, style="bold"))
        tabs = self.query_one(TabbedContent)
        for pane, key in (
            ("tab-overview", "tab_dimensions"),
            ("tab-actions", "tab_plan" if r.plan else "tab_actions"),
            ("tab-supports", "tab_supports"),
        ):
            tabs.get_tab(pane).label = self.t(key)
        self._fill("#overview", self._overview_rows())
        self._fill("#actions", self._action_rows())
        self._fill("#supports", self._support_rows())
        if self.status is not None:
            self.query_one("#export-status", Static).update(Wrapped(self.t(self.status[0], **self.status[1])))

    def _fill(self, selector: str, rows: list[Option]) -> None:
        widget = self.query_one(selector, OptionList)
        widget.set_options(rows)
        widget.highlighted = next((i for i, o in enumerate(rows) if not o.disabled), None)

    # ------------------------------------------------------------------ rows

    def _index_rows(self, key: str, index: IndexResult) -> list[Option]:
        """The index with its level and place on the scale, the gap to the next level, what the answers show."""
        label = self.t(key)
        scale = (
            self.session.questionnaire.scoring.overall
            if key == "overall"
            else self.session.questionnaire.scoring.ai_readiness
        )
        n, of = position(scale, index.level.id)
        line = self._bar_line(label, index.score)
        line.append(f"  {self.txt(index.level.label)}", style="bold")
        line.append(self.t("level_pos", n=n, of=of), style="dim")
        dims = self.result.dimensions
        if key != "overall":
            dims = [d for d in dims if d.block == self.session.questionnaire.scoring.ai_readiness.block]
        names = {d.id: self.txt(d.label) for d in self.result.dimensions}
        gap_text = gap(index, scale, names, self.lang)
        parts: list[RenderableType] = [line]
        if gap_text:
            parts.append(Hanging("  ", RichText(gap_text, style="yellow")))
        shown = shows(dims, self.lang)
        if shown:
            parts.append(Hanging("  ", RichText(shown, style="dim")))
        lines = [*ladder(scale, index.level.id, self.lang), "", gap_text, "", self.txt(index.trace)]
        lines += [f"- {self.txt(b.label)}{self.colon}{self.txt(b.detail)}" for b in index.blocked_by]
        self.explanations[key] = (label, lines)
        return [Option(Group(*parts), id=key)]

    def _bar_line(self, label: str, score: float | None) -> RichText:
        """Label, score and bar; a label longer than the column gets a line of its own (never cut)."""
        width = self._label_width()
        line = RichText(pad(label, width)) if cell_len(label) <= width else RichText(label + "\n" + " " * width)
        line.append(f"{fmt_score(score):>5} ")
        line.append(score_bar(score, 16))
        return line

    def _label_width(self) -> int:
        """Cells for the label column: the longest index or dimension label, 12 to 24 (longer ones wrap)."""
        labels = [self.t("overall"), self.t("ai_readiness"), *(self.txt(d.label) for d in self.result.dimensions)]
        return max(12, min(24, max(cell_len(x) for x in labels) + 2))

    def _overview_rows(self) -> list[Option]:
        r = self.result
        rows = self._index_rows("overall", r.overall) + self._index_rows("ai_readiness", r.ai_readiness)
        rows.append(Option(RichText(" "), disabled=True))
        for d in r.dimensions:
            line = self._bar_line(self.txt(d.label), d.score)
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

    def _plan_rows(self) -> list[Option]:
        """The plan by horizon (from the advice step); each item with why and the supports that help."""
        names = support_names(self.result, self.lang)
        rows: list[Option] = []
        n = 0
        for horizon, items in plan_groups(self.result.plan):
            rows.append(Option(RichText(self.t(f"horizon_{horizon}"), style="bold"), disabled=True))
            for item in items:
                n += 1
                why = clauses((self.txt(w) for w in item.why), self.lang)
                parts: list[RenderableType] = [Hanging(f"{n:>2}. ", RichText(self.txt(item.title), style="bold"))]
                if why:
                    parts.append(Hanging("    ", RichText(why, style="dim")))
                rows.append(Option(Group(*parts), id=f"plan-{item.id}"))
                helps = listing((names.get(x, x) for x in item.supports), self.lang)
                lines = [self.txt(w) for w in item.why] + (["", self.t("plan_supports", names=helps)] if helps else [])
                self.explanations[f"plan-{item.id}"] = (self.txt(item.title), lines)
        return rows

    def _lever_rows(self) -> list[Option]:
        """What to change to unlock supports (from the advice step), above the supports."""
        if not self.result.levers:
            return []
        names = support_names(self.result, self.lang)
        rows = [Option(RichText(self.t("levers_head"), style="bold"), disabled=True)]
        for i, lever in enumerate(self.result.levers):
            changes, unlocks = lever_text(lever, names, self.lang)
            prompt = Group(
                Hanging("  + ", RichText(changes)),
                Hanging("    ", RichText(self.t("unlocks", names=unlocks), style="green")),
            )
            rows.append(Option(prompt, id=f"lever-{i}"))
            self.explanations[f"lever-{i}"] = (
                self.t("levers_head"),
                [f"+ {c.text.get(self.lang)}" for c in said(lever.changes)] + ["", self.t("unlocks", names=unlocks)],
            )
        return rows

    def _action_rows(self) -> list[Option]:
        if self.result.plan:
            return self._plan_rows()
        rows = []
        for i, a in enumerate(self.result.actions, start=1):
            line = RichText(f"{i:>2}. {self.txt(a.title)}", style="bold")
            line.append("  " + self.paren(self.t("horizon", h=a.horizon)).strip(), style="dim")
            rows.append(Option(line, id=f"act-{a.id}"))
            self.explanations[f"act-{a.id}"] = (self.txt(a.title), [self.txt(a.detail), "", self.txt(a.trace)])
        return rows or [Option(RichText(self.t("none_yet"), style="dim"), disabled=True)]

    def _support_rows(self) -> list[Option]:
        """Legal duties first (each with its state: 需办理, 不涉及…), then the supports by verdict (a title
        already held says so)."""
        rows: list[Option] = self._lever_rows()
        groups: dict[str, list[SupportResult]] = {}
        for s in self.result.supports:
            groups.setdefault("duties" if s.obligation else s.status, []).append(s)
        for key in ("duties", *STATUS_ORDER):
            group = groups.get(key, [])
            if not group:
                continue
            rows.append(
                Option(RichText(self.t("sup_" + key) + self.paren(str(len(group))), style="bold"), disabled=True)
            )
            for s in group:
                name = Hanging("  ", RichText(self.txt(s.name)))
                detail = self._support_detail(s)
                if s.obligation or s.held:  # a duty is not applied for, a title held not again: say so
                    state = verdict_label(s).get(self.lang)
                    detail = state + self.colon + detail if detail else state
                prompt = Group(name, Hanging("    ", RichText(detail, style="dim"))) if detail else name
                rows.append(Option(prompt, id=f"sup-{s.id}"))
                self.explanations[f"sup-{s.id}"] = (self.txt(s.name), self._support_lines(s))
        return rows or [Option(RichText(self.t("none_yet"), style="dim"), disabled=True)]

    def _support_detail(self, s: SupportResult) -> str:
        """One line under a support: why it fits, what is missing, or which answers would decide it."""
        if s.status == "need_info":
            labels = [self.txt(n.label) for n in s.need]
            more = self.t("and_more", n=len(labels) - 2) if len(labels) > 2 else ""
            return self.t("need", text=listing(labels[:2], self.lang) + more)
        if s.status in ("prepare", "not_eligible"):
            return self.t("missing", text=self.txt(s.missing[0])) if s.missing else ""
        return self.txt(s.reasons[0]) if s.reasons else ""

    def _support_lines(self, s: SupportResult) -> list[str]:
        """The explanation of a verdict: why, what is missing, what to answer, next steps, clauses,
        departments, amounts and the rules it was judged by."""
        lines = [self.txt(s.summary), ""]
        lines += [f"+ {self.txt(x)}" for x in s.reasons]
        lines += [f"- {self.txt(x)}" for x in s.missing]
        lines += [f"? {self.txt(n.label)}" for n in s.need]
        lines += [f"> {self.txt(x)}" for x in s.next_steps]
        depts = listing((d.zh if self.lang == "zh" else d.en for d in s.departments), self.lang)
        lines += [
            "",
            self.t("clauses", clauses=listing((str(c) for c in s.clauses), self.lang), departments=depts),
            self.txt(s.amounts),
        ]
        if s.rule_version is not None:  # which rules the verdict used (e.g. the 2026 MIIT rules)
            lines.append(self.t("rule_version", rules=self.txt(s.rule_version)))
        return lines

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Open the explanation of the chosen row."""
        found = self.explanations.get(event.option.id or "")
        if found is not None:
            self.app.push_screen(ExplainScreen(self.t("explain_title", title=found[0]), found[1], self.t("close")))

    # ------------------------------------------------------------------ export

    def action_export(self) -> None:
        """Ask where to save the PDF report (default: the current folder, named after the company and the
        date), then write it in a worker."""
        from assess.tui.screens.save import SaveScreen, default_path

        texts = {"title": self.t("save_title"), "hint": self.t("save_hint"), "no_folder": self.t("save_no_folder")}
        self.app.push_screen(SaveScreen(default_path(self.session.file.company.name), texts), self._export_to)

    def _export_to(self, path: Path | None) -> None:
        if path is None:
            return
        self.query_one("#export-progress").remove_class("hidden")
        self.status = ("export_running", {})
        self.query_one("#export-status", Static).update(self.t("export_running"))
        self.export_report(path)

    @work(thread=True, exclusive=True, group="export")
    def export_report(self, out: Path) -> None:
        """Render the report of the Evaluation on screen (weasyprint is imported here, not at start-up)."""
        from assess.export import export_pdf  # the first PDF imports weasyprint (~1 s)

        try:
            previous = self.session.previous_evaluation()
            path = export_pdf(self.evaluation, out, lang=self.lang, previous=previous)
        except ImportError:
            self.app.call_from_thread(self._export_finished, "export_unavailable", {})
            return
        except Exception as exc:  # any failure is shown; the app keeps running
            self.app.call_from_thread(self._export_finished, "export_failed", {"error": str(exc)})
            return
        self.app.call_from_thread(self._export_finished, "export_done", {"path": str(path)})

    def _export_finished(self, key: str, values: dict[str, str]) -> None:
        self.status = (key, values)
        message = self.t(key, **values)
        self.query_one("#export-progress").add_class("hidden")
        self.query_one("#export-status", Static).update(Wrapped(message))
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
