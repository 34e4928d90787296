"""`briefs build`: the fast no-op path, then plan, render and report."""

from __future__ import annotations

import json
import sys
import time
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
from briefs.cli.completion import complete_documents
from briefs.cli.progress import progress_listener, summary

if TYPE_CHECKING:
    from briefs.build.plan import Plan
    from briefs.build.run import BuildResult
    from briefs.build.session import BuildOptions, BuildSession
    from briefs.core.workspace import Workspace
    from briefs.render.workers import Renderer

PDF_VARIANT_CHOICES = ["pdf/ua-1", "pdf/a-3a+ua-1", "pdf/a-2b", "pdf/a-3b", "pdf/a-2u",
                       "pdf/a-3u", "pdf/x-4"]
"""The same as content.config.PDF_VARIANTS, written out so that the command line starts
without importing pydantic (a test keeps the two equal)."""
STDOUT = "-"
MAX_OPENED = 4
"""`--open` opens each PDF up to this many; more, and it opens the output folder instead."""


def split_names(values: tuple[str, ...]) -> tuple[str, ...]:
    """`--format png,html --format social` as (png, html, social)."""
    return tuple(name.strip() for value in values for name in value.split(",") if name.strip())


@click.command()
@click.argument("docs", nargs=-1, shell_complete=complete_documents)
@locale_option
@profile_option
@click.option("--pdf-variant", type=click.Choice(PDF_VARIANT_CHOICES),
              help="PDF standard for every output, overriding the profile's (written beside "
                   "the usual file, e.g. doc.en.pdfa.pdf); for archives, pdf/a-3a+ua-1 "
                   "(doc.en.archive.pdf: PDF/A-3a and PDF/UA-1 in one file).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Render workers (default: the number of cores).")
@click.option("--force", is_flag=True, help="Render every output, even those up to date.")
@click.option("--shard", metavar="K/N", help="Build only the K-th of N balanced shares (CI).")
@click.option("--emit-html", is_flag=True, help="Also write each output's HTML beside it.")
@click.option("--format", "formats", multiple=True, metavar="NAME[,NAME...]",
              callback=lambda _ctx, _param, values: split_names(values),
              help="Also make these output formats of each output: png, jpeg, webp (page "
                   "images), social (post images), html (web page), email; options after a "
                   "colon (png:1200x630). Repeatable; `briefs doctor` lists the formats "
                   "installed. The PDF is always made.")
@click.option("-o", "--output", "output_file", metavar="FILE.pdf",
              help="Also copy the one output selected (one document, one locale: -l, "
                   "default the source locale) to FILE.pdf; `-` writes it to stdout.")
@click.option("--open", "open_result", is_flag=True,
              help="Open the result: the PDF (or a few), else the output folder.")
