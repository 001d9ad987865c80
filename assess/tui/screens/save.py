"""The "save the report as" dialog: a path prefilled with the current folder and a file named after the
company and the date (made safe: the company name never reaches the file system as typed)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import ClassVar

from rich.text import Text as RichText
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from assess.tui.widgets.wrapped import Wrapped


def default_path(company: str, folder: Path | None = None, today: date | None = None) -> Path:
    """`folder` (default: the current folder) / ``<company>-<date>.pdf``, the name made one safe component."""
    from assess.export import pdf_name

    stamp = (today or date.today()).isoformat()
    return (folder or Path.cwd()).resolve() / pdf_name(f"{company}-{stamp}")


def chosen_path(typed: str, default: Path) -> Path | str:
    """The PDF path the respondent typed (a folder gets the default file name, ``.pdf`` is added), or a
    one-line reason it cannot be used."""
    text = typed.strip()
    if not text:
        return default
    path = Path(text).expanduser()
    if not path.is_absolute():
        path = Path.cwd() / path
    if path.is_dir():
        path = path / default.name
    if path.suffix.lower() != ".pdf":
        path = path.with_name(path.name + ".pdf")
    if not path.parent.is_dir():
        return str(path.parent)
    return path.resolve()


class SaveScreen(ModalScreen[Path | None]):
    """Asks where to save; returns the path, or None when cancelled (escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "取消")]

    def __init__(self, default: Path, texts: dict[str, str]) -> None:
        super().__init__()
        self.default = default
        self.texts = texts

    def compose(self) -> ComposeResult:
        with Vertical(id="save"):
            yield Static(Wrapped(RichText(self.texts["title"], style="bold")))
            yield Input(str(self.default), id="save-path")
            yield Static(Wrapped(self.texts["hint"]), id="save-hint")

    @on(Input.Submitted, "#save-path")
    def _save(self, event: Input.Submitted) -> None:
        found = chosen_path(event.value, self.default)
        if isinstance(found, str):
            message = self.texts["no_folder"].format(folder=found)
            self.query_one("#save-hint", Static).update(Wrapped(RichText(message, style="red")))
            return
        self.dismiss(found)

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)
