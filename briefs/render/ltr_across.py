"""Runs of left-to-right words in right-to-left text that inline elements cut (`the *big*
Report`, a link inside a Latin name), isolated whole in `<bdi dir="ltr">`.

WeasyPrint resolves no bidi across inline boxes: it draws the boxes of a right-to-left line
in reverse order and the text of each by the bidi algorithm, so `the <em>big</em> Report`
in Hebrew was drawn `Report big the` (docs/upstream/weasyprint-inline-bidi.md). A run is
found as the bidi algorithm would see it, across the elements of one parent: from a strong
left-to-right character to the last one before a right-to-left character, an Arabic-Indic
number, a tab, a line break or a block. An element that is an isolate itself (`<bdi>`,
`dir=`) counts as a neutral, as in the algorithm, and so does an isolate a translator typed
(LRI, RLI or FSI ... PDI: `bidi_runs.py`, the scanner `words.py` shares), which counts as a
cut too (typeset makes it a `<bdi>`); one typed across elements is made a `<bdi>` here, since
its controls do not hold WeasyPrint's boxes together. Only a run that holds an element and more
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

from collections.abc import Iterator

import lxml.html
from lxml.html import HtmlElement

from briefs.render.bidi_runs import (
    CLOSE,
    END,
    EXTEND,
    IN_LTR,
    IN_RTL,
    OPEN,
    RIGHT_TO_LEFT_TEXT,
    START,
    TYPED_INITIATOR,
    RunScanner,
    Side,
)
from briefs.render.direction import is_rtl, isolates, text_direction

INLINE = {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd",
          "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u",
          "var"}
SKIPPED = {"head", "script", "style", "svg", "math", "pre", "textarea", "title"}
LTR, NEUTRAL, BARRIER = "ltr", "neutral", "barrier"
TYPED_DIRECTIONS = {"\u2066": "ltr", "\u2067": "rtl"}
"""An isolate typed across elements: LRI, RLI (FSI: the direction of its first letter)."""
Slot = tuple[int, int]
"""A place in a parent's text: (slot, offset); slot 0 is its text, slot k the tail of its
k-th child."""


def isolate_ltr_runs(body: HtmlElement, document_rtl: bool = True,
                     resolved: dict[HtmlElement, bool] | None = None) -> None:
    """Wrap every cut left-to-right run in right-to-left text under `body`, and every cut
    right-to-left run in left-to-right text, in its own bdi (`document_rtl`: the direction of
    text with no `dir` of its own; `resolved`: as for `direction.is_rtl`)."""
    elements = [element for element in body.iter() if isinstance(element.tag, str)]
    text = body.text_content()
    mixed = bool(RIGHT_TO_LEFT_TEXT.search(text))
    typed = bool(TYPED_INITIATOR.search(text))
    if not document_rtl and not mixed and not any(isolates(element) for element in elements):
        return  # left-to-right text only
    resolved = {} if resolved is None else resolved
    skipped: set[HtmlElement] = set()
    for parent in elements:
        if parent.tag in SKIPPED or parent.getparent() in skipped:
            skipped.add(parent)  # never typeset
            continue
        _isolate_in(parent, document_rtl, resolved, (mixed, typed))


def _isolate_in(parent: HtmlElement, document_rtl: bool, resolved: dict[HtmlElement, bool],
                found: tuple[bool, bool]) -> None:
    """Wrap the cut runs among the parent's text and children, each isolate typed across its
    children first made a `<bdi>` (and searched in turn). `found`: whether the text holds
    right-to-left letters, and typed isolates."""
    mixed, typed = found
    for isolate in _typed_across(parent) if typed else ():
        _isolate_in(isolate, document_rtl, resolved, found)
    rtl = is_rtl(parent, document_rtl, resolved)
    if not rtl and not mixed:
        return  # no right-to-left run in left-to-right text without such letters
    side = IN_RTL if rtl else IN_LTR
    children = list(parent)
    for start, end in reversed(list(_runs(parent, children, side))):
        _wrap(parent, children, start, end, side.dir)


def _typed_across(parent: HtmlElement) -> list[HtmlElement]:
    """Each isolate a translator typed across the parent's children (LRI, RLI or FSI in one
    text, its PDI in a later one) made a `<bdi>` around them, the two controls dropped, as
    `typeset` does with one typed within a text: WeasyPrint orders a line's boxes itself, so
    the controls do not hold the boxes between them together."""
    children = list(parent)
    if not any(TYPED_INITIATOR.search(_text(parent, children, slot))
               for slot in range(len(children))):
        return []  # no isolate opened before the last text: none across elements
    scanner = RunScanner(IN_RTL)  # only OPEN and CLOSE are read: either side's
    found: list[tuple[Slot, Slot, bool]] = []
    opened: Slot | None = None
    for slot in range(len(children) + 1):
        for offset, _, role in scanner.roles(_text(parent, children, slot)):
            if role == OPEN:
                opened = (slot, offset)
            elif role == CLOSE and opened is not None:
                if opened[0] != slot:
                    found.append((opened, (slot, offset), True))
                opened = None
    if opened is not None and opened[0] < len(children):  # no PDI: isolated to the end
        found.append((opened, (len(children), len(_text(parent, children, len(children)))),
                      False))
    made = []
    for (first, start), (last, stop), closed in reversed(found):  # later first: slots hold
        initiator = _text(parent, children, first)[start]
        isolate = _wrap(parent, children, (first, start + 1), (last, stop), "ltr")
        before = isolate.getprevious()
        if before is None:
            parent.text = (parent.text or "")[:-1]
        else:
            before.tail = (before.tail or "")[:-1]
        isolate.tail = (isolate.tail or "")[closed:]
        isolate.set("dir", TYPED_DIRECTIONS.get(initiator)
                    or text_direction(isolate.text_content()))
        made.append(isolate)
    return made


def _runs(parent: HtmlElement, children: list[HtmlElement],
          side: Side) -> Iterator[tuple[Slot, Slot]]:
    """The cut runs of the side among the parent's text and children, as slot ranges."""
    start: Slot | None = None
    end: Slot = (0, 0)
    elements = pending = letters = 0
    scanner = RunScanner(side)
    for slot in range(len(children) + 1):
        if slot > 0:
            kind = NEUTRAL if scanner.isolated else _kind(children[slot - 1], side)
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
        for first, last, role in scanner.roles(_text(parent, children, slot)):
            if role == START or (role == EXTEND and start is not None):
                if start is None:
                    start, pending = (slot, first), 0
                end, elements, pending = (slot, last + 1), elements + pending, 0
                letters += 1
            elif role == END and start is not None:
                if elements and (letters or elements > 1):
                    yield start, end
                start, elements, pending, letters = None, 0, 0, 0
            elif role == CLOSE and start is not None:
                pending += 1  # a typed isolate: a <bdi> once typeset, a box that cuts the run
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
    roles = RunScanner(side).roles_in(text or "")
    return BARRIER if END in roles else LTR if START in roles else NEUTRAL


def _text(parent: HtmlElement, children: list[HtmlElement], slot: int) -> str:
    return (parent.text if slot == 0 else children[slot - 1].tail) or ""


def _wrap(parent: HtmlElement, children: list[HtmlElement], start: Slot, end: Slot,
          direction: str) -> HtmlElement:
    """Move the run from `start` to `end` (slots of `parent`, whose children were
    `children`; later runs first) into a new `<bdi dir="ltr">` (or `rtl`); a run within one
    text (cut by a typed isolate only) too."""
    (first, offset), (last, stop) = start, end
    moved = children[first:last]
    before, after = _text(parent, children, first), _text(parent, children, last)
    isolate: HtmlElement = lxml.html.Element("bdi", dir=direction)
    if first == 0:
        parent.text = before[:offset]
        parent.insert(0, isolate)
    else:
        children[first - 1].tail = before[:offset]
        children[first - 1].addnext(isolate)
    if moved:
        isolate.text = before[offset:]
        for child in moved:
            isolate.append(child)
        moved[-1].tail = after[:stop]
    else:
        isolate.text = before[offset:stop]
    isolate.tail = after[stop:]
    return isolate
