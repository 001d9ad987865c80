"""The right answer widget for each question kind, and reading a value back from it.

| Kind | Widget |
|---|---|
| single, ladder, yes/no | :class:`ChoiceList` (number keys, one choice) |
| multi | :class:`ChoiceList` (number keys / space tick; exclusive options clear the others) |
| number, percent, text, date | :class:`Input` (parsed by the engine: full-width digits, 1,200, 2024/5/1 ...) |
| longtext | :class:`TextArea` |
"""

from __future__ import annotations

from rich.markup import escape
from textual.widget import Widget
from textual.widgets import Input

from assess.domain.answers import Answer, AnswerValue
from assess.domain.questionnaire import Option, Question
from assess.domain.text import Lang, fmt_number
from assess.engine import Engine
from assess.tui.strings import colon, glossary, paren, tr
from assess.tui.widgets.choice import Choice, ChoiceList
from assess.tui.widgets.limited import LimitedInput

Special = str | None
"""``na``, ``dk`` or None."""


def make_widget(
    q: Question, options: dict[str, Option], answer: Answer | None, lang: Lang, typed: str | None = None
) -> Widget:
    """The answer widget for `q`, showing the saved `answer` (or `typed`, unsaved text)."""
    value = answer.value if answer is not None and answer.special is None else None
    if q.kind in ("single", "ladder", "multi"):
        choices = [Choice(code, o.label.get(lang), exclusive=o.exclusive) for code, o in options.items()]
        selected = value if isinstance(value, list) else [value] if isinstance(value, str) else []
        return ChoiceList(choices, multi=q.kind == "multi", selected=selected, id="choice")
    if q.kind == "yesno":
        choices = [Choice("yes", tr("yes", lang)), Choice("no", tr("no", lang))]
        chosen = [] if not isinstance(value, bool) else ["yes" if value else "no"]
        return ChoiceList(choices, multi=False, selected=chosen, id="choice")
    text = typed if typed is not None else "" if value is None else str(value)
    if q.kind == "longtext":
        from assess.tui.widgets.limited import limited_text_area  # only long-text questions need a text area

        return limited_text_area(text, id="longtext", soft_wrap=True, max_length=q.max_length)
    limit = q.max_length if q.kind == "text" else 0  # the format's limit, typed where it applies
    return LimitedInput(text, id="input", placeholder="2024-05-01" if q.kind == "date" else "", max_length=limit)


def typed_text(widget: Widget | None) -> str | None:
    """Text in an input or text area (None for a choice list)."""
    if isinstance(widget, Input):
        return widget.value
    if widget is not None and widget.id == "longtext":
        return str(getattr(widget, "text", ""))
    return None


def read_value(q: Question, widget: Widget | None, engine: Engine) -> tuple[AnswerValue | None, Special]:
    """The answer in `widget` as (value, special); (None, None) when empty.

    Raises:
        ParseError: typed text that is not an answer to `q` (the message is bilingual).
    """
    if isinstance(widget, ChoiceList):
        selected = widget.selected
        if q.kind == "multi":
            return (list(selected) or None, None)
        if q.kind == "yesno":
            return ((selected[0] == "yes") if selected else None, None)
        return (selected[0] if selected else None, None)
    typed = (typed_text(widget) or "").strip()
    if not typed:
        return (None, None)
    if q.kind in ("text", "longtext"):
        return (typed, None)
    parsed = engine.parse(q, typed)
    return (parsed.value, parsed.special)


def hint(q: Question, lang: Lang) -> str:
    """One line under the widget: which keys to use, the unit and the accepted range."""
    if q.kind in ("single", "ladder", "yesno"):
        return tr("choose_hint", lang)
    if q.kind == "multi":
        return tr("multi_hint", lang)
    if q.kind == "date":
        return tr("date_hint", lang)
    if q.kind == "longtext":
        return tr("longtext_hint", lang)
    if q.kind not in ("number", "percent"):
        return tr("text_hint", lang)
    parts = [tr("number_hint", lang)]
    if q.unit or q.kind == "percent":
        unit = q.unit.get(lang) if q.unit else "%"
        parts.append(paren(unit, lang))
    lo, hi = q.bounds
    if lo is not None and hi is not None:
        parts.append("　" + tr("range", lang, lo=fmt_number(lo), hi=fmt_number(hi)))
    return "".join(parts)


def help_markup(q: Question, options: dict[str, Option], lang: Lang) -> str:
    """The help text of `q` and of its options (escaped markup)."""
    lines = [q.help.get(lang)] if q.help else []
    for i, o in enumerate(options.values(), start=1):
        if o.help:
            lines.append(f"{i}. {o.label.get(lang)}{colon(lang)}{o.help.get(lang)}")
    return escape("\n".join(lines) or tr("no_help", lang))


def status_line(q: Question, answer: Answer | None, engine: Engine, lang: Lang) -> str:
    """Above the widget: a pre-filled answer to confirm, or the n/a / don't-know already given."""
    if answer is None or not (answer.to_confirm or answer.special is not None):
        return ""
    shown = engine.display(q.id, answer).get(lang)
    return tr("to_confirm" if answer.to_confirm else "special_given", lang, value=shown)


def glossary_markup(text: str, lang: Lang) -> str:
    """Explanations of the jargon in `text`, as lines to add under the help (escaped markup; '' if none)."""
    found = glossary(text, lang)
    return escape("\n\n" + "\n".join(found)) if found else ""
