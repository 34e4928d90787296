"""Build progress on stderr: a live bar on a terminal, plain lines elsewhere, one summary.

Both are build listeners (`pipeline/events.py`); neither looks inside the build.
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


MAX_LISTED = 5
"""How many written paths a person at a terminal sees after the summary (pipes get all)."""


def list_written(paths: list[str], quiet: bool) -> None:
    """The paths written, on stdout: every one for a pipe, a script or --quiet; on a terminal,
    a few and a count, so that the summary line is not scrolled away by 18 paths."""
    import click

    if quiet or not sys.stdout.isatty() or len(paths) <= MAX_LISTED:
        for path in paths:
            click.echo(path)
        return
    for path in paths[:MAX_LISTED - 1]:
        click.echo(path)
    folder = os.path.commonpath(paths)
    click.echo(f"... and {len(paths) - MAX_LISTED + 1} more in {folder}/ ({folder}/manifest.json "
               "lists them all; a pipe or --quiet prints every path)")


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
        from briefs.pipeline.events import Failed, Finished, Fitted, Note, Rendered

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
        self.workers = 1
        self.estimate = Estimate()

    def __enter__(self) -> ProgressBar:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Take the bar off the screen (before diagnostics are printed)."""
        self.progress.stop()

    def __call__(self, event: Any) -> None:
        from briefs.pipeline.events import Failed, Finished, Fitted, Note, Planned, Started

        if isinstance(event, Planned):
            self.workers = event.workers
            self.estimate.to_do = len(event.outputs)
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
                self.estimate.done(getattr(event, "seconds", None))
            elif not isinstance(event, Failed):  # found up to date; not one that failed checks
                self.estimate.done(None)
            if isinstance(event, Failed):
                self.progress.console.print(f"  failed {event.output.id} ({event.reason})",
                                            markup=False)
            self.progress.advance(self.task)
            self._show()

    def _show(self) -> None:
        self.progress.update(self.task, current=now_rendering(self.current, self.workers,
                                                              self.estimate))


def now_rendering(sent: list[str], workers: int, estimate: Estimate) -> str:
    """`rendering a.en, a.fr · 14 queued · about 40 s left`: the renderer takes outputs in the
    order they were sent, `workers` at a time; the rest wait (they are not shown as rendering)."""
    rendering, queued = sent[:workers], len(sent) - min(len(sent), workers)
    parts = []
    if rendering:
        shown = ", ".join(rendering[:MAX_CURRENT])
        if len(rendering) > MAX_CURRENT:
            shown += f" and {len(rendering) - MAX_CURRENT} more"
        parts.append(f"rendering {shown}")
    if queued:
        parts.append(f"{queued} queued")
    left = estimate.seconds_left(workers)
    if left is not None:
        parts.append(f"about {_duration(left)} left")
    return " · ".join(parts)


class Estimate:
    """Time left: the mean render time of the outputs done so far, times those still to do,
    shared among the workers (outputs found up to date cost nothing and are not counted)."""

    def __init__(self) -> None:
        self.to_do = 0
        self.timed: list[float] = []

    def done(self, seconds: float | None) -> None:
        self.to_do = max(0, self.to_do - 1)
        if seconds is not None:
            self.timed.append(seconds)

    def seconds_left(self, workers: int) -> float | None:
        if not self.timed or not self.to_do:
            return None
        return sum(self.timed) / len(self.timed) * self.to_do / max(1, workers)


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{max(1, round(seconds))} s"
    return f"{int(seconds // 60)} min {round(seconds % 60):02d} s"


def progress_listener(reporter: Reporter) -> ProgressLines | ProgressBar:
    """A bar for a person at a terminal; plain lines in CI, in a pipe, or under --quiet."""
    if reporter.quiet or not live_terminal():
        return ProgressLines(reporter)
    return ProgressBar(reporter)
