"""`briefs init`, `briefs new`, `briefs list` and `briefs kinds`: workspaces and documents."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from briefs.cli.common import handle_errors, json_option, open_workspace


@click.command("list")
@json_option
@click.pass_context
@handle_errors
def list_documents(ctx: click.Context, as_json: bool) -> None:
    """Show documents, their kind and brand, and each locale's state.

    A locale is "built" (with its page count) when its screen PDF is in the manifest,
    "not built" when it has content but no PDF yet, "no content" without a <locale>.yaml,
    "not made in" when the document lists its own locales and not this one.
    """
    from briefs.content.loader import load_yaml_file
    from briefs.core.diagnostics import Diagnostics
    from briefs.output.manifest import read_entries

    workspace = open_workspace(ctx)
    built = {entry.path: entry for entry in read_entries(workspace.output_dir)
             if (workspace.output_dir / entry.path).is_file()}
    rows: list[dict[str, Any]] = []
    for doc_id in workspace.document_ids():
        folder = workspace.content_dir / doc_id
        loaded = load_yaml_file(folder / "document.yaml", Diagnostics(),
                                roots=workspace.read_roots)
        data = loaded.data if loaded else {}
        states: dict[str, dict[str, object]] = {}
        made_in = data.get("locales") if isinstance(data.get("locales"), list) else None
        for locale in workspace.config.locales:
            entry = built.get(f"{doc_id}/{doc_id}.{locale}.pdf")
            if made_in is not None and locale not in made_in:
                states[locale] = {"state": "not made in"}
            elif not (folder / f"{locale}.yaml").is_file():
                states[locale] = {"state": "no content"}
            elif entry is None:
                states[locale] = {"state": "not built"}
            else:
                states[locale] = {"state": "built", "pages": entry.pages}
        rows.append({"doc": doc_id, "kind": str(data.get("kind") or "?"),
                     "brand": str(data.get("brand") or workspace.config.default_brand),
                     "locales": states})
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    marks = {"built": "", "not built": "*", "no content": "-", "not made in": "~"}
    for row in rows:
        locales = " ".join(f"{loc}{marks[info['state']]}" for loc, info in row["locales"].items())
        click.echo(f"{row['doc']:<32} {row['kind']:<13} {row['brand']:<14} {locales}")
    if rows:
        click.echo("(* not built yet, - no content file, ~ not one of the document's locales)")
    else:
        click.echo("no documents yet; add one with `briefs new DOC --kind key-messages`")


@click.command()
@json_option
@click.pass_context
@handle_errors
def kinds(ctx: click.Context, as_json: bool) -> None:
    """List the document kinds this workspace can use: built in, plug-ins, its own."""
    from briefs.cli.common import Reporter, fail
    from briefs.core.diagnostics import Diagnostics
    from briefs.kinds.registry import load_kinds

    workspace = open_workspace(ctx)
    diagnostics = Diagnostics()
    registry = load_kinds(workspace, diagnostics)
    Reporter(workspace.root).all(diagnostics)
    rows = [{"kind": kind.name, "origin": kind.origin, "description": kind.description,
             "pages": kind.pages.fixed, "title_field": kind.title_field} for kind in registry]
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        for kind in registry:
            click.echo(f"{kind.name:<16} {kind.origin:<16} {kind.description}")
    if diagnostics.has_errors():
        fail()


@click.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path), default=Path("."))
@click.option("--template", type=click.Choice(["small", "full"]), default="small",
              show_default=True,
              help="small: one brief and one flyer in English and French, one brand; full: "
                   "the sample set (three documents in six languages, two brands).")
@click.option("--blank", is_flag=True,
              help="No documents: briefs.yaml and a brand only (add documents with "
                   "`briefs new`).")
@click.option("--eject", is_flag=True,
              help="Also copy briefs' built-in templates, stylesheets and catalogs into the "
                   "workspace, to change them there.")
@click.option("--editor/--no-editor", default=True, show_default=True,
              help="Write JSON Schemas and wire them for the YAML language server (VS Code, "
                   "Neovim...): fields complete and mistakes show as you type.")
@click.option("--ci", type=click.Choice(["github", "gitlab"]), default=None,
              help="Also write a CI pipeline that installs briefs, builds with --strict (in "
                   "shards when asked) and keeps the PDFs and manifest (docs/ci.md).")
@handle_errors
def init(directory: Path, template: str, blank: bool, eject: bool, editor: bool,
         ci: str | None) -> None:
    """Create a workspace in DIRECTORY (default: this folder)."""
    from briefs.content.config import load_workspace
    from briefs.scaffold.ci import refuse_existing, write_ci
    from briefs.scaffold.editor import wire_editors
    from briefs.scaffold.new_workspace import eject_assets, init_workspace

    if ci is not None:
        refuse_existing(directory, ci)
    created = init_workspace(directory, "blank" if blank else template)
    if eject:
        eject_assets(created)
    if editor:
        wire_editors(load_workspace(created), modelines=True)
    if ci is not None:
        write_ci(created, ci)
    here = created == Path.cwd().resolve()
    where = "this folder" if here else str(directory)
    click.echo(f"Created a workspace in {where}.")
    steps = [] if here else [f"cd {directory}"]
    if blank:
        steps += ["briefs new my-brief --kind key-messages", "briefs build"]
    else:
        steps += ["briefs build", "briefs serve --open"]
    click.echo("Next: " + "; then ".join(f"`{step}`" for step in steps)
               + (" (a live preview in your browser)" if not blank else "")
               + ". `briefs doctor` checks this machine has what a build needs.")


@click.command()
@click.argument("doc")
@click.option("--kind", required=True, metavar="KIND",
              help="The kind of document (`briefs kinds` lists them).")
@click.pass_context
@handle_errors
def new(ctx: click.Context, doc: str, kind: str) -> None:
    """Add a document folder content/DOC with a commented starter of KIND."""
    from briefs.core.diagnostics import Diagnostics, did_you_mean
    from briefs.kinds.registry import load_kinds
    from briefs.scaffold.document import new_document

    workspace = open_workspace(ctx)
    registry = load_kinds(workspace, Diagnostics())
    chosen = registry.get(kind)
    if chosen is None:
        raise click.UsageError(f'no kind "{kind}"{did_you_mean(kind, registry.names())}; '
                               f"kinds: {', '.join(registry.names())}")
    folder = new_document(workspace, doc, chosen)
    click.echo(f"Created {folder.relative_to(workspace.root).as_posix()}/; edit its files, then "
               f"run `briefs build {doc}`")
