"""`briefs brand import`: a brand folder from a posit brand.yml file (`_brand.yml`)."""

from __future__ import annotations

from pathlib import Path

import click

from briefs.cli.common import Reporter, fail, handle_errors, open_workspace


@click.group()
def brand() -> None:
    """Brands: make one from a brand.yml file (Quarto, Shiny, pkgdown)."""


@brand.command("import")
@click.argument("brand_file", metavar="_brand.yml",
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("name")
@click.pass_context
@handle_errors
def import_brand(ctx: click.Context, brand_file: Path, name: str) -> None:
    """Make styles/NAME/ from a brand.yml file: the file, its fonts and logos, checked."""
    from briefs.brand.brandyml_import import import_brand_file
    from briefs.core.diagnostics import Diagnostics

    workspace = open_workspace(ctx)
    diagnostics = Diagnostics()
    folder = import_brand_file(workspace, brand_file, name, diagnostics)
    Reporter(workspace.root).all(diagnostics)
    if folder is None:
        fail()
    click.echo(f"{folder.relative_to(workspace.root).as_posix()}/")
    click.echo(f"Next: set `brand: {name}` in a document.yaml (or default_brand in "
               "briefs.yaml), then `briefs build`.", err=True)
