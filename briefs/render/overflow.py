"""What runs past the page limit: which block, by how much, and how many words that is."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from briefs.i18n.status import word_count

MM_PER_PX = 25.4 / 96
HEADINGS = ("h1", "h2", "h3", "h4")


@dataclass(frozen=True)
class Region:
    """Where overflowing content lies on one page (CSS px from the page's top-left corner)."""

    page: int
    """1-based."""
    top: float
    bottom: float


@dataclass(frozen=True)
class Overflow:
    """The content that does not fit within the page limit."""

    limit: int
    label: str
    """How the block is named in messages: its heading ("More events"), else its field."""
    field: str | None
    """The content field the block starts at (`more_events`, `messages[3]`), if the template
    says so (`data-field`)."""
    millimetres: float
    words: int
    regions: tuple[Region, ...]
    first_words: str = ""
    """The overflowing text's first words, to find it in the content when no field is known."""

    @property
    def about_words(self) -> int:
        """The words to cut, rounded up to a round number (tens from 20 on)."""
        return self.words if self.words < 20 else math.ceil(self.words / 10) * 10


def measure_overflow(document: Any, limit: int) -> Overflow:
    """The content laid out after page `limit`: its extent on each page, its words, and the
    block (the outermost element with `data-field`) its first line belongs to."""
    regions, texts = [], []
    first: tuple[Any, list[Any]] | None = None
    for number, page in enumerate(document.pages[limit:], limit + 1):
        top, bottom = math.inf, -math.inf
        for box, ancestors in _content_boxes(page._page_box):
            top, bottom = min(top, box.position_y), max(bottom, box.position_y + box.height)
            if first is None:
                first = (box, ancestors)
            if type(box).__name__ == "TextBox":
                texts.append(box.text)
        if bottom > top:
            regions.append(Region(number, top, bottom))
    height = sum(region.bottom - region.top for region in regions)
    text = " ".join(texts)
    label, field = _block(first[1]) if first else ("", None)
    return Overflow(limit, label, field, round(height * MM_PER_PX), word_count(text),
                    tuple(regions), " ".join(text.split()[:8]))


def _content_boxes(root: Any) -> Iterator[tuple[Any, list[Any]]]:
    """Lines and images in the page's flow (not its margin boxes), each with the elements
    that hold it, outermost first."""
    stack: list[tuple[Any, list[Any]]] = [(root, [])]
    while stack:
        box, ancestors = stack.pop()
        if "MarginBox" in type(box).__name__:
            continue
        element = getattr(box, "element", None)
        if element is not None and (not ancestors or ancestors[-1] is not element):
            ancestors = [*ancestors, element]
        kind = type(box).__name__
        if kind == "TextBox" or "Replaced" in kind:
            if box.height:
                yield box, ancestors
            continue
        stack.extend((child, ancestors) for child in reversed(getattr(box, "children", [])))


def _block(ancestors: list[Any]) -> tuple[str, str | None]:
    """The outermost element marked with `data-field`, named by its first heading."""
    marked = next((element for element in ancestors if element.get("data-field")), None)
    if marked is None:
        return "", None
    field = str(marked.get("data-field"))
    for element in marked.iter():
        if str(element.tag).rsplit("}", 1)[-1] in HEADINGS:
            heading = " ".join("".join(element.itertext()).split())
            if heading:
                return heading, field
    return field, field
