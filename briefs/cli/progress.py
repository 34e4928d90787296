"""Build progress on stderr: a live bar on a terminal, plain lines elsewhere, one summary.

Both are build listeners (`build/events.py`); neither looks inside the build.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any

from briefs.cli.common import Reporter, plural

MAX_CURRENT = 3
"""How many outputs being rendered the bar names at once."""


def summary(rendered: int, up_to_date: int, failed: int, seconds: float) -> str:
    """`12 built, 3 up to date, 1 failed in 4.2 s`."""
    return f"{rendered} built, {up_to_date} up to date, {failed} failed in {seconds:.1f} s"


def live_terminal() -> bool:
    """A person watching a terminal: not piped, not CI, not a dumb terminal."""
    return sys.stderr.isatty() and not os.environ.get("CI") and \
        os.environ.get("TERM") != "dumb"


class ProgressLines:
    """A build listener that prints one plain line per step to stderr (CI, pipes, logs)."""

    def __init__(self, reporter: Reporter) -> None:
        self.reporter = reporter
        self.started = time.monotonic()

    def __call__(self, event: Any) -> None:
        from briefs.build.events import Failed, Finished, Fitted, Note, Rendered

        if isinstance(event, Note | Fitted):
            self.reporter.progress(event.message)
        elif isinstance(event, Rendered):
            self.reporter.progress(f"rendered {event.output.id} "
                                   f"({plural(event.pages, 'page')})")
        elif isinstance(event, Failed):
            self.reporter.progress(f"failed {event.output.id} ({event.reason})")
        elif isinstance(event, Finished) and not self.reporter.quiet:
            self.reporter.line(summary(event.rendered, event.up_to_date, event.failed,
                                       time.monotonic() - self.started))

    def __enter__(self) -> ProgressLines:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Nothing to take down: every line is already written."""


class ProgressBar:
    """A build listener drawing rich's progress bar: done/total, what is being rendered,
    elapsed time; it leaves one summary line behind."""

    def __init__(self, reporter: Reporter) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        self.reporter = reporter
        self.started = time.monotonic()
        self.console = Console(stderr=True, highlight=False)
        self.progress = Progress(
            SpinnerColumn(), TextColumn("building"), BarColumn(), MofNCompleteColumn(),
            TimeElapsedColumn(), TextColumn("{task.fields[current]}"),
            console=self.console, transient=True)
        self.task = self.progress.add_task("build", total=None, current="loading content")
        self.current: list[str] = []

    def __enter__(self) -> ProgressBar:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Take the bar off the screen (before diagnostics are printed)."""
        self.progress.stop()

    def __call__(self, event: Any) -> None:
        from briefs.build.events import Failed, Finished, Fitted, Note, Planned, Started

        if isinstance(event, Planned):
            self.progress.update(self.task, total=len(event.outputs) + len(event.failed),
                                 current="")
        elif isinstance(event, Note | Fitted):
            self.progress.console.print(f"  {event.message}", markup=False)

        elif isinstance(event, Started):
            self.current.append(event.output.id)
            self._show()
        elif isinstance(event, Finished):
            self.progress.stop()
            self.reporter.line(summary(event.rendered, event.up_to_date, event.failed,
                                       time.monotonic() - self.started))
        elif hasattr(event, "output"):  # Rendered, UpToDate, Failed: one more done
            if event.output.id in self.current:
                self.current.remove(event.output.id)
            if isinstance(event, Failed):
                self.progress.console.print(f"  failed {event.output.id} ({event.reason})",
                                            markup=False)
            self.progress.advance(self.task)
            self._show()

    def _show(self) -> None:
        shown = ", ".join(self.current[:MAX_CURRENT])
        if len(self.current) > MAX_CURRENT:
            shown += f" and {len(self.current) - MAX_CURRENT} more"
        self.progress.update(self.task, current=shown)


def progress_listener(reporter: Reporter) -> ProgressLines | ProgressBar:
    """A bar for a person at a terminal; plain lines in CI, in a pipe, or under --quiet."""
    if reporter.quiet or not live_terminal():
        return ProgressLines(reporter)
    return ProgressBar(reporter)
