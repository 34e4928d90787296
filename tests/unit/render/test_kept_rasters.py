"""Photos kept between builds (render/kept_rasters.py): a new process draws a photo an earlier
build kept without Pillow, and the PDF is the same; anything else is made again."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from briefs.core.paths import Mounts
from briefs.render import kept_rasters
from briefs.render.bytecode import signing_key
from briefs.render.engine import Engine, RenderJob, RenderResult
from briefs.render.kept_drawings import DrawingStore
from tests.unit.render.test_kept_drawings import keep
from tests.unit.render.test_rasters import SCREEN, page, photo


def render(engine: Engine, root: Path, store: DrawingStore | None, html: str) -> RenderResult:
    result = engine.render(RenderJob(html=html, mounts=Mounts.of(root), title="t",
                                     options=SCREEN, drawings=store))
    assert result.pdf, result.errors
    return result


def pillow_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each time Pillow opens an image from now on."""
    from PIL import Image

    opened: list[str] = []
    real = Image.open

    def watched(*args: Any, **kwargs: Any) -> Any:
        opened.append(str(args[0]))
        return real(*args, **kwargs)

    monkeypatch.setattr(Image, "open", watched)
    return opened


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, DrawingStore]:
    monkeypatch.setenv("BRIEFS_CACHE_KEY", "k" * 40)
    photo(tmp_path / "a.jpg")
    return tmp_path, DrawingStore(tmp_path / "build" / ".cache" / "drawings", tmp_path / "build")


@pytest.mark.render
def test_a_new_process_draws_a_kept_photo_without_pillow(
        workspace: tuple[Path, DrawingStore], monkeypatch: pytest.MonkeyPatch) -> None:
    root, store = workspace
    html = page("a.jpg", "a.jpg")  # the same photo twice, at one size
    first = render(Engine(), root, store, html)
    assert len(first.drawings) == 1  # the photo's record, with its one embedded size
    key = signing_key()
    assert key is not None
    keep(store, first.drawings, key)
    opened = pillow_calls(monkeypatch)
    again = render(Engine(), root, store, html)  # a new engine: nothing kept in memory
    assert opened == [] and again.drawings == {}
    monkeypatch.undo()
    assert again.pdf == first.pdf == render(Engine(), root, None, html).pdf


@pytest.mark.render
def test_a_kept_photo_drawn_at_a_new_size_is_made_and_kept_with_it(
        workspace: tuple[Path, DrawingStore], monkeypatch: pytest.MonkeyPatch) -> None:
    root, store = workspace
    first = render(Engine(), root, store, page("a.jpg"))
    key = signing_key()
    assert key is not None
    keep(store, first.drawings, key)
    bigger = page("a.jpg", style="img { width: 3cm !important }")
    again = render(Engine(), root, store, bigger)
    (record,) = again.drawings.values()
    state = kept_rasters.decode(record)
    assert state is not None and len(state["objects"]) == 2  # the first size and the new one
    assert again.pdf == render(Engine(), root, None, bigger).pdf


@pytest.mark.render
def test_a_kept_photo_not_signed_by_this_user_is_made_again(
        workspace: tuple[Path, DrawingStore], monkeypatch: pytest.MonkeyPatch) -> None:
    root, store = workspace
    html = page("a.jpg")
    first = render(Engine(), root, store, html)
    (name, record), = first.drawings.items()
    state = kept_rasters.decode(record)
    assert state is not None
    state["objects"] = [(size, b"\xff\xd8 not this photo", extra)
                        for size, _data, extra in state["objects"]]
    forged = kept_rasters.encode(state)
    assert forged is not None
    keep(store, {name: forged}, b"another user's key, or none at all")
    again = render(Engine(), root, store, html)
    assert again.pdf == first.pdf and again.drawings.keys() == first.drawings.keys()


def test_a_state_reads_back_as_it_was_kept() -> None:
    state = {"attributes": {"mode": "RGB", "width": 8, "ratio": 1.5, "optimize": True,
                            "_jpeg_quality": None},
             "source": b"\xff\xd8source", "objects": [
                 ((True, 0.3125), b"\xff\xd8small", [("Type", "/XObject"), ("Width", 3)]),
                 ((False, 1), b"\xff\xd8whole", [("Interpolate", "false")])]}
    assert kept_rasters.decode(kept_rasters.encode(state) or b"") == state


def test_what_is_not_plain_data_is_not_kept() -> None:
    state = {"attributes": {"mode": object()}, "source": b"", "objects": []}
    assert kept_rasters.encode(state) is None
    nested = {"attributes": {}, "source": b"", "objects": [((True, 1), b"", [("D", [1, 0])])]}
    assert kept_rasters.encode(nested) is None


@pytest.mark.parametrize("data", [
    b"not json", b"[]", b"{}", b'{"attributes": [], "objects": [], "source": ""}',
    b'{"attributes": {"mode": ["RGB"]}, "objects": [], "source": ""}',
    b'{"attributes": {}, "objects": [], "source": "not base64!"}',
    b'{"attributes": {}, "objects": [[["yes", 1], "", []]], "source": ""}',
    b'{"attributes": {}, "objects": [[[true, 1], "", [["Width", {"a": 1}]]]], "source": ""}',
    b'{"attributes": {}, "objects": [[[true, 1], ""]], "source": ""}',
    json.dumps({"attributes": {}, "source": "",
                "objects": [[[True, 1], "", []]] * (kept_rasters.MAX_SIZES + 1)}).encode(),
])
def test_anything_else_is_not_a_kept_photo(data: bytes) -> None:
    assert kept_rasters.decode(data) is None
