"""Spaces at the edges of a right-to-left line's text boxes kept in pdf.js's text layer: the
space glyph a box draws first or last gets a copy mapped to RLM + space.

WeasyPrint draws the inline boxes of a right-to-left line in logical order, each box left to
right, so the pen moves back at every box (and at every marked-content sequence pdf.js starts
a text item). pdf.js (4.10, `buildTextContentItem`) does not write a space glyph as text: it
remembers it and writes a space only when the next glyph joins the same item, so a space
drawn first or last in a box, which is the space between two boxes, is lost: `ב-14 מדינות`
reads `ב-14מדינות`, and Firefox's find and copy read the same. A glyph whose text does not
start with white space is text to pdf.js (its `getCharUnicodeCategory`): mapped to RLM +
space, the space stays in the item. RLM is invisible and right-to-left, like the text around
it; poppler, PDFium and MuPDF read the space as before (measured, docs/decisions.md). A
space drawn first or last next to a number (`۱۴۰۴ ` before the bold `۳۰ روز`) maps to ALM +
space instead: pdf.js's own bidi pass types RLM as left to right and moved the space to the
number's other side (`سال ‏ ۱۴۰۴۳۰`); ALM, in its Arabic table with no type, stays put.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Any

from briefs.render.tagging.glyph_copies import CARRIER_WIDTH, Fonts
from briefs.render.tagging.marks import ALM, RLM
from briefs.render.tagging.range_dashes import _glyphs, _redraw
from briefs.render.tagging.recover import Marked
from briefs.render.tagging.stream_fonts import HEX_STRING
from briefs.render.tagging.tree import Key

EDGE_SPACE = RLM + " "
"""A space's text that pdf.js keeps: it starts with a character that is not white space."""
NUMBER_EDGE_SPACE = ALM + " "
"""The same for a space at a box's edge next to a number (see the module's text)."""
DIRECTION_MARKS = dict.fromkeys(map(ord, "\u061c\u200e\u200f"))


def keep_edge_spaces(marked: dict[Key, Marked], boxes: dict[Key, Any], fonts: Fonts,
                     line_ends: set[int] | frozenset[int] = frozenset()) -> None:
    """Draw the space glyphs of each right-to-left text box that pdf.js would lose (`_kept`)
    with a copy mapped to RLM + space, and end each right-to-left box that ends its line
    (`line_ends`, ids of boxes) with a space pdf.js keeps (the caller saves `fonts`)."""
    for key, box in boxes.items():
        if id(box) in line_ends:
            _end_line(marked.get(key), box, fonts)
        text = getattr(box, "text", None)
        style = getattr(box, "style", None)
        if key not in marked or not isinstance(text, str) or style is None \
                or style["direction"] != "rtl" or " " not in text:
            continue
        sequence = marked[key]
        drawn = list(_glyphs(sequence, fonts))
        widths = [fonts.width(sequence, glyph.font, glyph.glyph) for glyph in drawn]
        for glyph, mapped in [*((glyph, EDGE_SPACE) for glyph in _kept(drawn, widths)),
                              *((glyph, NUMBER_EDGE_SPACE) for glyph in _by_numbers(drawn))]:
            copy = fonts.copy_as(sequence, glyph.font, glyph.glyph, mapped)
            if copy is not None and copy != glyph.glyph:
                _redraw(sequence, glyph, copy)
        if drawn and _has_mark(drawn[0].text):
            _space_before(sequence, drawn[0], fonts)


def _kept(drawn: list[Any], widths: list[float]) -> Iterator[Any]:
    """The space glyphs pdf.js would lose or misplace: drawn first or last next to a
    right-to-left letter, or drawn just before a glyph whose text holds a mark (a mark's
    carrier, marks.py) or that has no advance (the alef of a lam-alef, drawn before its lam
    with no advance): pdf.js does not place such a glyph (a "zero-width diacritic" to it, or
    one that does not move the pen) and writes the pending space before it and again before
    the next, inside the word (`شبکه ٔ` for `شبکهٔ`, `ل ا` for `لا`)."""
    last = len(drawn) - 1
    for index, glyph in enumerate(drawn):
        if glyph.text != " " or last < 1:
            continue
        if (index == 0 and _right_to_left(drawn[1:])) \
                or (index == last and _right_to_left(drawn[-2::-1])) \
                or (index < last and (not widths[index + 1] or any(
                    unicodedata.category(character) == "Mn"
                    for character in drawn[index + 1].text))):
            yield glyph


def _by_numbers(drawn: list[Any]) -> Iterator[Any]:
    """The space glyphs drawn first or last next to a digit (a number at a box's edge,
    `۱۴۰۴ ` before a bold `۳۰`): pdf.js drops them (`۱۴۰۴۳۰`) as it drops those next to a
    letter (`_kept`)."""
    last = len(drawn) - 1
    if last < 1:
        return
    for index, neighbour in ((0, drawn[1:]), (last, drawn[-2::-1])):
        if drawn[index].text == " " and _first_kind(neighbour) in ("EN", "AN"):
            yield drawn[index]


