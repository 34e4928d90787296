"""WCAG relative luminance of an sRGB colour, as coloraide computes it, without its import.

coloraide (`Color("srgb", rgb).luminance()`) builds every colour space, filter and a colour
temperature table when imported: 0.05 to 0.09 CPU-seconds of every render worker's start-up,
which is on a one-document build's critical path, for what is here a transfer function and
a dot product. Both are coloraide's own (its sRGB EOTF and the Y row of its sRGB-to-XYZ
matrix, the sRGB standard's, which WCAG 2.x's relative luminance rounds to 0.2126, 0.7152,
0.0722), in its order of operations; tests/unit/render/test_luminance.py compares the two
over many colours, so an update of coloraide that changed them is seen.
"""

from __future__ import annotations

import math

SRGB_TO_Y = (0.21263900587151024, 0.715168678767756, 0.07219231536073371)
"""The Y row of coloraide's linear sRGB to XYZ (D65) matrix (`spaces/srgb_linear.py`)."""


def linear(channel: float) -> float:
    """One sRGB channel (0 to 1) in linear light (coloraide's `eotf_srgb`, mirrored below 0)."""
    size = abs(channel)
    if size > 0.04045:
        return math.copysign(((size + 0.055) / 1.055) ** 2.4, channel)
    return channel / 12.92


def relative_luminance(rgb: tuple[float, float, float]) -> float:
    """Y of the colour in XYZ D65, 0 (black) to 1 (white)."""
    red, green, blue = (linear(channel) for channel in rgb)
    return SRGB_TO_Y[0] * red + SRGB_TO_Y[1] * green + SRGB_TO_Y[2] * blue
