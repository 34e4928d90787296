"""`briefs fonts`: the font faces of each brand, per script, and what is missing."""

from __future__ import annotations

import json
import sys

import click

from briefs.cli.common import EXIT_FAILED, color_wanted, handle_errors, json_option, open_workspace


def _mark(ok: bool) -> str:
    word = f"{'ok' if ok else 'missing':<8}"
    return click.style(word, fg="green" if ok else "red", bold=not ok) \
        if color_wanted(sys.stdout) else word


@click.command()
@json_option
@click.pass_context
@handle_errors
def fonts(ctx: click.Context, as_json: bool) -> None:
    """List each brand's font faces and, per script, what sets it and what is missing."""
    from briefs.brand.inventory import MAX_INSTALLED, font_inventory
    from briefs.cli.doctor import system_install_hint

    workspace = open_workspace(ctx)
    inventory = font_inventory(workspace)
    if as_json:
        click.echo(json.dumps({"ok": inventory.ok, "brands": [{
            "brand": brand.id,
            "faces": [{"family": r.face.family, "weight": r.face.weight, "style": r.face.style,
                       "bundled": r.bundled, "file": r.path.name} for r in brand.faces],
            "scripts": [{"script": s.script, "locales": s.locales, "body": s.body,
                         "heading": s.heading, "missing": s.missing, "package": s.package,
                         "installed": s.installed} for s in brand.scripts]}
            for brand in inventory.brands],
            "diagnostics": [d.as_json(workspace.root) for d in inventory.problems]},
            indent=2, ensure_ascii=False))
    else:
        for diagnostic in inventory.problems:
            click.echo(f"  {_mark(False)} {diagnostic.format(workspace.root)}",
                       color=color_wanted(sys.stdout))
        for brand in inventory.brands:
            click.echo(f"Brand {brand.id} (styles/{brand.id}/brand.yaml)")
            for resolved in brand.faces:
                face = resolved.face
                where = (f"bundled: {resolved.path.name}" if resolved.bundled
                         else f"installed: {face.system} ({resolved.path.name})")
                click.echo(f"  {face.family:<20} {face.weight} {face.style:<7} {where}")
            for script in brand.scripts:
                locales = ", ".join(script.locales) or "no locale yet"
                click.echo(f"  {_mark(script.ok)} {script.script} ({locales}): body "
                           f"{', '.join(script.body)}; headings {', '.join(script.heading)}",
                           color=color_wanted(sys.stdout))
                if script.ok:
                    continue
                click.echo(f'           no face has "{script.missing}"; declare a font for '
                           f"{script.script} under scripts: in styles/{brand.id}/brand.yaml")
                if script.installed:
                    shown = ", ".join(script.installed[:MAX_INSTALLED])
                    more = len(script.installed) - MAX_INSTALLED
                    click.echo(f"           installed fonts that have it: {shown}"
                               f"{f' and {more} more' if more > 0 else ''}")
                click.echo(f"           more: {system_install_hint(script.package)}")
    if not inventory.ok:
        sys.exit(EXIT_FAILED)
