"""Check images before rendering: real format by magic bytes, pixel limit, readable."""

from __future__ import annotations

import hashlib
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from briefs.content.svg import SvgProblem, check_svg

MAX_PIXELS = 60_000_000
MAX_SVG_BYTES = 2_000_000
MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
)
EXTENSIONS = {
    "png": {".png"},
    "jpeg": {".jpg", ".jpeg"},
    "gif": {".gif"},
    "webp": {".webp"},
    "svg": {".svg"},
}


class ImageProblem(ValueError):
    """An image that cannot be used, with a message saying why and what to do."""


@dataclass(frozen=True)
class ImageInfo:
    format: str
    width: int | None
    height: int | None


def sniff_format(head: bytes) -> str | None:
    for magic, name in MAGIC:
        if head.startswith(magic):
            return name
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<svg", b"<?xml", b"<!--")) and b"<svg" in head.lower():
        return "svg"
    return None


def inspect_image(path: Path, digest: str | None = None) -> ImageInfo:
    """Return format and size of an image file, or raise ImageProblem. The verdict is
    remembered for each content of the file (its sha256, `digest` when the caller has it:
    hashing is a hundred times quicker than decoding): a photo is decoded whole once per
    process, not on every build of the preview or the build server."""
    try:
        if digest is None:
            with path.open("rb") as stream:
                digest = hashlib.file_digest(stream, "sha256").hexdigest()
    except OSError:
        return _inspect(path)  # says what cannot be read
    info, problem = _verdict(path, digest)
    if problem is not None:
        raise ImageProblem(problem)
    assert info is not None
    return info


@lru_cache(maxsize=512)
def _verdict(path: Path, digest: str) -> tuple[ImageInfo | None, str | None]:
    try:
        return _inspect(path), None
    except ImageProblem as exc:
        return None, str(exc)


def _inspect(path: Path) -> ImageInfo:
    try:
        head = path.read_bytes()[:4096] if path.suffix.lower() == ".svg" else _head(path)
    except OSError as exc:
        raise ImageProblem(f"cannot read image: {exc.strerror or exc}") from exc
    found = sniff_format(head)
    if found is None:
        raise ImageProblem("not a PNG, JPEG, GIF, WebP or SVG image (the file's bytes do not "
                           "match any of these formats); export it again as PNG or JPEG")
    if path.suffix.lower() not in EXTENSIONS[found]:
        named = path.suffix or "with no extension"
        raise ImageProblem(f"file is a {found.upper()} image but is named {named}; "
                           f"rename it to end in {sorted(EXTENSIONS[found])[0]}")
    if found == "svg":
        return _inspect_svg(path)
    return _inspect_raster(path, found)


def _head(path: Path) -> bytes:
    with path.open("rb") as stream:
        return stream.read(64)


def _inspect_svg(path: Path) -> ImageInfo:
    data = path.read_bytes()
    if len(data) > MAX_SVG_BYTES:
        raise ImageProblem(f"SVG is {len(data)} bytes, over the {MAX_SVG_BYTES}-byte limit")
    try:
        check_svg(data)
    except SvgProblem as exc:
        raise ImageProblem(str(exc)) from exc
    return ImageInfo("svg", None, None)


def _inspect_raster(path: Path, found: str) -> ImageInfo:
    """Size within the pixel limit, and every pixel decoded: a truncated JPEG passes a header
    check and renders half an image, so the whole image is read once here."""
    from PIL import Image

    too_large = f"over the {MAX_PIXELS:,}-pixel limit; scale it down (3000 px wide is plenty)"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:  # reads the header only
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise ImageProblem(f"image is {width}x{height} pixels, {too_large}")
                image.verify()
            with Image.open(path) as image:
                _load_whole(image)
    except ImageProblem:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageProblem(f"image is {too_large}") from exc
    except Exception as exc:  # Pillow raises many types for damaged files
        raise ImageProblem(f"damaged or unreadable {found.upper()} image ({exc}); export it "
                           "again") from exc
    return ImageInfo(found, width, height)


def _load_whole(image: object) -> None:
    """Decode every pixel, failing on a truncated file even though WeasyPrint, once imported,
    tells Pillow to accept truncated images (`ImageFile.LOAD_TRUNCATED_IMAGES`)."""
    from PIL import ImageFile

    accepting = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        image.load()  # type: ignore[attr-defined]
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = accepting