@strict_option
@json_option
@click.option("-q", "--quiet", is_flag=True, help="No progress and no summary line.")
@click.pass_context
@handle_errors
def build(ctx: click.Context, docs: tuple[str, ...], locales: tuple[str, ...],
          profile_name: str | None, pdf_variant: str | None, jobs: int | None, force: bool,
          shard: str | None, emit_html: bool, formats: tuple[str, ...],
          output_file: str | None, open_result: bool, strict: bool, as_json: bool,
          quiet: bool) -> None:
    """Build PDFs into build/<doc>/<doc>.<locale>[.print].pdf and build/manifest.json."""
    if output_file == STDOUT and as_json:
        raise click.UsageError("-o - writes the PDF to stdout; it cannot go with --json")
    arguments = {"docs": sorted(docs), "locales": sorted(locales), "profile": profile_name,
                 "pdf_variant": pdf_variant, "shard": shard, "strict": strict,
                 "emit_html": emit_html, "formats": sorted(set(formats))}
    if not force and output_file is None:
        outputs = report_noop(ctx.obj["workspace"], arguments, as_json, quiet)
        if outputs is not None:
            if open_result:
                open_outputs(ctx.obj["workspace"], outputs)
            return
    if output_file is None and not open_result:
        served = _build_by_server()
        if served is not None:
            sys.exit(served)
    from briefs.render.workers import Renderer, default_jobs
    from briefs.server.state import WARM_RENDERER

    def build_with(renderer: Renderer) -> None:
        from briefs.build.session import BuildOptions
        from briefs.build.sharding import BadShard, parse_shard

        try:
            share = parse_shard(shard) if shard else None
        except BadShard as exc:
            raise click.UsageError(str(exc)) from exc
        options = BuildOptions(
            profiles=(profile_name,) if profile_name else (), variant=pdf_variant,
            strict=strict, jobs=renderer.workers, force=force, emit_html=emit_html, shard=share,
            formats=tuple(dict.fromkeys(formats)))
        run_request(ctx, Request(docs, locales, options, arguments, as_json, quiet, output_file,
                                 open_result), renderer)

    warm = WARM_RENDERER.get()
    if warm is not None and warm.workers == (jobs or default_jobs()):
        warm.start()  # in the build server: its workers stay warm for the next build
        build_with(warm)
        return
    # Something changed: start the render workers first, so that their WeasyPrint import runs
    # while this process imports the rest of briefs and loads and validates the content.
    with Renderer(jobs or default_jobs()) as renderer:
        renderer.start()
        build_with(renderer)


def _build_by_server() -> int | None:
    """The exit code of this command run by the user's build server, when one is running
    for this toolkit and environment (`briefs server start`); None to build here."""
    from briefs.server.state import ENTRY_ARGS

    args = ENTRY_ARGS.get()
    if args is None:  # not the command line (a test, the server itself)
        return None
    from briefs.server.client import build_by_server

    return build_by_server(args)


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
    output_file: str | None = None
    open_result: bool = False


def run_request(ctx: click.Context, request: Request, renderer: Renderer) -> None:
    """One build as asked, holding the output folder's build lock; exits 1 (SystemExit)
    when something failed."""
    from briefs.build.lock import build_lock
    from briefs.build.plan import plan_build

    workspace = open_workspace(ctx)
    doc_ids, chosen = _selection(workspace, request)
    reporter = Reporter(workspace.root, quiet=request.quiet or request.as_json)
    with progress_listener(reporter) as progress:
        session = open_session(workspace, request.options, [progress])
        if request.output_file is not None and len(session.profiles) != 1:
            raise click.UsageError("-o needs one output: choose one --profile")
        with build_lock(session.output_dir, reporter.progress):
            plan = plan_build(session, doc_ids, chosen)
            strict, diagnostics = request.options.strict, session.diagnostics
            if (strict and diagnostics.warnings) or (diagnostics.has_errors()
                                                     and not plan.targets):
                progress.close()
                finish(reporter, diagnostics, strict, request.as_json, {"outputs": []},
                       built=0)
            result = _run(session, plan, request, renderer)
    _report(session, plan, request, reporter, result)


def _selection(workspace: Workspace, request: Request) -> tuple[list[str], list[str]]:
    doc_ids, chosen = select(workspace, request.docs, request.locales)
    if request.output_file is None:
        return doc_ids, chosen
    if len(doc_ids) != 1:
        raise click.UsageError("-o needs one output: name one document")
    if not request.locales:
        chosen = [workspace.config.source_locale]
    if len(chosen) != 1:
        raise click.UsageError("-o needs one output: give one -l LOCALE")
    return doc_ids, chosen


def _run(session: BuildSession, plan: Plan, request: Request,
         renderer: Renderer) -> BuildResult:
    from briefs.build.noop import forget, write_stamp
    from briefs.build.run import run_build

    result = run_build(session, plan, renderer)
    if len(session.diagnostics) == 0 and not result.failed:
        system_fonts = sorted({str(face.path) for target in plan.targets
                               for face in target.brand.faces if not face.bundled})
        write_stamp(session.writer, session.workspace.root, request.arguments,
                    [path for entry in result.entries for path in
                     [entry["path"], *(f["path"] for f in entry.get("files", []))]],
                    system_fonts)
    else:
        forget(session.writer)
    return result


