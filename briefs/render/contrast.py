"""WCAG 2.2 AA text contrast (1.4.3) after layout: every text box's colour against the
background it is actually drawn on, with its size and weight.

Each text box's background is found by walking up the laid-out boxes to the page, laying
every background colour met over the paper (white), and the text colour over that. Text on
a background image or gradient is not measured (the pixels under it are not known here).
The ratio is WCAG 2.x's, computed by coloraide (`contrast(method="wcag21")`), a maintained
colour library, rather than by hand. A colour that equals a brand token is named by it
(`--color-accent`), so the message says what to change in brand.yaml.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from briefs.core.diagnostics import Problem

NORMAL, LARGE = 4.5, 3.0
"""AA minimum contrast ratios: text, and large text."""
LARGE_PX, LARGE_BOLD_PX, BOLD = 24.0, 18.66, 700
"""Large text: at least 18 pt, or 14 pt bold (CSS px, 96 per inch)."""
PAPER = (1.0, 1.0, 1.0)
TOKEN = re.compile(r"--color-([A-Za-z0-9_-]+)\s*:\s*(#[0-9A-Fa-f]{3,8})\b")
Rgb = tuple[float, float, float]
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
    page: int | None = None
    """The page it is first seen on (1-based)."""

    def problem(self, tokens: dict[str, str]) -> Problem:
        """The finding as a warning (code `wcag.contrast`), naming brand tokens."""
        weight = " bold" if self.bold else ""
        return Problem.warning(
            CODE, f"text contrast {self.ratio:.2f}:1 is below WCAG 2.2 AA ({self.required:g}:1 "
            f"at this size): \"{self.sample}\" ({self.where}, {self.size_pt:g} pt{weight}) "
            f"in {_named(self.color, tokens)} on {_named(self.background, tokens)}",
            "choose a darker colour (or a lighter background) in the brand or the rule",
            page=self.page)

    def message(self, tokens: dict[str, str]) -> str:
        return self.problem(tokens).line()


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
    for number, page in enumerate(document.pages, 1):
        for box, background in _text_boxes(page._page_box, PAPER):
            finding = _measure(box, background)
            if finding is not None:
                finding = dataclasses.replace(finding, page=number)
                key = (finding.color, finding.background, finding.required, finding.where)
                found.setdefault(key, finding)
    return list(found.values())


def contrast_problems(document: Any, html: str) -> list[Problem]:
    """The findings of `low_contrast` as warnings naming brand tokens."""
    tokens = brand_tokens(html)
    return [finding.problem(tokens) for finding in low_contrast(document)]


def contrast_warnings(document: Any, html: str) -> list[str]:
    """The same, as lines."""
    return [problem.line() for problem in contrast_problems(document, html)]


def _text_boxes(box: Any, background: Rgb | None) -> Iterator[tuple[Any, Rgb]]:
    """Each text box with the colour under it (None below a background image)."""
    from weasyprint.formatting_structure.boxes import TextBox

    if background is not None:
        background = _over(box.style, background)
    if isinstance(box, TextBox):
        if background is not None and box.text.strip():
            yield box, background
        return
    for child in getattr(box, "children", ()):
        yield from _text_boxes(child, background)


def _over(style: Any, below: Rgb) -> Rgb | None:
    images = [layer for layer in style["background_image"] if layer[0] != "none"]
    if images:
        return None
    color = style["background_color"]
    if color.alpha == 0:
        return below
    rgb = _rgb(color)
    return None if rgb is None else _blend(rgb, color.alpha, below)


def _measure(box: Any, background: Rgb) -> LowContrast | None:
    from coloraide import Color

    style = box.style
    color = style["color"]
    if color.alpha == 0 or style["visibility"] != "visible" or style["font_size"] <= 0:
        return None
    rgb = _rgb(color)
    if rgb is None:
        return None
    text = _blend(rgb, color.alpha, background)
    ratio = Color("srgb", list(text)).contrast(Color("srgb", list(background)),
                                              method="wcag21")
    size, bold = style["font_size"], style["font_weight"] >= BOLD
    large = size >= LARGE_PX or (bold and size >= LARGE_BOLD_PX)
    required = LARGE if large else NORMAL
    if ratio >= required - 0.005:  # as WCAG tools round: 4.495 passes
        return None
    return LowContrast(round(ratio, 2), required, _sample(box.text), _where(box),
                       round(size * 0.75, 1), bold, _hex(text), _hex(background))


def _rgb(color: Any) -> Rgb | None:
    """sRGB channels; a `device-cmyk()` colour (print brands) by the naive conversion CSS
    Color 5 gives for it, as no profile is known here."""
    if color.space == "device-cmyk":
        cyan, magenta, yellow, black = (float(value) for value in color.coordinates)
        return ((1 - cyan) * (1 - black), (1 - magenta) * (1 - black),
                (1 - yellow) * (1 - black))
    try:
        red, green, blue = color.to("srgb").coordinates
    except NotImplementedError:  # a colour space tinycss2 cannot convert: not measured
        return None
    return (float(red), float(green), float(blue))


def _blend(top: Rgb, alpha: float, below: Rgb) -> Rgb:
    return (top[0] * alpha + below[0] * (1 - alpha), top[1] * alpha + below[1] * (1 - alpha),
            top[2] * alpha + below[2] * (1 - alpha))


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
