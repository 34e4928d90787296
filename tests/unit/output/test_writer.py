"""Output: atomic writes never leave partial files; the manifest is stable."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from briefs.output import writer as output
from briefs.output.entries import OutputEntry
from briefs.output.manifest import read_entries, read_manifest, write_manifest
from briefs.output.writer import PathClaimed, WriteError, Writer, atomic_write


def test_atomic_write_replaces_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "out" / "a.pdf"
    atomic_write(target, b"first")
    atomic_write(target, b"second")
    assert target.read_bytes() == b"second"
    assert [p.name for p in target.parent.iterdir()] == ["a.pdf"]


def test_failed_write_keeps_the_old_file_and_no_temp(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a.pdf"
    atomic_write(target, b"good")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(output.os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        atomic_write(target, b"bad")
    monkeypatch.undo()
    assert target.read_bytes() == b"good"
    assert os.listdir(tmp_path) == ["a.pdf"]


def test_manifest_is_sorted_and_round_trips(tmp_path: Path) -> None:
    entries = [OutputEntry("b/b.en.pdf", sha256="2"), OutputEntry("a/a.en.pdf", sha256="1")]
    path = write_manifest(Writer(tmp_path), entries)
    data = json.loads(path.read_text())
    assert [e["path"] for e in data["outputs"]] == ["a/a.en.pdf", "b/b.en.pdf"]
    assert read_manifest(tmp_path) == data
    assert read_entries(tmp_path) == sorted(entries, key=lambda entry: entry.path)
    first = path.read_bytes()
    write_manifest(Writer(tmp_path), list(reversed(entries)))
    assert path.read_bytes() == first


def test_unreadable_manifest_reads_as_empty(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text("{not json")
    assert read_manifest(tmp_path)["outputs"] == []


def test_a_path_is_claimed_by_one_owner_per_build(tmp_path: Path) -> None:
    writer = Writer(tmp_path)
    target = tmp_path / "doc" / "doc.en.pdf"
    writer.write(target, b"one", "doc (en, screen)")
    writer.write(target, b"two", "doc (en, screen)")  # the same owner may write again
    with pytest.raises(PathClaimed) as caught:
        writer.write(target, b"three", "doc (en, web)")
    assert caught.value.message == "doc (en, screen) and doc (en, web) would both write this file"
    assert target.read_bytes() == b"two"
    assert Writer(tmp_path).owner(target) is None  # a new build starts with no claims


def test_writer_refuses_paths_outside_its_folder(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="outside the output folder"):
        Writer(tmp_path / "build").write(tmp_path / "elsewhere.pdf", b"x", "someone")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_folder_is_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "build"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(WriteError, match="read-only or not writable"):
            Writer(folder).write(folder / "a.pdf", b"x", "someone")
    finally:
        folder.chmod(0o755)
    assert os.listdir(folder) == []


@pytest.mark.parametrize(("code", "expected"), [
    (28, "the disk is full"),  # ENOSPC
    (30, "read-only or not writable"),  # EROFS
])
def test_full_disk_and_read_only_file_system_leave_nothing_behind(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, expected: str) -> None:
    writer = Writer(tmp_path)
    target = tmp_path / "a.pdf"
    writer.write(target, b"good", "someone")

    def failing(self: Path, data: bytes) -> int:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(Path, "write_bytes", failing)
    with pytest.raises(WriteError, match=expected):
        writer.write(target, b"new", "someone")
    monkeypatch.undo()
    assert target.read_bytes() == b"good"
    assert os.listdir(tmp_path) == ["a.pdf"]
