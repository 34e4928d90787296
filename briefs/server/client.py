"""Hand a build to a running build server: send the request, draw the events it streams
back with this command's own progress listener, and return its report; standard library
only (and the build's light modules).

Nothing changes for the person running the command: the same output on the same streams, the
same exit code. When no server runs for this toolkit and environment, it is busy, or it goes
away before the build began, the command builds in its own process as always.
"""

from __future__ import annotations

import contextlib
import json
import socket
from pathlib import Path
from typing import Any

from briefs.core.diagnostics import BriefsError
from briefs.pipeline.events import Listener
from briefs.pipeline.report import BuildReport, unwire
from briefs.pipeline.request import BadRequest, BuildRequest
from briefs.server.address import socket_path
from briefs.server.protocol import (
    EVENT,
    FAILURE,
    INTERNAL,
    INTERRUPTED,
    PROTOCOL,
    REFUSED,
    REPLY,
    REPORT,
    REQUEST,
    receive,
    receive_json,
    send_json,
)
from briefs.server.wire import event_of, request_json

CONNECT_SECONDS = 2.0
INTERRUPT_SECONDS = 10.0


class ServerGone(ConnectionError):
    """The server stopped (or failed) in the middle of a build."""


def served_build(connection: socket.socket, request: BuildRequest,
                 listener: Listener) -> BuildReport | None:
    """The report of `request` built by the server on `connection`, its events handed to
    `listener` as they come; None when the server is busy or went away before the build
    began (then build here). BadRequest, BriefsError as the build itself would raise them;
    ServerGone when it stopped during the build; KeyboardInterrupt after the server stopped
    the build for a Ctrl+C here."""
    send_json(connection, REQUEST, {"protocol": PROTOCOL, "command": "build",
                                    "request": request_json(request)})
    began = False
    try:
        while True:
            try:
                kind, payload = receive(connection)
            except ConnectionError as exc:
                if not began:
                    return None
                raise ServerGone("the build server stopped during the build; run the build "
                                 "again (`BRIEFS_SERVER=0` builds without it)") from exc
            if kind == REPLY:
                return None  # busy with another build
            began = True
            if kind == EVENT:
                listener(event_of(json.loads(payload)))
            else:
                return _ending(kind, json.loads(payload))
    except KeyboardInterrupt:
        with contextlib.suppress(OSError):
            connection.shutdown(socket.SHUT_WR)  # the server stops the build
        _wait_for_the_end(connection)
        raise


def _ending(kind: bytes, data: Any) -> BuildReport:
    if kind == REPORT:
        return BuildReport.from_wire(data)
    if kind == REFUSED:
        raise BadRequest(str(data["message"]))
    if kind == FAILURE:
        raise BriefsError([unwire(d) for d in data["diagnostics"]])
    if kind == INTERRUPTED:
        raise KeyboardInterrupt
    if kind == INTERNAL:
        raise ServerGone(f"internal error in the build server: {data['message']} (its log "
                         "is beside its socket; please report it)")
    raise ServerGone(f"the build server sent a frame of kind {kind!r}")


def _wait_for_the_end(connection: socket.socket) -> None:
    """Let the server finish stopping the build (its lock released, its files clean)."""
    connection.settimeout(INTERRUPT_SECONDS)
    with contextlib.suppress(ConnectionError, TimeoutError, OSError, KeyboardInterrupt):
        while receive(connection)[0] not in (REPORT, INTERRUPTED, FAILURE, INTERNAL):
            pass


def control(command: str, path: Path | None = None) -> dict[str, Any] | None:
    """Ask the server a control question ("status", "stop"); None when none is running."""
    connection = connect(path)
    if connection is None:
        return None
    with connection:
        try:
            send_json(connection, REQUEST, {"protocol": PROTOCOL, "command": command})
            reply: dict[str, Any] = receive_json(connection, REPLY)
        except (ConnectionError, TimeoutError):
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
