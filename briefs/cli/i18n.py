"""`briefs i18n`: translation status, and gettext catalogs for template strings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from briefs.cli.common import (
    Reporter,
    fail,
    handle_errors,
    json_option,
    locale_option,
    open_session,
    open_workspace,
    select,
)
from briefs.cli.completion import complete_documents


@click.group()
def i18n() -> None:
    """Translation status, and gettext catalogs for template strings."""


def _session(ctx: click.Context) -> Any:
    from briefs.pipeline.session import BuildOptions

    return open_session(open_workspace(ctx), BuildOptions(writes=False))


@i18n.command()
@click.argument("docs", nargs=-1, shell_complete=complete_documents)
@locale_option
@click.option("--strict", is_flag=True, help="Exit 1 if anything is missing, stale or extra.")
@json_option
@click.pass_context
@handle_errors
def status(ctx: click.Context, docs: tuple[str, ...], locales: tuple[str, ...], strict: bool,
           as_json: bool) -> None:
    """Per document and locale: translated, missing, stale, extra, and a percentage."""
    from briefs.i18n.status import translation_status

    session = _session(ctx)
    workspace = session.workspace
    doc_ids, chosen = select(workspace, docs, locales)
    diagnostics = session.diagnostics
    rows = translation_status(session.translation_scope(), doc_ids, chosen)
    Reporter(workspace.root).all(diagnostics)
    if as_json:
        click.echo(json.dumps([row.as_json() for row in rows], indent=2, ensure_ascii=False))
    else:
        _print_status(rows)
        _print_totals(rows)
    if diagnostics.has_errors() or (strict and not all(row.complete for row in rows)):
        fail()


def _print_status(rows: list[Any]) -> None:
    header = f"{'document':<26} {'locale':<7} {'translated':>10} {'missing':>8} {'stale':>6} " \
             f"{'extra':>6} {'template':>9} {'done':>5} {'new words':>9} {'stale words':>11}"
    click.echo(header)
    for row in rows:
        state = row.state
        if not row.exists:
            click.echo(f"{row.doc:<26} {row.locale:<7} {'not started: copy the source file to '}"
                       f"{row.path} ({row.new_words} words)")
            continue
        template = f"{row.template_strings - len(row.template_missing)}/{row.template_strings}" \
            if row.template_strings else "-"
        click.echo(f"{row.doc:<26} {row.locale:<7} {len(state.translated):>4}/{state.total:<5} "
                   f"{len(state.missing):>8} {len(state.stale):>6} {len(state.extra):>6} "
                   f"{template:>9} {state.percent:>4}% {row.new_words:>9} {row.stale_words:>11}")
        for label, keys in (("missing", state.missing), ("stale", state.stale),
                            ("extra", state.extra)):
            for key in keys:
                click.echo(f"    {label}: {key}")
        for _, message in state.mismatched:
            click.echo(f"    mismatch: {message}")
        for message in row.template_missing:
            click.echo(f'    template string not translated: "{message}"')


def _print_totals(rows: list[Any]) -> None:
    """Words to translate per locale: what a translation quote is made from."""
    totals: dict[str, list[int]] = {}
    for row in rows:
        counts = totals.setdefault(row.locale, [0, 0])
        counts[0] += row.new_words
        counts[1] += row.stale_words
    for locale, (new, stale) in totals.items():
        click.echo(f"{locale}: {new} new words and {stale} stale words to translate")


@i18n.command()
@click.pass_context
@handle_errors
def extract(ctx: click.Context) -> None:
    """Write templates/locales/messages.pot with every translatable template string."""
    from briefs.i18n.catalogs import write_pot

    session = _session(ctx)
    root = session.workspace.root
    click.echo(write_pot(session.workspace, session.template_sources()).relative_to(root)
               .as_posix())


@i18n.command()
@click.argument("docs", nargs=-1, shell_complete=complete_documents)
@locale_option
@click.option("--accept-stale", is_flag=True,
              help="Record stale translations as current (after checking they still fit).")
@click.pass_context
@handle_errors
def update(ctx: click.Context, docs: tuple[str, ...], locales: tuple[str, ...],
           accept_stale: bool) -> None:
    """Refresh translations.lock files, and the workspace's messages.po where template
    strings need translating that briefs' own catalogs do not translate."""
    from briefs.i18n.catalogs import write_pot
    from briefs.i18n.status import update_translations

    session = _session(ctx)
    workspace = session.workspace
    doc_ids, chosen = select(workspace, docs, locales)
    diagnostics = session.diagnostics
    scope = session.translation_scope()
    written = [write_pot(workspace, scope.sources)]
    written += update_translations(scope, doc_ids, chosen, accept_stale=accept_stale)
    Reporter(workspace.root).all(diagnostics)
    for path in written:
        click.echo(path.relative_to(workspace.root).as_posix())
    if diagnostics.has_errors():
        fail()


@i18n.command()
@click.argument("docs", nargs=-1, shell_complete=complete_documents)
@locale_option
@click.option("--format", "format_name", type=click.Choice(["xliff", "po"]), default="xliff",
              show_default=True, help="XLIFF 2.0 (CAT tools: Trados, memoQ, OmegaT, Phrase, "
                                      "Crowdin, Weblate) or gettext PO.")
@click.option("-o", "--output", "folder", type=click.Path(file_okay=False, path_type=Path),
              default=Path("translations"), show_default=True,
              help="Folder for the files (relative to the workspace).")
@click.pass_context
@handle_errors
def export(ctx: click.Context, docs: tuple[str, ...], locales: tuple[str, ...],
           format_name: str, folder: Path) -> None:
    """Write <doc>.<locale>.xlf (or .po) for translators: every text with its source, current
    translation and state (new, translated, stale), its key and line as notes."""
    from briefs.i18n.exchange import export as export_files

    session = _session(ctx)
    workspace = session.workspace
    doc_ids, chosen = select(workspace, docs, locales)
    chosen = [loc for loc in chosen if loc != workspace.config.source_locale]
    target = folder if folder.is_absolute() else workspace.root / folder
    written = export_files(session.translation_scope(), doc_ids, chosen, format_name, target,
                           confine=not folder.is_absolute())
    Reporter(workspace.root).all(session.diagnostics)
    for path in written:
        click.echo(_shown(path, workspace.root))
    if session.diagnostics.has_errors():
        fail()


@i18n.command("import")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_context
@handle_errors
def import_files(ctx: click.Context, files: tuple[Path, ...]) -> None:
    """Write the translations of XLIFF or PO files back into content/<doc>/<locale>.yaml
    (comments and key order kept), after checking every file; then refresh the lock."""
    from briefs.i18n.importing import import_translations

    session = _session(ctx)
    workspace = session.workspace
    written = import_translations(session.translation_scope(), list(files))
    Reporter(workspace.root).all(session.diagnostics)
    if session.diagnostics.has_errors():
        click.echo("Nothing was written.", err=True)
        fail()
    for path in written:
        click.echo(_shown(path, workspace.root))


def _shown(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
