"""`briefs manifest merge`: one manifest from the shards of a CI build."""

from __future__ import annotations

from pathlib import Path

import click

from briefs.cli.common import handle_errors
from briefs.core.diagnostics import BriefsError, Diagnostic


@click.group()
def manifest() -> None:
    """Work with build manifests (build/manifest.json)."""


@manifest.command()
@click.argument("manifests", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", "output_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("build"), show_default=True,
              help="Folder to write the merged manifest.json into.")
@handle_errors
def merge(manifests: tuple[Path, ...], output_dir: Path) -> None:
    """Combine the manifests of sharded builds (`briefs build --shard K/N`) into one, in the
    folder that holds every shard's PDFs (each is checked to be there, as listed)."""
    from briefs.output.manifest import write_manifest
    from briefs.output.merging import merge as merge_outputs
    from briefs.output.merging import read_shard_manifest
    from briefs.output.writer import Writer

    problems: list[Diagnostic] = []
    loaded = [manifest for path in manifests
              if (manifest := read_shard_manifest(path, problems)) is not None]
    if problems:
        raise BriefsError(problems)
    merged = merge_outputs(loaded, output_dir)
    if merged.errors:
        raise BriefsError(merged.errors)
    for warning in merged.warnings:
        click.echo(warning.format(), err=True)
    path = write_manifest(Writer(output_dir), merged.outputs)
    click.echo(f"{output_dir / path.name} ({len(merged.outputs)} outputs from "
               f"{len(manifests)} manifests)")
