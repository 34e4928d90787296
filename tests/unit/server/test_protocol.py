"""Frames: what is sent is received, whole; anything else is refused."""

from __future__ import annotations

import socket

import pytest

from briefs.server.protocol import (
    EVENT,
    REPLY,
    REQUEST,
    ProtocolError,
    receive,
    receive_json,
    send,
    send_json,
)


def test_frames_arrive_whole_and_in_order() -> None:
    left, right = socket.socketpair()
    with left, right:
        send(left, EVENT, b"x" * 100_000)
        send_json(left, REQUEST, {"a": [1, 2]})
        assert receive(right) == (EVENT, b"x" * 100_000)
        assert receive_json(right, REQUEST) == {"a": [1, 2]}


def test_too_large_wrong_kind_or_not_json_is_refused() -> None:
    left, right = socket.socketpair()
    with left, right:
        send(left, REQUEST, b"{}" + b" " * 100)
        with pytest.raises(ProtocolError, match="at most 10"):
            receive(right, limit=10)
    left, right = socket.socketpair()
    with left, right:
        send(left, REPLY, b"{}")
        with pytest.raises(ProtocolError, match="expected"):
            receive_json(right, REQUEST)
        send(left, REQUEST, b"{not json")
        with pytest.raises(ProtocolError, match="not JSON"):
            receive_json(right, REQUEST)


def test_a_closed_connection_is_a_connection_error() -> None:
    left, right = socket.socketpair()
    left.sendall(b"q\x00")  # half a header
    left.close()
    with right, pytest.raises(ConnectionError):
        receive(right)
