"""`briefs build`: the fast no-op path, then plan, render and report."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from briefs.cli.common import (
    Reporter,
    finish,
    handle_errors,
    json_option,
    locale_option,
    open_session,
    open_workspace,
    plural,
    profile_option,
    select,
    strict_option,
)

if TYPE_CHECKING:
    from briefs.build.session import BuildOptions
    from briefs.render.workers import Renderer

PDF_VARIANT_CHOICES = ["pdf/ua-1", "pdf/a-2b", "pdf/a-3b", "pdf/a-2u", "pdf/a-3u", "pdf/x-4"]


class ProgressLines:
    """A build listener that prints one plain line per step to stderr."""

    def __init__(self, reporter: Reporter) -> None:
        self.reporter = reporter

    def __call__(self, event: Any) -> None:
        from briefs.build.events import Note, Rendered

        if isinstance(event, Note):
            self.reporter.progress(event.message)
        elif isinstance(event, Rendered):
            self.reporter.progress(f"rendered {event.output.id} "
                                   f"({plural(event.pages, 'page')})")


@click.command()
@click.argument("docs", nargs=-1)
@locale_option
@profile_option
@click.option("--pdf-variant", type=click.Choice(PDF_VARIANT_CHOICES),
              help="PDF standard for every output, overriding the profile's (written beside "
                   "the usual file, e.g. doc.en.pdfa.pdf).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Render workers (default: the number of cores).")
@click.option("--force", is_flag=True, help="Render every output, even those up to date.")
@click.option("--shard", metavar="K/N", help="Build only the K-th of N balanced shares (CI).")
@click.option("--emit-html", is_flag=True, help="Also write each output's HTML beside it.")
@strict_option
@json_option
@click.option("-q", "--quiet", is_flag=True, help="No progress lines.")
@click.pass_context
@handle_errors
def build(ctx: click.Context, docs: tuple[str, ...], locales: tuple[str, ...],
          profile_name: str | None, pdf_variant: str | None, jobs: int | None, force: bool,
          shard: str | None, emit_html: bool, strict: bool, as_json: bool, quiet: bool) -> None:
    """Build PDFs into build/<doc>/<doc>.<locale>[.print].pdf and build/manifest.json."""
    arguments = {"docs": sorted(docs), "locales": sorted(locales), "profile": profile_name,
                 "pdf_variant": pdf_variant, "shard": shard, "strict": strict,
                 "emit_html": emit_html}
    if not force and report_noop(ctx.obj["workspace"], arguments, as_json, quiet):
        return
    from briefs.render.workers import Renderer, default_jobs

    # Something changed: start the render workers first, so that their WeasyPrint import runs
    # while this process imports the rest of briefs and loads and validates the content.
    with Renderer(jobs or default_jobs()) as renderer:
        renderer.start()
        from briefs.build.session import BuildOptions
        from briefs.build.sharding import BadShard, parse_shard

        try:
            share = parse_shard(shard) if shard else None
        except BadShard as exc:
            raise click.UsageError(str(exc)) from exc
        options = BuildOptions(
            profiles=(profile_name,) if profile_name else (), variant=pdf_variant,
            strict=strict, jobs=renderer.workers, force=force, emit_html=emit_html, shard=share)
        _build(ctx, Request(docs, locales, options, arguments, as_json, quiet), renderer)


@dataclass(frozen=True)
class Request:
    """What `briefs build` was asked for."""

    docs: tuple[str, ...]
    locales: tuple[str, ...]
    options: BuildOptions
    arguments: dict[str, Any]
    """The arguments that make an unchanged rebuild a no-op (the stamp's key)."""
    as_json: bool
    quiet: bool


def _build(ctx: click.Context, request: Request, renderer: Renderer) -> None:
    from briefs.build.noop import forget, write_stamp
    from briefs.build.plan import plan_build
    from briefs.build.run import run_build

    workspace = open_workspace(ctx)
    doc_ids, chosen = select(workspace, request.docs, request.locales)
    strict, as_json = request.options.strict, request.as_json
    reporter = Reporter(workspace.root, quiet=request.quiet or as_json)
    session = open_session(workspace, request.options, [ProgressLines(reporter)])
    diagnostics = session.diagnostics
    plan = plan_build(session, doc_ids, chosen)
    if (strict and diagnostics.warnings) or (diagnostics.has_errors() and not plan.targets):
        finish(reporter, diagnostics, strict, as_json, {"outputs": []}, built=0)
    result = run_build(session, plan, renderer)
    for path in result.written:
        if not as_json:
            click.echo(path.relative_to(workspace.root).as_posix())
    if not as_json and result.up_to_date and not request.quiet:
        click.echo(f"{plural(len(result.up_to_date), 'output')} up to date.", err=True)
    if len(diagnostics) == 0 and not result.failed:
        system_fonts = sorted({str(face.path) for target in plan.targets
                               for face in target.brand.faces if not face.bundled})
        write_stamp(session.writer, workspace.root, request.arguments,
                    [entry["path"] for entry in result.entries], system_fonts)
    else:
        forget(session.writer)
    finish(reporter, diagnostics, strict, as_json, {
        "outputs": result.entries, "failed": sorted(result.failed),
        "rendered": result.rendered, "up_to_date": result.up_to_date},
        built=len(result.written) + len(result.up_to_date))


def report_noop(start: Path, arguments: dict[str, Any], as_json: bool, quiet: bool) -> bool:
    """The fast path of an unchanged rebuild: True when it answered (nothing to do)."""
    from briefs.build.noop import up_to_date
    from briefs.core.workspace import quick_root

    root = quick_root(start)
    if root is None:
        return False
    try:
        import yaml

        config = yaml.safe_load((root / "briefs.yaml").read_text(encoding="utf-8")) or {}
        output_dir = (root / str(config.get("output_dir") or "build")).resolve()
    except (OSError, ValueError, AttributeError, yaml.YAMLError):
        return False
    if not output_dir.is_relative_to(root) or output_dir == root:
        return False
    outputs = up_to_date(root, output_dir, arguments)
    if outputs is None:
        return False
    if as_json:
        manifest = json.loads((output_dir / "manifest.json").read_text(encoding="utf-8"))
        entries = [e for e in manifest.get("outputs", []) if e.get("path") in set(outputs)]
        click.echo(json.dumps({"ok": True, "outputs": entries, "failed": [], "rendered": [],
                               "up_to_date": sorted(outputs), "diagnostics": []},
                              indent=2, ensure_ascii=False, sort_keys=True))
    elif not quiet:
        click.echo(f"{plural(len(outputs), 'output')} up to date; nothing changed since the "
                   "last build.", err=True)
    return True
