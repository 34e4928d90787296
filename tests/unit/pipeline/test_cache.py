"""The build cache: saved within a second and at the end of a build, not after every output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefs.output.writer import Writer
from briefs.pipeline import cache as cache_module
from briefs.pipeline.cache import BuildCache, FileHashes


def test_records_are_saved_at_most_every_interval_and_on_flush(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_module, "SAVE_INTERVAL_SECONDS", 3600)
    root, writer = tmp_path, Writer(tmp_path / "build")
    font = root / "font.otf"
    font.write_bytes(b"font" * 1000)
    hashes = FileHashes(writer)
    cache = BuildCache.load(root, writer, hashes)
    for name in ("a.pdf", "b.pdf"):
        (writer.output_dir / name).parent.mkdir(parents=True, exist_ok=True)
        (writer.output_dir / name).write_bytes(b"%PDF " + name.encode())
        cache.record(name, "key", [font], {"path": name, "sha256": "x"})
    assert not cache.path.exists()  # not rewritten after each output
    cache.flush()
    saved = json.loads(cache.path.read_text())["outputs"]
    assert sorted(saved) == ["a.pdf", "b.pdf"]
    assert saved["a.pdf"]["dependencies"]["font.otf"]["sha256"] == \
        hashes.known[str(font)]["sha256"]  # hashed once, for the session

    monkeypatch.setattr(cache_module, "SAVE_INTERVAL_SECONDS", 0)
    cache.record("a.pdf", "other", [font], {"path": "a.pdf", "sha256": "x"})
    assert json.loads(cache.path.read_text())["outputs"]["a.pdf"]["key"] == "other"
