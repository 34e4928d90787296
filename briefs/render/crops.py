"""How much of a figure's photo its frame cuts away (`fit: cover`), measured on the laid-out
box: a warning when the crop takes more than a set share of the image, or crops around the
centre where no focus was given (a portrait loses the speaker's head)."""

from __future__ import annotations

from typing import Any

from briefs.core.diagnostics import Problem

CODE = "layout.crop"
MAX_CUT_SHARE = 0.4
"""A crop may take up to this share of the image's area before it is reported."""
UNFOCUSED_CUT_SHARE = 0.15
"""Above this share, a crop around the centre (no `focus:`) is reported."""


def cut_share(box: Any) -> float | None:
    """The share of the image's area a `cover` frame hides, or None (not cropped)."""
    image = getattr(box, "replacement", None)
    width, height = getattr(image, "width", None), getattr(image, "height", None)
    if not width or not height or not box.width or not box.height:
        return None
    if box.style["object_fit"] != "cover":
        return None
    scale = max(box.width / width, box.height / height)
    shown = (box.width * box.height) / (width * scale * height * scale)
    return max(0.0, 1.0 - shown)


def crop_warning(box: Any, shown_as: str, page: int) -> Problem | None:
    """A warning for a figure photo (`data-focus` on its element) cropped too hard."""
    element = getattr(box, "element", None)
    if element is None or element.get("data-focus") is None:
        return None
    share = cut_share(box)
    if share is None:
        return None
    name = element.get("data-figure", "")
    where = f'figure "{name}" ({shown_as}) on page {page}'
    if share > MAX_CUT_SHARE:
        return Problem.warning(CODE, f"{where}: its frame cuts away {share:.0%} of the photo",
                               "set `fit: contain`, a taller `height:`, or a photo of the "
                               "frame's shape", page=page)
    if share > UNFOCUSED_CUT_SHARE and element.get("data-focus-default"):
        return Problem.warning(CODE, f"{where}: cropped by {share:.0%} around the centre",
                               "give `focus: X% Y%` (the point to keep, from the left and the "
                               "top)", page=page)
    return None
