#!/usr/bin/env python3
"""Generate the sample artwork: two illustrated photos (JPEG) and the logos (SVG).

Everything here is invented for the sample content: the organisations, their marks and the
landscapes. The output is deterministic (fixed random seeds, no clock, no machine fonts), so the
files can be regenerated at any time:

    python scripts/make_sample_art.py            # writes into the repository
    python scripts/make_sample_art.py --root DIR # writes into another checkout

Logos are pure vector shapes: the wordmarks are converted to <path> outlines with fontTools
from the fonts bundled under styles/, so they look the same on every machine and contain no
<text>, scripts or external references.

Needs Pillow and fontTools.
"""

from __future__ import annotations

import argparse
import itertools
import math
import random
from collections.abc import Callable, Sequence
from pathlib import Path

from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTFont
from PIL import Image, ImageChops, ImageDraw, ImageFilter

RGB = tuple[int, int, int]
Point = tuple[float, float]

NOTO_BOLD = "styles/civic-blue/fonts/NotoSans-Bold.ttf"
NOTO_REGULAR = "styles/civic-blue/fonts/NotoSans-Regular.ttf"
LATO_BLACK = "styles/field-green/fonts/Lato-Black.ttf"
LATO_BOLD = "styles/field-green/fonts/Lato-Bold.ttf"


# =============================================================== raster helpers


def mix(a: RGB, b: RGB, t: float) -> RGB:
    t = max(0.0, min(1.0, t))
    return tuple(round(a[i] + (b[i] - a[i]) * t) for i in range(3))  # type: ignore[return-value]


def ramp(stops: Sequence[tuple[float, RGB]], t: float) -> RGB:
    """Colour at `t` (0..1) along a list of (position, colour) stops."""
    if t <= stops[0][0]:
        return stops[0][1]
    for (p0, c0), (p1, c1) in itertools.pairwise(stops):
        if t <= p1:
            return mix(c0, c1, (t - p0) / (p1 - p0) if p1 > p0 else 1.0)
    return stops[-1][1]


def vertical_gradient(size: tuple[int, int], stops: Sequence[tuple[float, RGB]],
                      top: int = 0, bottom: int | None = None) -> Image.Image:
    """A full-size RGB image whose colour runs through `stops` between rows top..bottom."""
    width, height = size
    bottom = height if bottom is None else bottom
    column = Image.new("RGB", (1, height))
    pixels = column.load()
    span = max(1, bottom - top)
    for y in range(height):
        pixels[0, y] = ramp(stops, (y - top) / span)
    return column.resize((width, height), Image.Resampling.NEAREST)


def horizontal_gradient(size: tuple[int, int], stops: Sequence[tuple[float, RGB]]) -> Image.Image:
    width, height = size
    row = Image.new("RGB", (width, 1))
    pixels = row.load()
    for x in range(width):
        pixels[x, 0] = ramp(stops, x / max(1, width - 1))
    return row.resize((width, height), Image.Resampling.NEAREST)


def paint(canvas: Image.Image, fill: RGB | Image.Image, mask: Image.Image,
          opacity: float = 1.0) -> None:
    """Composite a colour (or an image) onto `canvas` through an L-mode mask."""
    if opacity < 1.0:
        mask = mask.point(lambda v: round(v * opacity))
    layer = fill if isinstance(fill, Image.Image) else Image.new("RGB", canvas.size, fill)
    canvas.paste(layer, (0, 0), mask)


def new_mask(size: tuple[int, int]) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    mask = Image.new("L", size, 0)
    return mask, ImageDraw.Draw(mask)


class Ridge:
    """A smooth, deterministic 1-D profile: a sum of sines with random phases."""

    def __init__(self, rng: random.Random, width: float, octaves: Sequence[tuple[float, float]]):
        self.width = width
        self.waves = [(amp, freq, rng.uniform(0, 2 * math.pi)) for amp, freq in octaves]

    def __call__(self, x: float) -> float:
        return sum(amp * math.sin(2 * math.pi * freq * x / self.width + phase)
                   for amp, freq, phase in self.waves)


def profile_polygon(x0: float, x1: float, top: Callable[[float], float], bottom: float,
                    step: float = 4.0) -> list[Point]:
    """Closed polygon under the curve `top(x)` from x0 to x1, down to y = bottom."""
    points = [(x0, bottom)]
    x = x0
    while x < x1:
        points.append((x, top(x)))
        x += step
    points += [(x1, top(x1)), (x1, bottom)]
    return points


def grain(size: tuple[int, int], rng: random.Random, amount: int = 2) -> Image.Image:
    """Deterministic fine grain centred on 128 (breaks up banding in smooth gradients)."""
    width, height = size
    noise = Image.frombytes("L", size, rng.randbytes(width * height))
    lut = [128 - amount + round(v * 2 * amount / 255) for v in range(256)]
    return noise.point(lut).convert("RGB")


def add_grain(image: Image.Image, rng: random.Random, amount: int = 2) -> Image.Image:
    return ImageChops.add(image, grain(image.size, rng, amount), scale=1.0, offset=-128)


def river_polygon(y_far: float, y_near: float, centre: Callable[[float], float],
                  half_width: Callable[[float], float], steps: int = 240) -> list[Point]:
    """A ribbon in perspective: `centre(s)` and `half_width(s)` for s from 0 (far) to 1 (near)."""
    left, right = [], []
    for i in range(steps + 1):
        s = i / steps
        y = y_far + (y_near - y_far) * s ** 1.7
        x, w = centre(s), half_width(s)
        left.append((x - w, y))
        right.append((x + w, y))
    return left + right[::-1]


# =============================================================== cover: terraces at dusk


