"""`briefs watch`: build, then build again on every save, in the terminal (no browser)."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

import click

from briefs.cli.build import build_here, report_build, split_names
from briefs.cli.common import (
    Reporter,
    handle_errors,
    locale_option,
    open_workspace,
    profile_option,
    strict_option,
)
from briefs.cli.completion import complete_documents

if TYPE_CHECKING:
    from briefs.pipeline.request import BuildRequest
    from briefs.render.workers import Renderer


class Changes:
    """What the watcher saw since the last build, handed from its thread to the build loop."""

    def __init__(self) -> None:
        self.event = threading.Event()
        self.lock = threading.Lock()
        self.paths: list[str] = []

    def add(self, paths: list[str]) -> None:
        with self.lock:
            self.paths += paths
        self.event.set()

    def take(self) -> list[str]:
        self.event.wait()
        with self.lock:
            self.event.clear()
            taken, self.paths = self.paths, []
        return sorted(set(taken))


@click.command()
@click.argument("docs", nargs=-1, shell_complete=complete_documents)
@locale_option
@profile_option
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Render workers (default: the number of cores).")
@click.option("--format", "formats", multiple=True, metavar="NAME[,NAME...]",
              callback=lambda _ctx, _param, values: split_names(values),
              help="Also make these output formats of each output, as `briefs build "
                   "--format` does (png, jpeg, webp, social, html, email; png:1200x630), "
                   "besides those its profile lists in briefs.yaml.")
@strict_option
@click.option("-q", "--quiet", is_flag=True, help="Only the summary of each build and problems.")
@click.pass_context
@handle_errors
def watch(ctx: click.Context, docs: tuple[str, ...], locales: tuple[str, ...],
          profile_name: str | None, jobs: int | None, formats: tuple[str, ...], strict: bool,
          quiet: bool) -> None:
    """Build, then build again what a saved file affects, until Ctrl+C."""
    from briefs.pipeline.request import BuildOptions, BuildRequest
    from briefs.preview.watcher import Watcher
    from briefs.render.workers import Renderer, default_jobs

    workspace = open_workspace(ctx)
    options = BuildOptions(profiles=(profile_name,) if profile_name else (), strict=strict,
                           jobs=jobs or default_jobs(), formats=tuple(dict.fromkeys(formats)))
    request = BuildRequest(workspace.root, docs, locales, options)
    reporter = Reporter(workspace.root)
    changes = Changes()
    watcher = Watcher(workspace.root, workspace.output_dir, changes.add,
                      log=reporter.line)
    with Renderer(options.jobs) as renderer:
        renderer.start()
        watcher.start()
        try:
            while True:
                _build_once(request, renderer, Reporter(workspace.root, quiet=quiet))
                reporter.line("Watching for changes (Ctrl+C to stop).")
                paths = changes.take()
                reporter.line(f"\nChanged: {', '.join(paths[:5])}"
                              f"{' ...' if len(paths) > 5 else ''}")
        except KeyboardInterrupt:
            renderer.shut_down(at_once=True)
            reporter.line("Stopped watching.")
        finally:
            watcher.stop(timeout=2)


def _build_once(request: BuildRequest, renderer: Renderer, reporter: Reporter) -> None:
    """One build; its failure (bad content, a broken briefs.yaml) waits for the next save."""
    from briefs.core.diagnostics import BriefsError, Diagnostic, Severity, summary_line
    from briefs.output.writer import WriteError

    try:
        report_build(build_here(request, reporter, renderer), reporter)
    except SystemExit:
        pass  # the problems were reported; fix them and save
    except (BriefsError, WriteError) as exc:
        diagnostics = exc.diagnostics if isinstance(exc, BriefsError) else \
            [Diagnostic(Severity.ERROR, exc.message, exc.path)]
        for diagnostic in diagnostics:
            reporter.diagnostic(diagnostic)
        reporter.line(summary_line(sum(d.severity is Severity.ERROR for d in diagnostics)))
