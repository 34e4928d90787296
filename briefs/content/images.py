"""Check images before rendering: real format by magic bytes, pixel limit, readable."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from briefs.content.svg import SvgProblem, check_svg
from briefs.core.kept import KeptFacts, plain_json

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


def inspect_image(path: Path, digest: str | None = None,
                  facts: KeptFacts | None = None) -> ImageInfo:
    """Return format and size of an image file, or raise ImageProblem. The verdict is
    remembered for each content of the file (its sha256, `digest` when the caller has it:
    hashing is a hundred times quicker than decoding): a photo is decoded whole once per
    process, not on every build of the preview or the build server; with `facts` (a build's
    signed store in `build/.cache`), a good verdict is kept between builds too, so a cold
    build decodes only the photos that changed."""
    try:
        if digest is None:
            with path.open("rb") as stream:
                digest = hashlib.file_digest(stream, "sha256").hexdigest()
    except OSError:
        return _inspect(path)  # says what cannot be read
    kept = _KEPT.get((path, digest))
    if kept is None and facts is not None:
        kept = _recall(path, digest, facts)
    if kept is not None:
        return kept
    info, problem = _verdict(path, digest)
    if problem is not None:
        raise ImageProblem(problem)
    assert info is not None
    if facts is not None:
        facts.remember(_facts_key(path, digest), json.dumps(dataclasses.asdict(info)).encode())
    return info


def _facts_key(path: Path, digest: str) -> dict[str, object]:
    """What a verdict depends on: the file's bytes and name's suffix, the limits, Pillow."""
    from PIL import __version__ as pillow

    return {"image": digest, "suffix": path.suffix.lower(), "pillow": pillow,
            "limits": [MAX_PIXELS, MAX_SVG_BYTES]}


def _recall(path: Path, digest: str, facts: KeptFacts) -> ImageInfo | None:
    """A good verdict kept (signed) for the same content; None when there is none."""
    data = facts.recall(_facts_key(path, digest))
    if data is None:
        return None
    try:
        kept = plain_json(data)
        info = ImageInfo(str(kept["format"]), kept["width"], kept["height"])
    except (ValueError, KeyError, TypeError):
        return None
    if info.format not in EXTENSIONS or not all(
            side is None or (type(side) is int and side > 0) for side in (info.width, info.height)):
        return None  # not a verdict `_verdict` makes: decoded again
    if len(_KEPT) >= MAX_KEPT_VERDICTS:
        _KEPT.clear()
    _KEPT[(path, digest)] = info  # a render in this process (-j 1) checks the same file
    return info


MAX_KEPT_VERDICTS = 512
_KEPT: dict[tuple[Path, str], ImageInfo] = {}
"""Verdicts recalled from a build's facts, for this process's later checks of the same
content (`_verdict` remembers those it made)."""


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
