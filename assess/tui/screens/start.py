"""The start screen: new quick scan or full diagnosis, consultant mode, and the workspace of saved
assessments (search, resume, view results, start a re-assessment from one)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import ClassVar

from rich.text import Text as RichText
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, DataTable, Input, Static

from assess.domain.answers import NAME_MAX, AnswerFile
from assess.domain.errors import AssessError
from assess.domain.text import Text
from assess.files.loading import Bundle
from assess.pipeline.session import Session
from assess.tui.screens.base import LangScreen
from assess.tui.screens.question import QuestionScreen
from assess.tui.widgets.checkbox import AsciiCheckbox
from assess.tui.widgets.footer import LangFooter
from assess.tui.widgets.limited import LimitedInput


@dataclass
class Row:
    """One saved assessment as listed."""

    path: Path
    file: AnswerFile | None
    error: str = ""
    progress: str = ""
    level: str = ""


class StartScreen(LangScreen[None]):
    """New assessment, resume, workspace list, language switch (F3, app-wide)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f5", "new('quick')", "快速自评"),
        Binding("f6", "new('full')", "全面诊断"),
        Binding("f4", "search", "搜索"),
        Binding("f9", "reassess", "复评"),
    ]

    def __init__(self, bundle: Bundle, workspace: Path, consultant: str | None) -> None:
        super().__init__()
        self.bundle = bundle
        self.workspace = workspace
        self.consultant = consultant
        self.rows: list[Row] = []
        self.levels: dict[Path, Text] = {}

    def compose(self) -> ComposeResult:
        yield Static(id="start-title", classes="title")
        with Vertical(id="new"):
            with Horizontal(classes="row"):
                yield Static(id="company-label", classes="label")
                yield LimitedInput(id="company", max_length=NAME_MAX)
            with Horizontal(classes="row"):
                yield Button("", id="quick", variant="primary", compact=True)
                yield Button("", id="full", compact=True)
            with Horizontal(classes="row"):
                yield AsciiCheckbox("", bool(self.consultant), id="consultant", compact=True)
                yield LimitedInput((self.consultant or "")[:NAME_MAX], id="assessor", max_length=NAME_MAX)
        yield Static(id="ws-title", classes="subtitle")
        yield Input(id="search")
        yield DataTable(id="workspace", cursor_type="row", zebra_stripes=True)
        yield Static(id="start-hint", classes="hint")
        yield LangFooter()

    def on_mount(self) -> None:
        """Fill the texts, list the workspace; focus the list when there is something to resume, else the
        company name."""
        self.apply_lang()
        self.reload()
        self.query_one("#workspace" if self.rows else "#company").focus()

    def apply_lang(self) -> None:
        """(Re)draw every text in the current language."""
        q = self.bundle.latest()
        minutes = {d.id: d.minutes for d in q.depths}
        self.query_one("#start-title", Static).update(RichText(self.txt(q.title) or self.t("app_title"), style="bold"))
        self.query_one("#company-label", Static).update(self.t("company"))
        self.query_one("#company", Input).placeholder = self.t("company_placeholder")
        self.query_one("#quick", Button).label = self.t("new_quick", minutes=minutes.get("quick", 15))
        self.query_one("#full", Button).label = self.t("new_full", minutes=minutes.get("full", 90))
        self.query_one("#consultant", Checkbox).label = self.t("consultant_mode")
        self.query_one("#assessor", Input).placeholder = self.t("assessor")
        self.query_one("#ws-title", Static).update(self.t("workspace", path=str(self.workspace)))
        self.query_one("#search", Input).placeholder = self.t("search_placeholder")
        self._fill_table()

    # ------------------------------------------------------------------ workspace list

    def reload(self) -> None:
        """Read the workspace folder again (levels are scored again: answers may have changed)."""
        from assess.files.repair import list_workspace

        self.rows = []
        self.levels = {}
        for entry in list_workspace(self.workspace):
            row = Row(entry.path, entry.answer_file, "" if entry.error is None else str(entry.error))
            if row.file is not None:
                row.progress = self._progress(row.file)
            self.rows.append(row)
        self.rows.sort(key=lambda r: r.file.updated_at.timestamp() if r.file else 0, reverse=True)
        self._fill_table()
        if any(r.file is not None and r.file.status == "complete" and r.path not in self.levels for r in self.rows):
            self.score_levels()

    def _progress(self, af: AnswerFile) -> str:
        q = self.bundle.get(af.questionnaire.id, af.questionnaire.version)
        if q is None:
            return ""
        from assess.pipeline import engine_for

        engine = engine_for(self.bundle, q)
        visible = engine.visible_questions(af.answers, af.depth)
        done = sum(1 for q in visible if (a := af.answers.get(q.id)) and a.is_given)
        return f"{done}/{len(visible)}"

    @work(thread=True, exclusive=True, group="levels")
    def score_levels(self) -> None:
        """Score completed assessments in the background for the level column."""
        from assess.pipeline import assess_answers

        for row in list(self.rows):
            if row.file is not None and row.file.status == "complete" and row.path not in self.levels:
                try:
                    result = assess_answers(self.bundle, row.file)
                except Exception:  # a file that cannot be scored just shows no level
                    continue
                self.levels[row.path] = result.overall.level.label
        self.app.call_from_thread(self._fill_table)

    def _visible_rows(self) -> list[Row]:
        query = self.query_one("#search", Input).value.strip().casefold()
        if not query:
            return self.rows
        return [r for r in self.rows if query in self._cells(r)[0].casefold() or query in self._cells(r)[1]]

    def _cells(self, row: Row) -> tuple[str, str, str, str, str]:
        if row.file is None:
            return (row.path.name, self.t("status_broken"), "", "", row.error[:40])
        af = row.file
        status = self.t("status_complete" if af.status == "complete" else "status_in_progress")
        return (af.company.name, status, row.progress, self.txt(self.levels.get(row.path)), changed_at(af))

    def _fill_table(self) -> None:
        self.query_one("#start-hint", Static).update(self.t("resume_hint" if self.rows else "new_hint"))
        table = self.query_one("#workspace", DataTable)
        table.clear(columns=True)
        for key in ("col_company", "col_status", "col_progress", "col_level", "col_changed"):
            table.add_column(self.t(key), key=key)
        for row in self._visible_rows():
            table.add_row(*(RichText(c) for c in self._cells(row)), key=str(row.path))
        if not self.rows:
            table.add_row(RichText(self.t("workspace_empty"), style="dim"), "", "", "", "")

    @on(Input.Changed, "#search")
    def _search(self) -> None:
        self._fill_table()

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        self.query_one("#workspace", DataTable).focus()

    def _selected(self) -> Row | None:
        table = self.query_one("#workspace", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((r for r in self.rows if str(r.path) == key), None)

    # ------------------------------------------------------------------ opening

    @on(DataTable.RowSelected, "#workspace")
    def _open_selected(self) -> None:
        row = self._selected()
        if row is None:
            return
        try:
            session = Session.open(self.bundle, row.path)
        except (AssessError, LookupError) as exc:
            self.notify(self.t("cannot_open", error=str(exc)), severity="error", markup=False)
            return
        if session.repaired and session.backup is not None:
            fields = "; ".join(f.split(":")[0] for f in session.repaired)
            message = self.t("repaired", n=len(session.repaired), fields=fields, backup=session.backup.name)
            self.notify(message, severity="warning", timeout=30, markup=False)
        self.open_session(session, results=session.file.status == "complete")

    def open_session(self, session: Session, *, results: bool = False) -> None:
        """Show `session`'s questionnaire (and its results on top when complete)."""
        session.on_save_error = lambda msg: self.notify(
            self.t("save_failed", error=msg), severity="error", markup=False
        )
        self.app.push_screen(QuestionScreen(session), lambda _: self.reload())
        if results:
            from assess.tui.screens.results import show_results

            show_results(self, session)

    def _assessor(self) -> tuple[bool, str | None]:
        if not self.query_one("#consultant", Checkbox).value:
            return True, None
        name = self.query_one("#assessor", Input).value.strip()
        if not name:
            self.notify(self.t("assessor_missing"), severity="warning")
            self.query_one("#assessor", Input).focus()
            return False, None
        return True, name

    def action_new(self, depth: str) -> None:
        """Start a new assessment of the company named in the box."""
        company = self.query_one("#company", Input).value.strip()
        if not company:
            self.notify(self.t("company_missing"), severity="warning")
            self.query_one("#company", Input).focus()
            return
        ok, assessor = self._assessor()
        if ok:
            self.open_session(
                Session.new(self.bundle, self.workspace, company, depth=depth, assessor=assessor, language=self.lang)
            )

    def action_reassess(self) -> None:
        """Start a re-assessment (T1) from the selected assessment (T0)."""
        row = self._selected()
        if row is None or row.file is None:
            self.notify(self.t("no_selection"), severity="warning")
            return
        ok, assessor = self._assessor()
        if ok:
            self.open_session(Session.reassess(self.bundle, self.workspace, row.file, assessor))
            self.notify(self.t("reassessment_started"))

    def action_search(self) -> None:
        """Focus the search box."""
        self.query_one("#search", Input).focus()

    @on(Button.Pressed, "#quick")
    def _quick(self) -> None:
        self.action_new("quick")

    @on(Button.Pressed, "#full")
    def _full(self) -> None:
        self.action_new("full")

    @on(Input.Submitted, "#company")
    def _company_entered(self) -> None:
        self.action_new("quick")


def changed_at(af: AnswerFile, today: date | None = None) -> str:
    """When an assessment was last changed, short enough for the table to fit 80 columns: month, day and
    time this year (``11-20 14:30``), the date in earlier years (``2025-11-20``)."""
    local = af.updated_at.astimezone()
    return local.strftime("%m-%d %H:%M" if local.year == (today or date.today()).year else "%Y-%m-%d")
