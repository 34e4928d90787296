"""The key that signs what a build keeps: the user's key file, or BRIEFS_CACHE_KEY (CI)."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefs.output.writer import Writer
from briefs.render import bytecode


@pytest.fixture
def fresh_key(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv(bytecode.KEY_VARIABLE, raising=False)
    bytecode.signing_key.cache_clear()
    yield
    bytecode.signing_key.cache_clear()


def test_the_key_file_is_made_once_outside_the_workspace(fresh_key: None, tmp_path: Path) -> None:
    key = bytecode.signing_key()
    path = tmp_path / "cache" / "briefs" / "bytecode.key"
    assert key is not None and path.read_bytes() == key and path.stat().st_mode & 0o077 == 0
    bytecode.signing_key.cache_clear()
    assert bytecode.signing_key() == key


def test_a_key_given_by_the_environment_is_used_instead(
        fresh_key: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A CI secret: the same key on every runner, and no key file written."""
    monkeypatch.setenv(bytecode.KEY_VARIABLE, "0123456789abcdef" * 4)
    given = bytecode.signing_key()
    bytecode.signing_key.cache_clear()
    assert given is not None and len(given) == 32 and bytecode.signing_key() == given
    assert not (tmp_path / "cache" / "briefs" / "bytecode.key").exists()
    bytecode.signing_key.cache_clear()
    monkeypatch.setenv(bytecode.KEY_VARIABLE, "fedcba9876543210" * 4)
    assert bytecode.signing_key() not in (None, given)


def test_a_short_key_given_keeps_nothing(fresh_key: None,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(bytecode.KEY_VARIABLE, "secret")
    assert bytecode.signing_key() is None


def test_a_key_given_in_bytes_that_are_not_utf8_is_used(
        fresh_key: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """An environment is bytes: a secret that is not UTF-8 is a key, not a traceback."""
    monkeypatch.setenv(bytecode.KEY_VARIABLE, "k" * 31 + "\udcff")  # the byte 0xff, escaped
    given = bytecode.signing_key()
    assert given is not None and len(given) == 32


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_stored_template_that_is_a_pipe_is_not_read(tmp_path: Path) -> None:
    """A restored cache is the workspace's: a named pipe there must not hang the build."""
    cache = bytecode.StoredBytecodeCache(tmp_path, writer=Writer(tmp_path), key=b"k" * 32)
    os.mkfifo(tmp_path / "pipe.cache")
    reader = threading.Thread(target=cache.stored.found, args=("pipe",), daemon=True)
    reader.start()
    reader.join(3)
    try:
        assert not reader.is_alive()
    finally:
        with contextlib.suppress(OSError):  # a blocked reader, let go
            os.close(os.open(tmp_path / "pipe.cache", os.O_WRONLY | os.O_NONBLOCK))


def test_stored_templates_are_not_read_through_a_link_out_of_the_output_folder(
        tmp_path: Path) -> None:
    """A committed `build/.cache/jinja` that is a link to a folder elsewhere: even a file
    there signed with this user's key is not read (nothing outside the workspace is)."""
    outside = tmp_path / "outside"
    signed = bytecode.StoredBytecodeCache(outside, writer=Writer(outside), key=b"k" * 32)
    signed.stored.keep("t", b"compiled")
    assert signed.stored.found("t") == b"compiled"  # where it belongs, it is read
    output = tmp_path / "build"
    (output / ".cache").mkdir(parents=True)
    (output / ".cache" / "jinja").symlink_to(outside)
    linked = bytecode.StoredBytecodeCache(output / ".cache" / "jinja", writer=Writer(output),
                                          key=b"k" * 32)
    assert linked.stored.found("t") is None

