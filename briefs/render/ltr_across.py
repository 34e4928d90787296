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
Each parent whose own text is right to left is searched (`render/direction.py`): in a
right-to-left document, but not in a block with `dir="ltr"`; in a left-to-right one, a block
with `dir="rtl"` or a `<bdi>` holding right-to-left text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

import lxml.html
from lxml.html import HtmlElement

from briefs.render.direction import is_rtl, isolates

INLINE = {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd",
          "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u",
          "var"}
SKIPPED = {"head", "script", "style", "svg", "math", "pre", "textarea", "title"}
ENDS = {"R", "AL", "AN", "B", "S"}
"""Bidi classes that end a left-to-right run (S, B: a tab, a line break)."""
LTR, NEUTRAL, BARRIER = "ltr", "neutral", "barrier"
Slot = tuple[int, int]
"""A place in a parent's text: (slot, offset); slot 0 is its text, slot k the tail of its
k-th child."""


def isolate_ltr_runs(body: HtmlElement, document_rtl: bool = True,
                     resolved: dict[HtmlElement, bool] | None = None) -> None:
    """Wrap every cut left-to-right run in right-to-left text under `body` in its own bdi
    (`document_rtl`: the direction of text with no `dir` of its own; `resolved`: as for
    `direction.is_rtl`)."""
    elements = [element for element in body.iter() if isinstance(element.tag, str)]
    if not document_rtl and not any(isolates(element) for element in elements):
        return  # no right-to-left text (as far as directions go)
    resolved = {} if resolved is None else resolved
    skipped: set[HtmlElement] = set()
    for parent in elements:
        if parent.tag in SKIPPED or parent.getparent() in skipped:
            skipped.add(parent)  # never typeset
            continue
        if not is_rtl(parent, document_rtl, resolved):
            continue  # left-to-right text (a bdi made here among them)
        children = list(parent)
        for start, end in reversed(list(_runs(parent, children))):
            _wrap(parent, children, start, end)


def _runs(parent: HtmlElement, children: list[HtmlElement]) -> Iterator[tuple[Slot, Slot]]:
    """The cut left-to-right runs among the parent's text and children, as slot ranges."""
    start: Slot | None = None
    end: Slot = (0, 0)
    elements = pending = letters = 0
    for slot in range(len(children) + 1):
        if slot > 0:
            kind = _kind(children[slot - 1])
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
            if kind == "L":
                if start is None:
                    start, pending = (slot, offset), 0
                end, elements, pending = (slot, offset + 1), elements + pending, 0
                letters += 1
            elif kind in ENDS and start is not None:
                if elements and (letters or elements > 1):
                    yield start, end
                start, elements, pending, letters = None, 0, 0, 0
    if start is not None and elements and (letters or elements > 1):
        yield start, end


def _kind(element: HtmlElement) -> str:
    """LTR: inline, with left-to-right and no right-to-left text outside its isolates;
    NEUTRAL: inline with neither (or an isolate); BARRIER: anything else."""
    if not isinstance(element.tag, str):
        return NEUTRAL  # a comment
    if element.tag not in INLINE:
        return BARRIER
    if isolates(element):
        return NEUTRAL
    kinds = {_text_kind(element.text)} | {_kind(child) for child in element} \
        | {_text_kind(child.tail) for child in element}
    return BARRIER if BARRIER in kinds else LTR if LTR in kinds else NEUTRAL


def _text_kind(text: str | None) -> str:
    classes = {unicodedata.bidirectional(char) for char in text or ""}
    return BARRIER if classes & ENDS else LTR if "L" in classes else NEUTRAL


def _text(parent: HtmlElement, children: list[HtmlElement], slot: int) -> str:
    return (parent.text if slot == 0 else children[slot - 1].tail) or ""


def _wrap(parent: HtmlElement, children: list[HtmlElement], start: Slot, end: Slot) -> None:
    """Move the run from `start` to `end` (slots of `parent`, whose children were
    `children`; later runs first) into a new `<bdi dir="ltr">`."""
    (first, offset), (last, stop) = start, end
    moved = children[first:last]
    before, after = _text(parent, children, first), _text(parent, children, last)
    isolate: HtmlElement = lxml.html.Element("bdi", dir="ltr")
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
