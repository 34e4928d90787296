"""`briefs server start|stop|status`: a build server that keeps render workers warm."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import click

from briefs.cli.common import EXIT_FAILED, handle_errors

START_SECONDS = 30.0
DEFAULT_IDLE_MINUTES = 15


@click.group()
def server() -> None:
    """A build server: keeps briefs, WeasyPrint and its render workers warm between builds.

    While it runs, `briefs build` in this environment hands its build to the server (the
    same output, exit code and files, about a second sooner). It serves this user only,
    and ends after some idle time, or with `briefs server stop`. `BRIEFS_SERVER=0` builds
    without it; `BRIEFS_SERVER=start` starts it after a build on a terminal (never in CI).
    """


@server.command()
@click.option("--idle-minutes", type=click.FloatRange(min=0.01), default=DEFAULT_IDLE_MINUTES,
              show_default=True, help="End after this long without a build.")
@handle_errors
def start(idle_minutes: float) -> None:
    """Start the build server for this toolkit and environment, in the background."""
    from briefs.server.address import NoPrivateFolder, socket_path
    from briefs.server.client import control

    try:
        path = socket_path(create=True)
    except (NoPrivateFolder, OSError) as exc:
        click.echo(f"error: cannot start a build server: {exc}", err=True)
        sys.exit(EXIT_FAILED)
    status = control("status", path)
    if status is not None:
        click.echo(f"The build server is already running (pid {status['pid']}).")
        return
    log = path.with_suffix(".log")
    with log.open("ab") as output:
        subprocess.Popen([sys.executable, "-m", "briefs.server.daemon", str(path),
                          str(idle_minutes * 60)], stdin=subprocess.DEVNULL, stdout=output,
                         stderr=output, start_new_session=True, cwd="/")
    status = _wait_for(path)
    if status is None:
        click.echo(f"error: the build server did not start; see {log}", err=True)
        sys.exit(EXIT_FAILED)
    click.echo(f"Build server running (pid {status['pid']}, {status['workers']} workers); "
               f"`briefs build` uses it. It stops after {idle_minutes:g} minutes without a "
               "build, or with `briefs server stop`.")


@server.command()
@click.option("--all", "every", is_flag=True,
              help="Stop every build server of this user (other environments, other installs).")
@handle_errors
def stop(every: bool) -> None:
    """Stop the build server for this toolkit and environment."""
    from briefs.server.address import server_folder
    from briefs.server.client import control

    if not every:
        reply = control("stop")
        click.echo("The build server stops." if reply else "No build server is running.")
        return
    try:
        sockets = sorted(server_folder().glob("build-*.sock"))
    except OSError:
        sockets = []
    stopped = sum(1 for path in sockets if control("stop", path) is not None)
    click.echo(f"{stopped} build server{'s' if stopped != 1 else ''} stopped.")


@server.command()
@handle_errors
def status() -> None:
    """Whether a build server runs for this toolkit and environment, and what it has done."""
    from briefs.server.client import control

    reply = control("status")
    if reply is None:
        click.echo("No build server is running (`briefs server start` starts one).")
        return
    since = datetime.fromtimestamp(reply["started"]).strftime("%H:%M")
    click.echo(f"Build server running since {since} (pid {reply['pid']}, {reply['workers']} "
               f"workers): {reply['builds']} build{'s' if reply['builds'] != 1 else ''} "
               f"served{', building now' if reply['busy'] else ''}.")


def _wait_for(path: Path) -> dict[str, object] | None:
    from briefs.server.client import control

    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        reply = control("status", path)
        if reply is not None:
            return reply
        time.sleep(0.05)
    return None
