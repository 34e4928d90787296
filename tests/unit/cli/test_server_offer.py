"""The build server offered to someone who rebuilds often on a terminal; never in CI, in a
pipe, after a served, no-op or quiet build; started only when asked (BRIEFS_SERVER=start)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from briefs.cli import server_offer
from briefs.cli.server_offer import (
    HINT_EVERY_SECONDS,
    OFTEN_SECONDS,
    STARTED,
    STATE,
    TIP,
    Context,
    context,
    offer,
    read_state,
)

AT = 1_800_000_000.0
ON_TERMINAL = Context(interactive=True, setting="", rendered=True)


@pytest.fixture(autouse=True)
def no_server(monkeypatch: pytest.MonkeyPatch) -> None:
    """No build server of this machine's runs in these tests."""
    monkeypatch.setattr("briefs.server.client.control", lambda *_args: None)


def output(tmp_path: Path) -> Path:
    folder = tmp_path / "build"
    (folder / ".cache").mkdir(parents=True)
    return folder


def test_a_second_build_within_minutes_gets_the_tip_once_an_hour(tmp_path: Path) -> None:
    folder = output(tmp_path)
    assert offer(ON_TERMINAL, folder, now=AT) is None  # one build: nothing to say
    assert offer(ON_TERMINAL, folder, now=AT + 60) == TIP
    assert offer(ON_TERMINAL, folder, now=AT + 120) is None  # said already
    assert offer(ON_TERMINAL, folder, now=AT + HINT_EVERY_SECONDS) is None
    assert offer(ON_TERMINAL, folder, now=AT + 60 + HINT_EVERY_SECONDS) == TIP


def test_no_tip_while_a_server_runs_busy_with_another_build(tmp_path: Path) -> None:
    folder = output(tmp_path)
    assert offer(ON_TERMINAL, folder, now=AT, running=lambda: True) is None
    assert offer(ON_TERMINAL, folder, now=AT + 60, running=lambda: True) is None
    assert offer(ON_TERMINAL, folder, now=AT + 120, running=lambda: False) == TIP


def test_builds_far_apart_get_no_tip(tmp_path: Path) -> None:
    folder = output(tmp_path)
    assert offer(ON_TERMINAL, folder, now=AT) is None
    assert offer(ON_TERMINAL, folder, now=AT + OFTEN_SECONDS + 1) is None
    assert json.loads((folder / STATE).read_text())["built"] == AT + OFTEN_SECONDS + 1


@pytest.mark.parametrize("where", [
    Context(interactive=False, setting="", rendered=True),     # CI, a pipe, --quiet, --json
    Context(interactive=True, setting="0", rendered=True),    # BRIEFS_SERVER=0
    Context(interactive=True, setting="", rendered=False),    # served, no-op, nothing rendered
    Context(interactive=False, setting="start", rendered=True),  # asked, but in CI
], ids=["not-interactive", "opted-out", "not-rendered-here", "start-in-ci"])
def test_nothing_is_said_or_started_outside_an_interactive_rendering_build(
        tmp_path: Path, where: Context) -> None:
    folder = output(tmp_path)
    started: list[bool] = []
    for now in (AT, AT + 1, AT + 2):
        assert offer(where, folder, now=now, start=lambda: started.append(True) or True) is None
    assert not started
    assert not (folder / STATE).exists()


def test_briefs_server_start_starts_it_after_the_build(tmp_path: Path) -> None:
    folder = output(tmp_path)
    started: list[bool] = []
    asked = Context(interactive=True, setting="start", rendered=True)
    assert offer(asked, folder, now=AT, start=lambda: started.append(True) or True) == STARTED
    assert started == [True]
    assert offer(asked, folder, now=AT + 1, start=lambda: False) is None  # one runs already


def test_ci_a_pipe_and_quiet_are_not_interactive(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    assert context({}, rendered=True, served=False).interactive
    assert not context({"CI": "true"}, rendered=True, served=False).interactive
    assert not context({}, rendered=True, served=False, quiet=True).interactive
    assert not context({}, rendered=True, served=True).rendered
    assert context({"BRIEFS_SERVER": " Start "}, rendered=True, served=False).setting == "start"
    monkeypatch.setattr(sys.stdout, "isatty", lambda: False, raising=False)
    assert not context({}, rendered=True, served=False).interactive


@pytest.mark.parametrize("content", [
    b"not json", b"[1, 2]", b'{"built": "soon", "hinted": true}', b'{"built": NaN}',
    b'{"built": 1e999}', b"{" + b" " * 100_000 + b"}", b"\xff\xfe"])
def test_a_malformed_state_is_ignored(tmp_path: Path, content: bytes) -> None:
    folder = output(tmp_path)
    (folder / STATE).write_bytes(content)
    assert all(value == value for value in read_state(folder).values())  # no NaN
    assert offer(ON_TERMINAL, folder, now=AT) in (None, TIP)
    assert json.loads((folder / STATE).read_text())["built"] == AT


def test_a_state_linked_out_of_the_output_folder_is_neither_read_nor_written(
        tmp_path: Path) -> None:
    folder = output(tmp_path)
    outside = tmp_path / "elsewhere.json"
    outside.write_text(json.dumps({"built": AT, "hinted": 0}))
    (folder / STATE).symlink_to(outside)
    assert read_state(folder) == {}
    offer(ON_TERMINAL, folder, now=AT + 1)
    assert json.loads(outside.read_text()) == {"built": AT, "hinted": 0}


def test_the_server_is_started_in_the_background_unless_one_runs(
        monkeypatch: pytest.MonkeyPatch) -> None:
    launched: list[list[str]] = []

    class Popen:
        def __init__(self, command: list[str], **options: object) -> None:
            launched.append(command)
            assert options["start_new_session"] is True
            assert options["env"]["BRIEFS_SERVER"] == "0"  # type: ignore[index]

    monkeypatch.setattr(server_offer.subprocess, "Popen", Popen)
    monkeypatch.setattr("briefs.server.client.control", lambda *_args: None)
    assert server_offer.start_server()
    assert launched == [[sys.executable, "-m", "briefs", "server", "start"]]
    monkeypatch.setattr("briefs.server.client.control", lambda *_args: {"pid": os.getpid()})
    assert not server_offer.start_server()
    assert len(launched) == 1
