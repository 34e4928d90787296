"""Images: real format by magic bytes, pixel limit, damaged files, unsafe SVG."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from briefs.content import images
from briefs.content.images import ImageProblem, inspect_image


def make_png(path: Path, size: tuple[int, int] = (40, 30)) -> Path:
    Image.new("RGB", size, "#0a4f8f").save(path)
    return path


def test_png_and_jpeg_report_size(tmp_path: Path) -> None:
    info = inspect_image(make_png(tmp_path / "a.png"))
    assert (info.format, info.width, info.height) == ("png", 40, 30)
    Image.new("RGB", (20, 10)).save(tmp_path / "b.jpg")
    assert inspect_image(tmp_path / "b.jpg").format == "jpeg"


def test_text_file_named_png_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "fake.png"
    path.write_text("not an image")
    with pytest.raises(ImageProblem, match="not a PNG, JPEG, GIF, WebP or SVG image"):
        inspect_image(path)


def test_wrong_extension_is_named(tmp_path: Path) -> None:
    path = make_png(tmp_path / "photo.png").rename(tmp_path / "photo.jpg")
    with pytest.raises(ImageProblem, match=r"is a PNG image but is named \.jpg"):
        inspect_image(path)


def test_truncated_image_is_refused(tmp_path: Path) -> None:
    path = make_png(tmp_path / "a.png", (200, 200))
    path.write_bytes(path.read_bytes()[:60])
    with pytest.raises(ImageProblem, match="damaged or unreadable PNG"):
        inspect_image(path)


def test_pixel_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(images, "MAX_PIXELS", 100)
    with pytest.raises(ImageProblem, match="over the 100-pixel limit"):
        inspect_image(make_png(tmp_path / "a.png", (20, 20)))


def test_svg_with_script_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "logo.svg"
    path.write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    with pytest.raises(ImageProblem, match="<script> element"):
        inspect_image(path)
    path.write_text('<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>')
    assert inspect_image(path).format == "svg"


def test_a_truncated_jpeg_is_refused_though_its_header_is_whole(tmp_path: Path) -> None:
    from PIL import Image

    path = tmp_path / "photo.jpg"
    Image.effect_noise((400, 300), 60).convert("RGB").save(path, quality=90)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])
    with pytest.raises(ImageProblem, match="damaged or unreadable JPEG image"):
        inspect_image(path)
