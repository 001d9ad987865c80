"""The terminal app: a thin :class:`AssessApp` that owns the language and pushes the start screen.

Everything a respondent does happens on a screen (``assess/tui/screens/``); answers change only
through :class:`assess.pipeline.session.Session`, which saves after every change. ``ctrl+q`` asks each
open screen to save what can be saved, then exits. Entry point for the CLI: :func:`run_app`.

Start-up creates tens of thousands of objects (modules, questionnaire models, widgets) that live as
long as the app; the cyclic garbage collector would only scan them again and again while they are made
(about a fifth of the start-up time). It is paused while this module's imports load and while the app
builds its first screen; then what start-up made is frozen (:func:`gc.freeze`, never scanned again) and
collection resumes.
"""

from __future__ import annotations

import gc

_COLLECTING = gc.isenabled()
gc.disable()  # until the end of this module

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.notifications import SeverityLevel
from textual.reactive import reactive
from textual.screen import Screen

from assess.domain.text import Lang
from assess.files.bundle_cache import load_bundle_cached
from assess.tui.linebreak import wrap
from assess.tui.screens.base import LangScreen
from assess.tui.strings import tr
from assess.tui.widgets.footer import LangFooter

if TYPE_CHECKING:
    from assess.files.loading import Bundle


class AssessApp(App[None]):
    """The self-assessment app.

    Args:
        bundle: the loaded questionnaires and supports catalog.
        workspace: the folder of saved assessments.
        consultant: the consultant's name (turns consultant mode on for new assessments).
        lang: ``zh`` or ``en``; F3 switches at any time.
    """

    CSS_PATH = "app.tcss"
    TITLE = "assess"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit_safely", "退出", priority=True),
        Binding("f3", "toggle_language", "语言", priority=True),
    ]

    lang: reactive[Lang] = reactive("zh", init=False)
    """The interface and questionnaire language."""

    def __init__(self, bundle: Bundle, workspace: Path, consultant: str | None = None, lang: Lang = "zh") -> None:
        _pause_collection()  # until the first screen is up
        super().__init__()
        self.bundle = bundle
        self.workspace = workspace
        self.consultant = consultant
        self.set_reactive(AssessApp.lang, lang)

    def on_mount(self) -> None:
        """Show the start screen."""
        from assess.tui.screens.start import StartScreen

        self.title = tr("app_title", self.lang)
        self.push_screen(StartScreen(self.bundle, self.workspace, self.consultant))
        self.call_after_refresh(_resume_collection)

    def watch_lang(self, lang: Lang) -> None:
        """Redraw every open screen and footer in the new language; record it in the open assessment."""
        self.title = tr("app_title", lang)
        for screen in self.screen_stack:
            if isinstance(screen, LangScreen):
                screen.apply_lang()
                session = getattr(screen, "session", None)
                if session is not None:
                    session.set_language(lang)
            for footer in screen.query(LangFooter):
                footer.refresh()
        self.clear_notifications()  # no message is left in the other language
        self.notify(tr("lang_switched", lang), timeout=2)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """A notification (toast) whose text is wrapped by the Chinese rules of :mod:`assess.tui.linebreak`
        (no 。 at a line start, numbers and paths' words kept whole) to the width of a toast."""
        if not markup or "[" not in message:
            message = "\n".join(wrap(message, toast_text_width(self.size.width)))
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def action_toggle_language(self) -> None:
        """Switch between 中文 and English."""
        self.lang = "en" if self.lang == "zh" else "zh"

    def action_quit_safely(self) -> None:
        """Save what every open screen holds, then quit."""
        for screen in self.screen_stack:
            flush = getattr(screen, "flush", None)
            if callable(flush):
                flush()
        self.exit()

    def action_help_quit(self) -> None:
        """Ctrl+C: say how to quit (in the current language)."""
        self.notify(tr("quit_hint", self.lang))

    def action_command_palette(self) -> None:
        """The command palette, with a placeholder in the current language."""
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(CommandPalette(placeholder=tr("palette_placeholder", self.lang), id="--command-palette"))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Command palette entries, in the current language."""
        zh = self.lang == "zh"
        yield SystemCommand(
            "切换语言 English" if zh else "Language 中文",
            "中文／English" if zh else "Switch language",
            self.action_toggle_language,
        )
        for action, zh_title, en_title in _SCREEN_COMMANDS:
            if screen.check_action(action, ()) and hasattr(screen, f"action_{action}"):
                yield SystemCommand(zh_title if zh else en_title, "", getattr(screen, f"action_{action}"))
        yield SystemCommand("退出（已自动保存）" if zh else "Quit (everything is saved)", "", self.action_quit_safely)
        yield SystemCommand("主题" if zh else "Theme", "更换配色" if zh else "Change colours", self.action_change_theme)


_SCREEN_COMMANDS = (
    ("review", "复核答案", "Review answers"),
    ("results", "查看结果", "Show results"),
    ("export", "导出 PDF 报告", "Export the PDF report"),
    ("help", "显示／隐藏说明", "Show or hide help"),
    ("reassess", "以所选评估开始复评", "Re-assess the selected company"),
)


def run_app(workspace: Path | None, consultant: str | None, lang: str) -> None:
    """Run the app until the respondent quits (the CLI's ``assess`` / ``assess tui``).

    Args:
        workspace: folder of saved assessments (default: the user data directory).
        consultant: consultant's name, for consultant mode.
        lang: ``zh`` or ``en``.
    """
    from assess.files.storage import default_workspace

    bundle = load_bundle_cached()
    app = AssessApp(bundle, workspace or default_workspace(), consultant, "en" if lang == "en" else "zh")
    app.run()


def toast_text_width(screen_width: int) -> int:
    """Cells of text in a toast on a screen `screen_width` wide: the toast is 60 cells wide but at most
    half the screen (app.tcss), less its padding and its coloured left border (and one cell for rounding)."""
    return max(10, min(60, screen_width // 2) - 4)


_gc = {"paused": False, "frozen": False}
"""The app paused the collector; start-up objects were frozen (by the first app of a process only)."""


def _pause_collection() -> None:
    """Pause the cyclic garbage collector while the app builds its first screen."""
    if gc.isenabled():
        gc.disable()
        _gc["paused"] = True


def _resume_collection() -> None:
    """The first screen is up: freeze what start-up made (once a process: later it would freeze garbage
    of earlier apps) and resume collection."""
    if _gc["paused"]:
        if not _gc["frozen"]:
            gc.freeze()
            _gc["frozen"] = True
        gc.enable()
        _gc["paused"] = False


if _COLLECTING:
    gc.freeze()  # the modules just loaded live as long as the process: never scan them
    gc.enable()
