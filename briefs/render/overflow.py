"""What runs past the page limit: which block, by how much, and how many words that is."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from briefs.i18n.words import word_count
from briefs.render.page_space import line_metrics, page_space

MM_PER_PX = 25.4 / 96
HEADINGS = ("h1", "h2", "h3", "h4")
FORCED_BREAKS = {"page", "left", "right", "recto", "verso"}


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
    """The content field the overflow starts in (`more_events`, `messages[3]`), if the
    template says so (`data-field`); for a block with a page of its own, the field that
    ends the last allowed page."""
    millimetres: float
    """How much taller the content is than its room: what runs past the limit, less the
    room left at the foot of the page before it (a block kept whole leaves some)."""
    words: int
    """About how many words that is: `lines` at the measured words per full line of the
    text, never more than the words laid out past the limit."""
    regions: tuple[Region, ...]
    first_words: str = ""
    """The overflowing text's first words, to find it in the content when no field is known."""
    own_page: bool = False
    """The block starts a page of its own (a back cover): what must go is what the last
    allowed page holds, which `millimetres`, `words` and `regions` then measure."""
    lines: int = 0
    """About how many lines of text `millimetres` is, at the measured line height."""
    one_more: str = ""
    """The step the brand's limits held back ("body 8.5 pt") when the content fits with it:
    the smallest change, proposed first."""

    @property
    def about_words(self) -> int:
        """The words to cut, rounded up to a round number (tens from 20 on)."""
        return self.words if self.words < 20 else math.ceil(self.words / 10) * 10


def measure_overflow(document: Any, limit: int) -> Overflow:
    """The content laid out after page `limit`: its extent on each page, its words, and the
    block (the elements with `data-field`) its first line belongs to.

    When that block starts a page of its own (a back cover: `break-before: page`), no cut
    inside it helps: what has to go is what the last allowed page holds, so that page is
    measured instead. A block after the overflow that starts a page of its own (the back
    cover after a few lines too many) is not counted: it needs its page whatever is cut.
    What has to go is converted to lines and words with the lines measured in the layout
    (their median height and words per full line), less the room the page before leaves."""
    pages = document.pages
    measured = [_page_content(page, number)
                for number, page in enumerate(pages[limit:], limit + 1)]
    first = next((found.first for found in measured if found.first), None)
    label, field = _block(first) if first else ("", None)
    forced = first is not None and _starts_a_page(first)
    before = limit
    if forced and limit >= 1:
        measured = [_page_content(pages[limit - 1], limit)]
        last = measured[0].last  # point at what ends the last allowed page
        field = _block(last)[1] if last else field
        before = limit - 1
    else:
        measured = _up_to_own_page(measured)
    regions = tuple(found.region for found in measured if found.region)
    height = sum(region.bottom - region.top for region in regions)
    text = " ".join(" ".join(found.texts) for found in measured)
    laid_out = word_count(text)
    spare = page_space(pages[before - 1]).spare if before >= 1 else 0.0
    needed = max(height - spare, 0.0)
    metrics = line_metrics(pages[max(before - 1, 0):before + len(measured)])
    lines, words = metrics.words_for(needed) if metrics else (0, laid_out)
    return Overflow(limit, label, field, max(math.ceil(needed * MM_PER_PX), 1), min(words, laid_out)
                    if laid_out else words, regions, " ".join(text.split()[:8]), forced,
                    lines)


def _up_to_own_page(measured: list[_PageContent]) -> list[_PageContent]:
    """The pages after the limit up to one that starts with a block of its own page."""
    for index, found in enumerate(measured[1:], 1):
        if found.first and _starts_a_page(found.first):
            return measured[:index]
    return measured


@dataclass
class _PageContent:
    region: Region | None
    texts: list[str]
    first: list[Any] | None
    """The boxes holding the page's first line, outermost first."""
    last: list[Any] | None = None


def _page_content(page: Any, number: int) -> _PageContent:
    top, bottom, texts, first, last = math.inf, -math.inf, [], None, None
    for box, ancestors in _content_boxes(page._page_box):
        top, bottom = min(top, box.position_y), max(bottom, box.position_y + box.height)
        first = first or ancestors
        if any(holder.element.get("data-field") for holder in ancestors):
            last = ancestors  # the last line of a field (not a footnote, not a footer)
        if type(box).__name__ == "TextBox":
            texts.append(box.text)
    return _PageContent(Region(number, top, bottom) if bottom > top else None, texts, first,
                        last)


def _starts_a_page(ancestors: list[Any]) -> bool:
    """Whether the outermost marked block always begins a new page."""
    marked = [box for box in ancestors if box.element.get("data-field")]
    return bool(marked) and marked[0].style["break_before"] in FORCED_BREAKS


def _content_boxes(root: Any) -> Iterator[tuple[Any, list[Any]]]:
    """Lines and images in the page's flow (not its margin boxes or footnotes), each with
    the boxes of the elements that hold it, outermost first."""
    stack: list[tuple[Any, list[Any]]] = [(root, [])]
    while stack:
        box, ancestors = stack.pop()
        if "MarginBox" in type(box).__name__ or type(box).__name__ == "FootnoteAreaBox":
            continue
        element = getattr(box, "element", None)
        if element is not None and (not ancestors or ancestors[-1].element is not element):
            ancestors = [*ancestors, box]
        kind = type(box).__name__
        if kind == "TextBox" or "Replaced" in kind:
            if box.height:
                yield box, ancestors
            continue
        stack.extend((child, ancestors) for child in reversed(getattr(box, "children", [])))


def _block(ancestors: list[Any]) -> tuple[str, str | None]:
    """The block a line belongs to: named by the outermost element marked with `data-field`
    (its `data-label`, or its first heading: "More events"), located by the innermost
    (`more_events[1]`)."""
    marked = [box.element for box in ancestors if box.element.get("data-field")]
    if not marked:
        return "", None
    outer, field = marked[0], str(marked[-1].get("data-field"))
    if outer.get("data-label"):
        return str(outer.get("data-label")), field
    for element in outer.iter():
        if str(element.tag).rsplit("}", 1)[-1] in HEADINGS:
            heading = " ".join("".join(element.itertext()).split())
            if heading:
                return heading, field
    return str(outer.get("data-field")), field


def overflow_words(overflow: Overflow) -> str:
    """`"More events" runs 42 mm past the page`, or, for a block that takes a page of its
    own, `"Back cover" needs a page of its own after page 4`."""
    where = "the page" if overflow.limit == 1 else f"page {overflow.limit}"
    block = f'"{overflow.label}"' if overflow.label else "the content"
    if overflow.own_page:
        return f"{block} needs a page of its own after {where}"
    return f"{block} runs {overflow.millimetres:g} mm past {where}"
