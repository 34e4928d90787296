"""How much of a frame its content fills, read from the frame's own image: the rows below
the last ink are the same as the frame's bottom row, column by column (a band or a box that
runs to the foot counts as background, a photo to the foot as content)."""

from __future__ import annotations

from typing import Any

INK = 24
"""How far (0-255, any channel) a pixel must differ from the bottom row's to be ink."""
SAMPLE_WIDTH = 240
"""Columns looked at: the image narrowed to this width first (a tenth of the work)."""
FULL = 0.82
"""A frame filled to here is left as it is."""
MOST = 1.5
"""The most a frame's type is set up by."""


def filled_share(image: Any) -> float:
    """The share of the image's height from the top to the last row with ink (RGB image)."""
    import numpy as np

    width, height = image.size
    if width > SAMPLE_WIDTH:
        image = image.resize((SAMPLE_WIDTH, height), resample=0)
    pixels = np.asarray(image.convert("RGB"), dtype=np.int16)
    distance = np.abs(pixels - pixels[-1]).max(axis=(1, 2))
    inked = np.nonzero(distance > INK)[0]
    return float(inked[-1] + 1) / height if len(inked) else 0.0


def scale_to_fill(share: float) -> float:
    """How much to set a frame's type up so that content filling `share` of it fills it: the
    square root of the room (text set larger also wraps into more lines), at most `MOST`."""
    if share >= FULL or share <= 0:
        return 1.0
    return min(MOST, (0.92 / share) ** 0.5)