def line_end_boxes(document: Any) -> set[int]:
    """The ids of the text boxes that end their line in logical order (the last text box
    with something other than white space in each line box of every page), and of those
    followed on their line by a text box of white space only (`**۳۰ روز** ب-۲۰۲۵`: the
    no-break span around `ب-۲۰۲۵` leaves the space a box of its own, which pdf.js sees as
    a gap across a move back, `יותרב-2025`, so the box before it ends as a line does)."""
    from weasyprint.formatting_structure import boxes as weasyprint_boxes

    found: set[int] = set()
    pending = [page._page_box for page in document.pages]
    while pending:
        box = pending.pop()
        if isinstance(box, weasyprint_boxes.LineBox):
            last = None
            for inner in box.descendants():
                if isinstance(inner, weasyprint_boxes.TextBox) and inner.text.strip():
                    last = inner
                elif isinstance(inner, weasyprint_boxes.TextBox) and last is not None:
                    found.add(id(last))  # a space of its own after it: drawn as a gap
            if last is not None:
                found.add(id(last))
        pending.extend(getattr(box, "children", ()))
    return found


def _end_line(sequence: Marked | None, box: Any, fonts: Fonts) -> None:
    """A right-to-left box that ends its line (or comes before a space of its own, as
    `line_end_boxes` says): the line's text item in pdf.js ends with a move back and
    nothing between it and the next block drawn on the same line (a label and its value,
    table cells, list numbers, a credit): `برگزارکنندگانشبکهٔ`. An empty
    glyph mapped to RLM + space drawn first (its left, where a right-to-left box ends) gives
    the item a space at its end; to the other engines a space at a line's end. Only in a box
    with a right-to-left letter or an Arabic-Indic digit (a list number, a table cell):
    PDFium reads a Persian number alone in its box (`٪۷۰`, European-number digits) reversed
    when an RLM is drawn beside it, and MuPDF runs a list number into its item when the
    spacer is a ZERO WIDTH SPACE instead (measured)."""
    text = getattr(box, "text", None)
    style = getattr(box, "style", None)
    if sequence is None or not isinstance(text, str) or style is None \
            or style["direction"] != "rtl" or text.endswith(" "):
        return
    drawn = list(_glyphs(sequence, fonts))
    if drawn and not _has_mark(drawn[0].text) and drawn[0].text != " " \
            and any(unicodedata.bidirectional(character) in ("R", "AL", "AN")
                    for character in text) and not _after_number(drawn):
        _space_before(sequence, drawn[0], fonts, left=True)


def _after_number(drawn: list[Any]) -> bool:
    """Whether the box ends (in drawing order, starts) with punctuation after a number
    (`۲۰۱۶–۲۰۲۵.`): poppler reads the number and the punctuation as one left-to-right run
    and put the space between them (`۲۰۲۵ .`). The direction marks range_dashes.py and
    marks.py add to a glyph's text are passed over."""
    for glyph in drawn:
        for character in glyph.text.translate(DIRECTION_MARKS):
            kind = unicodedata.bidirectional(character)
            if kind in ("EN", "AN"):
                return glyph is not drawn[0]
            if kind not in ("ON", "CS", "ES", "ET", "WS", "NSM", "BN"):
                return False
    return False


def _has_mark(text: str) -> bool:
    return any(unicodedata.category(character) == "Mn" for character in text)


def _space_before(sequence: Marked, first: Any, fonts: Fonts, left: bool = False) -> None:
    """A box that starts (left) with a mark's carrier, the end of its last word: pdf.js
    cannot place the carrier and puts it in the text item still open, the line before.
    An empty glyph one thousandth of an em wide mapped to RLM + space drawn before it (the
    pen moved back over it) is placed, and the carrier joins its item: a space at the end
    of the box's text, where a line or a box ends."""
    spacer = fonts.carrier(sequence, first.font, EDGE_SPACE)
    if spacer is None:
        return
    tokens = sequence.stream.stream
    token = tokens[first.position]
    token = token.encode() if isinstance(token, str) else token
    found = [match for match in HEX_STRING.finditer(token) if match.group(1)]
    if not found or first.index != 0:
        return
    start = found[0].start(1)
    if left:  # drawn just left of the glyph, which stays where it was
        tokens[first.position] = token[:start - 1] + b"%d<%04x><" % (CARRIER_WIDTH, spacer) \
            + token[start:]
        return
    tokens[first.position] = token[:start] + b"%04x>%d<" % (spacer, CARRIER_WIDTH) \
        + token[start:]


def _right_to_left(glyphs: list[Any]) -> bool:
    """Whether the first character other than a mark or a joiner that `glyphs` draw is a
    right-to-left letter (a space next to a Latin word or punctuation stays as it is: MuPDF,
    which gives a glyph the direction of its text's first character, then misorders a Latin
    credit's letters, measured; one next to a number is `_by_numbers`')."""
    return _first_kind(glyphs) in ("R", "AL")


def _first_kind(glyphs: list[Any]) -> str:
    """The bidi class of the first character other than a mark or a joiner that `glyphs`
    draw ("" when there is none)."""
    for glyph in glyphs:
        for character in glyph.text:
            kind = unicodedata.bidirectional(character)
            if kind not in ("NSM", "BN"):
                return kind
    return ""
