"""After an interactive build: offer the build server to someone who builds often, or start it
when they asked for that (`BRIEFS_SERVER=start`); never in CI or when not on a terminal.

`briefs build` never starts a background process unasked. A person who rebuilds a workspace
again within a few minutes, on a terminal, gets a one-line tip (at most once an hour per
workspace); `BRIEFS_SERVER=start` makes such a build start the server for the next one (as
Gradle's daemon starts itself), after this build has finished, so that this build is neither
slower nor different. The times of the last builds are kept in the output folder's cache.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import click

STATE = ".cache/server-offer.json"
OWNER = "the build server's offer"
MAX_STATE_BYTES = 4096
OFTEN_SECONDS = 10 * 60.0
"""A rendering build this soon after the previous one: the person is iterating."""
HINT_EVERY_SECONDS = 60 * 60.0
"""The tip is shown at most this often in one workspace."""
TIP = ("tip: you are rebuilding often; `briefs server start` keeps briefs and its render "
       "workers warm between builds, so the next ones start at once (same outputs; it stops "
       "after 15 idle minutes, or with `briefs server stop`). BRIEFS_SERVER=start starts it "
       "for you, BRIEFS_SERVER=0 hides this.")
STARTED = ("note: started a build server for the next builds (BRIEFS_SERVER=start); "
           "`briefs server stop` ends it.")


@dataclass(frozen=True)
class Context:
    """Where the build ran and what it did, as far as the offer is concerned."""

    interactive: bool
    """On a terminal (stdout and stderr), outside CI."""
    setting: str
    """BRIEFS_SERVER: "0" (never), "start" (start one for the next builds), or unset."""
    rendered: bool
    """The build rendered at least one output in this process (not served, not a no-op)."""


def context(env: Mapping[str, str], rendered: bool, served: bool,
            quiet: bool = False) -> Context:
    on_terminal = sys.stdout.isatty() and sys.stderr.isatty()
    interactive = on_terminal and not env.get("CI") and not quiet
    return Context(interactive, env.get("BRIEFS_SERVER", "").strip().lower(),
                   rendered and not served)


def offer(where: Context, output_dir: Path, now: float | None = None,
          start: Callable[[], bool] | None = None,
          running: Callable[[], bool] | None = None) -> str | None:
    """The line to print after the build (and the server started, if asked), or None."""
    if not where.interactive or not where.rendered or where.setting == "0":
        return None
    if where.setting == "start":
        return STARTED if (start or start_server)() else None
    now = time.time() if now is None else now
    state = read_state(output_dir)
    previous, hinted = state.get("built", 0.0), state.get("hinted", 0.0)
    show = now - previous <= OFTEN_SECONDS and now - hinted >= HINT_EVERY_SECONDS and \
        not (running or server_running)()  # one runs, busy with another build: no tip
    write_state(output_dir, {"built": now, "hinted": now if show else hinted})
    return TIP if show else None


def read_state(output_dir: Path) -> dict[str, float]:
    """The times of the last rendering build and of the last tip; anything odd is ignored
    (a missing, large, malformed file, or a link out of the output folder)."""
    from briefs.core.paths import RefusedPath, checked

    path = output_dir / STATE
    try:
        with checked(path, [output_dir]).open("rb") as file:
            data = json.loads(file.read(MAX_STATE_BYTES + 1)[:MAX_STATE_BYTES])
    except (OSError, ValueError, RefusedPath):
        return {}
    if not isinstance(data, dict):
        return {}
    return {key: float(value) for key, value in data.items()
            if key in ("built", "hinted") and isinstance(value, int | float)
            and not isinstance(value, bool) and value == value}


def write_state(output_dir: Path, state: dict[str, float]) -> None:
    """Through a writer: claimed, atomic, never through a link out of the output folder;
    a folder that cannot be written only loses the tip."""
    from briefs.output.writer import WriteError, Writer

    with contextlib.suppress(WriteError, OSError):
        Writer(output_dir).write_text(output_dir / STATE, json.dumps(state), OWNER)


def server_running() -> bool:
    from briefs.server.client import control

    return control("status") is not None


def start_server() -> bool:
    """`briefs server start` in the background, not waited for: this build is done. False
    when one already runs (busy with another build, so this one ran here)."""
    if server_running():
        return False
    try:
        subprocess.Popen([sys.executable, "-m", "briefs", "server", "start"],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True,
                         env={**os.environ, "BRIEFS_SERVER": "0"})
    except OSError:
        return False
    return True


def after_build(output_dir: Path, rendered: bool, served: bool, quiet: bool) -> None:
    """Print the offer, if any, on stderr."""
    line = offer(context(os.environ, rendered, served, quiet), output_dir)
    if line:
        click.echo(line, err=True)
