"""Images: real format by magic bytes, pixel limit, damaged files, unsafe SVG."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from briefs.content import images
from briefs.content.images import ImageProblem, inspect_image
from tests.kept import Facts


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




def test_a_good_verdict_is_kept_by_content_and_a_damaged_image_is_decoded_each_time(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cold build (a new process) decodes only the photos whose bytes changed since the
    last build; a damaged one is never kept, so it is refused every time."""
    decoded: list[Path] = []
    whole = images._load_whole
    monkeypatch.setattr(images, "_load_whole",
                        lambda image: decoded.append(image.filename) or whole(image))
    facts = Facts()
    photo = make_png(tmp_path / "photo.png")
    assert inspect_image(photo, facts=facts) == images.ImageInfo("png", 40, 30)
    images._verdict.cache_clear()  # the next build's process
    assert inspect_image(photo, facts=facts) == images.ImageInfo("png", 40, 30)
    assert len(decoded) == 1
    make_png(photo, (41, 30))  # changed: decoded again
    images._verdict.cache_clear()
    assert inspect_image(photo, facts=facts).width == 41
    assert len(decoded) == 2
    renamed = photo.rename(tmp_path / "photo.jpg")  # the same bytes, named as a JPEG
    images._verdict.cache_clear()
    with pytest.raises(ImageProblem, match=r"named \.jpg"):
        inspect_image(renamed, facts=facts)

    broken = tmp_path / "broken.png"
    broken.write_bytes(make_png(tmp_path / "whole.png", (400, 300)).read_bytes()[:300])
    for _ in range(2):
        images._verdict.cache_clear()
        with pytest.raises(ImageProblem, match="damaged"):
            inspect_image(broken, facts=facts)
    assert len(facts.kept) == 2  # the two good contents, not the broken one


def test_a_verdict_planted_in_the_workspace_cache_does_not_pass_a_damaged_image(
        tmp_path: Path) -> None:
    """A workspace's build/.cache cannot declare its truncated photo good: a kept verdict is
    used only when signed with this user's key."""
    import hashlib

    from briefs.output.writer import Writer
    from briefs.render.signed_store import SignedStore

    output = tmp_path / "build"
    folder = output / ".cache" / "facts"
    broken = tmp_path / "broken.png"
    broken.write_bytes(make_png(tmp_path / "whole.png", (400, 300)).read_bytes()[:300])
    digest = hashlib.sha256(broken.read_bytes()).hexdigest()
    forger = SignedStore(folder, Writer(output), b"f" * 32, ".json")
    forger.remember(images._facts_key(broken, digest),
                    b'{"format": "png", "width": 400, "height": 300}')
    images._verdict.cache_clear()
    users = SignedStore(folder, Writer(output), b"u" * 32, ".json")
    with pytest.raises(ImageProblem, match="damaged"):
        inspect_image(broken, facts=users)
    same_key = SignedStore(folder, Writer(output), b"f" * 32, ".json")  # the forger's key
    assert inspect_image(broken, facts=same_key).width == 400  # what signing protects
    images._KEPT.clear()


@pytest.mark.parametrize("kept", [b'{"format": "png", "width": "40", "height": 30}',
                                  b'{"format": "png", "width": 40, "height": -1}',
                                  b'{"format": "png", "width": true, "height": 30}',
                                  b'["png", 40, 30]', b"\xff not JSON"])
def test_a_kept_verdict_that_is_not_one_briefs_makes_is_decoded_again(
        tmp_path: Path, kept: bytes) -> None:
    """What a build kept is read as data: a record of another shape (an older toolkit's, a
    damaged one) sends the image to be decoded, never a size that is not a number onwards."""
    facts = Facts()
    photo = make_png(tmp_path / "photo.png")
    inspect_image(photo, facts=facts)
    for key in facts.kept:
        facts.kept[key] = kept
    images._verdict.cache_clear()
    images._KEPT.clear()
    assert inspect_image(photo, facts=facts) == images.ImageInfo("png", 40, 30)
