"""The terminal, as a person and as CI see it: a progress bar under a pty, plain lines in a
pipe, NO_COLOR, --quiet, one summary line, `-o`, `--open` and `briefs watch`."""

from __future__ import annotations

import os
import pty
import re
import select
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import click
import pytest

from briefs.scaffold.new_workspace import init_workspace
from tests.conftest import run_cli

SUMMARY = re.compile(r"(\d+) built, (\d+) up to date, (\d+) failed in \d+\.\d s")
COLOR = re.compile(r"\x1b\[[0-9;]*(3[0-9]|38;[0-9;]+)m")


@pytest.fixture(scope="module")
def built_small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = init_workspace(tmp_path_factory.mktemp("small") / "ws")
    result = run_cli("build", workspace=root)
    assert result.exit_code == 0, result.stderr
    return root


@pytest.fixture
def small(built_small: Path, tmp_path: Path) -> Path:
    target = tmp_path / "ws"
    shutil.copytree(built_small, target)
    return target


def briefs(*args: str) -> list[str]:
    return [sys.executable, "-m", "briefs", *args]


def terminal_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "NO_COLOR")}
    return {**env, "TERM": "xterm-256color", "COLUMNS": "120", **extra}


def run_in_pty(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[int, str]:
    """Run with stdout and stderr on a pseudo-terminal; everything it drew, and its exit."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=follower,
                               stderr=follower, cwd=cwd, env=env)
    os.close(follower)
    chunks = []
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 0.5)
        if ready:
            try:
                data = os.read(leader, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        elif process.poll() is not None:
            break
    os.close(leader)
    return process.wait(timeout=30), b"".join(chunks).decode("utf-8", "replace")


def touch_prose(root: Path) -> None:
    for doc in ("first-brief", "first-flyer"):
        for locale in ("en", "fr"):
            path = root / "content" / doc / f"{locale}.yaml"
            path.write_text(path.read_text().replace("title: ", "title: New ", 1))


def test_a_terminal_gets_a_progress_bar_and_a_summary(small: Path) -> None:
    touch_prose(small)
    code, screen = run_in_pty(briefs("build", "-j", "1"), small, terminal_env())
    assert code == 0, screen
    assert "━" in screen  # rich's bar was drawn
    assert "rendered first-brief.en" not in screen  # not the plain lines
    [summary] = SUMMARY.findall(screen)
    assert summary == ("4", "0", "0")
    assert COLOR.search(screen)  # a terminal gets colour (the bar)


def test_no_color_is_honoured_on_a_terminal(small: Path) -> None:
    touch_prose(small)
    code, screen = run_in_pty(briefs("build", "-j", "1"), small, terminal_env(NO_COLOR="1"))
    assert code == 0, screen
    assert SUMMARY.search(screen) and not COLOR.search(screen)


def test_quiet_prints_nothing_but_paths(small: Path) -> None:
    touch_prose(small)
    code, screen = run_in_pty(briefs("build", "--quiet"), small, terminal_env())
    assert code == 0
    assert not SUMMARY.search(screen) and "━" not in screen
    assert "build/first-flyer/first-flyer.fr.pdf" in screen


def test_a_pipe_and_ci_get_plain_lines(small: Path) -> None:
    touch_prose(small)
    result = subprocess.run(briefs("build"), cwd=small, capture_output=True, text=True,
                            env=terminal_env(), timeout=240)
    assert result.returncode == 0, result.stderr
    assert "\x1b[" not in result.stderr
    assert "  rendered first-flyer.en (1 page)" in result.stderr
    assert "  rendered first-brief.en (3 pages)" in result.stderr
    assert SUMMARY.findall(result.stderr) == [("4", "0", "0")]
    again = subprocess.run(briefs("build", "--force", "first-flyer"), cwd=small, text=True,
                           capture_output=True, env={**terminal_env(), "CI": "true"},
                           timeout=240)
    assert "━" not in again.stderr and "  rendered first-flyer.fr (1 page)" in again.stderr


def test_output_file_and_stdout(small: Path, tmp_path: Path) -> None:
    target = tmp_path / "flyer.pdf"
    result = run_cli("build", "first-flyer", "-o", str(target), "-l", "fr", workspace=small)
    assert result.exit_code == 0, result.stderr
    built = small / "build/first-flyer/first-flyer.fr.pdf"
    assert target.read_bytes() == built.read_bytes()
    assert result.stdout.strip().endswith(str(target))
    piped = subprocess.run(briefs("build", "first-flyer", "-o", "-"), cwd=small,
                           capture_output=True, timeout=240)
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout == (small / "build/first-flyer/first-flyer.en.pdf").read_bytes()
    for args, message in ((("-o", "x.pdf"), "name one document"),
                          (("first-flyer", "-l", "en", "-l", "fr", "-o", "x.pdf"),
                           "give one -l LOCALE"),
                          (("first-flyer", "--profile", "all", "-o", "x.pdf"),
                           "choose one --profile"),
                          (("first-flyer", "--json", "-o", "-"), "cannot go with --json")):
        refused = run_cli("build", *args, workspace=small)
        assert refused.exit_code == 2 and message in refused.stderr, refused.stderr


def test_open_opens_the_result(small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(click, "launch", lambda url, **kwargs: opened.append(url) or 0)
    result = run_cli("build", "first-flyer", "-l", "en", "--open", workspace=small)
    assert result.exit_code == 0, result.stderr
    assert opened == [str(small / "build/first-flyer/first-flyer.en.pdf")]
    opened.clear()
    run_cli("build", "--open", workspace=small)  # four outputs, all up to date
    assert opened == [str(small / "build" / p) for p in (
        "first-brief/first-brief.en.pdf", "first-brief/first-brief.fr.pdf",
        "first-flyer/first-flyer.en.pdf", "first-flyer/first-flyer.fr.pdf")]


class Lines:
    """A process's stderr, read in a thread, searchable while it runs."""

    def __init__(self, stream: object) -> None:
        self.lines: list[str] = []
        self.thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self.thread.start()

    def _read(self, stream: object) -> None:
        for line in stream:  # type: ignore[attr-defined]
            self.lines.append(line)

    def wait_for(self, pattern: str, count: int = 1, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while sum(bool(re.search(pattern, line)) for line in self.lines) < count:
            assert time.monotonic() < deadline, "".join(self.lines)
            time.sleep(0.1)


def interruptible() -> None:
    """Ctrl+C reaches the child as in a terminal, even when the test run itself was started
    in the background by a shell (which makes it, and what it starts, ignore SIGINT)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_watch_rebuilds_on_save(small: Path) -> None:
    process = subprocess.Popen(briefs("watch", "first-flyer", "-l", "en"), cwd=small,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=terminal_env(), preexec_fn=interruptible)
    assert process.stderr is not None
    lines = Lines(process.stderr)
    try:
        lines.wait_for(r"Watching for changes")
        assert any("0 built, 1 up to date" in line for line in lines.lines)
        source = small / "content/first-flyer/en.yaml"
        source.write_text(source.read_text().replace("kicker: Open", "kicker: Opn:"))
        lines.wait_for(r"error: ", timeout=60)
        lines.wait_for(r"Watching for changes", count=2)
        fixed = source.read_text().replace("kicker: Opn:", "kicker: Open")
        source.write_text(fixed.replace("title: Meet", "title: Greet"))
        lines.wait_for(r"1 built, 0 up to date, 0 failed", timeout=120)
        lines.wait_for(r"Watching for changes", count=3)
    finally:
        process.send_signal(signal.SIGINT)
        code = process.wait(timeout=30)
    lines.thread.join(5)
    assert code == 0, "".join(lines.lines)
    assert "Stopped watching." in "".join(lines.lines)
    text = subprocess.run(["pdftotext", str(small / "build/first-flyer/first-flyer.en.pdf"),
                           "-"], capture_output=True, text=True, check=True).stdout
    assert "Greet the team behind the reports" in text


def test_serve_ends_on_ctrl_c_with_shutting_down_and_exit_0(small: Path) -> None:
    process = subprocess.Popen(briefs("serve", "--port", "0"), cwd=small, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env=terminal_env(), preexec_fn=interruptible)
    assert process.stderr is not None
    lines = Lines(process.stderr)
    try:
        lines.wait_for(r"build 1: ")
    finally:
        process.send_signal(signal.SIGINT)
        code = process.wait(timeout=30)
    lines.thread.join(5)
    text = "".join(lines.lines)
    assert code == 0, text
    assert text.rstrip().endswith("Shutting down.") and "Aborted" not in text


def test_watch_after_a_yaml_error_says_the_same_as_its_summary(small: Path) -> None:
    source = small / "content/first-flyer/en.yaml"
    source.write_text(source.read_text().replace("kicker: Open", "kicker: Opn:"))
    process = subprocess.Popen(briefs("watch"), cwd=small, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, env=terminal_env(),
                               preexec_fn=interruptible)
    assert process.stderr is not None
    lines = Lines(process.stderr)
    try:
        lines.wait_for(r"Watching for changes")
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
    lines.thread.join(5)
    text = "".join(lines.lines)
    assert "0 built, 2 up to date, 2 failed" in text, text
    assert "Finished with 1 error; 2 outputs built or up to date." in text
