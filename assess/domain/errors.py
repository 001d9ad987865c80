"""One family of errors for everything a user can get wrong.

Every error carries a one-line, user-facing message that names the file and, where known, the field.
The CLI prints ``str(error)`` on stderr and exits with :class:`ExitCode.INVALID_INPUT`; no traceback.
"""

from __future__ import annotations

from enum import IntEnum

NAME_SHOWN = 80
"""Longest field name or id quoted in an error line (a hostile file can make one a megabyte long)."""


def shorten(text: str, limit: int = NAME_SHOWN) -> str:
    """`text`, cut to `limit` characters with an ellipsis: what an error line quotes of a name from a file."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


class ExitCode(IntEnum):
    """Documented exit codes of the `assess` command line."""

    OK = 0
    """Everything worked."""
    INVALID_INPUT = 1
    """An input file (answers, questionnaire, catalog, spreadsheet) is invalid; the message names it."""
    USAGE = 2
    """A bad flag or argument."""


class AssessError(Exception):
    """Base class: a problem the user can fix, described in one line.

    Args:
        message: what is wrong, in plain words.
        file: the file concerned, if any.
        field: the field or question id concerned, if any.
        line: 1-based line number in the file, if known.
    """

    def __init__(
        self, message: str, *, file: str | None = None, field: str | None = None, line: int | None = None
    ) -> None:
        self.message = message
        self.file = file
        self.field = field
        self.line = line
        super().__init__(self.one_line())

    def one_line(self) -> str:
        """The message as ``file:line: field: message`` with whatever parts are known."""
        where = ""
        if self.file:
            where = self.file + (f":{self.line}" if self.line else "") + ": "
        field = f"{shorten(self.field)}: " if self.field else ""
        return f"{where}{field}{self.message}".replace("\n", " ")


class DefinitionError(AssessError):
    """A questionnaire or supports catalog file is invalid."""


class AnswersError(AssessError):
    """An answer file is invalid, truncated, of an unknown version, or does not match its questionnaire."""


class ReportError(AssessError):
    """A report could not be rendered (missing font, unwritable output...)."""
