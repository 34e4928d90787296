"""Page images: size, crop, formats, reproducible bytes, the byte budget."""

from __future__ import annotations

import io
import random

import pytest
from PIL import Image

from briefs.formats.raster import (
    DEFAULT_WIDTH,
    ImageSpec,
    ImageTooLarge,
    page_count,
    page_images,
)


def pdf_of(*colours: tuple[int, int, int], size: tuple[int, int] = (595, 842),
           noisy: bool = False) -> bytes:
    """A PDF with one page per colour (Pillow writes it; 72 dpi: pixels are points)."""
    pages = []
    for colour in colours:
        page = Image.new("RGB", size, colour)
        if noisy:  # a photo-like page that compresses badly
            rng = random.Random(7)
            page.putdata([tuple(rng.randrange(256) for _ in range(3))
                          for _ in range(size[0] * size[1])])
        page.paste((0, 0, 0), (0, 0, size[0], 40))  # a dark band at the top
        pages.append(page)
    buffer = io.BytesIO()
    pages[0].save(buffer, "PDF", save_all=True, append_images=pages[1:], resolution=72)
    return buffer.getvalue()


def opened(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def test_width_alone_keeps_the_page_shape() -> None:
    [png] = page_images(pdf_of((255, 0, 0)), ImageSpec("png", 600))
    image = opened(png)
    assert image.format == "PNG"
    assert image.width == 600 and abs(image.height - 842 * 600 / 595) <= 1


def test_no_size_is_an_a4_page_at_150_ppi() -> None:
    [png] = page_images(pdf_of((255, 0, 0)), ImageSpec("png"))
    assert opened(png).width == DEFAULT_WIDTH


def test_width_and_height_cover_the_frame_and_crop_from_the_top() -> None:
    [jpeg] = page_images(pdf_of((255, 255, 255)), ImageSpec("jpeg", 1200, 627))
    image = opened(jpeg)
    assert image.format == "JPEG" and image.size == (1200, 627)
    assert image.getpixel((600, 5))[0] < 40  # the page's top band is in the crop


def test_every_page_or_the_first() -> None:
    pdf = pdf_of((255, 0, 0), (0, 0, 255))
    assert page_count(pdf) == 2
    assert len(page_images(pdf, ImageSpec("png", 100))) == 1
    first, second = page_images(pdf, ImageSpec("png", 100, first_page_only=False))
    assert opened(first).getpixel((50, 100))[0] > 200
    assert opened(second).getpixel((50, 100))[2] > 200


@pytest.mark.parametrize("encoder", ["png", "jpeg", "webp"])
def test_same_input_same_bytes_and_no_metadata(encoder: str) -> None:
    pdf = pdf_of((10, 120, 60))
    spec = ImageSpec(encoder, 400, 300)
    first, second = page_images(pdf, spec)[0], page_images(pdf, spec)[0]
    assert first == second
    image = opened(first)
    assert not image.getexif()
    assert not {"exif", "xmp", "icc_profile", "comment"} & set(image.info)
    assert b"tEXt" not in first and b"tIME" not in first


def test_a_photo_png_over_the_budget_falls_back_to_a_palette() -> None:
    pdf = pdf_of((0, 0, 0), size=(240, 240), noisy=True)
    [png] = page_images(pdf, ImageSpec("png", 500, max_bytes=400_000))
    assert len(png) <= 1_000_000
    assert opened(png).mode == "P"


def test_lossy_formats_lower_their_quality_to_fit() -> None:
    pdf = pdf_of((0, 0, 0), size=(240, 240), noisy=True)
    big = page_images(pdf, ImageSpec("jpeg", 800, max_bytes=10_000_000))[0]
    small = page_images(pdf, ImageSpec("jpeg", 800, max_bytes=len(big) * 2 // 3))[0]
    assert len(small) <= len(big) * 2 // 3


def test_an_image_that_cannot_fit_is_an_error_not_a_bigger_file() -> None:
    pdf = pdf_of((0, 0, 0), size=(240, 240), noisy=True)
    with pytest.raises(ImageTooLarge, match="kB at every setting"):
        page_images(pdf, ImageSpec("png", 500, max_bytes=20_000))


@pytest.mark.parametrize("arguments, message", [
    (("gif",), "no image format"),
    (("png", 8), "16 to 4096"),
    (("png", 100000), "16 to 4096"),
    (("png", None, 300), "needs a width"),
])
def test_bad_specs_are_refused(arguments: tuple, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ImageSpec(*arguments)
