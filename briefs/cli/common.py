"""What every command shares: reporting diagnostics, exit codes, options, choosing outputs."""

from __future__ import annotations

import json
import os
import sys
import traceback
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from briefs.cli.completion import complete_locales
from briefs.core.diagnostics import (
    BriefsError,
    Diagnostic,
    Diagnostics,
    Severity,
    summary_line,
)

if TYPE_CHECKING:
    from briefs.content.config import Workspace
    from briefs.pipeline.events import Listener
    from briefs.pipeline.session import BuildOptions, BuildSession

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
F = TypeVar("F", bound=Callable[..., Any])


class Reporter:
    """Writes diagnostics and progress to stderr, coloured only on a terminal without NO_COLOR."""

    def __init__(self, root: Path | None, quiet: bool = False) -> None:
        self.root = root
        self.quiet = quiet
        self.color = color_wanted()

    def diagnostic(self, diagnostic: Diagnostic) -> None:
        line = diagnostic.format(self.root)
        if self.color:
            color = "red" if diagnostic.severity is Severity.ERROR else "yellow"
            word = diagnostic.severity.value + ":"
            line = line.replace(word, click.style(word, fg=color, bold=True), 1)
        click.echo(line, err=True, color=self.color)
        for excerpt in diagnostic.excerpt():
            click.echo(excerpt, err=True)

    def all(self, diagnostics: Diagnostics) -> None:
        for diagnostic in diagnostics:
            self.diagnostic(diagnostic)

    def progress(self, message: str) -> None:
        if not self.quiet:
            click.echo(f"  {message}", err=True)

    def line(self, message: str) -> None:
        """A line for the person running the command (stderr), unless quiet."""
        if not self.quiet:
            click.echo(message, err=True)


def handle_errors(command: F) -> F:
    """Map BriefsError and write failures to exit 1, unexpected exceptions to exit 3."""
    from briefs.output.writer import WriteError

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (BriefsError, WriteError) as exc:
            diagnostics = exc.diagnostics if isinstance(exc, BriefsError) else \
                [Diagnostic(Severity.ERROR, exc.message, exc.path)]
            reporter = Reporter(_workspace_root())
            for diagnostic in diagnostics:
                reporter.diagnostic(diagnostic)
            errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
            click.echo(summary_line(errors), err=True)
            sys.exit(EXIT_FAILED)
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit,
                BrokenPipeError):
            raise
        except Exception as exc:
            if debugging():
                traceback.print_exc()
            else:
                click.echo(f"internal error: {type(exc).__name__}: {exc} (run with --debug for "
                           "the traceback, and please report it)", err=True)
            sys.exit(EXIT_INTERNAL)

    return wrapper  # type: ignore[return-value]


def debugging() -> bool:
    """Whether --debug was given (before or after the command)."""
    context = click.get_current_context(silent=True)
    obj = context.find_root().obj if context is not None else None
    return bool(obj.get("debug")) if isinstance(obj, dict) else False


def color_wanted(stream: Any = None) -> bool:
    """Colour on a terminal, or anywhere under FORCE_COLOR (CI logs show colour); never
    under NO_COLOR (any value, https://no-color.org) or, unless forced, TERM=dumb."""
    if "NO_COLOR" in os.environ:
        return False
    if os.environ.get("FORCE_COLOR", "") not in ("", "0"):
        return True
    stream = stream or sys.stderr
    return stream.isatty() and os.environ.get("TERM") != "dumb"


def _workspace_root() -> Path | None:
    """The workspace the command runs in, to show paths relative to it (None if unknown)."""
    from briefs.core.workspace import quick_root

    context = click.get_current_context(silent=True)
    start = (context.find_root().obj or {}).get("workspace") if context else None
    return quick_root(Path(start)) if start is not None else None


locale_option = click.option("-l", "--locale", "locales", multiple=True,
                             shell_complete=complete_locales,
                             help="Only these locales (repeatable).")
strict_option = click.option("--strict", is_flag=True, help="Treat warnings as errors.")
json_option = click.option("--json", "as_json", is_flag=True,
                           help="Print a JSON report on stdout.")
profile_option = click.option("--profile", "profile_name", metavar="screen|print|all",
                              help="Output profile (default: `profile` in briefs.yaml, "
                                   "else screen).")


def open_workspace(ctx: click.Context) -> Workspace:
    from briefs.content.config import load_workspace

    return load_workspace(ctx.obj["workspace"])


def select(workspace: Workspace, docs: tuple[str, ...],
           locales: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """The documents and locales a command works on (all when none are named); the same
    rule as a build's (`build.request.select`), an unknown one a usage error."""
    from briefs.pipeline.request import BadRequest
    from briefs.pipeline.request import select as select_outputs

    try:
        return select_outputs(workspace, docs, locales)
    except BadRequest as exc:
        raise click.UsageError(str(exc)) from exc


def open_session(workspace: Workspace, options: BuildOptions,
                 listeners: list[Listener] | None = None) -> BuildSession:
    """A build session, with an unknown profile name as a usage error."""
    from briefs.formats.registry import UnknownFormat
    from briefs.pipeline.session import BuildSession
    from briefs.render.profiles import UnknownProfile

    try:
        return BuildSession(workspace, options, listeners or [])
    except (UnknownProfile, UnknownFormat) as exc:
        raise click.UsageError(str(exc)) from exc


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def finish(reporter: Reporter, diagnostics: Diagnostics, strict: bool, as_json: bool,
           report: dict[str, Any], built: int) -> None:
    """Print every diagnostic and the JSON report; exit 1 when there were errors."""
    reporter.all(diagnostics)
    errors = diagnostics.failing(strict)
    if as_json:
        report = {"ok": errors == 0, **report,
                  "diagnostics": [d.as_json(reporter.root) for d in diagnostics]}
        click.echo(json.dumps(report, indent=2, ensure_ascii=False, sort_keys=True))
    if errors:
        if built:  # the same words as the progress summary ("0 built, 2 up to date")
            click.echo(f"Finished with {plural(errors, 'error')}; "
                       f"{plural(built, 'output')} built or up to date.", err=True)
        else:
            click.echo(summary_line(errors), err=True)
        fail()


def fail() -> NoReturn:
    sys.exit(EXIT_FAILED)
