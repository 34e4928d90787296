"""The build server against hostile or careless clients: a request that is not of its
schema, deep JSON, idle connections, its socket file replaced."""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefs.scaffold.new_workspace import init_workspace
from briefs.server.protocol import HEADER, REQUEST, receive
from tests.e2e.test_server import Runtime, _alive, briefs, private_runtime, served


@pytest.fixture
def runtime_env() -> Iterator[Runtime]:
    runtime, env = private_runtime()
    yield runtime, env
    briefs("server", "stop", cwd=runtime, env=env)
    shutil.rmtree(runtime, ignore_errors=True)


def start(tmp_path: Path, env: dict[str, str]) -> int:
    started = briefs("server", "start", cwd=tmp_path, env=env)
    assert started.returncode == 0, started.stderr
    return int(re.search(r"pid (\d+)", started.stdout).group(1))  # type: ignore[union-attr]


def socket_of(runtime: Path) -> Path:
    return next((runtime / "briefs").glob("*.sock"))


def raw(path: Path, payload: bytes) -> socket.socket:
    connection = socket.socket(socket.AF_UNIX)
    connection.connect(str(path))
    connection.sendall(HEADER.pack(REQUEST, len(payload)) + payload)
    return connection


def test_deep_json_and_argv_requests_leave_the_server_answering(runtime_env: Runtime,
                                                                tmp_path: Path) -> None:
    runtime, env = runtime_env
    start(tmp_path, env)
    path = socket_of(runtime)
    root = init_workspace(tmp_path / "ws")
    hostile = [b"[" * 1_000_000,
               json.dumps({"protocol": 2, "command": "build",
                           "args": ["init", "build"], "cwd": str(root)}).encode(),
               json.dumps({"protocol": 1, "command": "build", "args": ["build"],
                           "cwd": str(root), "env": {}, "tty": [False, False]}).encode()]
    for payload in hostile:
        with raw(path, payload) as connection:
            connection.settimeout(10)
            with contextlib.suppress(ConnectionResetError):  # refused: closed, no answer
                assert connection.recv(1) == b""
    status = briefs("server", "status", cwd=tmp_path, env=env)
    assert "Build server running" in status.stdout and "0 builds served" in status.stdout
    assert not (root / "build").exists() and not (root / "build" / "briefs.yaml").exists()
    built = briefs("build", cwd=root, env=env)
    assert built.returncode == 0 and served(root, env) == 1, built.stderr
    briefs("server", "stop", cwd=tmp_path, env=env)


def test_idle_connections_do_not_delay_a_build(runtime_env: Runtime, tmp_path: Path) -> None:
    runtime, env = runtime_env
    start(tmp_path, env)
    path = socket_of(runtime)
    root = init_workspace(tmp_path / "ws")
    idle = []
    for _ in range(7):
        connection = socket.socket(socket.AF_UNIX)
        connection.connect(str(path))  # and never a byte
        idle.append(connection)
    began = time.monotonic()
    status = briefs("server", "status", cwd=tmp_path, env=env)
    assert "Build server running" in status.stdout
    assert time.monotonic() - began < 4  # each connection is read on its own thread
    built = briefs("build", cwd=root, env=env)
    assert built.returncode == 0 and served(root, env) == 1, built.stderr
    for connection in idle:
        connection.close()
    briefs("server", "stop", cwd=tmp_path, env=env)


def test_a_server_whose_socket_is_replaced_ends(runtime_env: Runtime, tmp_path: Path) -> None:
    runtime, env = runtime_env
    pid = start(tmp_path, env)
    path = socket_of(runtime)
    path.unlink()
    impostor = socket.socket(socket.AF_UNIX)
    impostor.bind(str(path))  # another socket at its path: not its own any more
    try:
        deadline = time.monotonic() + 30
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _alive(pid)
        assert path.exists()  # the server that ended leaves the other socket alone
    finally:
        impostor.close()


def test_a_served_build_sends_events_not_text(runtime_env: Runtime, tmp_path: Path) -> None:
    """The protocol streams typed build events and a report; the client draws them."""
    runtime, env = runtime_env
    start(tmp_path, env)
    root = init_workspace(tmp_path / "ws")
    request = {"protocol": 2, "command": "build",
               "request": {"workspace": str(root), "locales": ["en"]}}
    kinds = []
    with raw(socket_of(runtime), json.dumps(request).encode()) as connection:
        connection.settimeout(300)
        while True:
            kind, payload = receive(connection)
            kinds.append(json.loads(payload).get("type", kind.decode()))
            if kind != b"v":
                report = json.loads(payload)
                break
    assert kinds[0] == "Planned" and kinds[-2] == "Finished" and kinds[-1] == "d"
    assert sorted(report["rendered"]) == ["first-brief.en", "first-flyer.en"]
    briefs("server", "stop", cwd=tmp_path, env=env)
