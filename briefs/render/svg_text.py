"""A workaround for a WeasyPrint 70 defect: SVG text is drawn character by character, so
Arabic and Hebrew labels come out unjoined and left to right, and marks leave their letter.

WeasyPrint lays out and draws each character of an SVG `<text>` as a text of its own
(`svg/text.py`, upstream issues 2249 and 2909, fixes declined for a rewrite): nothing is
shaped across characters and the bidi algorithm never sees the string. A chart's category
label in Arabic (`أورفان`) was printed as isolated letters in reverse order, and extracted so
by every engine. The wrapper draws a text that needs shaping or reordering (right-to-left
letters, combining marks, joiners) as one Pango layout, the way WeasyPrint draws a line of
HTML, when nothing in it is positioned character by character (one `x` and `y` at most, no
`dx`, `dy`, `rotate` lists, no letter spacing or `textLength`). Other texts, positioned
ones included, are left to WeasyPrint, byte for byte as before. The paragraph direction
given to Pango is the first strong character's (the Unicode bidi rule P2), unless the
element sets `direction`. Remove this once WeasyPrint shapes SVG text. The wrapper also notes
where each `<text>` element starts and ends, for the text layer (svg_text_ends.py).
"""

from __future__ import annotations

import unicodedata
from math import cos, inf, radians, sin
from typing import Any

from briefs.render import svg_text_ends as text_ends

MARK = "briefs_svg_text_shaped"
SHAPED_BIDI = {"R", "AL", "NSM"}
"""Bidi classes of characters that a character-by-character drawing breaks."""
SHAPED_CATEGORIES = {"Mn", "Mc", "Me", "Cf"}
"""General categories likewise: marks join their base, joiners and controls their neighbours."""


def install() -> None:
    """Wrap WeasyPrint's SVG text drawing wherever its SVG renderer calls it (once a
    process): the `TAGS` table and the name `draw_node` compares with."""
    from weasyprint import svg as svg_package

    original = svg_package.text
    if getattr(original, MARK, False):
        return

    def text(svg: Any, node: Any, font_size: float) -> None:
        """`text(svg, node, font_size)`: a text that needs shaping drawn whole; where each
        `<text>` element ends noted for the text layer (svg_text_ends.py)."""
        before = text_ends.start(svg, node)
        if not needs_shaping(node.text or "") or not _unpositioned(svg, node, font_size):
            original(svg, node, font_size)
            ltr = paragraph_direction(node.text or "") == "ltr"
            text_ends.end(svg, node, before, "ltr" if ltr else None)
            return
        text_ends.end(svg, node, before, _draw_whole(svg, node, font_size))

    setattr(text, MARK, True)
    for tag, function in list(svg_package.TAGS.items()):
        if function is original:
            svg_package.TAGS[tag] = text
    svg_package.text = text


def needs_shaping(string: str) -> bool:
    """Whether drawing `string` one character at a time would print it wrongly: it has
    right-to-left letters, combining marks (Indic vowel signs and viramas too) or joiners."""
    return any(unicodedata.bidirectional(character) in SHAPED_BIDI
               or unicodedata.category(character) in SHAPED_CATEGORIES
               for character in string)


def paragraph_direction(string: str) -> str:
    """`rtl` or `ltr`: the direction of the first strong character (bidi rule P2), `ltr`
    when there is none."""
    for character in string:
        kind = unicodedata.bidirectional(character)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


def _unpositioned(svg: Any, node: Any, font_size: float) -> bool:
    """Whether nothing in the node places characters one by one."""
    from weasyprint.svg.utils import normalize

    for name in ("x", "y", "dx", "dy", "rotate"):
        if len(normalize(node.attrib.get(name, "")).split()) > 1:
            return False
    return not svg.length(node.get("letter-spacing"), font_size) and \
        not svg.length(node.get("textLength"), font_size)


