"""`briefs serve`: the live preview in a browser."""

from __future__ import annotations

import contextlib

import click

from briefs.cli.build import split_names
from briefs.cli.common import handle_errors, locale_option, open_workspace, profile_option, select
from briefs.cli.completion import complete_documents


@click.command()
@click.argument("docs", nargs=-1, shell_complete=complete_documents)
@locale_option
@profile_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (this machine only, unless you give another).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on (0: any free port).")
@click.option("--format", "formats", multiple=True, metavar="NAME[,NAME...]",
              callback=lambda _ctx, _param, values: split_names(values),
              help="Also make and show these output formats (html, social, png...).")
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in a browser.")
@click.pass_context
@handle_errors
def serve(ctx: click.Context, docs: tuple[str, ...], locales: tuple[str, ...],
          profile_name: str | None, host: str, port: int, formats: tuple[str, ...],
          open_browser: bool) -> None:
    """Preview documents in a browser; every save rebuilds them and refreshes the page."""
    from briefs.core.diagnostics import Diagnostics
    from briefs.formats.registry import UnknownFormat, load_formats
    from briefs.preview.http import ServeOptions
    from briefs.preview.http import serve as run_server
    from briefs.render.profiles import UnknownProfile, select_profiles

    workspace = open_workspace(ctx)
    select(workspace, docs, locales)
    names = (profile_name,) if profile_name else ()
    try:
        profiles = tuple(select_profiles(workspace.config, names))
        load_formats(Diagnostics()).select(formats)
    except (UnknownProfile, UnknownFormat) as exc:
        raise click.UsageError(str(exc)) from exc
    options = ServeOptions(host=host, port=port, docs=docs, locales=locales, profiles=profiles,
                           formats=formats, open_browser=open_browser)
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl+C ends a preview: not a failure
        run_server(workspace.root, workspace.output_dir, options,
                   log=lambda message: click.echo(message, err=True), echo=click.echo)
    click.echo("Shutting down.", err=True)
