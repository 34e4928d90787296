"""`briefs build`: the fast no-op path, then plan, render and report."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from briefs.cli.build_args import STDOUT, checked_destination, checked_shard
from briefs.cli.common import (
    EXIT_INTERNAL,
    Reporter,
    finish,
    handle_errors,
    json_option,
    locale_option,
    plural,
    profile_option,
    strict_option,
)
from briefs.cli.completion import complete_documents
from briefs.cli.progress import list_written, progress_listener, summary

if TYPE_CHECKING:
    from briefs.build.report import BuildReport
    from briefs.build.request import BuildRequest
    from briefs.render.workers import Renderer

PDF_VARIANT_CHOICES = ["pdf/ua-1", "pdf/a-3a+ua-1", "pdf/a-2b", "pdf/a-3b", "pdf/a-2u",
                       "pdf/a-3u", "pdf/x-4"]
"""The same as content.config.PDF_VARIANTS, written out so that the command line starts
without importing pydantic (a test keeps the two equal)."""
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
    from briefs.build.request import BuildOptions, BuildRequest

    if output_file == STDOUT and as_json:
        raise click.UsageError("-o - writes the PDF to stdout; it cannot go with --json")
    options = BuildOptions(
        profiles=(profile_name,) if profile_name else (), variant=pdf_variant, strict=strict,
        jobs=jobs or 0, force=force, emit_html=emit_html, shard=checked_shard(shard),
        formats=tuple(dict.fromkeys(formats)))
    start = Path(ctx.obj["workspace"])
    request = BuildRequest(start.absolute(), docs, locales, options,
                           single=output_file is not None)
    if not force and output_file is None:
        outputs = report_noop(start, request.stamp_arguments(), as_json, quiet)
        if outputs is not None:
            if open_result:
                open_outputs(start, outputs)
            return
    from briefs.core.workspace import quick_root

    root = quick_root(start)
    if output_file is not None:
        checked_destination(output_file, root or start.absolute())  # before anything is built
    reporter = Reporter(root, quiet=quiet or as_json)
    served = _by_server(request, reporter) if output_file is None and not open_result \
        else None
    report = served or build_here(request, reporter)
    report_build(report, reporter, as_json, output_file, open_result)
    if output_file is None:
        from briefs.cli.server_offer import after_build

        after_build(report.output_dir, bool(report.rendered), served is not None,
                    reporter.quiet)


def build_here(request: BuildRequest, reporter: Reporter,
               renderer: Renderer | None = None) -> BuildReport:
    """Run the build in this process, drawing its progress."""
    from briefs.build.entry import run
    from briefs.build.report import BuildReport
    from briefs.build.request import BadRequest

    with progress_listener(reporter) as progress:
        try:
            return BuildReport.of(run(request, [progress], renderer))
        except BadRequest as exc:
            raise click.UsageError(str(exc)) from exc


def _by_server(request: BuildRequest, reporter: Reporter) -> BuildReport | None:
    """The build, run by the user's build server when one runs for this toolkit and
    environment (`briefs server start`); None to build here."""
    import os

    if os.environ.get("BRIEFS_SERVER") == "0":
        return None
    from briefs.build.request import BadRequest
    from briefs.server.client import ServerGone, connect, served_build

    connection = connect()
    if connection is None:
        return None
    try:
        with connection, progress_listener(reporter) as progress:
            return served_build(connection, request, progress)
    except BadRequest as exc:
        raise click.UsageError(str(exc)) from exc
    except ServerGone as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_INTERNAL)


def report_build(report: BuildReport, reporter: Reporter, as_json: bool = False,
                 output_file: str | None = None, open_result: bool = False) -> None:
    """The paths written, every diagnostic, the JSON report; exit 1 when the build failed."""
    to_stdout = output_file == STDOUT
    if not as_json and not to_stdout:
        list_written([path.relative_to(report.root).as_posix() for path in report.written],
                     reporter.quiet)
    finish(reporter, report.diagnostics, report.strict, as_json, report.as_json(),
           built=report.built)
    outputs = report.outputs()
    if output_file is not None:
        copied = copy_output(report, outputs, output_file)
        if open_result and copied is not None:
            click.launch(str(copied))
    elif open_result:
        open_outputs(report.root, outputs, report.output_dir)


def copy_output(report: BuildReport, outputs: list[str], destination: str) -> Path | None:
    """The one output, copied to `destination` (atomically) or written to stdout."""
    from briefs.core.diagnostics import BriefsError, Diagnostic, Severity
    from briefs.output.writer import write_workspace_file

    if len(outputs) != 1:
        raise BriefsError([Diagnostic(Severity.ERROR, f"-o needs one output, but "
                                      f"{plural(len(outputs), 'output')} were built")])
    data = (report.output_dir / outputs[0]).read_bytes()
    target = checked_destination(destination, report.root)  # again, just before
    if target is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return None
    write_workspace_file(target, data)
    click.echo(destination)
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