def _style(svg: Any, node: Any, font_size: float) -> Any:
    """The text's style, as WeasyPrint's `svg/text.py` builds it."""
    from weasyprint.css.properties import INITIAL_VALUES
    from weasyprint.svg.text import Style

    style = Style()
    style.update(INITIAL_VALUES)
    style.font_config = svg.font_config
    style["font_family"] = [font.strip("\"'") for font in
                            node.get("font-family", "sans-serif").split(",")]
    style["font_style"] = node.get("font-style", "normal")
    weight = node.get("font-weight", 400)
    named = {"normal": 400, "bold": 700}
    try:
        style["font_weight"] = named[weight] if weight in named else int(weight)
    except (TypeError, ValueError):
        style["font_weight"] = 400
    style["font_size"] = font_size
    direction = node.get("direction")
    style["direction"] = direction if direction in ("ltr", "rtl") else \
        paragraph_direction(node.text)
    return style


def _draw_whole(svg: Any, node: Any, font_size: float) -> str:
    """Lay out and draw the node's text as one line, where `svg/text.py` would have drawn
    its characters one by one; the cursor and the text's bounding box as it keeps them.
    Returns the line's direction."""
    from weasyprint.draw.text import draw_emojis, draw_first_line
    from weasyprint.matrix import Matrix
    from weasyprint.svg.bounding_box import extend_bounding_box
    from weasyprint.svg.text import TextBox
    from weasyprint.text.line_break import split_first_line

    style = _style(svg, node, font_size)
    layout, _, _, width, height, baseline = split_first_line(
        node.text, style, svg.context, inf, 0)
    (x, y), origin, angle = _placed(svg, node, font_size, width)
    y += _baseline_shift(node, font_size, height)
    node.text_bounding_box = extend_bounding_box(node.text_bounding_box, (
        (x, y - baseline), (x + width, y - baseline + height)))

    svg.stream.push_state()
    fill, stroke = svg.set_graphical_state(node, font_size)
    svg.stream.begin_text()
    layout.reactivate(style)
    svg.fill_stroke(fill, stroke, text=True)
    matrix = Matrix(a=1, d=-1, e=x, f=y)
    if angle:
        matrix = Matrix(cos(angle), -sin(angle), sin(angle), cos(angle)) @ matrix
    text_box = TextBox(layout, style)
    text_box.baseline = baseline
    emojis = draw_first_line(svg.stream, text_box, "none", "none", matrix)
    svg.stream.end_text()
    svg.stream.pop_state()
    draw_emojis(svg.stream, style, *origin, emojis)
    return str(style["direction"])


Point = tuple[float, float]


def _placed(svg: Any, node: Any, font_size: float, width: float) -> tuple[Point, Point, float]:
    """Where the text is drawn (with the `dx`, `dy` shifts), the cursor position it starts
    from, and its rotation; the SVG cursor moved past it, as `svg/text.py` does."""
    from weasyprint.svg.utils import normalize, size

    def first(name: str, reference: float) -> float | None:
        values = normalize(node.attrib.get(name, "")).split()
        return size(values[0], font_size, reference) if values else None

    x, y = first("x", svg.inner_width), first("y", svg.inner_height)
    if x is not None:
        svg.cursor_d_position[0] = 0
    if y is not None:
        svg.cursor_d_position[1] = 0
    svg.cursor_d_position[0] += first("dx", svg.inner_width) or 0
    svg.cursor_d_position[1] += first("dy", svg.inner_height) or 0
    x = svg.cursor_position[0] if x is None else x
    y = svg.cursor_position[1] if y is None else y
    svg.cursor_position = x + width, y
    rotate = normalize(node.attrib.get("rotate", "")).split()
    angle = radians(float(rotate[0])) if rotate else 0.0
    return (x + svg.cursor_d_position[0], y + svg.cursor_d_position[1]), (x, y), angle


def _baseline_shift(node: Any, font_size: float, height: float) -> float:
    """The vertical alignment `svg/text.py` gives the text (its approximations kept)."""
    ascent, descent = font_size * .8, font_size * .2
    anchor = node.get("display-anchor")
    baseline = node.get("dominant-baseline", node.get("alignment-baseline"))
    if anchor == "middle":
        return -height / 2
    if anchor == "top":
        return 0
    if anchor == "bottom":
        return -height
    if baseline in ("central", "middle"):
        return (ascent + descent) / 2 - descent
    if baseline in ("text-before-edge", "before_edge", "top", "hanging", "text-top"):
        return ascent
    if baseline in ("text-after-edge", "after_edge", "bottom", "text-bottom"):
        return -descent
    return 0
