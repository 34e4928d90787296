"""`briefs server`: a build handed to it is the same build, only sooner."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefs.scaffold.new_workspace import init_workspace

TIMEOUT = 300
Runtime = tuple[Path, dict[str, str]]


def briefs(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "briefs", *args], cwd=cwd, env=env, text=True,
                          capture_output=True, timeout=TIMEOUT, check=False)


def private_runtime() -> tuple[Path, dict[str, str]]:
    """A runtime folder of a test's own (short: a socket's path is at most 104 bytes, so not
    under pytest's long temporary folders) and an environment in which builds use a server."""
    runtime = Path(tempfile.mkdtemp(prefix="briefs-rt-"))  # private: 0700
    env = {name: value for name, value in os.environ.items() if name != "BRIEFS_SERVER"}
    return runtime, {**env, "XDG_RUNTIME_DIR": str(runtime)}


@pytest.fixture
def runtime_env() -> Iterator[Runtime]:
    runtime, env = private_runtime()
    yield runtime, env
    shutil.rmtree(runtime, ignore_errors=True)


def served(cwd: Path, env: dict[str, str]) -> int:
    """How many builds the server has run (0 when none runs)."""
    status = briefs("server", "status", cwd=cwd, env=env).stdout
    found = re.search(r"(\d+) builds? served", status)
    return int(found.group(1)) if found else 0


