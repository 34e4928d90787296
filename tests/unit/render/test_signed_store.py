"""Small results kept between builds, signed: recalled only by the same user's toolkit, never
from a planted, altered, linked or special file in the workspace's cache."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from briefs.output.writer import Writer
from briefs.render.signed_store import SignedStore

KEY = b"k" * 32


def test_facts_recalled_are_this_users_signed_ones_and_remembering_replaces_them(
        tmp_path: Path) -> None:
    """`recall`/`remember` (fontconfig's answers, images' verdicts): a fact kept by one store
    is recalled by the next build's store with the same key, not by one with another key,
    and not once its file was altered; remembering anew replaces what was kept."""
    output = tmp_path / "build"
    folder = output / ".cache" / "facts"
    first = SignedStore(folder, Writer(output), b"k" * 32, ".json")
    first.remember({"fc-match": "Sans"}, b'{"path": "/fonts/Sans.ttf"}')
    assert SignedStore(folder, Writer(output), b"k" * 32, ".json").recall(
        {"fc-match": "Sans"}) == b'{"path": "/fonts/Sans.ttf"}'
    assert SignedStore(folder, Writer(output), b"x" * 32, ".json").recall(
        {"fc-match": "Sans"}) is None
    assert SignedStore(folder, Writer(output), b"k" * 32, ".json").recall(
        {"fc-match": "Serif"}) is None
    (stored,) = folder.iterdir()
    stored.write_bytes(stored.read_bytes().replace(b"/fonts/", b"/etc/x"))
    assert SignedStore(folder, Writer(output), b"k" * 32, ".json").recall(
        {"fc-match": "Sans"}) is None
    again = SignedStore(folder, Writer(output), b"k" * 32, ".json")
    again.remember({"fc-match": "Sans"}, b'{"path": "/fonts/Other.ttf"}')
    assert SignedStore(folder, Writer(output), b"k" * 32, ".json").recall(
        {"fc-match": "Sans"}) == b'{"path": "/fonts/Other.ttf"}'


def _read_in_time(read: Callable[[], object]) -> bool:
    """Whether `read` returns within seconds (a pipe opened for reading blocks until a writer
    comes; the test's own open for writing then lets a blocked reader go)."""
    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(3)
    return not reader.is_alive()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_or_a_folder_in_place_of_a_kept_fact_is_passed_over(tmp_path: Path) -> None:
    """A restored cache is the workspace's: a named pipe there must not hang the build."""
    output = tmp_path / "build"
    folder = output / ".cache" / "facts"
    SignedStore(folder, Writer(output), KEY, ".json").remember({"image": "a"}, b"{}")
    (stored,) = folder.iterdir()
    stored.unlink()
    os.mkfifo(stored)
    later = SignedStore(folder, Writer(output), KEY, ".json")
    try:
        assert _read_in_time(lambda: later.recall({"image": "a"}))
    finally:
        with contextlib.suppress(OSError):  # a blocked reader, let go
            os.close(os.open(stored, os.O_WRONLY | os.O_NONBLOCK))
    stored.unlink()
    stored.mkdir()
    assert SignedStore(folder, Writer(output), KEY, ".json").recall({"image": "a"}) is None


def test_a_kept_entry_nested_past_the_parser_is_no_entry_for_any_reader() -> None:
    """Signed or not, what a store holds is read as input: JSON nested deeper than Python's
    parser recurses is refused, not a crash of the render reading it."""
    from briefs.core.kept import plain_json
    from briefs.render import kept_drawings, kept_findings, kept_rasters
    from briefs.render.tagging import kept_font_runs

    nested = b"[" * 100_000 + b"]" * 100_000
    assert plain_json(nested) is None and plain_json(b"[[1, 2]]") == [[1, 2]]
    for reader in (kept_drawings, kept_findings, kept_rasters, kept_font_runs):
        assert reader.decode(nested) is None, reader.__name__
