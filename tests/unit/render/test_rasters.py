"""Raster images kept across renders: each render gets what WeasyPrint would have made."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from briefs.core.paths import WORKSPACE_URL, Mounts
from briefs.render.engine import Engine, RenderJob, RenderResult
from briefs.render.rasters import SharedRaster

pytestmark = pytest.mark.render
SCREEN = {"optimize_images": True, "jpeg_quality": 80, "dpi": 150}


def photo(path: Path, *, orientation: int | None = None, mode: str = "RGB") -> None:
    """A noisy 800x500 image (so that resampling and re-encoding show), saved to `path`."""
    image = Image.effect_noise((800, 500), 60).convert(mode)
    if mode == "RGBA":
        image.putalpha(Image.linear_gradient("L").resize((800, 500)))
    exif = Image.Exif()
    if orientation is not None:
        exif[0x0112] = orientation
    image.save(path, exif=exif.tobytes()) if path.suffix == ".jpg" else image.save(path)


def page(*names: str, style: str = "") -> str:
    images = "".join(f'<img alt="p" src="{WORKSPACE_URL}{name}" style="width: 5cm">'
                     for name in names)
    return f'<html lang="en"><head><style>{style}</style></head><body>{images}</body></html>'


def render(engine: Engine, root: Path, html: str, options: dict[str, Any] = SCREEN
           ) -> RenderResult:
    result = engine.render(RenderJob(html=html, mounts=Mounts.of(root), title="t",
                                     options=options))
    assert result.pdf, result.errors
    return result


def same_as_fresh(root: Path, html: str, options: dict[str, Any] = SCREEN) -> Engine:
    """Render twice with one engine: both PDFs equal a fresh engine's; return the engine."""
    warm = Engine()
    first, second = render(warm, root, html, options), render(warm, root, html, options)
    assert first.pdf == second.pdf == render(Engine(), root, html, options).pdf
    assert second.dependencies == first.dependencies
    return warm


def test_a_resampled_photo_is_kept_and_its_embedded_jpeg_made_once(tmp_path: Path) -> None:
    photo(tmp_path / "a.jpg")
    warm = same_as_fresh(tmp_path, page("a.jpg"))
    [kept] = warm.images.kept()
    assert isinstance(kept, SharedRaster) and len(kept._objects) == 1
    [(_interpolate, ratio)] = kept._objects
    assert ratio < 1  # resampled to the profile's 150 dpi: the costly step, made once


def test_the_same_photo_under_two_names_keeps_the_names_apart(tmp_path: Path) -> None:
    photo(tmp_path / "a.jpg")
    (tmp_path / "b.jpg").write_bytes((tmp_path / "a.jpg").read_bytes())
    warm = Engine()
    render(warm, tmp_path, page("a.jpg"))
    html = page("b.jpg", "a.jpg")  # b is found by a's content, under its own name
    assert render(warm, tmp_path, html).pdf == render(Engine(), tmp_path, html).pdf


@pytest.mark.parametrize("name, mode", [("t.png", "RGBA"), ("g.png", "L"), ("c.jpg", "CMYK")])
def test_other_kinds_of_image_are_copied_faithfully(tmp_path: Path, name: str,
                                                    mode: str) -> None:
    photo(tmp_path / name, mode=mode)
    same_as_fresh(tmp_path, page(name))


def test_print_and_screen_options_keep_separate_images(tmp_path: Path) -> None:
    photo(tmp_path / "a.jpg")
    warm = Engine()
    screen = render(warm, tmp_path, page("a.jpg"))
    printed = render(warm, tmp_path, page("a.jpg"), {})
    assert len(warm.images) == 2
    assert printed.pdf == render(Engine(), tmp_path, page("a.jpg"), {}).pdf
    assert screen.pdf == render(Engine(), tmp_path, page("a.jpg")).pdf


def test_a_photo_turned_by_its_exif_orientation_is_the_same_turned_photo(tmp_path: Path
                                                                         ) -> None:
    photo(tmp_path / "a.jpg", orientation=6)
    same_as_fresh(tmp_path, page("a.jpg"))


def test_nothing_is_kept_where_css_may_turn_images(tmp_path: Path) -> None:
    """WeasyPrint's cache cannot tell an image turned by CSS from one that is not."""
    photo(tmp_path / "a.jpg", orientation=6)
    warm = Engine()
    render(warm, tmp_path, page("a.jpg"))
    turned = page("a.jpg", style="img { image-orientation: none }")
    assert render(warm, tmp_path, turned).pdf == render(Engine(), tmp_path, turned).pdf
    assert len(warm.images) == 1  # the first render's, not the turned one's
    assert render(Engine(), tmp_path, turned).pdf != render(Engine(), tmp_path, page("a.jpg")).pdf
    (tmp_path / "turn.css").write_text("img { image-orientation: none }", encoding="utf-8")
    linked = page("a.jpg").replace(
        "<style>", f'<link rel="stylesheet" href="{WORKSPACE_URL}turn.css"><style>')
    assert render(warm, tmp_path, linked).pdf == render(Engine(), tmp_path, linked).pdf


def test_a_changed_photo_is_loaded_again(tmp_path: Path) -> None:
    photo(tmp_path / "a.jpg")
    warm = Engine()
    before = render(warm, tmp_path, page("a.jpg"))
    photo(tmp_path / "a.jpg", mode="L")
    after = render(warm, tmp_path, page("a.jpg"))
    assert before.pdf != after.pdf == render(Engine(), tmp_path, page("a.jpg")).pdf


def test_what_an_engine_keeps_is_bounded_in_bytes(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from briefs.render import shared_images

    names = [f"{letter}.jpg" for letter in "abcde"]
    for name in names:
        photo(tmp_path / name)
    warm = Engine()
    render(warm, tmp_path, page(names[0]))
    weight = warm.images.kept()[0].weight()  # one photo (at most a quarter of the budget)
    monkeypatch.setattr(shared_images, "MAX_KEPT_BYTES", int(weight * 4.5))
    for name in names[1:]:
        render(warm, tmp_path, page(name))
    assert 1 < len(warm.images) < len(names)  # the least recently used went
    assert render(warm, tmp_path, page(names[0])).pdf == render(Engine(), tmp_path,
                                                                 page(names[0])).pdf
    monkeypatch.setattr(shared_images, "MAX_KEPT_BYTES", weight * 2)  # over a quarter of it
    fresh = Engine()
    render(fresh, tmp_path, page(names[0]))
    assert len(fresh.images) == 0
