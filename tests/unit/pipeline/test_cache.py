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


def test_saving_stays_a_fixed_share_of_a_long_build(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """2,000 outputs, one every quarter second, each save taking a millisecond per output in
    the file: saving every second would spend 2/3 of the build saving (quadratic); it stays
    under SAVE_SHARE."""
    clock = [0.0]
    monkeypatch.setattr(cache_module.time, "monotonic", lambda: clock[0])
    writer = Writer(tmp_path / "build")
    cache = BuildCache.load(tmp_path, writer)
    saving = [0.0]

    def slow_write(path: Path, text: str, owner: str) -> None:
        spent = len(json.loads(text)["outputs"]) * 0.001
        clock[0] += spent
        saving[0] += spent

    monkeypatch.setattr(writer, "write_text", slow_write)
    for number in range(2000):
        clock[0] += 0.25
        cache.record(f"{number}.pdf", "key", [], {"path": f"{number}.pdf", "sha256": "x"})
    assert saving[0] / clock[0] <= cache_module.SAVE_SHARE * 1.1
    assert saving[0] > 0  # and it was saved along the way, not only at the end

def test_a_layout_record_is_given_back_only_while_the_inputs_are_the_same(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefs.render import bytecode
    from briefs.render.layout_record import LayoutRecord

    monkeypatch.setattr(bytecode, "signing_key", lambda: b"k" * 32)
    root, writer = tmp_path, Writer(tmp_path / "build")
    font = root / "font.otf"
    font.write_bytes(b"font" * 1000)
    record = LayoutRecord(":root { --fit-body: 9pt !important; }", 3, ("body 9 pt",))
    cache = BuildCache.load(root, writer)
    cache.record("a.pdf", "key", [font], {"path": "a.pdf", "sha256": "x"}, layout=record)
    cache.flush()
    again = BuildCache.load(root, writer)
    assert again.layout("a.pdf", "key") == record
    assert again.layout("a.pdf", "other key") is None  # the HTML or options changed
    assert again.layout("b.pdf", "key") is None
    font.write_bytes(b"another font" * 1000)
    assert again.layout("a.pdf", "key") is None  # a file it was made from changed
    monkeypatch.setattr(bytecode, "signing_key", lambda: None)
    font.write_bytes(b"font" * 1000)
    assert again.layout("a.pdf", "key") is None  # no key: nothing stored is trusted
