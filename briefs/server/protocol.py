"""Frames between a build client and the server: a kind byte, a length, the bytes.

The client sends one request (JSON: a build request, or a control question); the server
answers a build with event frames as the build goes, then one frame that ends it (the
report, a refusal, the failure that stopped it before it began, an internal error, or an
interruption), or with one reply (JSON) for a control request or when it is busy. Standard
library only.
"""

from __future__ import annotations

import json
import socket
import struct
from typing import Any

REQUEST = b"q"
REPLY = b"r"
EVENT = b"v"
REPORT = b"d"
"""The build ran: what it did (`BuildReport.to_wire`)."""
REFUSED = b"u"
"""The request is a usage error (an unknown document, locale, profile or format)."""
FAILURE = b"f"
"""The build could not begin (briefs.yaml broken, the output folder not writable)."""
INTERNAL = b"i"
INTERRUPTED = b"c"
ENDINGS = (REPORT, REFUSED, FAILURE, INTERNAL, INTERRUPTED)
HEADER = struct.Struct(">cI")
MAX_REQUEST_BYTES = 1 << 20
MAX_FRAME_BYTES = 1 << 30
PROTOCOL = 2


class ProtocolError(ConnectionError):
    """The other side sent something that is not a frame of this protocol."""


def send(connection: socket.socket, kind: bytes, payload: bytes) -> None:
    connection.sendall(HEADER.pack(kind, len(payload)) + payload)


def send_json(connection: socket.socket, kind: bytes, value: Any) -> None:
    send(connection, kind, json.dumps(value).encode())


def receive(connection: socket.socket, limit: int = MAX_FRAME_BYTES) -> tuple[bytes, bytes]:
    """The next frame (kind, payload); ConnectionError when the other side went away."""
    kind, length = HEADER.unpack(_exactly(connection, HEADER.size))
    if length > limit:
        raise ProtocolError(f"a frame of {length} bytes (at most {limit})")
    return kind, _exactly(connection, length)


def receive_json(connection: socket.socket, kind: bytes, limit: int = MAX_REQUEST_BYTES) -> Any:
    found, payload = receive(connection, limit)
    if found != kind:
        raise ProtocolError(f"expected a {kind!r} frame, got {found!r}")
    try:
        return json.loads(payload)
    except (ValueError, RecursionError) as exc:
        raise ProtocolError(f"not JSON: {exc}") from exc


def _exactly(connection: socket.socket, size: int) -> bytes:
    chunks, missing = [], size
    while missing:
        chunk = connection.recv(min(missing, 1 << 20))
        if not chunk:
            raise ConnectionError("the other side closed the connection")
        chunks.append(chunk)
        missing -= len(chunk)
    return b"".join(chunks)
