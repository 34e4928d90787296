"""The `briefs` command line: one module per command group, all listed here."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from briefs import __version__
from briefs.cli.brand import brand
from briefs.cli.build import build
from briefs.cli.check import check, preflight
from briefs.cli.common import EXIT_FAILED, EXIT_OK, EXIT_USAGE, color_wanted
from briefs.cli.doctor import doctor
from briefs.cli.documents import init, kinds, list_documents, new
from briefs.cli.fonts import fonts
from briefs.cli.i18n import i18n
from briefs.cli.manifest import manifest
from briefs.cli.schema import schema
from briefs.cli.serve import serve
from briefs.cli.server import server
from briefs.cli.watch import watch

WORKSPACE_HELP = "Workspace folder (or any folder in it)."


@click.group(context_settings={"help_option_names": ["-h", "--help"]},
             invoke_without_command=True)
@click.option("-w", "--workspace", type=click.Path(file_okay=False, path_type=Path),
              default=Path("."), show_default=True, help=WORKSPACE_HELP)
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
@click.version_option(__version__, prog_name="briefs")
@click.pass_context
def cli(ctx: click.Context, workspace: Path, debug: bool) -> None:
    """Build branded PDF key-message briefs, event flyers and fact sheets from YAML content.

    Global options (--workspace/-w, --debug) can also be given after the command.
    """
    ctx.obj = {"workspace": workspace, "debug": debug}
    if ctx.invoked_subcommand is None:  # bare `briefs`: the help, which is not a mistake
        click.echo(ctx.get_help(), color=color_wanted(sys.stdout))
        ctx.exit(EXIT_OK)


for command in (init, new, list_documents, kinds, check, build, watch, serve, server, doctor,
                fonts, schema, preflight, manifest, i18n, brand):
    cli.add_command(command)


def _remember(ctx: click.Context, param: click.Parameter, value: Any) -> None:
    """A global option given after the command: it wins over the one before it."""
    if value is None or value is False:
        return
    root = ctx.find_root()
    root.obj = root.obj if isinstance(root.obj, dict) else {}
    root.obj[str(param.name)] = value


def _commands(group: click.Group) -> Iterator[click.Command]:
    for command in group.commands.values():
        yield command
        if isinstance(command, click.Group):
            yield from _commands(command)


for command in _commands(cli):
    command.params += [
        click.Option(["-w", "--workspace"], type=click.Path(file_okay=False, path_type=Path),
                     expose_value=False, callback=_remember, help=WORKSPACE_HELP),
        click.Option(["--debug"], is_flag=True, default=None, expose_value=False,
                     callback=_remember, help="Show tracebacks of internal errors."),
    ]


def main() -> None:
    """The `briefs` command (a build it runs may be handed to a running build server)."""
    try:
        cli.main(prog_name="briefs", standalone_mode=False)
    except (click.ClickException, click.Abort, click.exceptions.Exit) as exc:
        sys.exit(_exit_code(exc))
    except BrokenPipeError:
        _quiet_broken_pipe()
    finally:
        _before_exit()


def _before_exit() -> None:
    """The command is done: what it made is moved out of the garbage collector's reach.

    Python's exit collects garbage over every object still alive (the imports, pydantic's
    models, the workspace) before it frees them: 70 ms of a one-document build's 1.1 s wall
    and CPU, measured (docs/performance.md). Frozen, they are freed without that walk; a
    normal exit otherwise (atexit, buffers flushed), so a caller of `main` sees no change.
    """
    gc.freeze()


def _exit_code(exc: Exception) -> int:
    """Show a click exception as the command line does; its exit code."""
    if isinstance(exc, click.exceptions.Exit):
        return exc.exit_code
    if isinstance(exc, click.Abort):
        click.echo("Aborted.", err=True)
        return EXIT_FAILED
    assert isinstance(exc, click.ClickException)
    exc.show()
    return EXIT_USAGE if isinstance(exc, click.UsageError) else EXIT_FAILED


def _quiet_broken_pipe() -> None:
    """The reader of our output went away (`briefs list | head -1`): stop without a word.

    Python would complain again while flushing stdout at exit, so stdout is pointed at
    /dev/null first (the recipe of the `signal` module's documentation).
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(EXIT_OK)
