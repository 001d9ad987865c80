"""The review screen: every visible question with its answer; required questions still open first.

Returns (through ``dismiss``) the id of a question to edit, :data:`REVIEW_RESULTS` to see the
results, or None to go back where the respondent was.
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group
from rich.text import Text as RichText
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from assess.pipeline.session import Session
from assess.tui.screens.base import REVIEW_RESULTS, LangScreen
from assess.tui.widgets.footer import LangFooter
from assess.tui.widgets.sections import numbered_titles
from assess.tui.widgets.wrapped import Hanging

SEPARATORS = ("；", " | ", " / ", " ·· ", " ;; ")
"""Candidates to join the options of a multiple choice, tried in order."""


def separator(labels: list[str]) -> str:
    """The first separator that no option label contains (so that the joined answer reads unambiguously)."""
    return next((sep for sep in SEPARATORS if not any(sep.strip() in label for label in labels)), " || ")


class ReviewScreen(LangScreen[str | None]):
    """All answers, with jump-to-edit."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "返回"),
        Binding("f10", "results", "结果"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        yield Static(id="review-title", classes="title")
        yield OptionList(id="review")
        yield Static(id="review-hint", classes="hint")
        yield LangFooter()

    def on_mount(self) -> None:
        """Fill the list and focus it."""
        self.apply_lang()
        self.query_one("#review", OptionList).focus()

    def apply_lang(self) -> None:
        """(Re)build every row in the current language."""
        s = self.session
        open_ids = s.required_open()
        title = (
            self.t("review_title")
            + ("　" if self.lang == "zh" else "   ")
            + self.t("answered_of", answered=sum(s.is_answered(q.id) for q in s.visible()), shown=len(s.visible()))
        )
        self.query_one("#review-title", Static).update(title)
        self.query_one("#review-hint", Static).update(self.t("review_hint"))
        rows: list[Option | None] = []
        if open_ids:
            rows.append(Option(RichText(self.t("open_required", n=len(open_ids)), style="bold red"), disabled=True))
            rows += [self._row(qid, prefix="!") for qid in open_ids]
        sections = s.sections()
        titles = numbered_titles([(self.txt(sec.title), bool(qs)) for sec, qs in sections], self.lang)
        for (_section, questions), title in zip(sections, titles, strict=True):
            if not questions:
                continue
            rows.append(Option(RichText(title, style="bold"), disabled=True))
            rows += [self._row(q.id) for q in questions]
        widget = self.query_one("#review", OptionList)
        widget.set_options(rows)
        widget.highlighted = next((i for i, r in enumerate(rows) if r is not None and not r.disabled), None)

    def _row(self, qid: str, prefix: str = " ") -> Option:
        s = self.session
        answer = s.file.answers.get(qid)
        q = s.engine.questions[qid]
        shown = self.txt(s.engine.display(qid, answer)) if s.is_answered(qid) else self.t("not_answered")
        if q.kind == "multi" and answer is not None and isinstance(answer.value, list) and answer.special is None:
            labels = [self.txt(o.label) for o in s.engine.options[qid].values()]
            chosen = [self.txt(s.engine.options[qid][c].label) for c in answer.value if c in s.engine.options[qid]]
            shown = separator(labels).join(chosen)
        text = RichText(shown, style="cyan" if s.is_answered(qid) else "dim")
        if answer is not None and answer.to_confirm:
            text.append(" *", style="yellow")
        if answer is not None and answer.verified:
            text.append(" ✓", style="green")
        prompt = Group(Hanging(f"{prefix} ", RichText(self.txt(q.label))), Hanging("    ", text))
        return Option(prompt, id=f"{prefix}{qid}")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Edit the chosen question."""
        if event.option.id:
            self.dismiss(event.option.id[1:])

    def action_back(self) -> None:
        """Back to the question."""
        self.dismiss(None)

    def action_results(self) -> None:
        """Ask for the results."""
        self.dismiss(REVIEW_RESULTS)
