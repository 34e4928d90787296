"""Hand a build to a running build server and relay what it prints; standard library only.

Nothing changes for the person running the command: the same output on the same streams, the
same exit code. When no server runs for this toolkit and environment, it is busy, or it goes
away before printing anything, the command builds in its own process as always.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import sys
from pathlib import Path
from typing import Any

from briefs.server.address import PER_REQUEST, socket_path
from briefs.server.protocol import (
    EXIT,
    PROTOCOL,
    REPLY,
    REQUEST,
    STDERR,
    STDOUT,
    receive,
    receive_json,
    send_json,
)

CONNECT_SECONDS = 2.0
EXIT_INTERRUPTED = 130
EXIT_INTERNAL = 3


def build_by_server(args: list[str]) -> int | None:
    """The exit code of `briefs <args>` run by this user's build server, or None when no
    server could take it (then build here)."""
    if os.environ.get("BRIEFS_SERVER") == "0":
        return None
    connection = connect()
    if connection is None:
        return None
    with connection:
        env = {name: os.environ.get(name) for name in sorted(PER_REQUEST)}
        tty = [sys.stdout.isatty(), sys.stderr.isatty()]
        if tty[1] and not env["COLUMNS"]:  # the server's streams are not this terminal
            size = shutil.get_terminal_size()
            env["COLUMNS"], env["LINES"] = str(size.columns), str(size.lines)
        send_json(connection, REQUEST, {"protocol": PROTOCOL, "command": "build",
                                        "args": args, "cwd": os.getcwd(), "env": env,
                                        "tty": tty})
        return _relay(connection)


def control(command: str, path: Path | None = None) -> dict[str, Any] | None:
    """Ask the server a control question ("status", "stop"); None when none is running."""
    connection = connect(path)
    if connection is None:
        return None
    with connection:
        try:
            send_json(connection, REQUEST, {"protocol": PROTOCOL, "command": command})
            reply: dict[str, Any] = receive_json(connection, REPLY)
        except ConnectionError:
            return None
    return reply


def connect(path: Path | None = None) -> socket.socket | None:
    """A connection to the server for this toolkit and environment, or None. A socket file
    left by a server that is gone is removed."""
    try:
        path = path or socket_path()
    except OSError:
        return None
    if not path.exists():
        return None
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    connection.settimeout(CONNECT_SECONDS)
    try:
        connection.connect(str(path))
    except ConnectionRefusedError:
        connection.close()
        with contextlib.suppress(OSError):
            path.unlink()
        return None
    except OSError:
        connection.close()
        return None
    connection.settimeout(None)
    return connection


def _relay(connection: socket.socket) -> int | None:
    """Copy the server's output frames to this process's streams; the exit code at the end.
    Ctrl+C asks the server to stop the build (it ends as an interrupted build does)."""
    streams = {STDOUT: sys.stdout, STDERR: sys.stderr}
    try:
        return _copy_frames(connection, streams)
    except KeyboardInterrupt:
        with contextlib.suppress(OSError):
            connection.shutdown(socket.SHUT_WR)  # the server stops the build
        try:
            return _finish_after_interrupt(connection, streams)
        except KeyboardInterrupt:
            return EXIT_INTERRUPTED


def _copy_frames(connection: socket.socket, streams: dict[bytes, Any]) -> int | None:
    relayed = False
    while True:
        try:
            kind, payload = receive(connection)
        except ConnectionError:
            if not relayed:
                return None  # gone before the build began: build here
            sys.stderr.write("error: the build server stopped during the build; run the "
                             "build again (`BRIEFS_SERVER=0` builds without it)\n")
            return EXIT_INTERNAL
        if kind == EXIT:
            return int(payload)
        if kind == REPLY:
            return None  # busy with another build: build here
        if kind in streams:
            relayed = True
            _write(streams[kind], payload)


def _write(stream: Any, payload: bytes) -> None:
    stream.flush()
    stream.buffer.write(payload)
    stream.buffer.flush()


def _finish_after_interrupt(connection: socket.socket, streams: dict[bytes, Any]) -> int:
    connection.settimeout(10)
    try:
        while True:
            kind, payload = receive(connection)
            if kind == EXIT:
                return int(payload)
            if kind in streams:
                _write(streams[kind], payload)
    except (ConnectionError, TimeoutError):
        return EXIT_INTERRUPTED
