"""PDF pages as PNG, JPEG or WebP images (pypdfium2 renders, Pillow encodes): a chosen pixel
size and crop, reproducible bytes (no metadata, fixed encoder settings), within a byte budget."""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass
from typing import Any

ENCODERS = ("png", "jpeg", "webp")
MAX_BYTES = 1_000_000
"""Small enough to post: LinkedIn, X and Instagram take up to 5 MB, newsletters want less."""
MAX_PIXELS = 4096 * 4096
"""No image larger than this is made, whatever is asked (bounded memory)."""
QUALITIES = (90, 85, 80, 75, 70, 60, 50)
"""JPEG and WebP qualities tried in turn until the image fits the byte budget."""
PNG_LEVEL = 6
"""zlib level: 9 takes four times as long for 3% fewer bytes."""
DEFAULT_WIDTH = 1240
"""Pixels across when no size is given: an A4 page at 150 pixels per inch."""
_PDFIUM = threading.Lock()
"""pdfium is not thread-safe (the preview images pages from another thread)."""


class ImageTooLarge(ValueError):
    """The image is over the byte budget at every setting tried."""


@dataclass(frozen=True)
class ImageSpec:
    """How pages become images: the encoder, the size in pixels and which pages.

    With `width` only, the page is scaled to that width. With `width` and `height`, it is
    scaled to cover the frame and cropped to it, centred across and from the top down (a
    page's head is what a post shows).
    """

    encoder: str = "png"
    width: int | None = None
    height: int | None = None
    first_page_only: bool = True
    max_bytes: int = MAX_BYTES

    def __post_init__(self) -> None:
        if self.encoder not in ENCODERS:
            raise ValueError(f'no image format "{self.encoder}"; use {", ".join(ENCODERS)}')
        for value in (self.width, self.height):
            if value is not None and not 16 <= value <= 4096:
                raise ValueError(f"{value} pixels: sizes go from 16 to 4096 pixels")
        if self.height is not None and self.width is None:
            raise ValueError("a height needs a width (WIDTHxHEIGHT)")

    @property
    def suffix(self) -> str:
        return ".jpg" if self.encoder == "jpeg" else f".{self.encoder}"


def page_count(pdf: bytes) -> int:
    import pypdfium2

    with _PDFIUM:
        document = pypdfium2.PdfDocument(pdf)
        try:
            return len(document)
        finally:
            document.close()


def page_images(pdf: bytes, spec: ImageSpec) -> list[bytes]:
    """The PDF's pages (or its first) as encoded images, in page order.

    ImageTooLarge when one cannot be brought under the spec's byte budget.
    """
    return [encode(image, spec) for image in render_pages(pdf, spec)]


def render_pages(pdf: bytes, spec: ImageSpec) -> list[Any]:
    """The pages as RGB Pillow images of the spec's size (white where the page is blank)."""
    import pypdfium2

    images = []
    with _PDFIUM:
        document = pypdfium2.PdfDocument(pdf)
        try:
            count = 1 if spec.first_page_only else len(document)
            for index in range(min(count, len(document))):
                page = document[index]
                try:
                    images.append(_render_page(page, spec))
                finally:
                    page.close()
        finally:
            document.close()
    return images


def _render_page(page: Any, spec: ImageSpec) -> Any:
    width_pt, height_pt = page.get_size()
    target_w = spec.width or DEFAULT_WIDTH
    scale = target_w / width_pt
    if spec.height is not None:
        scale = max(scale, spec.height / height_pt)
    if width_pt * scale * height_pt * scale > MAX_PIXELS:
        raise ImageTooLarge(f"{round(width_pt * scale)}x{round(height_pt * scale)} pixels is "
                            "more than an image may have; ask for a smaller size")
    bitmap = page.render(scale=scale, fill_color=(255, 255, 255, 255), may_draw_forms=False)
    image = bitmap.to_pil().convert("RGB")
    if spec.height is not None:
        left = max(0, (image.width - target_w) // 2)
        image = image.crop((left, 0, left + target_w, spec.height))
    elif image.width != target_w:  # rounding: exactly the width asked for
        image = image.resize((target_w, round(image.height * target_w / image.width)))
    return image


def encode(image: Any, spec: ImageSpec) -> bytes:
    """The image in the spec's format: the same pixels give the same bytes (fixed settings,
    no metadata: no EXIF, no text chunks, no timestamps), under the byte budget."""
    if spec.encoder == "png":
        data = _save(image, "PNG", compress_level=PNG_LEVEL)
        if len(data) > spec.max_bytes:  # a photo: 256 colours, dithered, still sharp text
            from PIL import Image

            fewer = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT,
                                   dither=Image.Dither.FLOYDSTEINBERG)
            data = _save(fewer, "PNG", compress_level=PNG_LEVEL)
        if len(data) <= spec.max_bytes:
            return data
    else:
        for quality in QUALITIES:
            data = _lossy(image, spec.encoder, quality)
            if len(data) <= spec.max_bytes:
                return data
    raise ImageTooLarge(f"a {image.width}x{image.height} {spec.encoder.upper()} image is over "
                        f"{spec.max_bytes // 1000} kB at every setting tried; ask for fewer "
                        "pixels, or JPEG or WebP instead of PNG")


def _lossy(image: Any, encoder: str, quality: int) -> bytes:
    if encoder == "jpeg":
        return _save(image, "JPEG", quality=quality, optimize=True, progressive=False,
                     subsampling=2 if quality < 90 else 0, dpi=(72, 72))
    return _save(image, "WEBP", quality=quality, method=6, lossless=False, exact=False)


def _save(image: Any, fmt: str, **options: Any) -> bytes:
    buffer = io.BytesIO()
    image.info.clear()  # nothing carried over from the source (gamma, dpi, text)
    image.save(buffer, fmt, **options)
    return buffer.getvalue()
