"""The build server's requests: one strict, bounded schema; never the command line's argv."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefs.formats.targets import OutputName, TargetKey
from briefs.pipeline.events import Failed, Finished, Fitted, OutputRef, Planned, Rendered
from briefs.pipeline.request import BuildOptions, BuildRequest
from briefs.server.request_schema import BuildMessage, ControlMessage, Refused, parse_message
from briefs.server.wire import event_json, event_of, request_json

REQUEST = BuildRequest(Path("/work/ws"), ("forum",), ("fr",), BuildOptions(
    profiles=("print",), variant="pdf/a-3b", strict=True, jobs=2, force=True, emit_html=True,
    shard=(2, 4), formats=("outline",)), single=True)


def message(**request: object) -> bytes:
    return json.dumps({"protocol": 2, "command": "build",
                       "request": {"workspace": "/work/ws", **request}}).encode()


def test_a_request_goes_there_and_back_unchanged() -> None:
    payload = json.dumps({"protocol": 2, "command": "build",
                          "request": request_json(REQUEST)}).encode()
    parsed = parse_message(payload)
    assert isinstance(parsed, BuildMessage) and parsed.build_request() == REQUEST
    assert isinstance(parse_message(b'{"protocol": 2, "command": "status"}'), ControlMessage)


@pytest.mark.parametrize("payload", [
    b"[" * 1_000_000,  # a megabyte of nesting: refused, not a RecursionError
    b'{"protocol": 2, "command": "build", "args": ["init", "build"]}',  # argv: never
    b'{"protocol": 2, "command": "init"}',
    b'{"protocol": 1, "command": "status"}',
    b'{"protocol": 2, "command": "status", "cwd": "/"}',
    message(workspace="relative/folder"),
    message(docs="forum"),  # not a list
    message(docs=["x" * 201]),
    message(docs=["bad\nname"]),
    message(options={"jobs": 10_000}),
    message(options={"jobs": "2"}),  # strict: no coercion
    message(options={"shard": [3, 2]}),
    message(options={"shard": [1, 1_000_000_000]}),
    message(options={"strict": 1}),
    message(options={"writes": False}),  # not the client's to choose
    message(docs=["a"] * 10_001),
    b'{"protocol": 2, "command": "build", "request": {"workspace": "/x\\u0000y"}}',
    b"\xff\xfe not json",
    b"",
])
def test_anything_else_is_refused(payload: bytes) -> None:
    with pytest.raises(Refused):
        parse_message(payload)


def test_events_go_there_and_back_unchanged() -> None:
    ref = OutputRef(TargetKey("forum", "ar", "print", "pdf/a-3b"),
                    OutputName("forum.ar.print.pdfa", "forum/forum.ar.print.pdfa.pdf"))
    for event in (Planned((ref,), (), (ref,)), Rendered(ref, 3, 1200, 0.5),
                  Fitted(ref, ("body 8.5 pt",)), Failed(ref, "does not fit", "x.proof.pdf"),
                  Finished(1, 2, 3, 4.5, {"render": 1.0})):
        assert event_of(json.loads(json.dumps(event_json(event)))) == event


def test_an_unknown_event_is_an_error() -> None:
    with pytest.raises(ValueError, match="not a build event"):
        event_of({"type": "Exploded"})
