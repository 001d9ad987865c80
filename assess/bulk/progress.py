"""Progress of a bulk run: a rich progress bar with rate and ETA on a terminal, plain log lines otherwise.

Everything goes to stderr, so stdout stays clean for scripts.
"""

from __future__ import annotations

import sys
import time
from typing import IO, Any

from assess.domain.sanitize import clean


class Progress:
    """Counts finished items and reports; draws a bar on a TTY, logs a line every few seconds otherwise.

    Args:
        enabled: False prints nothing at all.
        total: number of items, when known (for the ETA).
        stream: where to write (stderr by default).
        every: seconds between plain log lines.
    """

    def __init__(
        self, enabled: bool, total: int | None = None, *, stream: IO[str] | None = None, every: float = 5.0
    ) -> None:
        self.enabled = enabled
        self.stream = stream or sys.stderr
        self.total = total
        self.every = every
        self.ok = self.failed = 0
        self.reports_total = self.reports_done = 0
        self.start = self.last = time.monotonic()
        self._bar: Any = None
        self._task: Any = None
        self._rtask: Any = None
        self.tty = enabled and self.stream.isatty()

    def __enter__(self) -> Progress:
        if self.tty:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                TaskProgressColumn,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )
            from rich.progress import Progress as Bar

            self._bar = Bar(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TaskProgressColumn(),
                TextColumn("[cyan]{task.fields[rate]}"),
                TimeElapsedColumn(),
                TimeRemainingColumn(),
                console=Console(file=self.stream),
                transient=False,
            )
            self._bar.start()
            self._task = self._bar.add_task("scoring", total=self.total, rate="")
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()

    def _rate(self) -> float:
        return (self.ok + self.failed) / max(1e-9, time.monotonic() - self.start)

    def advance(self, *, ok: bool) -> None:
        """One item was written (scored, or failed)."""
        if ok:
            self.ok += 1
        else:
            self.failed += 1
        if self._bar is not None:
            self._bar.update(
                self._task,
                advance=1,
                rate=f"{self._rate():.0f}/s",
                description=f"scoring ({self.failed} failed)" if self.failed else "scoring",
            )
        elif self.enabled:
            self._tick()

    def add_report(self) -> None:
        """A report was queued."""
        self.reports_total += 1
        if self._bar is not None:
            if self._rtask is None:
                self._rtask = self._bar.add_task("reports", total=0, rate="")
            self._bar.update(self._rtask, total=self.reports_total)

    def report_done(self) -> None:
        """A report finished."""
        self.reports_done += 1
        if self._bar is not None and self._rtask is not None:
            elapsed = max(1e-9, time.monotonic() - self.start)
            self._bar.update(self._rtask, advance=1, rate=f"{self.reports_done / elapsed:.1f}/s")
        elif self.enabled:
            self._tick()

    def _tick(self) -> None:
        now = time.monotonic()
        if now - self.last >= self.every:
            self.last = now
            self.log(self.line())

    def line(self) -> str:
        """The current state in one line."""
        done = self.ok + self.failed
        of = f"/{self.total}" if self.total else ""
        eta = ""
        if self.total and done:
            eta = f", about {max(0.0, (self.total - done) / self._rate()):.0f} s left"
        reports = f", reports {self.reports_done}/{self.reports_total}" if self.reports_total else ""
        return f"bulk: {done}{of} done ({self.ok} scored, {self.failed} failed), {self._rate():.0f}/s{eta}{reports}"

    def log(self, message: str) -> None:
        """A plain line (printed above the bar on a terminal)."""
        if not self.enabled:
            return
        message = clean(message)  # file names and cell text: no terminal escapes
        if self._bar is not None:
            self._bar.console.print(message, highlight=False, markup=False)
        else:
            print(message, file=self.stream, flush=True)