def make_cover(path: Path, width: int = 2400, height: int = 1500, ss: int = 2) -> None:
    rng = random.Random(20251104)
    W, H = width * ss, height * ss
    size = (W, H)
    horizon = 0.60 * H

    sky = [(0.00, (20, 30, 64)), (0.22, (46, 52, 100)), (0.42, (112, 78, 122)),
           (0.60, (204, 116, 106)), (0.76, (240, 160, 104)), (0.90, (250, 200, 136)),
           (1.00, (252, 222, 168))]
    canvas = vertical_gradient(size, sky, 0, round(horizon))

    # stars in the upper sky
    stars, draw = new_mask(size)
    for _ in range(140):
        x, y = rng.uniform(0, W), rng.uniform(0, 0.30 * H) ** 1.0
        r = rng.uniform(0.8, 2.0) * ss
        brightness = rng.uniform(90, 230) * (1 - y / (0.32 * H))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=round(brightness))
    paint(canvas, (255, 246, 226), stars)

    # the low sun and its glow
    sun_x, sun_y = 0.64 * W, horizon - 0.035 * H
    glow, draw = new_mask(size)
    for radius, level in ((0.34, 50), (0.22, 80), (0.12, 130)):
        r = radius * H
        draw.ellipse((sun_x - r * 1.6, sun_y - r, sun_x + r * 1.6, sun_y + r), fill=level)
    glow = glow.filter(ImageFilter.GaussianBlur(0.09 * H))
    paint(canvas, (255, 214, 150), glow)
    disc, draw = new_mask(size)
    r = 0.038 * H
    draw.ellipse((sun_x - r, sun_y - r, sun_x + r, sun_y + r), fill=255)
    paint(canvas, (255, 240, 204), disc.filter(ImageFilter.GaussianBlur(0.004 * H)))

    # a few long soft clouds lit from below
    clouds, draw = new_mask(size)
    for cx, cy, cw, ch in ((0.18, 0.30, 0.30, 0.018), (0.36, 0.26, 0.22, 0.012),
                           (0.80, 0.34, 0.34, 0.020), (0.90, 0.27, 0.16, 0.010),
                           (0.55, 0.40, 0.20, 0.010)):
        x, y = cx * W, cy * H
        draw.ellipse((x - cw * W / 2, y - ch * H, x + cw * W / 2, y + ch * H), fill=150)
    paint(canvas, (236, 150, 128), clouds.filter(ImageFilter.GaussianBlur(0.012 * H)))

    # far mountain ranges, each one hazier (closer to the sky colour) than the next
    ranges = [
        (horizon - 0.13 * H, [(0.050, 1.3), (0.025, 3.1), (0.010, 7.0)], (150, 104, 134)),
        (horizon - 0.07 * H, [(0.045, 1.8), (0.020, 4.2), (0.008, 9.0)], (112, 80, 118)),
        (horizon - 0.02 * H, [(0.030, 2.2), (0.015, 5.0), (0.006, 11.0)], (80, 62, 98)),
    ]
    for base, octaves, colour in ranges:
        ridge = Ridge(rng, W, [(a * H, f) for a, f in octaves])
        mask, draw = new_mask(size)
        draw.polygon(profile_polygon(0, W, lambda x, b=base, r=ridge: b + r(x), H), fill=255)
        paint(canvas, colour, mask)
        # haze gathering in the valleys below each range
        haze, draw = new_mask(size)
        draw.rectangle((0, base + 0.03 * H, W, base + 0.09 * H), fill=90)
        paint(canvas, (236, 150, 120), haze.filter(ImageFilter.GaussianBlur(0.03 * H)))

    # the valley floor behind the town: dusky fields with faint hedgerows
    floor_y = horizon + 0.02 * H
    valley = vertical_gradient(size, [(0.0, (132, 96, 112)), (0.25, (100, 86, 100)),
                                      (1.0, (44, 50, 62))], round(floor_y), H)
    mask, draw = new_mask(size)
    draw.rectangle((0, floor_y, W, H), fill=255)
    paint(canvas, valley, mask)
    # field patches in perspective, each a slightly different tone, edged by hedgerows
    rows = 9
    edges = [floor_y + (H - floor_y) * (i / rows) ** 1.9 for i in range(rows + 1)]
    fields = Image.new("RGB", size, (0, 0, 0))
    fmask, fdraw = new_mask(size)
    hedges, hdraw = new_mask(size)
    paint_fields = ImageDraw.Draw(fields)
    for row in range(rows):
        y0, y1 = edges[row], edges[row + 1]
        x = -0.1 * W
        while x < 1.1 * W:
            width_far = rng.uniform(0.08, 0.22) * W
            spread = (y1 - y0) / (H - floor_y) * 1.6

            def skew(px: float, yy: float) -> float:
                return px + (px - 0.62 * W) * (yy - floor_y) / (H - floor_y) * 1.6

            quad = [(skew(x, y0), y0), (skew(x + width_far, y0), y0),
                    (skew(x + width_far, y1) + spread, y1), (skew(x, y1) + spread, y1)]
            tone = rng.choice([(118, 96, 104), (96, 92, 96), (110, 104, 90), (88, 82, 100)])
            paint_fields.polygon(quad, fill=mix(tone, (40, 46, 58), row / rows))
            fdraw.polygon(quad, fill=255)
            hdraw.line([quad[1], quad[2]], fill=120, width=max(1, round((1 + 3 * row / rows) * ss)))
            x += width_far
        wave = Ridge(rng, W, [(0.002 * H * (1 + row), 3.0)])
        hdraw.line([(px, y1 + wave(px)) for px in range(0, W + 8, 8)], fill=150,
                   width=max(1, round((1.5 + 5 * row / rows) * ss)))
    paint(canvas, fields, fmask, opacity=0.55)
    paint(canvas, (40, 42, 56), hedges.filter(ImageFilter.GaussianBlur(1.2 * ss)))
    mist, draw = new_mask(size)
    draw.rectangle((0, floor_y, W, floor_y + 0.05 * H), fill=110)
    paint(canvas, (222, 150, 130), mist.filter(ImageFilter.GaussianBlur(0.02 * H)))

    # the river: it leaves the valley in front of the town and widens towards the viewer
    def river_centre(s: float) -> float:
        return (0.67 - 0.07 * s) * W + 0.09 * W * math.sin(2.3 * math.pi * s + 0.3) * s ** 0.8

    def river_width(s: float) -> float:
        return (0.008 + 0.15 * s ** 2.0) * W

    water = vertical_gradient(size, [(0.0, (252, 214, 150)), (0.2, (242, 168, 116)),
                                     (0.55, (160, 100, 126)), (1.0, (64, 64, 108))],
                              round(floor_y), H)
    river, draw = new_mask(size)
    draw.polygon(river_polygon(floor_y, H + 0.02 * H, river_centre, river_width), fill=255)
    banks_dark = river.filter(ImageFilter.MaxFilter(7))
    paint(canvas, (40, 40, 56), banks_dark, opacity=0.8)
    paint(canvas, water, river)
    # the sun's path on the water: short horizontal glints inside the river
    glints, draw = new_mask(size)
    for _ in range(320):
        s = rng.random() ** 1.2
        y = floor_y + (H - floor_y) * s ** 1.7
        x = river_centre(s) + rng.gauss(0, 0.30) * river_width(s)
        length = (0.004 + 0.035 * s) * W * rng.uniform(0.3, 1.0)
        thick = max(1.0, (0.5 + 3 * s) * ss)
        draw.rectangle((x - length / 2, y, x + length / 2, y + thick), fill=rng.randint(60, 190))
    glints = ImageChops.multiply(glints.filter(ImageFilter.GaussianBlur(1.2 * ss)), river)
    paint(canvas, (255, 228, 180), glints)

    # the town on the far bank: a skyline of houses, a bell tower, lit windows
    town, draw = new_mask(size)
    windows, wdraw = new_mask(size)
    ground = floor_y + 0.006 * H
    x = 0.54 * W
    while x < 0.95 * W:
        bw = rng.uniform(0.010, 0.024) * W
        centre_weight = 1 - abs((x - 0.72 * W) / (0.22 * W))
        bh = (0.012 + 0.030 * max(0.0, centre_weight) * rng.uniform(0.5, 1.0)) * H
        top = ground - bh
        draw.rectangle((x, top, x + bw, ground + 0.008 * H), fill=255)
        if rng.random() < 0.6:  # pitched roof
            draw.polygon([(x - 0.001 * W, top), (x + bw / 2, top - bw * 0.45),
                          (x + bw + 0.001 * W, top)], fill=255)
        for wy in range(int((bh - 0.006 * H) // (0.010 * H))):
            for wx in range(max(1, int(bw // (0.006 * W)))):
                if rng.random() < 0.42:
                    px = x + 0.002 * W + wx * 0.006 * W
                    py = top + 0.005 * H + wy * 0.010 * H
                    wdraw.rectangle((px, py, px + 0.0022 * W, py + 0.0045 * H),
                                    fill=rng.randint(170, 255))
        x += bw + rng.uniform(-0.002, 0.004) * W
    tower_x = 0.715 * W
    draw.rectangle((tower_x, ground - 0.085 * H, tower_x + 0.014 * W, ground), fill=255)
    draw.polygon([(tower_x - 0.002 * W, ground - 0.085 * H),
                  (tower_x + 0.007 * W, ground - 0.125 * H),
                  (tower_x + 0.016 * W, ground - 0.085 * H)], fill=255)
    wdraw.ellipse((tower_x + 0.004 * W, ground - 0.075 * H, tower_x + 0.010 * W,
                   ground - 0.066 * H), fill=200)
    paint(canvas, (60, 46, 78), town)
    windows = ImageChops.multiply(windows, town)
    paint(canvas, (255, 204, 120), windows.filter(ImageFilter.GaussianBlur(2.5 * ss)))
    paint(canvas, (255, 222, 150), windows)
    # reflections of the lights on the water just below the town
    reflect, draw = new_mask(size)
    for _ in range(90):
        s = rng.uniform(0.02, 0.25)
        y = floor_y + (H - floor_y) * s ** 1.7 + 0.012 * H
        x = river_centre(s) + rng.uniform(-0.8, 0.8) * river_width(s)
        draw.rectangle((x, y, x + rng.uniform(0.002, 0.006) * W, y + 1.5 * ss),
                       fill=rng.randint(80, 200))
    reflect = ImageChops.multiply(reflect.filter(ImageFilter.GaussianBlur(1.2 * ss)), river)
    paint(canvas, (255, 214, 140), reflect)

    # terraced hill on the left, catching the last light on its right-hand slopes
    ridge = Ridge(rng, W, [(0.025 * H, 1.1), (0.010 * H, 3.3), (0.004 * H, 8.0)])
    hill_end = 0.52 * W

    def smooth_top(x: float) -> float:
        u = max(0.0, x / hill_end)
        return 0.38 * H + 0.66 * H * u ** 2.2

    def hill_top(x: float) -> float:
        return smooth_top(x) + ridge(x) * (1 - max(0.0, x / hill_end) ** 2)

    hill, draw = new_mask(size)
    draw.polygon(profile_polygon(-10, hill_end + 0.02 * W, hill_top, H + 10), fill=255)
    terraces = Image.new("RGB", size, (70, 84, 64))
    tdraw = ImageDraw.Draw(terraces)
    bands = 24
    wobble = Ridge(rng, W, [(0.004 * H, 2.0), (0.002 * H, 6.0)])
    spacing = 0.62 * H / (bands * 1.75)
    crops = [(92, 118, 70), (146, 132, 72), (104, 124, 66), (122, 132, 70)]
    for k in range(bands + 1):  # top terrace first; each lower one is drawn over the rest
        depth = k / bands
        offset = spacing * (k + 0.75 * k * k / bands)

        def band(x: float, off: float = offset, d: float = depth) -> float:
            # contour lines: follow the crest near the top, flatten out lower down
            return (smooth_top(x) * (1 - 0.45 * d) + 0.38 * H * 0.45 * d + off
                    + wobble(x + off * 3))

        colour = mix(crops[k % len(crops)], (58, 72, 60), 0.5 * depth)
        tdraw.polygon(profile_polygon(-10, hill_end + 0.04 * W, band, H + 10), fill=colour)
        lip = [(x, band(x)) for x in range(-10, round(hill_end + 0.04 * W), 4)]
        tdraw.line(lip, fill=mix((226, 184, 118), colour, 0.2 + 0.5 * depth), width=round(3 * ss))
        tdraw.line([(x, y + 4 * ss) for x, y in lip], fill=mix(colour, (28, 30, 40), 0.5),
                   width=round(4 * ss))
    # light from the right, shade on the left and towards the foot of the hill
    shade = horizontal_gradient(size, [(0.0, (130, 118, 160)), (0.25, (200, 182, 196)),
                                       (0.45, (255, 236, 214)), (1.0, (255, 236, 214))])
    terraces = ImageChops.multiply(terraces, shade)
    terraces = ImageChops.multiply(terraces, vertical_gradient(
        size, [(0.0, (255, 244, 234)), (1.0, (120, 118, 140))], round(0.38 * H), H))
    paint(canvas, terraces, hill)
    # a thin warm rim along the crest
    rim, draw = new_mask(size)
    crest = [(x, hill_top(x)) for x in range(0, round(hill_end), 4)]
    draw.line(crest, fill=210, width=round(3 * ss))
    paint(canvas, (252, 190, 124), rim.filter(ImageFilter.GaussianBlur(1.5 * ss)))
    # farm houses on the terraces, one of them lit
    houses, draw = new_mask(size)
    lights, ldraw = new_mask(size)
    for hx, lit in ((0.16, True), (0.31, False), (0.40, True)):
        x = hx * W
        y = hill_top(x) + 0.09 * H
        bw, bh = 0.018 * W, 0.018 * H
        draw.rectangle((x, y - bh, x + bw, y), fill=255)
        draw.polygon([(x - 0.003 * W, y - bh), (x + bw / 2, y - bh - 0.014 * H),
                      (x + bw + 0.003 * W, y - bh)], fill=255)
        if lit:
            ldraw.rectangle((x + 0.005 * W, y - 0.012 * H, x + 0.009 * W, y - 0.005 * H), fill=255)
    paint(canvas, (52, 44, 60), houses)
    paint(canvas, (255, 200, 120), lights.filter(ImageFilter.GaussianBlur(3 * ss)))
    paint(canvas, (255, 226, 160), lights)

    # dark foreground banks with trees and reeds
    bank_ridge = Ridge(rng, W, [(0.012 * H, 2.0), (0.005 * H, 7.0)])

    def left_bank(x: float) -> float:
        return 0.90 * H + 0.12 * H * (x / (0.34 * W)) ** 2 + bank_ridge(x)

    def right_bank(x: float) -> float:
        return 0.80 * H + 0.24 * H * max(0.0, (W - x) / (0.26 * W)) ** 2 + bank_ridge(x)

    banks, draw = new_mask(size)
    draw.polygon(profile_polygon(-10, 0.36 * W, left_bank, H + 10), fill=255)
    draw.polygon(profile_polygon(0.72 * W, W + 10, right_bank, H + 10), fill=255)
    for cx, cy, scale in ((0.87, 0.81, 1.0), (0.94, 0.79, 1.3), (0.81, 0.86, 0.7),
                          (0.99, 0.78, 1.1), (0.05, 0.89, 0.6)):
        x0, y0 = cx * W, cy * H
        for _ in range(22):
            r = rng.uniform(0.016, 0.030) * H * scale
            ox = rng.uniform(-0.028, 0.028) * W * scale
            oy = -rng.uniform(0.05, 0.16) * H * scale * (1 - abs(ox) / (0.04 * W * scale))
            draw.ellipse((x0 + ox - r, y0 + oy - r, x0 + ox + r, y0 + oy + r), fill=255)
        draw.rectangle((x0 - 0.002 * W, y0 - 0.06 * H * scale, x0 + 0.002 * W, y0 + 0.06 * H),
                       fill=255)
    for _ in range(240):  # reeds at the water's edge
        side = rng.random() < 0.4
        x = rng.uniform(0.02, 0.34) * W if side else rng.uniform(0.72, 0.84) * W
        y = (left_bank(x) if side else right_bank(x)) + 0.01 * H
        h = rng.uniform(0.03, 0.08) * H
        lean = rng.uniform(-0.012, 0.012) * W
        draw.line([(x, y), (x + lean * 0.5, y - h * 0.6), (x + lean, y - h)], fill=255,
                  width=max(1, round(rng.uniform(1.5, 3.0) * ss)))
    paint(canvas, (24, 28, 38), banks)

    # final touches: gentle vignette, then downscale and add grain against banding
    vignette, draw = new_mask(size)
    draw.ellipse((-0.25 * W, -0.35 * H, 1.25 * W, 1.35 * H), fill=255)
    vignette = ImageChops.invert(vignette.filter(ImageFilter.GaussianBlur(0.12 * H)))
    paint(canvas, (14, 16, 30), vignette, opacity=0.45)

    image = canvas.resize((width, height), Image.Resampling.LANCZOS)
    image = add_grain(image, rng, 2)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", quality=85, optimize=True, progressive=True, subsampling="4:2:0")


# =============================================================== flyer hero: a restored floodplain


def make_hero(path: Path, width: int = 2700, height: int = 1485, ss: int = 2) -> None:
    rng = random.Random(20260611)
    W, H = width * ss, height * ss
    size = (W, H)
    horizon = 0.50 * H

    sky = [(0.0, (104, 158, 198)), (0.45, (168, 202, 222)), (0.85, (226, 230, 214)),
           (1.0, (244, 236, 206))]
    canvas = vertical_gradient(size, sky, 0, round(horizon))

    # fair-weather clouds: rounded tops, flat grey-blue bases
    tops, bases = new_mask(size)[0], new_mask(size)[0]
    for _ in range(8):
        cx, cy = rng.uniform(0.0, 1.0) * W, rng.uniform(0.10, 0.34) * H
        scale = 1.2 - cy / H * 1.5
        cloud, draw = new_mask(size)
        for _ in range(9):
            rw = rng.uniform(0.025, 0.06) * W * scale
            ox, oy = rng.gauss(0, 0.045) * W * scale, -rng.uniform(0.0, 0.04) * H * scale
            draw.ellipse((cx + ox - rw, cy + oy - rw * 0.8, cx + ox + rw, cy + oy + rw * 0.8),
                         fill=230)
        draw.rectangle((0, cy + 0.012 * H * scale, W, H), fill=0)
        base, bdraw = new_mask(size)
        bdraw.rectangle((0, cy, W, H), fill=255)
        base = base.filter(ImageFilter.GaussianBlur(0.025 * H * scale))
        tops = ImageChops.lighter(tops, cloud)
        bases = ImageChops.lighter(bases, ImageChops.multiply(cloud, base))
    paint(canvas, (250, 251, 248), tops.filter(ImageFilter.GaussianBlur(0.006 * H)))
    paint(canvas, (206, 218, 228), bases.filter(ImageFilter.GaussianBlur(0.008 * H)), opacity=0.7)

    # distant hills
    for base, octaves, colour in (
        (horizon - 0.09 * H, [(0.04, 1.2), (0.015, 3.4)], (162, 184, 190)),
        (horizon - 0.04 * H, [(0.03, 1.7), (0.012, 4.5)], (136, 164, 164)),
    ):
        ridge = Ridge(rng, W, [(a * H, f) for a, f in octaves])
        mask, draw = new_mask(size)
        draw.polygon(profile_polygon(0, W, lambda x, b=base, r=ridge: b + r(x), H), fill=255)
        paint(canvas, colour, mask)

    # a small town on the horizon, right of centre, with two wind turbines behind it
    town, draw = new_mask(size)
    ground = horizon + 0.01 * H
    x = 0.58 * W
    while x < 0.86 * W:
        bw = rng.uniform(0.008, 0.02) * W
        bh = rng.uniform(0.012, 0.04) * H * (1.6 if rng.random() < 0.12 else 1.0)
        draw.rectangle((x, ground - bh, x + bw, ground + 0.01 * H), fill=255)
        if rng.random() < 0.5:
            draw.polygon([(x, ground - bh), (x + bw / 2, ground - bh - bw * 0.4),
                          (x + bw, ground - bh)], fill=255)
        x += bw + rng.uniform(0.0, 0.004) * W
    for tx, th, angle in ((0.52, 0.13, 0.3), (0.90, 0.11, 1.2)):
        hub_x, hub_y = tx * W, ground - th * H
        draw.line([(hub_x, ground), (hub_x, hub_y)], fill=255, width=round(2.5 * ss))
        for blade in range(3):
            a = angle + blade * 2 * math.pi / 3
            blade_len = 0.045 * H
            tip = (hub_x + blade_len * math.cos(a), hub_y + blade_len * math.sin(a))
            draw.line([(hub_x, hub_y), tip], fill=255, width=round(2 * ss))
    paint(canvas, (122, 146, 156), town)

    # the tree line along the far edge of the floodplain
    trees, draw = new_mask(size)
    treeline = horizon + 0.035 * H
    x = -0.02 * W
    while x < 1.02 * W:
        r = rng.uniform(0.012, 0.03) * H
        draw.ellipse((x - r * 1.3, treeline - r * 1.6, x + r * 1.3, treeline + r), fill=255)
        x += r * rng.uniform(0.9, 1.6)
    draw.rectangle((0, treeline, W, treeline + 0.03 * H), fill=255)
    paint(canvas, (78, 110, 88), trees)

    # meadows of the floodplain: pasture, hay and wet grassland in perspective patches
    meadow_top = treeline + 0.015 * H
    meadow = vertical_gradient(size, [(0.0, (146, 166, 104)), (0.4, (120, 150, 86)),
                                      (1.0, (82, 116, 62))], round(meadow_top), H)
    mask, draw = new_mask(size)
    draw.rectangle((0, meadow_top, W, H), fill=255)
    paint(canvas, meadow, mask)
    rows = 8
    edges = [meadow_top + (H - meadow_top) * (i / rows) ** 1.8 for i in range(rows + 1)]
    fields = Image.new("RGB", size, (0, 0, 0))
    fmask, fdraw = new_mask(size)
    hedges, hdraw = new_mask(size)
    fpaint = ImageDraw.Draw(fields)

    def skew(px: float, yy: float) -> float:
        return px + (px - 0.5 * W) * (yy - meadow_top) / (H - meadow_top) * 1.4

    for row in range(rows):
        y0, y1 = edges[row], edges[row + 1]
        x = -0.2 * W
        while x < 1.2 * W:
            wide = rng.uniform(0.10, 0.26) * W
            quad = [(skew(x, y0), y0), (skew(x + wide, y0), y0),
                    (skew(x + wide, y1), y1), (skew(x, y1), y1)]
            tone = rng.choice([(168, 170, 100), (120, 150, 84), (104, 138, 80), (150, 164, 96),
                               (132, 156, 92)])
            fpaint.polygon(quad, fill=mix(tone, (84, 116, 62), row / rows * 0.7))
            fdraw.polygon(quad, fill=255)
            hdraw.line([quad[1], quad[2]], fill=90, width=max(1, round((1 + 2 * row / rows) * ss)))
            x += wide
        wave = Ridge(rng, W, [(0.002 * H * (1 + row), 3.0)])
        hdraw.line([(px, y1 + wave(px)) for px in range(0, W + 8, 8)], fill=110,
                   width=max(1, round((1.5 + 4 * row / rows) * ss)))
    paint(canvas, fields, fmask, opacity=0.6)
    paint(canvas, (70, 98, 56), hedges.filter(ImageFilter.GaussianBlur(1.2 * ss)))
    # morning haze over the far meadows
    haze, draw = new_mask(size)
    draw.rectangle((0, meadow_top - 0.01 * H, W, meadow_top + 0.04 * H), fill=120)
    paint(canvas, (230, 234, 220), haze.filter(ImageFilter.GaussianBlur(0.02 * H)))

    # the meandering river and a cut-off oxbow lake
    water = vertical_gradient(size, [(0.0, (220, 228, 222)), (0.3, (170, 204, 220)),
                                     (1.0, (92, 138, 168))], round(meadow_top), H)

    def centre(s: float) -> float:
        return (0.30 + 0.18 * s) * W + 0.16 * W * math.sin(2.2 * math.pi * s + 1.0) * s ** 0.7

    def half(s: float) -> float:
        return (0.005 + 0.12 * s ** 2.0) * W

    river, draw = new_mask(size)
    draw.polygon(river_polygon(meadow_top, H + 0.05 * H, centre, half), fill=255)
    ox, oy, rx, ry = 0.76 * W, meadow_top + 0.13 * H, 0.09 * W, 0.035 * H
    arc = [(ox + rx * math.cos(a), oy + ry * math.sin(a))
           for a in (math.radians(200 + 150 * i / 60) for i in range(61))]
    oxbow = offset_curve(arc, lambda t: 0.010 * H * math.sin(math.pi * t) ** 0.6) + \
        offset_curve(arc, lambda t: -0.010 * H * math.sin(math.pi * t) ** 0.6)[::-1]
    draw.polygon(oxbow, fill=255)
    bank = river.filter(ImageFilter.MaxFilter(9))
    paint(canvas, (96, 112, 70), bank)
    paint(canvas, water, river)
    ripples, draw = new_mask(size)
    for _ in range(320):
        s = rng.random() ** 1.2
        y = meadow_top + (H * 1.05 - meadow_top) * s ** 1.7
        x = centre(s) + rng.uniform(-0.7, 0.7) * half(s)
        length = (0.004 + 0.03 * s) * W * rng.uniform(0.3, 1.0)
        draw.rectangle((x - length / 2, y, x + length / 2, y + max(1, 2 * s * ss)),
                       fill=rng.randint(80, 200))
    ripples = ImageChops.multiply(ripples.filter(ImageFilter.GaussianBlur(ss)), river)
    paint(canvas, (246, 250, 250), ripples)

    # willows along the banks, lit from the upper right
    for s, side, scale in ((0.22, -1, 0.8), (0.35, 1, 1.0), (0.55, -1, 1.3), (0.30, 1, 0.7),
                           (0.62, 1, 1.5), (0.12, 1, 0.6)):
        y = meadow_top + (H - meadow_top) * s ** 1.7
        x = centre(s) + side * (half(s) + 0.035 * W * scale)
        crown, draw = new_mask(size)
        for _ in range(22):
            r = rng.uniform(0.014, 0.028) * H * scale
            cx = x + rng.uniform(-0.022, 0.022) * W * scale
            cy = y - rng.uniform(0.05, 0.13) * H * scale
            draw.ellipse((cx - r, cy - r, cx + r, cy + r * 1.2), fill=255)
        trunk, tdraw = new_mask(size)
        tdraw.polygon([(x - 0.003 * W * scale, y), (x - 0.0015 * W * scale, y - 0.07 * H * scale),
                       (x + 0.0015 * W * scale, y - 0.07 * H * scale), (x + 0.003 * W * scale, y)],
                      fill=255)
        shadow, sdraw = new_mask(size)
        sdraw.ellipse((x - 0.045 * W * scale, y - 0.006 * H, x + 0.03 * W * scale, y + 0.012 * H),
                      fill=130)
        paint(canvas, (56, 82, 48), shadow.filter(ImageFilter.GaussianBlur(4 * ss)))
        paint(canvas, (74, 60, 44), trunk)
        paint(canvas, (66, 98, 60), crown)
        d = round(0.010 * H * scale)
        moved = crown.transform(size, Image.Transform.AFFINE, (1, 0, d, 0, 1, -d))  # down-left
        lit = ImageChops.subtract(crown, moved).filter(ImageFilter.GaussianBlur(2 * ss))
        paint(canvas, (146, 168, 94), ImageChops.multiply(lit, crown), opacity=0.9)
        moved = crown.transform(size, Image.Transform.AFFINE, (1, 0, -d, 0, 1, d))  # up-right
        dark = ImageChops.subtract(crown, moved).filter(ImageFilter.GaussianBlur(2 * ss))
        paint(canvas, (46, 72, 44), ImageChops.multiply(dark, crown), opacity=0.8)

    # herons / birds over the water
    birds, draw = new_mask(size)
    for bx, by, bs in ((0.22, 0.20, 1.0), (0.26, 0.17, 0.8), (0.30, 0.22, 0.9), (0.64, 0.14, 0.7)):
        x, y, s = bx * W, by * H, bs * 0.012 * W
        draw.line([(x - s, y - s * 0.35), (x - s * 0.4, y - s * 0.1), (x, y + s * 0.05),
                   (x + s * 0.4, y - s * 0.1), (x + s, y - s * 0.35)], fill=230,
                  width=round(2.5 * ss), joint="curve")
    paint(canvas, (54, 70, 80), birds)

    # reeds and rushes in the foreground
    heads, hdraw = new_mask(size)
    palette = [(88, 118, 58), (120, 140, 66), (160, 150, 84), (70, 100, 52)]
    layers = [Image.new("L", size, 0) for _ in palette]
    for _ in range(900):
        zone = rng.random()
        if zone < 0.55:
            x = rng.uniform(-0.02, 0.30) * W
        elif zone < 0.85:
            x = rng.uniform(0.80, 1.02) * W
        else:
            x = rng.uniform(0.30, 0.80) * W
        base_y = H + 0.02 * H
        h = rng.uniform(0.10, 0.32) * H * (0.5 if 0.30 * W < x < 0.80 * W else 1.0)
        lean = rng.uniform(-0.03, 0.05) * W
        layer = layers[rng.randrange(len(layers))]
        ImageDraw.Draw(layer).line(
            [(x, base_y), (x + lean * 0.3, base_y - h * 0.5), (x + lean, base_y - h)],
            fill=255, width=max(1, round(rng.uniform(1.5, 4.0) * ss)), joint="curve")
        if rng.random() < 0.12:
            hx, hy = x + lean * 0.85, base_y - h * 0.85
            hdraw.ellipse((hx - 3.5 * ss, hy - 16 * ss, hx + 3.5 * ss, hy + 16 * ss), fill=255)
    for colour, layer in zip(palette, layers, strict=True):
        paint(canvas, colour, layer)
    paint(canvas, (96, 66, 42), heads)

    image = canvas.resize((width, height), Image.Resampling.LANCZOS)
    image = add_grain(image, rng, 2)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", quality=85, optimize=True, progressive=True, subsampling="4:2:0")


# =============================================================== SVG: text to outlines


class Face:
    """A font file whose glyphs become SVG path data (with GPOS pair kerning)."""

    def __init__(self, path: Path):
        self.font = TTFont(path)
        self.glyphs = self.font.getGlyphSet()
        self.cmap = self.font.getBestCmap()
        self.upm = self.font["head"].unitsPerEm
        self.advances = self.font["hmtx"]
        self.pair_tables = self._pair_tables()

    def _pair_tables(self) -> list:
        if "GPOS" not in self.font:
            return []
        gpos = self.font["GPOS"].table
        indices: list[int] = []
        for record in gpos.FeatureList.FeatureRecord:
            if record.FeatureTag == "kern":
                indices += [i for i in record.Feature.LookupListIndex if i not in indices]
        tables = []
        for index in sorted(indices):
            lookup = gpos.LookupList.Lookup[index]
            subtables = []
            for sub in lookup.SubTable:
                if lookup.LookupType == 9:
                    sub = sub.ExtSubTable
                if getattr(sub, "LookupType", 2) == 2 and hasattr(sub, "Format"):
                    subtables.append(sub)
            if subtables:
                tables.append(subtables)
        return tables

    def kern(self, left: str, right: str) -> float:
        total = 0.0
        for subtables in self.pair_tables:
            for sub in subtables:
                if left not in sub.Coverage.glyphs:
                    continue
                value = None
                if sub.Format == 1:
                    pairs = sub.PairSet[sub.Coverage.glyphs.index(left)].PairValueRecord
                    for record in pairs:
                        if record.SecondGlyph == right:
                            value = record.Value1
                            break
                elif sub.Format == 2:
                    class1 = sub.ClassDef1.classDefs.get(left, 0)
                    class2 = sub.ClassDef2.classDefs.get(right, 0)
                    value = sub.Class1Record[class1].Class2Record[class2].Value1
                if value is not None:
                    total += getattr(value, "XAdvance", 0) or 0
                break  # only the first subtable that covers the glyph applies
        return total

    def _glyph_names(self, text: str) -> list[str]:
        return [self.cmap[ord(char)] for char in text]

    def width(self, text: str, size: float, tracking: float = 0.0) -> float:
        scale = size / self.upm
        names = self._glyph_names(text)
        total = sum(self.advances[name][0] for name in names) * scale
        total += sum(self.kern(a, b) for a, b in itertools.pairwise(names)) * scale
        return total + tracking * (len(names) - 1)

    def path(self, text: str, size: float, x: float, baseline: float,
             tracking: float = 0.0) -> str:
        """SVG path data for `text` set at `size` px, starting at (x, baseline)."""
        scale = size / self.upm
        pen = SVGPathPen(self.glyphs, ntos=_num)
        cursor, previous = x, None
        for name in self._glyph_names(text):
            if previous is not None:
                cursor += self.kern(previous, name) * scale
            # font units are y-up; SVG is y-down: flip y and move to the baseline
            self.glyphs[name].draw(TransformPen(pen, (scale, 0, 0, -scale, cursor, baseline)))
            cursor += self.advances[name][0] * scale + tracking
            previous = name
        return pen.getCommands()


def _num(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def svg_document(width: float, height: float, body: str, title: str) -> str:
    """A standalone SVG: viewBox and size, an accessible title, no scripts or links."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_num(width)}" height="{_num(height)}" '
        f'viewBox="0 0 {_num(width)} {_num(height)}" role="img">\n'
        f"  <title>{title}</title>\n{body}</svg>\n"
    )


def placed(x: float, y: float, scale: float, body: str) -> str:
    """A 100x100 mark drawn at (x, y) and scaled to `scale` * 100 px."""
    return f'  <g transform="translate({_num(x)} {_num(y)}) scale({_num(scale)})">\n{body}  </g>\n'


def poly_path(points: Sequence[Point]) -> str:
    head, *rest = points
    return "M" + f"{_num(head[0])} {_num(head[1])}" + "".join(
        f"L{_num(x)} {_num(y)}" for x, y in rest) + "Z"


def cubic(p0: Point, p1: Point, p2: Point, p3: Point, t: float) -> Point:
    u = 1 - t
    return (u ** 3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t ** 3 * p3[0],
            u ** 3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t ** 3 * p3[1])


def offset_curve(points: Sequence[Point], amount: Callable[[float], float]) -> list[Point]:
    """Move each point of a polyline sideways (to its left) by amount(t), t = 0..1 along it."""
    out = []
    n = len(points) - 1
    for i, (x, y) in enumerate(points):
        ax, ay = points[max(0, i - 1)]
        bx, by = points[min(n, i + 1)]
        dx, dy = bx - ax, by - ay
        length = math.hypot(dx, dy) or 1.0
        d = amount(i / n)
        out.append((x + dy / length * d, y - dx / length * d))
    return out


# =============================================================== the marks (100 x 100 units)


def mark_civic(blue: str, orange: str) -> str:
    """Civic Habitat Network: one roof over the town (blue bars) and its countryside (orange)."""
    return (
        f'    <path d="M10 46 L50 12 L90 46" fill="none" stroke="{blue}" stroke-width="10" '
        'stroke-linecap="round" stroke-linejoin="round"/>\n'
        f'    <rect x="22" y="50" width="13" height="40" rx="2" fill="{blue}"/>\n'
        f'    <rect x="40" y="38" width="13" height="52" rx="2" fill="{blue}"/>\n'
        f'    <path d="M58 90 L58 84 C58 70 66 62 80 62 L80 90 Z" fill="{orange}"/>\n'
    )


def mark_leaf(green: str, river: str) -> str:
    """Riverlands: a leaf split by a winding river, the halves kept apart by thin gaps."""
    tip_a, tip_b = (14.0, 88.0), (88.0, 12.0)
    steps = 48
    edge_upper = [cubic(tip_a, (8, 46), (40, 10), tip_b, i / steps) for i in range(steps + 1)]
    edge_lower = [cubic(tip_a, (58, 92), (92, 56), tip_b, i / steps) for i in range(steps + 1)]
    spine = [cubic(tip_a, (46, 72), (42, 34), tip_b, i / steps) for i in range(steps + 1)]

    def taper(width: float) -> Callable[[float], float]:
        return lambda t: width * math.sin(math.pi * t) ** 0.8

    river_left = offset_curve(spine, taper(4.2))
    river_right = offset_curve(spine, taper(-4.2))
    gap_left = offset_curve(spine, taper(7.5))
    gap_right = offset_curve(spine, taper(-7.5))
    upper_half = edge_upper + gap_left[::-1]
    lower_half = gap_right + edge_lower[::-1]
    river_band = river_left + river_right[::-1]
    return (
        f'    <path d="{poly_path(upper_half)}" fill="{green}"/>\n'
        f'    <path d="{poly_path(lower_half)}" fill="{green}"/>\n'
        f'    <path d="{poly_path(river_band)}" fill="{river}"/>\n'
    )


def mark_city_bridge(colour: str, water: str) -> str:
    """City of Orvanne: a ring with a bridge arch over the river."""
    return (
        f'    <circle cx="50" cy="50" r="44" fill="none" stroke="{colour}" stroke-width="7"/>\n'
        f'    <path d="M18 58 L82 58" stroke="{colour}" stroke-width="6" stroke-linecap="round"/>\n'
        f'    <path d="M24 58 Q50 20 76 58" fill="none" stroke="{colour}" stroke-width="6"/>\n'
        f'    <path d="M38 58 L38 48 M50 58 L50 40 M62 58 L62 48" stroke="{colour}" '
        'stroke-width="4"/>\n'
        f'    <path d="M22 70 q7 -5 14 0 t14 0 t14 0 t14 0" fill="none" stroke="{water}" '
        'stroke-width="4.5" stroke-linecap="round"/>\n'
        f'    <path d="M30 80 q7 -5 14 0 t14 0 t14 0" fill="none" stroke="{water}" '
        'stroke-width="4.5" stroke-linecap="round"/>\n'
    )


def mark_mountains(dark: str, light: str, sun: str) -> str:
    """Serrano Highlands Province: two peaks and a rising sun."""
    return (
        f'    <circle cx="70" cy="28" r="13" fill="{sun}"/>\n'
        f'    <path d="M44 86 L70 46 L96 86 Z" fill="{light}"/>\n'
        f'    <path d="M4 86 L38 24 L72 86 Z" fill="{dark}"/>\n'
        f'    <path d="M29 40.5 L38 24 L47 40.5 L42 37 L38 42 L34 37 Z" fill="#ffffff"/>\n'
        f'    <rect x="4" y="90" width="92" height="6" rx="3" fill="{dark}"/>\n'
    )


def mark_fields(c1: str, c2: str, c3: str, c4: str) -> str:
    """Institute for Territorial Food Systems: four fields of a round territory."""
    r, g = 44, 4
    return (
        f'    <path d="M{50 - g} {50 - g} L{50 - g} {50 - r} A{r} {r} 0 0 0 {50 - r} {50 - g} Z" '
        f'fill="{c1}"/>\n'
        f'    <path d="M{50 + g} {50 - g} L{50 + r} {50 - g} A{r} {r} 0 0 0 {50 + g} {50 - r} Z" '
        f'fill="{c2}"/>\n'
        f'    <path d="M{50 + g} {50 + g} L{50 + g} {50 + r} A{r} {r} 0 0 0 {50 + r} {50 + g} Z" '
        f'fill="{c3}"/>\n'
        f'    <path d="M{50 - g} {50 + g} L{50 - r} {50 + g} A{r} {r} 0 0 0 {50 - g} {50 + r} Z" '
        f'fill="{c4}"/>\n'
    )


def mark_network(colour: str, accent: str) -> str:
    """Alliance of Intermediary Cities: a network of towns of different sizes."""
    ring = [(50 + 38 * math.cos(math.radians(a)), 50 + 38 * math.sin(math.radians(a)), r)
            for a, r in ((-90, 9), (-30, 6), (30, 8), (90, 6), (150, 9), (210, 6))]
    nodes = [(50.0, 50.0, 10), *ring]
    links = [(0, i) for i in range(1, 7)] + [(i, i % 6 + 1) for i in range(1, 7)]
    body = "".join(
        f'    <path d="M{_num(nodes[a][0])} {_num(nodes[a][1])} L{_num(nodes[b][0])} '
        f'{_num(nodes[b][1])}" stroke="{colour}" stroke-width="3.5" stroke-linecap="round"/>\n'
        for a, b in links)
    for i, (x, y, r) in enumerate(nodes):
        body += (f'    <circle cx="{_num(x)}" cy="{_num(y)}" r="{r}" '
                 f'fill="{accent if i == 0 else colour}"/>\n')
    return body


def mark_drop(colour: str, wave: str) -> str:
    """Lenbrook District Water Board: a drop over two waves."""
    return (
        f'    <path d="M50 2 C61 20 74 34 74 52 A24 24 0 0 1 26 52 C26 34 39 20 50 2 Z" '
        f'fill="{colour}"/>\n'
        f'    <path d="M6 86 q11 -8 22 0 t22 0 t22 0 t22 0" fill="none" stroke="{wave}" '
        'stroke-width="5" stroke-linecap="round"/>\n'
        f'    <path d="M17 97 q11 -8 22 0 t22 0 t22 0" fill="none" stroke="{wave}" '
        'stroke-width="5" stroke-linecap="round"/>\n'
    )


def mark_reeds(colour: str, head: str, water: str) -> str:
    """Centre for Floodplain Ecology: reeds standing in water."""
    body = ""
    for x, top, lean in ((30, 22, -6), (50, 8, 0), (70, 26, 7)):
        body += (f'    <path d="M{x} 82 Q{x} {(82 + top) / 2} {x + lean} {top + 18}" fill="none" '
                 f'stroke="{colour}" stroke-width="4.5" stroke-linecap="round"/>\n')
        body += (f'    <rect x="{x + lean - 5}" y="{top}" width="10" height="24" rx="5" '
                 f'fill="{head}" transform="rotate({lean * 2} {x + lean} {top + 12})"/>\n')
    body += (f'    <path d="M72 82 Q80 68 94 64" fill="none" stroke="{colour}" stroke-width="4" '
             'stroke-linecap="round"/>\n')
    body += (f'    <path d="M28 80 Q18 66 8 62" fill="none" stroke="{colour}" stroke-width="4" '
             'stroke-linecap="round"/>\n')
    body += (f'    <path d="M4 90 q12 -8 24 0 t24 0 t24 0 t24 0" fill="none" stroke="{water}" '
             'stroke-width="5" stroke-linecap="round"/>\n')
    return body


# =============================================================== logo layout


def logo(face: Face, mark: str, lines: Sequence[tuple[str, float, str, float]],
         title: str, face2: Face | None = None, mark_size: float = 100.0,
         gap: float = 24.0, line_gap: float = 8.0) -> str:
    """Mark on the left, wordmark lines on the right, vertically centred on the mark.

    `lines` are (text, size, colour, tracking); the first line uses `face`, the rest `face2`.
    """
    x_text = mark_size + gap
    # cap-height-ish metrics: the visual height of a line is about 0.72 of its size
    heights = [size * 0.72 for _, size, _, _ in lines]
    block = sum(heights) + line_gap * (len(lines) - 1) + (line_gap * 0.6 if len(lines) > 1 else 0)
    y = (mark_size - block) / 2
    paths = ""
    widest = 0.0
    for index, (text, size, colour, tracking) in enumerate(lines):
        font = face if index == 0 or face2 is None else face2
        if index:
            y += line_gap + (line_gap * 0.6 if index == 1 else 0)
        y += heights[index]
        paths += f'  <path fill="{colour}" d="{font.path(text, size, x_text, y, tracking)}"/>\n'
        widest = max(widest, font.width(text, size, tracking))
    width = x_text + widest + 4
    body = placed(0, 0, mark_size / 100, mark) + paths
    return svg_document(width, mark_size, body, title)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def make_logos(root: Path) -> list[Path]:
    noto = Face(root / NOTO_BOLD)
    noto_regular = Face(root / NOTO_REGULAR)
    lato = Face(root / LATO_BLACK)
    lato_bold = Face(root / LATO_BOLD)
    white = "#ffffff"
    files: dict[str, str] = {}

    # brand: civic-blue
    blue, orange, ink = "#0a4f8f", "#e8772e", "#0a4f8f"
    civic_lines = [("Civic Habitat", 44, ink, 0.0), ("NETWORK", 22, orange, 5.5)]
    files["styles/civic-blue/logos/logo.svg"] = logo(
        noto, mark_civic(blue, orange), civic_lines, "Civic Habitat Network")
    files["styles/civic-blue/logos/logo-white.svg"] = logo(
        noto, mark_civic(white, white),
        [(t, s, white, k) for t, s, _, k in civic_lines], "Civic Habitat Network")

    # brand: field-green
    green, ochre = "#1f5c45", "#d9a021"
    river_lines = [("Riverlands", 46, green, 0.0), ("RESEARCH ALLIANCE", 19, "#3d5a4c", 3.2)]
    files["styles/field-green/logos/logo.svg"] = logo(
        lato, mark_leaf(green, ochre), river_lines, "Riverlands Research Alliance", lato_bold)
    files["styles/field-green/logos/logo-white.svg"] = logo(
        lato, mark_leaf(white, white), [(t, s, white, k) for t, s, _, k in river_lines],
        "Riverlands Research Alliance", lato_bold)

    # forum organisers and partners
    forum = "content/forum-key-messages/images"
    maroon = "#8a2d3b"
    files[f"{forum}/city-of-orvanne.svg"] = logo(
        noto, mark_city_bridge(maroon, "#2f7fb5"),
        [("CITY OF", 20, "#5b5f66", 4.0), ("Orvanne", 42, maroon, 0.0)],
        "City of Orvanne", noto)
    teal = "#2f6b5a"
    files[f"{forum}/serrano-highlands-province.svg"] = logo(
        noto, mark_mountains(teal, "#7fb09c", "#e3a33a"),
        [("Serrano Highlands", 36, teal, 0.0), ("PROVINCIAL GOVERNMENT", 17, "#4b5560", 2.6)],
        "Serrano Highlands Province", noto_regular)
    terracotta = "#a8581f"
    files[f"{forum}/territorial-food-institute.svg"] = logo(
        noto, mark_fields(terracotta, "#d9a441", "#6f8a3a", "#c47a3a"),
        [("Institute for", 26, "#4b5560", 0.0), ("Territorial Food Systems", 34, terracotta, 0.0)],
        "Institute for Territorial Food Systems", noto)
    purple = "#4b3a8c"
    files[f"{forum}/intermediary-cities-alliance.svg"] = logo(
        noto, mark_network(purple, "#e8772e"),
        [("Alliance of", 26, "#4b5560", 0.0), ("Intermediary Cities", 38, purple, 0.0)],
        "Alliance of Intermediary Cities", noto)

    # flyer partners
    flyer = "content/river-dialogue-flyer/images"
    water_blue = "#1c6aa0"
    files[f"{flyer}/lenbrook-water-board.svg"] = logo(
        lato, mark_drop(water_blue, "#5fa8d3"),
        [("Lenbrook", 44, water_blue, 0.0), ("DISTRICT WATER BOARD", 18, "#4b5560", 2.4)],
        "Lenbrook District Water Board", lato_bold)
    eco = "#1f7a6d"
    files[f"{flyer}/floodplain-ecology-centre.svg"] = logo(
        lato, mark_reeds(eco, "#8a5a2b", "#5fa8d3"),
        [("Centre for", 26, "#4b5560", 0.0), ("Floodplain Ecology", 38, eco, 0.0)],
        "Centre for Floodplain Ecology", lato)

    written = []
    for relative, text in files.items():
        write(root / relative, text)
        written.append(root / relative)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent,
                        help="repository root (default: this script's checkout)")
    parser.add_argument("--only", choices=["photos", "logos"], help="make only one kind")
    args = parser.parse_args()
    root: Path = args.root
    written: list[Path] = []
    if args.only != "logos":
        cover = root / "content/forum-key-messages/images/cover.jpg"
        hero = root / "content/river-dialogue-flyer/images/hero.jpg"
        make_cover(cover)
        make_hero(hero)
        written += [cover, hero]
    if args.only != "photos":
        written += make_logos(root)
    for path in written:
        print(f"{path.relative_to(root)}  ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
