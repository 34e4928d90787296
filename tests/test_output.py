"""Output: atomic writes never leave partial files; the manifest is stable."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from briefs import output
from briefs.output import atomic_write, read_manifest, write_manifest


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
    entries = [{"path": "b/b.en.pdf", "sha256": "2"}, {"path": "a/a.en.pdf", "sha256": "1"}]
    path = write_manifest(tmp_path, entries)
    data = json.loads(path.read_text())
    assert [e["path"] for e in data["outputs"]] == ["a/a.en.pdf", "b/b.en.pdf"]
    assert read_manifest(tmp_path) == data
    first = path.read_bytes()
    write_manifest(tmp_path, list(reversed(entries)))
    assert path.read_bytes() == first


def test_unreadable_manifest_reads_as_empty(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text("{not json")
    assert read_manifest(tmp_path)["outputs"] == []
