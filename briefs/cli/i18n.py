"""`briefs i18n`: translation status, and gettext catalogs for template strings."""

from __future__ import annotations

import json
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


@click.group()
def i18n() -> None:
    """Translation status, and gettext catalogs for template strings."""


def _session(ctx: click.Context) -> Any:
    from briefs.build.session import BuildOptions

    return open_session(open_workspace(ctx), BuildOptions(writes=False))


@i18n.command()
@click.argument("docs", nargs=-1)
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
    if diagnostics.has_errors() or (strict and not all(row.complete for row in rows)):
        fail()


def _print_status(rows: list[Any]) -> None:
    header = f"{'document':<26} {'locale':<7} {'translated':>10} {'missing':>8} {'stale':>6} " \
             f"{'extra':>6} {'template':>9} {'done':>5}"
    click.echo(header)
    for row in rows:
        state = row.state
        if not row.exists:
            click.echo(f"{row.doc:<26} {row.locale:<7} {'not started: copy the source file to '}"
                       f"{row.path}")
            continue
        template = f"{row.template_strings - len(row.template_missing)}/{row.template_strings}" \
            if row.template_strings else "-"
        click.echo(f"{row.doc:<26} {row.locale:<7} {len(state.translated):>4}/{state.total:<5} "
                   f"{len(state.missing):>8} {len(state.stale):>6} {len(state.extra):>6} "
                   f"{template:>9} {state.percent:>4}%")
        for label, keys in (("missing", state.missing), ("stale", state.stale),
                            ("extra", state.extra)):
            for key in keys:
                click.echo(f"    {label}: {key}")
        for _, message in state.mismatched:
            click.echo(f"    mismatch: {message}")
        for message in row.template_missing:
            click.echo(f'    template string not translated: "{message}"')


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
@click.argument("docs", nargs=-1)
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
