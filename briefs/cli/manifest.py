"""`briefs manifest merge`: one manifest from the shards of a CI build."""

from __future__ import annotations

import json
from pathlib import Path

import click

from briefs.cli.common import handle_errors
from briefs.core.diagnostics import BriefsError, Diagnostic, Severity


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
    """Combine the manifests of sharded builds (`briefs build --shard K/N`) into one."""
    from briefs.output.manifest import merge_manifests, write_manifest
    from briefs.output.writer import Writer

    loaded = []
    for path in manifests:
        try:
            loaded.append(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError) as exc:
            raise BriefsError([Diagnostic(Severity.ERROR, f"not a manifest: {exc}", path)]) \
                from exc
    entries, conflicts = merge_manifests(loaded)
    if conflicts:
        raise BriefsError([Diagnostic(Severity.ERROR, c) for c in conflicts])
    path = write_manifest(Writer(output_dir), entries)
    click.echo(f"{output_dir / path.name} ({len(entries)} outputs from {len(manifests)} "
               "manifests)")
