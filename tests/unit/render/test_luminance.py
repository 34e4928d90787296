"""The relative luminance by hand is coloraide's, to the last bits, over many colours."""

from __future__ import annotations

import random

from coloraide import Color

from briefs.render.luminance import relative_luminance


def test_luminance_is_coloraides_for_every_grey_and_many_colours() -> None:
    chance = random.Random(28)
    colours = [(v / 255, v / 255, v / 255) for v in range(256)]
    colours += [(r / 255, g / 255, b / 255) for r in (0, 1, 10, 11, 127, 254, 255)
                for g in (0, 3, 128, 255) for b in (0, 9, 200, 255)]
    colours += [(chance.random(), chance.random(), chance.random()) for _ in range(5000)]
    colours += [(-0.01, 0.5, 1.02), (0.04045, 0.0404, 0.0405)]  # out of gamut; the knee
    for rgb in colours:
        expected = float(Color("srgb", list(rgb)).luminance())
        assert abs(relative_luminance(rgb) - expected) <= 1e-15, rgb
