"""WCAG 2.2 AA text contrast (1.4.3) after layout: every text box's colour against the
background it is actually drawn on, with its size and weight.

Each text box's background is found by walking up the laid-out boxes to the page, laying
every background met over the paper (white), and the text colour over that: colours, and the
pixels of a background image under the box or a gradient's colours (`render/backdrop.py`),
of which the worst is taken. The ratio is WCAG 2.x's, from coloraide's relative luminance
(its formula and constants, without its import: `render/luminance.py`). A colour that equals
a brand token is named by it (`--color-accent`), so the message says what to change in
brand.yaml.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from briefs.core.diagnostics import Problem
from briefs.render.backdrop import (
    Backdrop,
    NotMeasured,
    Rgb,
    backdrop,
    blend,
    image_over,
    luminance,
    paints,
)
from briefs.render.backdrop import rgb_of as _rgb

NORMAL, LARGE = 4.5, 3.0
"""AA minimum contrast ratios: text, and large text."""
LARGE_PX, LARGE_BOLD_PX, BOLD = 24.0, 18.66, 700
"""Large text: at least 18 pt, or 14 pt bold (CSS px, 96 per inch)."""
TOKEN = re.compile(r"--color-([A-Za-z0-9_-]+)\s*:\s*(#[0-9A-Fa-f]{3,8})\b")
CODE = "wcag.contrast"


@dataclass(frozen=True)
class LowContrast:
    """Text drawn below the AA ratio for its size: where, in which colours, by how much."""

    ratio: float
    required: float
    sample: str
    where: str
    size_pt: float
    bold: bool
    color: str
    background: str
    surface: str = ""
    """What the background colour is part of, when not a plain colour ("the background image
    of div.hero")."""
    page: int | None = None
    """The page it is first seen on (1-based)."""

    def problem(self, tokens: dict[str, str]) -> Problem:
        """The finding as a warning (code `wcag.contrast`), naming brand tokens."""
        weight = " bold" if self.bold else ""
        on = _named(self.background, tokens)
        if self.surface:
            on += f" (its worst colour in {self.surface})"
        return Problem.warning(
            CODE, f"text contrast {self.ratio:.2f}:1 is below WCAG 2.2 AA ({self.required:g}:1 "
            f"at this size): \"{self.sample}\" ({self.where}, {self.size_pt:g} pt{weight}) "
            f"in {_named(self.color, tokens)} on {on}",
            "choose a darker colour (or a lighter background) in the brand or the rule",
            page=self.page)


def brand_tokens(html: str) -> dict[str, str]:
    """`#hex` (lower case, 6 digits) -> `--color-name`, from the custom properties in the
    HTML's stylesheets (the brand's tokens)."""
    tokens: dict[str, str] = {}
    for name, value in TOKEN.findall(html):
        tokens.setdefault(_hex(_parse_hex(value)), f"--color-{name}")
    return tokens


def low_contrast(document: Any) -> list[LowContrast]:
    """One finding per colour pair, size class and element kind below AA, first seen first."""
    found: dict[tuple[str, str, float, str], LowContrast] = {}
    images: dict[int, Any] = {}
    for number, page in enumerate(document.pages, 1):
        pictures = list(_pictures(page._page_box, frozenset()))
        for box, painted in _text_boxes(page._page_box, _canvas(page._page_box)):
            try:
                under = _under(box, painted, pictures, images)
            except NotMeasured:
                continue
            finding = _measure(box, under)
            if finding is not None:
                finding = dataclasses.replace(finding, page=number)
                key = (finding.color, finding.background, finding.required, finding.where)
                found.setdefault(key, finding)
    return list(found.values())


def contrast_problems(document: Any, html: str) -> list[Problem]:
    """The findings of `low_contrast` as warnings naming brand tokens."""
    tokens = brand_tokens(html)
    return [finding.problem(tokens) for finding in low_contrast(document)]


def _canvas(page: Any) -> Painted:
    """What the page paints first: its own background (`@page`), then the canvas's (the root
    element's or the body's, which WeasyPrint moves there)."""
    found: Painted = ()
    for background in (page.background, getattr(page, "canvas_background", None)):
        if paints(background):
            found = (*found, (background, None))
    return found


def _text_boxes(box: Any, painted: Painted) -> Iterator[tuple[Any, Painted]]:
    """Each text box with the backgrounds painted under it, outermost first."""
    from weasyprint.formatting_structure.boxes import PageBox, TextBox

    background = getattr(box, "background", None)
    if not isinstance(box, PageBox) and paints(background):
        painted = (*painted, (background, box))
    if isinstance(box, TextBox):
        if box.text.strip():
            yield box, painted
        return
    for child in getattr(box, "children", ()):
        yield from _text_boxes(child, painted)


Painted = tuple[tuple[Any, Any], ...]
"""Backgrounds (WeasyPrint's laid-out `Background`) with the box each belongs to."""


def _pictures(box: Any, ancestors: frozenset[int]) -> Iterator[tuple[Any, frozenset[int]]]:
    """Each raster `<img>` drawn on the page, with the ids of the boxes it is inside."""
    from weasyprint.formatting_structure.boxes import ReplacedBox

    if isinstance(box, ReplacedBox):
        if hasattr(box.replacement, "image_data") and box.style["visibility"] == "visible":
            yield box, ancestors
        return
    inside = ancestors | {id(box)}
    for child in getattr(box, "children", ()):
        yield from _pictures(child, inside)


def _under(box: Any, painted: Painted, pictures: list[tuple[Any, frozenset[int]]],
           images: dict[int, Any]) -> Backdrop:
    """The colours under a text box: its backgrounds, and a picture it is drawn over (the
    first that overlaps it). The backgrounds of the boxes that hold both are drawn under the
    picture; those of the text's own boxes (a caption band) over it."""
    rect = _rect(box)
    for picture, holders in pictures:
        if not _overlaps(rect, picture):
            continue
        common = tuple(entry for entry in painted if id(entry[1]) in holders)
        own = tuple(entry for entry in painted if id(entry[1]) not in holders)
        over = image_over(picture, rect, list(backdrop(common, rect, images).colours), images)
        if over is None:
            continue
        result = backdrop(own, rect, images, start=over)
        covered = any(entry[0].color.alpha >= 1 for entry in own)
        return Backdrop(result.colours, result.source or (
            "" if covered else f"the image {_where(picture)}"))
    return backdrop(painted, rect, images)


def _overlaps(rect: tuple[float, float, float, float], picture: Any) -> bool:
    left, top = picture.content_box_x(), picture.content_box_y()
    return (rect[0] < left + picture.width and left < rect[0] + rect[2]
            and rect[1] < top + picture.height and top < rect[1] + rect[3])


def _rect(box: Any) -> tuple[float, float, float, float]:
    return (box.position_x, box.position_y, box.width, box.height)


def _ratio(first: Rgb, second: Rgb) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _measure(box: Any, under: Backdrop) -> LowContrast | None:
    style = box.style
    color = style["color"]
    if color.alpha == 0 or style["visibility"] != "visible" or style["font_size"] <= 0:
        return None
    rgb = _rgb(color)
    if rgb is None:
        return None
    ratio, background = min((_ratio(blend(rgb, color.alpha, colour), colour), colour)
                            for colour in under.colours)
    text = blend(rgb, color.alpha, background)
    size, bold = style["font_size"], style["font_weight"] >= BOLD
    large = size >= LARGE_PX or (bold and size >= LARGE_BOLD_PX)
    required = LARGE if large else NORMAL
    if ratio >= required - 0.005:  # as WCAG tools round: 4.495 passes
        return None
    return LowContrast(round(ratio, 2), required, _sample(box.text), _where(box),
                       round(size * 0.75, 1), bold, _hex(text), _hex(background), under.source)


def _parse_hex(value: str) -> Rgb:
    digits = value.lstrip("#")
    if len(digits) in (3, 4):
        digits = "".join(digit * 2 for digit in digits[:3])
    return (int(digits[0:2], 16) / 255, int(digits[2:4], 16) / 255, int(digits[4:6], 16) / 255)


def _hex(rgb: Rgb) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02x}" for c in rgb)


def _named(value: str, tokens: dict[str, str]) -> str:
    return f"{tokens[value]} {value}" if value in tokens else value


def _sample(text: str) -> str:
    words = " ".join(text.split())
    return words if len(words) <= 40 else words[:39] + "…"


def _where(box: Any) -> str:
    """The element the text belongs to, as a selector: `p.event-date`."""
    element = getattr(box, "element", None)
    if element is None or not isinstance(element.tag, str):
        return "text"
    classes = "".join(f".{name}" for name in (element.get("class") or "").split()
                      if not name.startswith("ts-"))
    pseudo = getattr(box, "pseudo_type", None)
    return element.tag + classes + (f"::{pseudo}" if pseudo else "")
