"""Photos cut down once to what a screen PDF can show, before WeasyPrint loads them."""

from __future__ import annotations

import io
import math
from pathlib import Path

from briefs.content.config import Profile
from briefs.pipeline.session import BuildSession

RESAMPLED_DIR = ".cache/images"
OWNER = "screen images"
LONGEST_PAGE_INCHES = 297 / 25.4
"""An A4 page's long side (letter's is shorter): no image is shown larger on a page."""
RESAMPLED_FORMATS = {"JPEG": ".jpg", "PNG": ".png"}


def screen_image(session: BuildSession, path: Path, profile: Profile) -> Path:
    """`path`, or a copy no larger than the profile's image resolution allows over a page.

    WeasyPrint re-encodes every photo at full size, then downsamples it to `dpi` for each
    render; a 2700-pixel photo costs a third of a flyer's render. A copy at most as large as
    a page's long side at that resolution gives the same PDF image for a fraction of the
    work. Only profiles that downsample (`optimize_images` with `max_image_dpi`) use it; print
    keeps the originals.
    """
    if not (profile.optimize_images and profile.max_image_dpi) or path.suffix.lower() == ".svg":
        return path
    limit = math.ceil(LONGEST_PAGE_INCHES * profile.max_image_dpi)
    tag = session.file_hashes.tag(path)
    folder = session.output_dir / RESAMPLED_DIR
    for suffix in RESAMPLED_FORMATS.values():
        done = folder / f"{path.stem}-{tag}-{limit}{suffix}"
        if done.is_file():
            session.writer.claim(done, OWNER)
            return done
    from PIL import Image

    try:
        resampled = _resampled(session.workspace.read_bytes(path), limit)
    except (OSError, ValueError, Image.DecompressionBombError):  # SVG, or the render says why
        return path
    if resampled is None:
        return path
    suffix, data = resampled
    target = folder / f"{path.stem}-{tag}-{limit}{suffix}"
    session.writer.write(target, data, OWNER)
    return target


def _resampled(data: bytes, limit: int) -> tuple[str, bytes] | None:
    """The image at most `limit` pixels on its long side (upright, colour profile kept), with
    its file suffix; None when it is small enough already or not a still JPEG or PNG."""
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(data)) as image:
        suffix = RESAMPLED_FORMATS.get(image.format or "")
        if suffix is None or max(image.size) <= limit or getattr(image, "n_frames", 1) > 1:
            return None
        upright = ImageOps.exif_transpose(image)
        upright.thumbnail((limit, limit), Image.Resampling.LANCZOS)
        options: dict[str, object] = {"quality": 95} if suffix == ".jpg" else {}
        if image.info.get("icc_profile"):
            options["icc_profile"] = image.info["icc_profile"]
        buffer = io.BytesIO()
        upright.save(buffer, format=image.format, **options)
    return suffix, buffer.getvalue()
