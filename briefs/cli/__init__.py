"""The `briefs` command line: one module per command group, all listed here."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from briefs import __version__
from briefs.cli.build import build
from briefs.cli.check import check, preflight
from briefs.cli.common import EXIT_FAILED, EXIT_USAGE
from briefs.cli.documents import init, kinds, list_documents, new
from briefs.cli.i18n import i18n
from briefs.cli.manifest import manifest
from briefs.cli.serve import serve


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-w", "--workspace", type=click.Path(file_okay=False, path_type=Path),
              default=Path("."), show_default=True, help="Workspace folder (or any folder in it).")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
@click.version_option(__version__, prog_name="briefs")
@click.pass_context
def cli(ctx: click.Context, workspace: Path, debug: bool) -> None:
    """Build branded PDF key-message briefs, event flyers and fact sheets from YAML content."""
    ctx.obj = {"workspace": workspace, "debug": debug}


for command in (init, new, list_documents, kinds, check, build, serve, preflight, manifest,
                i18n):
    cli.add_command(command)


def main() -> None:
    try:
        cli.main(standalone_mode=False)
    except click.UsageError as exc:
        exc.show()
        sys.exit(EXIT_USAGE)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_FAILED)
    except click.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(EXIT_FAILED)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
