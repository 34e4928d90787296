"""Plain SVG drawings kept between builds (render/kept_drawings.py): replayed byte for byte by
a new process, read only when signed by this user, never from outside the output folder."""

from __future__ import annotations

import hashlib
import hmac
import json
from pathlib import Path

import pytest

from briefs.core.paths import Mounts
from briefs.render.bytecode import signing_key
from briefs.render.drawing_record import Drawing
from briefs.render.engine import Engine, RenderJob, RenderResult
from briefs.render.kept_drawings import SUFFIX, DrawingStore, decode, encode
from briefs.render.signed_store import SignedStore, parts_name
from tests.unit.render.test_drawings import LOGO, PAGE


def test_a_drawing_reads_back_as_it_was_kept() -> None:
    import pydyf

    drawing = Drawing((b"q 1 0 0 1 0 0 cm", b"/a0.5 gs", b"\xe9 Q"),
                       (("A1", pydyf.Dictionary({"CA": 1})),
                        ("a0.5", pydyf.Dictionary({"ca": 0.5}))))
    back = decode(encode(drawing))
    assert back is not None and back.operators == drawing.operators
    assert [(name, dict(state)) for name, state in back.states] == \
        [("A1", {"CA": 1}), ("a0.5", {"ca": 0.5})]
    assert type(dict(back.states[0][1])["CA"]) is int  # `A1` is the int WeasyPrint named it by


@pytest.mark.parametrize("data", [
    b"not json", b"[]", b'{"operators": "q", "states": []}',
    b'{"operators": [1], "states": []}', b'{"operators": ["q"], "states": ["gs1"]}',
    b'{"operators": ["q"], "states": ["a."]}', '{"operators": ["\u0100"], "states": []}'.encode(),
    json.dumps({"operators": ["q"] * 200_001, "states": []}).encode(),
])
def test_anything_else_is_not_a_kept_drawing(data: bytes) -> None:
    assert decode(data) is None


def render(engine: Engine, root: Path, store: DrawingStore | None) -> RenderResult:
    return engine.render(RenderJob(html=PAGE, mounts=Mounts.of(root), title="t",
                                   drawings=store))


def keep(store: DrawingStore, made: dict[str, bytes], key: bytes) -> None:
    """What the build does with a render's drawings (signed files in the store's folder)."""
    store.folder.mkdir(parents=True, exist_ok=True)
    for name, data in made.items():
        signature = hmac.new(key, name.encode() + data, hashlib.sha256).digest()
        (store.folder / f"{name}{SUFFIX}").write_bytes(signature + data)


class MemoryStore:
    """A store as a render reads one (`SignedStore.recall`), in memory."""

    def __init__(self, entries: dict[str, bytes] | None = None) -> None:
        self.entries = entries or {}

    def recall(self, parts: object) -> bytes | None:
        return self.entries.get(parts_name(parts))


@pytest.mark.render
def test_a_new_process_replays_what_an_earlier_build_recorded(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFS_CACHE_KEY", "k" * 40)
    key = signing_key()
    assert key is not None
    (tmp_path / "logo.svg").write_text(LOGO, encoding="utf-8")
    store = DrawingStore(tmp_path / "build" / ".cache" / "drawings", tmp_path / "build")
    first = render(Engine(), tmp_path, store)
    assert len(first.drawings) == 2  # one a size
    keep(store, first.drawings, key)
    again = render(Engine(), tmp_path, store)  # a new engine: nothing kept in memory
    assert again.drawings == {}  # both read from the store, none drawn
    assert again.pdf == first.pdf == render(Engine(), tmp_path, None).pdf


@pytest.mark.render
def test_a_kept_drawing_not_signed_by_this_user_is_drawn_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFS_CACHE_KEY", "k" * 40)
    (tmp_path / "logo.svg").write_text(LOGO, encoding="utf-8")
    store = DrawingStore(tmp_path / "build" / ".cache" / "drawings", tmp_path / "build")
    first = render(Engine(), tmp_path, store)
    forged = {name: encode(Drawing((b"0 0 1000 1000 re f",), ())) for name in first.drawings}
    keep(store, forged, b"another user's key, or none at all")
    again = render(Engine(), tmp_path, store)
    assert again.pdf == first.pdf and again.drawings.keys() == first.drawings.keys()


def test_a_store_that_only_reads_stays_inside_its_output_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFS_CACHE_KEY", "k" * 40)
    key = signing_key()
    assert key is not None
    outside = tmp_path / "outside"
    outside.mkdir()
    data = b"{}"
    name = "a" * 64
    signature = hmac.new(key, name.encode() + data, hashlib.sha256).digest()
    (outside / f"{name}{SUFFIX}").write_bytes(signature + data)
    root = tmp_path / "build"
    (root / ".cache").mkdir(parents=True)
    (root / ".cache" / "drawings").symlink_to(outside)  # a committed link out of the workspace
    reader = SignedStore.reader(root / ".cache" / "drawings", root, key, SUFFIX)
    assert reader.found(name) is None
    inside = SignedStore.reader(outside, outside, key, SUFFIX)
    assert inside.found(name) == data  # the same file, read where it belongs