def _report(session: BuildSession, plan: Plan, request: Request, reporter: Reporter,
            result: BuildResult) -> None:
    root = session.workspace.root
    to_stdout = request.output_file == STDOUT
    for path in result.written:
        if not request.as_json and not to_stdout:
            click.echo(path.relative_to(root).as_posix())
    finish(reporter, session.diagnostics, request.options.strict, request.as_json, {
        "outputs": result.entries, "failed": sorted(result.failed),
        "rendered": result.rendered, "up_to_date": result.up_to_date},
        built=len(result.written) + len(result.up_to_date))
    outputs = [entry["path"] for entry in result.entries]
    if request.output_file is not None:
        copied = copy_output(session, outputs, request.output_file)
        if request.open_result and copied is not None:
            click.launch(str(copied))
    elif request.open_result:
        open_outputs(root, outputs, session.output_dir)


def copy_output(session: BuildSession, outputs: list[str], destination: str) -> Path | None:
    """The one output, copied to `destination` (atomically) or written to stdout."""
    from briefs.core.diagnostics import BriefsError, Diagnostic, Severity
    from briefs.output.writer import write_workspace_file

    if len(outputs) != 1:
        raise BriefsError([Diagnostic(Severity.ERROR, f"-o needs one output, but "
                                      f"{plural(len(outputs), 'output')} were built")])
    data = (session.output_dir / outputs[0]).read_bytes()
    if destination == STDOUT:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return None
    target = Path(destination)
    write_workspace_file(target, data)
    click.echo(str(target))
    return target


def open_outputs(start: Path, outputs: list[str], output_dir: Path | None = None) -> None:
    """Open the PDFs (a few) or the output folder in the desktop's viewer."""
    if output_dir is None:
        from briefs.content.config import load_workspace

        output_dir = load_workspace(start).output_dir
    if 0 < len(outputs) <= MAX_OPENED:
        for path in outputs:
            click.launch(str(output_dir / path))
    else:
        click.launch(str(output_dir))


def report_noop(start: Path, arguments: dict[str, Any], as_json: bool,
                quiet: bool) -> list[str] | None:
    """The fast path of an unchanged rebuild: the outputs when it answered (nothing to do)."""
    from briefs.build.noop import up_to_date
    from briefs.core.workspace import quick_root

    started = time.monotonic()
    root = quick_root(start)
    if root is None:
        return None
    try:
        import yaml

        config = yaml.safe_load((root / "briefs.yaml").read_text(encoding="utf-8")) or {}
        output_dir = (root / str(config.get("output_dir") or "build")).resolve()
    except (OSError, ValueError, AttributeError, yaml.YAMLError):
        return None
    if not output_dir.is_relative_to(root) or output_dir == root:
        return None
    outputs = up_to_date(root, output_dir, arguments)
    if outputs is None:
        return None
    if as_json:
        manifest = json.loads((output_dir / "manifest.json").read_text(encoding="utf-8"))
        entries = [e for e in manifest.get("outputs", []) if e.get("path") in set(outputs)]
        ids = sorted(str(e["path"]).rsplit("/", 1)[-1].removesuffix(".pdf") for e in entries)
        click.echo(json.dumps({"ok": True, "outputs": entries, "failed": [], "rendered": [],
                               "up_to_date": ids, "diagnostics": []},
                              indent=2, ensure_ascii=False, sort_keys=True))
    elif not quiet:
        click.echo(f"{summary(0, len(outputs), 0, time.monotonic() - started)}; nothing changed "
                   "since the last build.", err=True)
    return outputs
