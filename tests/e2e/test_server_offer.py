"""`briefs build` on a terminal offers the build server to someone rebuilding; in CI, or with
its output piped, it says nothing (and never starts one)."""

from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from briefs.cli.server_offer import TIP
from briefs.scaffold.new_workspace import init_workspace

BUILD = [sys.executable, "-m", "briefs", "build", "first-flyer", "-l", "en", "--force"]


def on_terminal(workspace: Path, env: dict[str, str]) -> str:
    """Run the build with stdout and stderr on a pseudo-terminal; what it printed."""
    main, secondary = pty.openpty()
    try:
        process = subprocess.run(BUILD, cwd=workspace, stdin=subprocess.DEVNULL,
                                 stdout=secondary, stderr=secondary, env=env, timeout=600,
                                 check=False)
        os.close(secondary)
        chunks = []
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # the terminal closed: everything was read
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(main)
    assert process.returncode == 0, b"".join(chunks).decode(errors="replace")
    return b"".join(chunks).decode(errors="replace")


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.render
def test_a_rebuild_on_a_terminal_gets_the_tip_and_ci_does_not(tmp_path: Path) -> None:
    workspace = init_workspace(tmp_path / "ws")
    env = {name: value for name, value in os.environ.items()
           if name not in ("CI", "BRIEFS_SERVER")}
    runtime = tempfile.mkdtemp(prefix="briefs-rt-")  # sockets of its own: no server found
    env.update(NO_COLOR="1", TERM="xterm", COLUMNS="4000", XDG_RUNTIME_DIR=runtime)
    assert "tip:" not in on_terminal(workspace, env)  # the first build of the day
    assert "tip:" not in on_terminal(workspace, {**env, "CI": "true"})  # CI: never
    second = on_terminal(workspace, env)
    assert flat(TIP) in flat(second)
    piped = subprocess.run(BUILD, cwd=workspace, capture_output=True, text=True, env=env,
                           check=False)
    assert piped.returncode == 0 and "tip:" not in piped.stderr + piped.stdout
    shutil.rmtree(runtime, ignore_errors=True)
