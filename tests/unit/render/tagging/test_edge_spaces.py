"""In a right-to-left text box, the space glyphs pdf.js would lose (drawn first or last next to
a right-to-left letter, or just before a mark's carrier) get a copy mapped to RLM + space; drawn
first or last next to a number, one mapped to ALM + space."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pydyf

from briefs.render.tagging.edge_spaces import keep_edge_spaces, line_end_boxes
from briefs.render.tagging.glyph_copies import Fonts
from briefs.render.tagging.recover import Marked, resolve
from tests.unit.render.tagging.fonts import one_font_pdf
from tests.unit.render.tagging.test_range_dashes import _font_file

TEXTS = {1: "ب", 2: "\u0654", 3: "a", 4: ".", 5: " "}


def _pdf(shown: bytes) -> tuple[pydyf.PDF, pydyf.Stream, pydyf.Dictionary, Marked]:
    return one_font_pdf(_font_file(), TEXTS, shown)


def _kept(shown: bytes, direction: str = "rtl", text: str = "ب ب",
          line_end: bool = False) -> tuple[bytes, bytes]:
    pdf, stream, font, sequence = _pdf(shown)
    fonts = Fonts(pdf)
    box = SimpleNamespace(text=text, style={"direction": direction})
    keep_edge_spaces({"k": sequence}, {"k": box}, fonts,  # type: ignore[dict-item]
                     {id(box)} if line_end else frozenset())
    fonts.save()
    return stream.stream[3], b"\n".join(resolve(pdf, font["ToUnicode"]).stream)


def test_a_space_drawn_first_or_last_next_to_a_right_to_left_letter_is_text_to_pdfjs() -> None:
    shown, cmap = _kept(b"[<0005><0001><0005><0001><0005>] TJ")
    assert shown == b"[<0006><0001><0005><0001><0006>] TJ"
    assert b"<0006> <200f0020>" in cmap


def test_a_space_drawn_just_before_a_marks_carrier_is_text_to_pdfjs() -> None:
    """`بٔ ب` drawn left to right: letter, space, carrier, letter."""
    shown, _ = _kept(b"[<0001><0005><0002>1<0001>] TJ")
    assert shown == b"[<0001><0006><0002>1<0001>] TJ"


def test_other_spaces_and_left_to_right_boxes_are_left_alone() -> None:
    """A space between two letters inside the box, one at an edge next to a Latin letter or
    punctuation, and every space of a left-to-right box keep the space glyph."""
    for shown in (b"[<0001><0005><0001>] TJ", b"[<0005><0003><0004><0005>] TJ",
                  b"[<0005><0004><0001>] TJ"):
        assert _kept(shown)[0] == shown
    assert _kept(b"[<0005><0001><0005><0002><0001>] TJ", "ltr")[0] \
        == b"[<0005><0001><0005><0002><0001>] TJ"


def test_a_right_to_left_box_that_ends_its_line_ends_with_a_space_pdfjs_keeps() -> None:
    """`بب` ending its line: an empty glyph mapped to RLM + space is drawn just left of the
    first glyph drawn (the box's logical end), which stays where it was."""
    shown, cmap = _kept(b"[<0001><0001>] TJ", text="بب", line_end=True)
    assert shown == b"[1<0006><0001><0001>] TJ"
    assert b"<0006> <200f0020>" in cmap
    assert _kept(b"[<0004><0004>] TJ", text="٤١", line_end=True)[0] \
        == b"[1<0006><0004><0004>] TJ"  # a number in Arabic-Indic digits (bidi class AN)


def test_a_line_end_box_with_no_right_to_left_letter_or_ending_in_a_space_is_left_alone() -> None:
    """A box with no right-to-left letter or Arabic-Indic digit (PDFium reads a Persian
    `٪۷۰` reversed beside an RLM), a left-to-right box, and one that does not end its line
    keep what they draw."""
    assert _kept(b"[<0004><0004>] TJ", text="٪۷۰", line_end=True)[0] == b"[<0004><0004>] TJ"
    assert _kept(b"[<0001><0001>] TJ", "ltr", text="بب", line_end=True)[0] \
        == b"[<0001><0001>] TJ"
    assert _kept(b"[<0001><0001>] TJ", text="بب")[0] == b"[<0001><0001>] TJ"


def _line_end_texts(document: Any) -> list[str]:
    """The text of every box `line_end_boxes` gives for a laid-out `document`."""
    texts = []
    stack = [page._page_box for page in document.pages]
    ends = line_end_boxes(document)
    while stack:
        box = stack.pop()
        if id(box) in ends:
            texts.append(box.text)
        stack.extend(getattr(box, "children", ()))
    return texts


def test_line_end_boxes_are_the_last_text_box_of_each_line() -> None:
    from weasyprint import HTML

    document = HTML(string='<p dir="rtl" style="width: 1px">باب <b>بيت</b> دار</p>'
                    "<p>one <i>two</i></p>").render()
    assert sorted(text.strip() for text in _line_end_texts(document)) == sorted(
        ["باب", "بيت", "دار", "two"])


def test_a_box_before_a_space_of_its_own_ends_as_a_line_does() -> None:
    """`باب <b>بيت</b> <nobr>د-ار</nobr>` on one line: the space between the bold word and
    the no-break span is a text box of its own (drawn as a gap, which pdf.js cannot see
    across a move back: `יותרב-2025` in the Hebrew fact sheet), so the bold word's box
    gets the spacer a line's end gets; `باب ` holds its own space."""
    from weasyprint import HTML

    document = HTML(string='<p dir="rtl">باب <b>بيت</b> '
                    '<span style="white-space: nowrap">د-ار</span></p>').render()
    assert sorted(_line_end_texts(document)) == sorted(["بيت", "د-ار"])


NUMBER_TEXTS = {1: "\u06f4", 2: "\u0628", 3: "a", 4: "\u0664", 5: " "}
"""A Persian digit (bidi class EN), a letter, a Latin letter, an Arabic-Indic digit (AN)."""


def _kept_by_numbers(shown: bytes) -> tuple[bytes, bytes]:
    pdf, stream, font, sequence = one_font_pdf(_font_file(), NUMBER_TEXTS, shown)
    fonts = Fonts(pdf)
    box = SimpleNamespace(text="\u06f4 \u0628", style={"direction": "rtl"})
    keep_edge_spaces({"k": sequence}, {"k": box}, fonts)  # type: ignore[dict-item]
    fonts.save()
    return stream.stream[3], b"\n".join(resolve(pdf, font["ToUnicode"]).stream)


def test_a_space_drawn_first_or_last_next_to_a_number_is_text_to_pdfjs() -> None:
    """`۱۴۰۴ ` before a bold `۳۰` in the Persian fact sheet: the space between the two boxes
    is drawn first in the first, next to the number, and pdf.js read `۱۴۰۴۳۰`. It maps to
    ALM + space (pdf.js's bidi pass types RLM as left to right and moved an RLM + space to
    the number's far side); a Persian or an Arabic-Indic number, at either edge."""
    shown, cmap = _kept_by_numbers(b"[<0005><0001><0001>] TJ")
    assert shown == b"[<0006><0001><0001>] TJ"
    assert b"<0006> <061c0020>" in cmap
    assert _kept_by_numbers(b"[<0004><0004><0005>] TJ")[0] == b"[<0004><0004><0006>] TJ"


def test_a_space_inside_a_box_or_beside_a_latin_letter_is_left_alone() -> None:
    for shown in (b"[<0001><0005><0001>] TJ", b"[<0005><0003><0001>] TJ"):
        assert _kept_by_numbers(shown)[0] == shown
