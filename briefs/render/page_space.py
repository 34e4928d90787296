"""How full a laid-out page is, and how tall and how long its lines are (for advice in lines
and words, and for the page-count rules)."""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from briefs.i18n.words import word_count

FULL_LINE = 0.85
"""A line whose text takes at least this share of its column is a full line (not the last
line of a paragraph): words per line are counted on these."""


@dataclass(frozen=True)
class PageSpace:
    """The flow's extent on one page (CSS px from the page's top-left corner)."""

    top: float
    """Where the page's content area starts."""
    bottom: float
    """Where the flow may end: the content area's bottom, or the top of the page's
    footnotes."""
    used: float
    """Where the flow's last line or image ends (`top` on an empty page)."""

    @property
    def spare(self) -> float:
        """The room left at the foot of the page, above its footnotes."""
        return max(self.bottom - self.used, 0.0)

    @property
    def fill(self) -> float:
        """The share of the page's room the flow takes (0 to 1)."""
        room = self.bottom - self.top
        return min(max((self.used - self.top) / room, 0.0), 1.0) if room > 0 else 1.0


@dataclass(frozen=True)
class LineMetrics:
    """The measured lines of a stretch of text: how tall, and how many words a full one
    holds."""

    height: float
    """CSS px, the median line's."""
    words: float
    """Words in a median full line."""

    def words_for(self, height: float) -> tuple[int, int]:
        """The lines and words that take `height` px (at least one line)."""
        lines = max(math.ceil(height / self.height), 1) if self.height > 0 else 1
        return lines, max(math.ceil(lines * self.words), 1)


def page_space(page: Any) -> PageSpace:
    """The room on one laid-out page (`weasyprint.Page`) and how much of it the flow uses."""
    box = page._page_box
    top = box.content_box_y()
    bottom = top + box.height
    for child in box.children:
        if type(child).__name__ == "FootnoteAreaBox" and child.children:
            bottom = min(bottom, child.position_y)
    used = top
    for found in _flow_leaves(box.children[0] if box.children else box):
        used = max(used, found.position_y + found.height)
    return PageSpace(top, bottom, used)


def line_metrics(pages: list[Any]) -> LineMetrics | None:
    """The median line height and words per full line on these pages' flow (not their
    footnotes or margins); None when they hold no line of text."""
    heights: list[float] = []
    full: list[int] = []
    every: list[int] = []
    for page in pages:
        root = page._page_box.children[0] if page._page_box.children else page._page_box
        for line in _lines(root):
            texts = [box for box in _flow_leaves(line) if type(box).__name__ == "TextBox"]
            words = word_count(" ".join(box.text for box in texts))
            if not words or not line.height:
                continue
            heights.append(line.height)
            every.append(words)
            used = sum(box.width for box in texts)
            if line.width and used >= FULL_LINE * line.width:
                full.append(words)
    if not heights:
        return None
    return LineMetrics(statistics.median(heights), statistics.median(full or every))


def _lines(root: Any) -> Iterator[Any]:
    stack = [root]
    while stack:
        box = stack.pop()
        if type(box).__name__ == "LineBox":
            yield box
            continue
        stack.extend(reversed(getattr(box, "children", [])))


def _flow_leaves(root: Any) -> Iterator[Any]:
    """Lines of text and images under `root`, footnotes and margin boxes left out."""
    stack = [root]
    while stack:
        box = stack.pop()
        name = type(box).__name__
        if "MarginBox" in name or name == "FootnoteAreaBox":
            continue
        if name == "TextBox" or "Replaced" in name:
            if box.height:
                yield box
            continue
        stack.extend(reversed(getattr(box, "children", [])))
