"""Frames between a build client and the server: a kind byte, a length, the bytes.

The client sends one request (JSON); the server answers with standard output and error
frames as the build writes them, then the exit code, or with one reply (JSON) for a control
request or when it is busy. Standard library only.
"""

from __future__ import annotations

import json
import socket
import struct
from typing import Any

REQUEST = b"q"
STDOUT = b"o"
STDERR = b"e"
EXIT = b"x"
REPLY = b"r"
HEADER = struct.Struct(">cI")
MAX_REQUEST_BYTES = 1 << 20
MAX_FRAME_BYTES = 1 << 30
PROTOCOL = 1


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
    except ValueError as exc:
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
