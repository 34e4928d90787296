"""The colours a text box is drawn on: background colours, the pixels of a background image
under the box, and a background gradient's colours, laid over one another from the page up.

Each is a set of candidate colours; the contrast check takes the worst of them. An image is
read from the data WeasyPrint drew (a workspace file or a data URI, already checked by the
fetcher), cropped to the part under the text box and averaged down to at most `SAMPLE` x
`SAMPLE` pixels (what a reader sees at the size of a few letters, not one stray pixel); a
tiled image counts whole. A gradient counts whole (every stop and `STEPS` colours between
two stops), not only the part under the box: a conservative reading. An SVG background is
not measured.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Any

from briefs.render.luminance import relative_luminance

PAPER = (1.0, 1.0, 1.0)
SAMPLE = 24
STEPS = 16
MAX_COLOURS = 512
Rgb = tuple[float, float, float]
Rect = tuple[float, float, float, float]


@dataclass(frozen=True)
class Backdrop:
    """The candidate colours under a text box, and what made them (empty: plain colours)."""

    colours: tuple[Rgb, ...]
    source: str = ""


class NotMeasured(Exception):
    """A background that cannot be read here (an SVG image)."""


def backdrop(painted: Iterable[tuple[Any, Any]], rect: Rect, images: dict[int, Any],
             start: list[Rgb] | None = None) -> Backdrop:
    """The colours under `rect`, from the backgrounds painted under it, outermost first, each
    with the box it belongs to (WeasyPrint's laid-out `Background`: its colour and layers),
    over `start` (the paper); `images` caches decoded images by id. Raises NotMeasured."""
    colours: list[Rgb] = start or [PAPER]
    source = ""
    for background, box in painted:
        colours = over_colour(background.color, colours)
        for layer in reversed(background.layers):
            if layer.image is None or 0 in layer.size:
                continue
            colours, kind = _layer(layer, rect, colours, images)
            source = f"the background {kind} of {_name(box)}"
    return Backdrop(tuple(_thinned(colours)), source)


def paints(background: Any) -> bool:
    """Whether a laid-out background (None: nothing, or hidden) paints anything."""
    return background is not None and (background.color.alpha > 0 or any(
        layer.image is not None for layer in background.layers))


def over_colour(colour: Any, below: list[Rgb]) -> list[Rgb]:
    if colour.alpha == 0:
        return below
    rgb = rgb_of(colour)
    if rgb is None:
        raise NotMeasured
    return [blend(rgb, colour.alpha, under) for under in below]


def rgb_of(colour: Any) -> Rgb | None:
    """sRGB channels; a `device-cmyk()` colour (print brands) by the naive conversion CSS
    Color 5 gives for it, as no profile is known here."""
    if colour.space == "device-cmyk":
        cyan, magenta, yellow, black = (float(value) for value in colour.coordinates)
        return ((1 - cyan) * (1 - black), (1 - magenta) * (1 - black),
                (1 - yellow) * (1 - black))
    try:
        red, green, blue = colour.to("srgb").coordinates
    except NotImplementedError:  # a colour space tinycss2 cannot convert: not measured
        return None
    return (float(red), float(green), float(blue))


def blend(top: Rgb, alpha: float, below: Rgb) -> Rgb:
    return (top[0] * alpha + below[0] * (1 - alpha), top[1] * alpha + below[1] * (1 - alpha),
            top[2] * alpha + below[2] * (1 - alpha))


@lru_cache(maxsize=65536)
def luminance(rgb: Rgb) -> float:
    """WCAG relative luminance, coloraide's (render/luminance.py)."""
    return relative_luminance(rgb)


def _layer(layer: Any, rect: Rect, below: list[Rgb],
           images: dict[int, Any]) -> tuple[list[Rgb], str]:
    image = layer.image
    if hasattr(image, "stop_positions"):
        return [blend(rgb, alpha, under) for rgb, alpha in _gradient(image)
                for under in below], "gradient"
    if not hasattr(image, "image_data"):
        raise NotMeasured
    pixels, covered = _pixels_under(layer, rect, images)
    laid = [blend(rgb, alpha, under) for rgb, alpha in pixels for under in below]
    return (laid if covered else laid + below), "image"


def _gradient(gradient: Any) -> list[tuple[Rgb, float]]:
    stops = []
    for colour in gradient.colors:
        rgb = rgb_of(colour)
        if rgb is None:
            raise NotMeasured
        stops.append((rgb, float(colour.alpha)))
    found = list(stops)
    for (first, alpha), (second, beta) in pairwise(stops):
        for step in range(1, STEPS):
            share = step / STEPS
            found.append((blend(second, share, first), alpha + (beta - alpha) * share))
    return found


def _pixels_under(layer: Any, rect: Rect,
                  images: dict[int, Any]) -> tuple[list[tuple[Rgb, float]], bool]:
    """The background image's pixels under `rect` (averaged down), and whether it covers all
    of it."""
    picture = _decoded(layer.image, images)
    if layer.repeat != ("no-repeat", "no-repeat"):
        return _averaged(picture), False
    drawn = (layer.positioning_area[0] + layer.position[0],
             layer.positioning_area[1] + layer.position[1], *layer.size)
    return _pixels_in(picture, drawn, None if layer.unbounded else layer.painting_area, rect)


def image_over(box: Any, rect: Rect, below: list[Rgb],
               images: dict[int, Any]) -> list[Rgb] | None:
    """The colours under `rect` once a raster `<img>` (a replaced box) that overlaps it is
    drawn over `below`: where it is drawn (object-fit and object-position, by WeasyPrint's
    own `replacedbox_layout`), clipped to its content box; None if it does not overlap."""
    from weasyprint.layout.replaced import replacedbox_layout

    width, height, x, y = replacedbox_layout(box)
    clip = (box.content_box_x(), box.content_box_y(), box.width, box.height)
    if width <= 0 or height <= 0 or _intersection(rect, clip) is None:
        return None
    pixels, covered = _pixels_in(_decoded(box.replacement, images), (x, y, width, height),
                                 clip, rect)
    if not pixels:
        return None
    laid = [blend(rgb, alpha, under) for rgb, alpha in pixels for under in below]
    return _thinned(laid if covered else laid + below)


def _pixels_in(picture: Any, drawn: Rect, clip: Rect | None,
               rect: Rect) -> tuple[list[tuple[Rgb, float]], bool]:
    """The pixels of `picture`, drawn at `drawn` and clipped to `clip`, under `rect`."""
    x, y, width, height = drawn
    area = _intersection(rect, drawn)
    if clip is not None and area is not None:
        area = _intersection(area, clip)
    if area is None:
        return [], False
    left = (area[0] - x) / width * picture.width
    top = (area[1] - y) / height * picture.height
    right = (area[0] + area[2] - x) / width * picture.width
    bottom = (area[1] + area[3] - y) / height * picture.height
    box = (int(left), int(top), max(int(left) + 1, round(right)),
           max(int(top) + 1, round(bottom)))
    covered = abs(area[2] - rect[2]) < 0.5 and abs(area[3] - rect[3]) < 0.5
    return _averaged(picture.crop(box)), covered


def _decoded(image: Any, images: dict[int, Any]) -> Any:
    from PIL import Image

    key = id(image)
    if key not in images:
        try:
            opened = Image.open(io.BytesIO(image.image_data.data))
            opened.load()
            images[key] = opened
        except (OSError, ValueError, Image.DecompressionBombError) as exc:
            raise NotMeasured from exc
    return images[key]


def _averaged(picture: Any) -> list[tuple[Rgb, float]]:
    """The picture (a crop of it) reduced with a box filter, as colours with their alpha."""
    from PIL import Image

    if picture.mode not in ("RGB", "RGBA", "L", "LA"):
        picture = picture.convert("RGBA")
    scale = max(picture.width / SAMPLE, picture.height / SAMPLE, 1.0)
    small = picture.resize((max(1, round(picture.width / scale)),
                            max(1, round(picture.height / scale))),
                           Image.Resampling.BOX).convert("RGBA")
    data = small.tobytes()  # RGBA, 4 bytes a pixel
    return [((data[at] / 255, data[at + 1] / 255, data[at + 2] / 255), data[at + 3] / 255)
            for at in range(0, len(data), 4)]


def _intersection(first: Rect, second: Rect) -> Rect | None:
    left, top = max(first[0], second[0]), max(first[1], second[1])
    right = min(first[0] + first[2], second[0] + second[2])
    bottom = min(first[1] + first[3], second[1] + second[3])
    if right <= left or bottom <= top:
        return None
    return (left, top, right - left, bottom - top)


def _thinned(colours: list[Rgb]) -> list[Rgb]:
    """At most MAX_COLOURS candidates, spread over the luminance range (the worst contrast
    is with the one whose luminance is nearest the text's)."""
    if len(colours) <= 1:
        return colours
    unique = list(dict.fromkeys((round(r, 3), round(g, 3), round(b, 3)) for r, g, b in colours))
    if len(unique) <= MAX_COLOURS:
        return unique
    ranked = sorted(unique, key=luminance)
    step = (len(ranked) - 1) / (MAX_COLOURS - 1)
    return [ranked[round(index * step)] for index in range(MAX_COLOURS)]


def _name(box: Any) -> str:
    element = getattr(box, "element", None) if box is not None else None
    if element is None or not isinstance(element.tag, str):
        return "the page"
    classes = "".join(f".{name}" for name in (element.get("class") or "").split())
    return element.tag + classes
