"""`briefs schema`: JSON Schemas of the workspace's YAML files, wired for editors."""

from __future__ import annotations

from pathlib import Path

import click

from briefs.cli.common import handle_errors, open_workspace


@click.command()
@click.option("-o", "--output", "folder", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="Folder for the schemas (default: .briefs/schemas).")
@click.option("--vscode/--no-vscode", default=True, show_default=True,
              help="Map the schemas to the files in .vscode/settings.json (yaml.schemas).")
@click.option("--modelines", is_flag=True,
              help="Also name its schema on the first line of each YAML file that names none "
                   "(`# yaml-language-server: $schema=...`; read by every editor's YAML "
                   "language server).")
@click.pass_context
@handle_errors
def schema(ctx: click.Context, folder: Path | None, vscode: bool, modelines: bool) -> None:
    """Write JSON Schemas for briefs.yaml, brand.yaml, document.yaml and each kind's locale
    files (run it again after adding a document or a kind)."""
    from briefs.scaffold.editor import wire_editors

    workspace = open_workspace(ctx)
    target = folder if folder is None or folder.is_absolute() else Path.cwd() / folder
    wired = wire_editors(workspace, folder=target, vscode=vscode, modelines=modelines)
    for path in [*wired.schemas, *([wired.settings] if wired.settings else []),
                 *wired.modelines]:
        click.echo(path.relative_to(workspace.root.resolve()).as_posix())
