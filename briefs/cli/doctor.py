"""`briefs doctor`: what this machine has for briefs, and what the current workspace needs."""

from __future__ import annotations

import os
import platform
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import click

from briefs import __version__
from briefs.cli.common import EXIT_FAILED, color_wanted, handle_errors
from briefs.core.diagnostics import BriefsError

MIN_PANGO = (1, 44)


@dataclass(frozen=True)
class Finding:
    """One line of the report: a check, whether it passed, and what to do if not."""

    ok: bool
    what: str
    advice: str = ""
    fatal: bool = True
    """False for what only slows a build down (no libharfbuzz-subset)."""


def system_install_hint(packages: str = "libpango-1.0-0 libpangoft2-1.0-0 "
                                        "libharfbuzz-subset0") -> str:
    """The one command that installs what WeasyPrint needs on this platform."""
    if sys.platform == "darwin":
        return "brew install pango"
    if sys.platform.startswith("win"):
        return ("run briefs inside WSL (Ubuntu), then: sudo apt-get install "
                f"{packages}")
    return f"sudo apt-get install {packages}"


def environment() -> list[Finding]:
    """Python, WeasyPrint, Pango, HarfBuzz's subsetter and fontconfig."""
    found = [Finding(sys.version_info >= (3, 11), f"Python {platform.python_version()}",
                     "briefs needs Python 3.11 or newer")]
    try:
        import weasyprint
        from weasyprint.text.ffi import pango
    except (ImportError, OSError) as exc:
        return [*found, Finding(False, f"WeasyPrint cannot load ({exc})",
                                f"install Pango: {system_install_hint()}")]
    number = pango.pango_version()
    pango_version = (number // 10000, number // 100 % 100, number % 100)
    from briefs.render.hooks import SUPPORTED, missing_hooks, supported

    missing = missing_hooks()
    found += [Finding(supported(weasyprint.__version__) and not missing,
                      f"WeasyPrint {weasyprint.__version__}",
                      f"briefs uses WeasyPrint's internals and is checked with {SUPPORTED}"
                      + (f" (missing: {', '.join(missing)})" if missing else "")
                      + f'; install it: pip install "weasyprint{SUPPORTED}"'),
              Finding(pango_version[:2] >= MIN_PANGO,
                      f"Pango {'.'.join(map(str, pango_version))}",
                      f"Pango 1.44 or newer is needed: {system_install_hint()}")]
    from briefs.pipeline.run import harfbuzz_subset_available

    found.append(Finding(harfbuzz_subset_available(), "libharfbuzz-subset (fast font subsetting)",
                         f"fonts are subset ten times slower without it: "
                         f"{system_install_hint('libharfbuzz-subset0')}", fatal=False))
    found.append(Finding(shutil.which("fc-match") is not None,
                         "fontconfig (fc-match), to find installed fonts",
                         "brands naming installed fonts need it: "
                         f"{system_install_hint('fontconfig')}"))
    return found


def _mark(ok: bool, fatal: bool) -> str:
    word = "ok" if ok else ("missing" if fatal else "slow")
    if not color_wanted(sys.stdout):
        return f"{word:<8}"
    return click.style(f"{word:<8}", fg="green" if ok else ("red" if fatal else "yellow"),
                       bold=not ok)


def _echo(line: str) -> None:
    """A report line, keeping its colour when FORCE_COLOR asks for it off a terminal."""
    click.echo(line, color=color_wanted(sys.stdout))


@click.command()
@click.pass_context
@handle_errors
def doctor(ctx: click.Context) -> None:
    """Check this machine and the current workspace: exit 1 when a build would fail."""
    click.echo(f"briefs {__version__} on {platform.system()} {platform.machine()}")
    failed = 0
    for finding in environment():
        _echo(f"  {_mark(finding.ok, finding.fatal)} {finding.what}")
        if not finding.ok:
            click.echo(f"           {finding.advice}")
            failed += finding.fatal
    failed += _workspace(ctx)
    if failed:
        click.echo(f"{failed} problem{'s' if failed != 1 else ''}: a build would fail.")
        sys.exit(EXIT_FAILED)
    click.echo("Everything a build needs is here.")


def _workspace(ctx: click.Context) -> int:
    """Each locale of the current workspace with each brand it uses; the number of problems."""
    from briefs.brand.readiness import workspace_readiness
    from briefs.content.config import load_workspace
    from briefs.core.workspace import quick_root

    if quick_root(ctx.obj["workspace"]) is None:
        click.echo("No workspace here (no briefs.yaml): `briefs init` creates one.")
        return 0
    try:
        workspace = load_workspace(ctx.obj["workspace"])
    except BriefsError as exc:
        for diagnostic in exc.diagnostics:
            _echo(f"  {_mark(False, True)} {diagnostic.format()}")
        return 1
    readiness = workspace_readiness(workspace)
    click.echo(f"Workspace {workspace.root} ({len(workspace.config.locales)} locales, brands "
               f"{', '.join(readiness.brands)})")
    writable = output_writable(workspace.output_dir)
    _echo(f"  {_mark(writable.ok, True)} {writable.what}")
    if not writable.ok:
        _echo(f"           {writable.advice}")
    for diagnostic in readiness.problems:
        _echo(f"  {_mark(False, True)} {diagnostic.format(workspace.root)}")
    for item in readiness.locales:
        fonts = ", ".join(item.families)
        _echo(f"  {_mark(item.ok, True)} {item.locale:<6} {item.script or '?':<5} "
              f"{item.brand}: {fonts}")
        if not item.ok:
            click.echo(f'           no font of the brand has "{item.missing}"; declare one in '
                       f"styles/{item.brand}/brand.yaml (scripts: {item.script}), e.g. an "
                       f"installed Noto font: {system_install_hint(item.package)}")
    return (len(readiness.problems.errors) + sum(not item.ok for item in readiness.locales)
            + (not writable.ok))


def output_writable(output_dir: Path) -> Finding:
    """Whether a build can write its PDFs, lock and manifest: a file is made, then removed, in
    the output folder (or the nearest folder above it that exists), as the build would. A
    read-only mount or missing permission fails here as it would in `briefs build`."""
    probe = output_dir
    while not probe.is_dir() and probe.parent != probe:
        probe = probe.parent
    shown = output_dir.name + "/"
    try:
        handle, name = tempfile.mkstemp(prefix=".briefs-doctor-", dir=probe)
        os.close(handle)
        os.unlink(name)
    except OSError as exc:
        return Finding(False, f"output folder {shown} cannot be written "
                       f"({exc.strerror or exc})",
                       "briefs build writes its PDFs there: make the workspace writable, or set "
                       "output_dir in briefs.yaml to a folder that is")
    return Finding(True, f"output folder {shown} can be written")
