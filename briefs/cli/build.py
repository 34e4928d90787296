"""`briefs build`: the fast no-op path, then plan, render and report."""

from __future__ import annotations

import gc
import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

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
from briefs.core.collector import YOUNG_THRESHOLD

if TYPE_CHECKING:
    from briefs.content.config_file import ConfigFile
    from briefs.pipeline.report import BuildReport
    from briefs.pipeline.request import BuildRequest
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
                   "colon (png:1200x630). Repeatable; adds to the profile's `formats:` in "
                   "briefs.yaml; `briefs doctor` lists the formats installed. The PDF is "
                   "always made.")
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
    from briefs.pipeline.request import BuildOptions, BuildRequest

    if output_file == STDOUT and as_json:
        raise click.UsageError("-o - writes the PDF to stdout; it cannot go with --json")
    options = BuildOptions(
        profiles=(profile_name,) if profile_name else (), variant=pdf_variant, strict=strict,
        jobs=jobs or 0, force=force, emit_html=emit_html, shard=checked_shard(shard),
        formats=tuple(dict.fromkeys(formats)))
    start = Path(ctx.obj["workspace"])
    request = BuildRequest(start.absolute(), docs, locales, options,
                           single=output_file is not None)
    from briefs.content.config_file import ConfigFile
    from briefs.core.workspace import quick_root

    root = quick_root(start)
    config = ConfigFile.read(root) if root is not None else None  # the one parse
    if config is not None:
        outputs = report_noop(config, request, as_json, quiet)
        if outputs is not None:
            if open_result and config.output_dir is not None:
                open_outputs(outputs, config.output_dir)
            return
    if output_file is not None:
        checked_destination(output_file, root or start.absolute())  # before anything is built
    reporter = Reporter(root, quiet=quiet or as_json)
    served = _by_server(request, reporter) if output_file is None and not open_result \
        else None
    report = served or build_here(request, reporter, config=config)
    report_build(report, reporter, as_json, output_file, open_result)
    if output_file is None:
        from briefs.cli.server_offer import after_build

        after_build(report.output_dir, bool(report.rendered), served is not None,
                    reporter.quiet)


def build_here(request: BuildRequest, reporter: Reporter, renderer: Renderer | None = None,
               config: ConfigFile | None = None) -> BuildReport:
    """Run the build in this process, drawing its progress (`config`: briefs.yaml, if read
    already).

    Without a `renderer`, its workers are started first, before the rest of briefs (the
    session, pydantic, Jinja2) is imported, so that their WeasyPrint import runs meanwhile.
    """
    if renderer is None:
        from briefs.render.workers import Renderer

        with Renderer.for_outputs(request.options.jobs, named_outputs(request)) as own:
            own.start(request.locales)  # the hyphenation dictionaries named: read at start-up
            with fewer_collections():  # in this process only: the workers have started
                return build_here(request, reporter, own, config)
    from briefs.pipeline.entry import run
    from briefs.pipeline.report import BuildReport
    from briefs.pipeline.request import BadRequest

    with progress_listener(reporter) as progress:
        try:
            return BuildReport.of(run(request, [progress], renderer, config=config))
        except BadRequest as exc:
            raise click.UsageError(str(exc)) from exc


GC_YOUNG_THRESHOLD = YOUNG_THRESHOLD
"""What `briefs` (launch.py) sets from its start; a build run by a library caller (a test,
`build_here`) gets it while it plans."""


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Python's cyclic garbage collector run less often for the duration (its thresholds are
    put back after): what a build allocates is mostly kept to the end, not garbage."""
    before = gc.get_threshold()
    gc.set_threshold(max(GC_YOUNG_THRESHOLD, before[0]), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


MANY = 1 << 16


def named_outputs(request: BuildRequest) -> int:
    """How many outputs a build makes at most, from what the command line names alone (no
    workspace read): documents x locales x profiles when documents and locales are named
    (a profile from briefs.yaml counts as one), else MANY."""
    if not request.docs or not (request.locales or request.single):
        return MANY
    profiles = request.options.profiles
    per_output = 2 if "all" in profiles else max(1, len(profiles))
    return len(request.docs) * max(1, len(request.locales)) * per_output


def _by_server(request: BuildRequest, reporter: Reporter) -> BuildReport | None:
    """The build, run by the user's build server when one runs for this toolkit and
    environment (`briefs server start`); None to build here."""
    import os

    if os.environ.get("BRIEFS_SERVER") == "0":
        return None
    from briefs.server.address import server_folder, socket_path

    try:  # no server, the common case, found cheaply: nothing here delays the build
        if not any(server_folder().glob("build-*.sock")):
            return None
        path = socket_path()  # this toolkit's and environment's (a walk of briefs' files)
    except OSError:
        return None
    if not path.exists():
        return None
    from briefs.pipeline.request import BadRequest
    from briefs.server.client import ServerGone, connect, served_build

    connection = connect(path)
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
        open_outputs(outputs, report.output_dir)


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


def open_outputs(outputs: list[str], output_dir: Path) -> None:
    """Open the PDFs (a few) or the output folder in the desktop's viewer."""
    if 0 < len(outputs) <= MAX_OPENED:
        for path in outputs:
            click.launch(str(output_dir / path))
    else:
        click.launch(str(output_dir))


def report_noop(config: ConfigFile, request: BuildRequest, as_json: bool,
                quiet: bool) -> list[str] | None:
    """The fast path of an unchanged rebuild, reported: the outputs when it answered
    (nothing to do; when it applies is `pipeline.noop`'s rule)."""
    from briefs.pipeline.noop import noop_outputs

    started = time.monotonic()
    outputs = noop_outputs(request, config)
    output_dir = config.output_dir
    if outputs is None or output_dir is None:
        return None
    if as_json:
        from briefs.output.manifest import read_entries

        entries = [e for e in read_entries(output_dir) if e.path in set(outputs)]
        ids = sorted(e.path.rsplit("/", 1)[-1].removesuffix(".pdf") for e in entries)
        click.echo(json.dumps({"ok": True, "outputs": [e.as_json() for e in entries],
                               "failed": [], "rendered": [],
                               "up_to_date": ids, "diagnostics": []},
                              indent=2, ensure_ascii=False, sort_keys=True))
    elif not quiet:
        click.echo(f"{summary(0, len(outputs), 0, time.monotonic() - started)}; nothing changed "
                   "since the last build.", err=True)
    return outputs