@pytest.fixture(scope="module")
def server_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The environment of a build server of its own (sockets in a folder of its own)."""
    here = tmp_path_factory.mktemp("here")
    runtime, env = private_runtime()
    env.update(NO_COLOR="1", SOURCE_DATE_EPOCH="1700000000")
    started = briefs("server", "start", cwd=here, env=env)
    assert started.returncode == 0, started.stderr
    assert "Build server running" in started.stdout
    yield env
    stopped = briefs("server", "stop", cwd=here, env=env)
    shutil.rmtree(runtime, ignore_errors=True)
    assert stopped.stdout == "The build server stops.\n", stopped.stderr


def test_a_served_build_is_the_same_build(server_env: dict[str, str], tmp_path: Path) -> None:
    here, there = init_workspace(tmp_path / "a"), init_workspace(tmp_path / "b")
    before = served(here, server_env)
    by_server = briefs("build", cwd=here, env=server_env)
    by_itself = briefs("build", cwd=there, env={**server_env, "BRIEFS_SERVER": "0"})
    assert served(here, server_env) == before + 1
    assert by_server.returncode == by_itself.returncode == 0, by_server.stderr
    assert by_server.stdout == by_itself.stdout  # the paths written, relative to the workspace
    timing = re.compile(r"in \d+\.\d s")
    assert timing.sub("", by_server.stderr) == timing.sub("", by_itself.stderr)
    built = sorted(path.relative_to(here) for path in here.glob("build/*/*.pdf"))
    assert built and built == sorted(p.relative_to(there) for p in there.glob("build/*/*.pdf"))
    for path in built:
        assert (here / path).read_bytes() == (there / path).read_bytes()
    noop = briefs("build", cwd=here, env=server_env)  # an unchanged rebuild stays local
    assert noop.returncode == 0 and served(here, server_env) == before + 1


def test_bad_input_is_reported_as_by_the_command(server_env: dict[str, str],
                                                  tmp_path: Path) -> None:
    root = init_workspace(tmp_path / "ws")
    assert briefs("build", cwd=root, env=server_env).returncode == 0
    pdfs = {path: path.read_bytes() for path in root.glob("build/*/*.pdf")}
    broken = next(root.glob("content/*/fr.yaml"))
    broken.write_text(broken.read_text(encoding="utf-8") + "title: [unclosed\n",
                      encoding="utf-8")
    before = served(root, server_env)
    result = briefs("build", "--strict", cwd=root, env=server_env)
    assert served(root, server_env) == before + 1
    assert result.returncode == 1
    assert re.search(rf"content/{broken.parent.name}/fr\.yaml:\d+:\d+: error: invalid YAML",
                     result.stderr), result.stderr
    assert "Traceback" not in result.stderr
    assert {path: path.read_bytes() for path in pdfs} == pdfs


def test_another_environment_is_not_served(server_env: dict[str, str], tmp_path: Path) -> None:
    root = init_workspace(tmp_path / "ws")
    before = served(root, server_env)
    result = briefs("build", cwd=root, env={**server_env, "LC_ALL": "C.UTF-8",
                                            "PATH": f"/nonexistent:{server_env['PATH']}"})
    assert result.returncode == 0, result.stderr
    assert served(root, server_env) == before


def test_ctrl_c_stops_the_served_build_and_the_server_goes_on(server_env: dict[str, str],
                                                              tmp_path: Path) -> None:
    root = init_workspace(tmp_path / "ws")
    process = subprocess.Popen(
        [sys.executable, "-m", "briefs", "build", "-j", "2", "--force"], cwd=root,
        env=server_env, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 60  # Ctrl+C once the server builds (not while importing)
    while "building now" not in briefs("server", "status", cwd=root, env=server_env).stdout:
        assert process.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=TIMEOUT)
    assert process.returncode in (0, 1, 130), err  # 0: it had finished already
    assert "Traceback" not in err
    again = briefs("build", cwd=root, env=server_env)
    assert again.returncode == 0, again.stderr
    assert not list(root.glob("build/**/*.tmp"))


def test_a_server_ends_when_idle_and_its_socket_goes(runtime_env: Runtime, tmp_path: Path) -> None:
    runtime, env = runtime_env
    assert briefs("server", "start", "--idle-minutes", "0.02", cwd=tmp_path, env=env
                  ).returncode == 0
    assert list((runtime / "briefs").glob("*.sock"))
    deadline = time.monotonic() + 30
    while list((runtime / "briefs").glob("*.sock")) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not list((runtime / "briefs").glob("*.sock"))
    assert "No build server is running" in briefs("server", "status", cwd=tmp_path,
                                                  env=env).stdout


def test_a_stale_socket_is_removed_and_the_build_runs_here(runtime_env: Runtime,
                                                           tmp_path: Path) -> None:
    from briefs.server.address import socket_path

    runtime, env = runtime_env
    code = ("import os, sys; os.environ['XDG_RUNTIME_DIR'] = sys.argv[1]; "
            "from briefs.server.address import socket_path; print(socket_path(create=True))")
    path = Path(subprocess.run([sys.executable, "-c", code, str(runtime)], env=env, text=True,
                               capture_output=True, check=True).stdout.strip())
    assert path.parent == runtime / "briefs" and socket_path  # the name the build will use
    stale = socket.socket(socket.AF_UNIX)
    stale.bind(str(path))
    stale.close()  # a socket file nobody listens on: a server that died
    root = init_workspace(tmp_path / "ws")
    result = briefs("build", cwd=root, env=env)
    assert result.returncode == 0, result.stderr
    assert not path.exists()


def test_a_folder_others_can_enter_is_not_used(runtime_env: Runtime, tmp_path: Path) -> None:
    runtime, env = runtime_env
    (runtime / "briefs").mkdir()
    (runtime / "briefs").chmod(0o755)
    started = briefs("server", "start", cwd=tmp_path, env=env)
    assert started.returncode == 1
    assert "is not a private folder of this user" in started.stderr
    root = init_workspace(tmp_path / "ws")
    assert briefs("build", cwd=root, env=env).returncode == 0


def test_a_server_whose_socket_file_is_removed_ends(runtime_env: Runtime, tmp_path: Path) -> None:
    """A cleaned-up folder (a test's, a session's runtime folder) takes its server along."""
    runtime, env = runtime_env
    started = briefs("server", "start", cwd=tmp_path, env=env)
    pid = int(re.search(r"pid (\d+)", started.stdout).group(1))  # type: ignore[union-attr]
    for path in (runtime / "briefs").glob("*.sock"):
        path.unlink()
    deadline = time.monotonic() + 30
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _alive(pid)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:  # a zombie has ended
        return stat.read().split(")")[-1].split()[0] != "Z"


def test_a_served_build_on_a_terminal_draws_its_progress_bar(server_env: dict[str, str],
                                                             tmp_path: Path) -> None:
    from tests.e2e.test_terminal import COLOR, SUMMARY, run_in_pty

    root = init_workspace(tmp_path / "ws")
    env = {name: value for name, value in server_env.items() if name != "NO_COLOR"}
    env.update(TERM="xterm-256color")
    env.pop("CI", None)
    before = served(root, server_env)
    code, screen = run_in_pty([sys.executable, "-m", "briefs", "build"], root, env)
    assert code == 0, screen
    assert served(root, server_env) == before + 1
    assert "━" in screen and COLOR.search(screen)  # rich's bar, in colour, as on a terminal
    assert SUMMARY.findall(screen) == [("4", "0", "0")]


def test_a_build_while_the_server_is_busy_builds_by_itself(server_env: dict[str, str],
                                                           tmp_path: Path) -> None:
    first = init_workspace(tmp_path / "a", template="full")  # 24 outputs: seconds to build
    second = init_workspace(tmp_path / "b")
    before = served(first, server_env)
    running = subprocess.Popen([sys.executable, "-m", "briefs", "build", "--force"], cwd=first,
                               env=server_env, text=True, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while "building now" not in briefs("server", "status", cwd=first, env=server_env).stdout:
        assert running.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    meanwhile = briefs("build", cwd=second, env=server_env)  # told "busy": builds itself
    assert meanwhile.returncode == 0, meanwhile.stderr
    assert running.wait(timeout=TIMEOUT) == 0
    assert served(first, server_env) == before + 1
    assert len(list(second.glob("build/*/*.pdf"))) == 4
