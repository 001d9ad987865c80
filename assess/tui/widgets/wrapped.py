"""Rich renderables that wrap Chinese text by :mod:`assess.tui.linebreak` (no 。 at a line start, no split
50万元 or GB/T) instead of Rich's character folding; styles of the text are kept."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text as RichText

from assess.tui.linebreak import break_offsets


def wrap_text(text: RichText, width: int) -> list[RichText]:
    """`text` as styled lines of at most `width` cells."""
    return [text[a:b] for a, b in break_offsets(text.plain, width)]


class Wrapped:
    """`text` wrapped to the width it is given (a drop-in for a ``Text`` in a ``Static``)."""

    def __init__(self, text: RichText | str) -> None:
        self.text = text if isinstance(text, RichText) else RichText(text)

    def __str__(self) -> str:
        """The plain text (what tests and screen readers look for)."""
        return self.text.plain

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield RichText("\n").join(wrap_text(self.text, options.max_width))

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        longest = max((cell_len(x) for x in self.text.plain.splitlines()), default=0)
        return Measurement(min(4, longest), min(options.max_width, longest))


class Hanging:
    """`head`, then `body` wrapped so that its later lines start under its first (a hanging indent).

    (A ``Table.grid`` does the same but costs about 80 ms more to lay out a question.)"""

    def __init__(self, head: str, body: RichText) -> None:
        self.head = head
        self.body = body

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        indent = cell_len(self.head)
        lines = wrap_text(self.body, max(1, options.max_width - indent))
        out = RichText()
        for i, line in enumerate(lines):
            out.append(self.head if i == 0 else " " * indent)
            out.append_text(line)
            if i < len(lines) - 1:
                out.append("\n")
        yield out

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        indent = cell_len(self.head)
        longest = max((cell_len(x) for x in self.body.plain.splitlines()), default=0)
        return Measurement(indent + 1, min(options.max_width, indent + longest))
