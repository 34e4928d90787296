"""Where each SVG `<text>` element starts and ends in the content stream, noted on the stream
as it is drawn, so that the text layer can put a space pdf.js keeps there (label_spaces.py).

WeasyPrint draws an SVG `<text>` and each of its `<tspan>`s as text objects of their own
(`BT` ... `ET`), so a text object does not say whether it ends a label (a chart's category,
a legend entry) or only a part of one (`H<tspan>2</tspan>O`, a bold word in a sentence):
only the drawing knows. The SVG text wrapper (svg_text.py) calls `start` before each text
node it draws and `end` after it; the parts drawn first and last of each `<text>` element
(visible nodes with text, in the order `draw_node` draws them) have their `ET` noted on the
stream they were drawn in, with the side of the text object the element starts or ends on:
a left-to-right text starts before its first glyph drawn and ends after its last, a
right-to-left one drawn whole the other way round. A right-to-left text WeasyPrint draws
character by character (positioned) is not noted.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

ENDS = "briefs_svg_text_ends"
"""The stream attribute holding the `TextEnd`s drawn in it (pydyf writes no attribute)."""
PARTS_DRAWN = "briefs_svg_text_parts"
"""The SVG drawing's attribute naming the nodes that start and end the `<text>` being drawn."""
ROOTS = frozenset({"text"})
PARTS = frozenset({"text", "tspan", "textPath", "a"})
"""The nodes WeasyPrint draws as text (its `TAGS` name its `text` function for them)."""


@dataclass(frozen=True)
class TextEnd:
    """One end of a `<text>` element: the `ET` token's index of the text object it is in,
    the side of that text object it is on (`left`, before the first glyph drawn, or
    `right`, after the last) and the text's direction (`ltr` or `rtl`)."""

    position: int
    side: str
    direction: str


def start(svg: Any, node: Any) -> int:
    """Before a text node is drawn: remember which of a `<text>` element's nodes start and
    end it; the stream's length, for `end`."""
    if _tag(node) in ROOTS:
        setattr(svg, PARTS_DRAWN, (first_part(node), last_part(node)))
    return len(svg.stream.stream)


def end(svg: Any, node: Any, before: int, direction: str | None) -> None:
    """After a text node is drawn into `svg.stream` (which had `before` tokens) with its
    text in `direction` (None: not drawn in one direction): note the ends of its `<text>`
    element it draws, on the sides of its text object they are on."""
    first, last = getattr(svg, PARTS_DRAWN, (None, None))
    if direction not in ("ltr", "rtl") or (node is not first and node is not last):
        return
    tokens = svg.stream.stream
    position = next((index for index in range(len(tokens) - 1, before - 1, -1)
                     if tokens[index] == b"ET"), None)
    if position is None:
        return
    ends = getattr(svg.stream, ENDS, None)
    if ends is None:
        ends = []
        setattr(svg.stream, ENDS, ends)
    if node is first:  # a right-to-left text starts on its right
        ends.append(TextEnd(position, "left" if direction == "ltr" else "right", direction))
    if node is last:
        ends.append(TextEnd(position, "right" if direction == "ltr" else "left", direction))


def first_part(node: Any) -> Any | None:
    """The node of a `<text>` element drawn first with text: itself, or its first visible
    descendant with text (pre-order, as WeasyPrint's `draw_node` draws them)."""
    return next(_parts(node), None)


def last_part(node: Any) -> Any | None:
    """The node of a `<text>` element drawn last with text."""
    parts = list(_parts(node))
    return parts[-1] if parts else None


def _parts(node: Any) -> Iterator[Any]:
    if _tag(node) in PARTS and node.text and node.visible:
        yield node
    if node.display:
        for child in node:
            yield from _parts(child)


def _tag(node: Any) -> str:
    return str(getattr(node, "tag", ""))
