"""Runs of left-to-right words in right-to-left text that inline elements cut (`the *big*
Report`, a link inside a Latin name), isolated whole in `<bdi dir="ltr">`.

WeasyPrint resolves no bidi across inline boxes: it draws the boxes of a right-to-left line
in reverse order and the text of each by the bidi algorithm, so `the <em>big</em> Report`
in Hebrew was drawn `Report big the` (docs/upstream/weasyprint-inline-bidi.md). A run is
found as the bidi algorithm would see it, across the elements of one parent: from a strong
left-to-right character to the last one before a right-to-left character, an Arabic-Indic
number, a tab, a line break or a block. An element that is an isolate itself (`<bdi>`,
`dir=`) counts as a neutral, as in the algorithm. Only a run that holds an element and more
left-to-right text than that element is wrapped: a run inside one box is drawn right already.
Each parent is searched by the direction of its own text (`render/direction.py`: the
document's, a block's own `dir`, a `<bdi>`'s text). The mirror case is handled the same way:
in left-to-right text WeasyPrint draws the boxes in order and each box's text by the bidi
algorithm, so a Hebrew or Arabic run cut by an element (`Signed by אבג <em>דהו</em> זחט`)
was drawn box by box from the left, its words in reading order instead of right to left. A
right-to-left run (from a strong R or AL character to the last R, AL or number before a
strong L character, a tab, a line break or a block) that holds an element and more is
isolated in `<bdi dir="rtl">`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

import lxml.html
from lxml.html import HtmlElement

from briefs.render.direction import is_rtl, isolates

INLINE = {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd",
          "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u",
          "var"}
SKIPPED = {"head", "script", "style", "svg", "math", "pre", "textarea", "title"}
ENDS = {"R", "AL", "AN", "B", "S"}
"""Bidi classes that end a left-to-right run (S, B: a tab, a line break)."""
RIGHT_TO_LEFT_TEXT = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]")
"""Characters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko...)."""
LTR, NEUTRAL, BARRIER = "ltr", "neutral", "barrier"


@dataclass(frozen=True)
class Side:
    """A run against the text's direction: the bidi classes that start and extend it, that end
    it, and the direction of the isolate it goes in."""

    starts: frozenset[str]
    extends: frozenset[str]
    ends: frozenset[str]
    dir: str


IN_RTL = Side(frozenset({"L"}), frozenset({"L"}), frozenset(ENDS), "ltr")
IN_LTR = Side(frozenset({"R", "AL"}), frozenset({"R", "AL", "AN", "EN"}),
              frozenset({"L", "B", "S"}), "rtl")
"""In left-to-right text, numbers after a right-to-left letter belong to its run (W7 leaves
them EN, N1 joins them to it)."""
Slot = tuple[int, int]
"""A place in a parent's text: (slot, offset); slot 0 is its text, slot k the tail of its
k-th child."""


def isolate_ltr_runs(body: HtmlElement, document_rtl: bool = True,
                     resolved: dict[HtmlElement, bool] | None = None) -> None:
    """Wrap every cut left-to-right run in right-to-left text under `body`, and every cut
    right-to-left run in left-to-right text, in its own bdi (`document_rtl`: the direction of
    text with no `dir` of its own; `resolved`: as for `direction.is_rtl`)."""
    elements = [element for element in body.iter() if isinstance(element.tag, str)]
    mixed = bool(RIGHT_TO_LEFT_TEXT.search(body.text_content()))
    if not document_rtl and not mixed and not any(isolates(element) for element in elements):
        return  # left-to-right text only
    resolved = {} if resolved is None else resolved
    skipped: set[HtmlElement] = set()
    for parent in elements:
        if parent.tag in SKIPPED or parent.getparent() in skipped:
            skipped.add(parent)  # never typeset
            continue
        rtl = is_rtl(parent, document_rtl, resolved)
        if not rtl and not mixed:
            continue  # no right-to-left run in left-to-right text without such letters
        side = IN_RTL if rtl else IN_LTR
        children = list(parent)
        for start, end in reversed(list(_runs(parent, children, side))):
            _wrap(parent, children, start, end, side.dir)


def _runs(parent: HtmlElement, children: list[HtmlElement],
          side: Side) -> Iterator[tuple[Slot, Slot]]:
    """The cut runs of the side among the parent's text and children, as slot ranges."""
    start: Slot | None = None
    end: Slot = (0, 0)
    elements = pending = letters = 0
    for slot in range(len(children) + 1):
        if slot > 0:
            kind = _kind(children[slot - 1], side)
            if kind == BARRIER:
                if start is not None and elements and (letters or elements > 1):
                    yield start, end
                start, elements, pending, letters = None, 0, 0, 0
            elif start is not None or kind == LTR:
                pending += 1
                if kind == LTR:
                    if start is None:
                        start = (slot - 1, len(_text(parent, children, slot - 1)))
                    end, elements, pending = (slot, 0), elements + pending, 0
        for offset, char in enumerate(_text(parent, children, slot)):
            kind = unicodedata.bidirectional(char)
            if kind in side.starts or (kind in side.extends and start is not None):
                if start is None:
                    start, pending = (slot, offset), 0
                end, elements, pending = (slot, offset + 1), elements + pending, 0
                letters += 1
            elif kind in side.ends and start is not None:
                if elements and (letters or elements > 1):
                    yield start, end
                start, elements, pending, letters = None, 0, 0, 0
    if start is not None and elements and (letters or elements > 1):
        yield start, end


def _kind(element: HtmlElement, side: Side) -> str:
    """LTR (a part of the run): inline, with text that starts the side's runs and none that
    ends them outside its isolates; NEUTRAL: inline with neither (or an isolate); BARRIER:
    anything else."""
    if not isinstance(element.tag, str):
        return NEUTRAL  # a comment
    if element.tag not in INLINE:
        return BARRIER
    if isolates(element):
        return NEUTRAL
    kinds = {_text_kind(element.text, side)} | {_kind(child, side) for child in element} \
        | {_text_kind(child.tail, side) for child in element}
    return BARRIER if BARRIER in kinds else LTR if LTR in kinds else NEUTRAL


def _text_kind(text: str | None, side: Side) -> str:
    classes = {unicodedata.bidirectional(char) for char in text or ""}
    return BARRIER if classes & side.ends else LTR if classes & side.starts else NEUTRAL


def _text(parent: HtmlElement, children: list[HtmlElement], slot: int) -> str:
    return (parent.text if slot == 0 else children[slot - 1].tail) or ""


def _wrap(parent: HtmlElement, children: list[HtmlElement], start: Slot, end: Slot,
          direction: str) -> None:
    """Move the run from `start` to `end` (slots of `parent`, whose children were
    `children`; later runs first) into a new `<bdi dir="ltr">` (or `rtl`)."""
    (first, offset), (last, stop) = start, end
    moved = children[first:last]
    before, after = _text(parent, children, first), _text(parent, children, last)
    isolate: HtmlElement = lxml.html.Element("bdi", dir=direction)
    isolate.text = before[offset:]
    if first == 0:
        parent.text = before[:offset]
    else:
        children[first - 1].tail = before[:offset]
    moved[0].addprevious(isolate)
    for child in moved:
        isolate.append(child)
    moved[-1].tail = after[:stop]
    isolate.tail = after[stop:]
