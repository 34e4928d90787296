"""Each end of an SVG `<text>` element noted while drawing (a chart's label) gets an empty glyph
mapped to a direction mark and a space, which pdf.js keeps as text: the labels read apart."""

from __future__ import annotations

import pydyf

from briefs.render.svg_text_ends import ENDS, TextEnd
from briefs.render.tagging.glyph_copies import Fonts
from briefs.render.tagging.label_spaces import space_svg_text_ends
from briefs.render.tagging.recover import resolve
from tests.unit.render.tagging.fonts import one_font_pdf
from tests.unit.render.tagging.test_range_dashes import _font_file

TEXTS = {1: "ب", 2: "ج", 3: "a", 4: "b", 5: " "}
LABEL = [b"q", b"BT", b"/F1 8.5 Tf", b"1 0 0 -1 10 20 Tm", b"[<0003>0] TJ",
         b"1 0 0 -1 15 20 Tm", b"[<0004>0] TJ", b"ET", b"Q"]
"""A left-to-right label as WeasyPrint draws one: one `TJ` a character, its `ET` at 7."""
WHOLE = [b"q", b"BT", b"/F1 8.5 Tf", b"1 0 0 -1 10 20 Tm", b"[<0002><0001>] TJ", b"ET", b"Q"]
"""A right-to-left label drawn whole (svg_text.py), left to right: its `ET` at 5."""


def _spaced(tokens: list[bytes], ends: list[TextEnd],
            in_form: bool = False) -> tuple[list[bytes], bytes]:
    """The tokens after the step, drawn on the page or in a form XObject, and the CMap."""
    pdf, stream, font, _ = one_font_pdf(_font_file(), TEXTS, b"")
    target = stream
    if in_form:
        page = resolve(pdf, pdf.page_references[0])
        fonts = page["Resources"]["Font"]
        target = pydyf.Stream([], pydyf.Dictionary({
            "Type": "/XObject", "Subtype": "/Form",
            "Resources": pydyf.Dictionary({"Font": fonts})}))
        pdf.add_object(target)
        page["Resources"]["XObject"] = pydyf.Dictionary({"x0": target.reference})
        stream.stream = [b"q", b"/x0 Do", b"Q"]
    target.stream = list(tokens)
    setattr(target, ENDS, ends)
    fonts = Fonts(pdf)
    space_svg_text_ends(pdf, fonts)
    fonts.save()
    return target.stream, b"\n".join(resolve(pdf, font["ToUnicode"]).stream)


def test_a_left_to_right_label_starts_and_ends_with_a_space_pdfjs_keeps() -> None:
    """Before its first glyph (the pen moved back over the spacer: the glyph stays where it
    was) and after its last; the spacer maps to LRM + space."""
    tokens, cmap = _spaced(LABEL, [TextEnd(7, "left", "ltr"), TextEnd(7, "right", "ltr")])
    assert tokens[4] == b"[1<0006><0003>0] TJ"
    assert tokens[6] == b"[<0004>0<0006>] TJ"
    assert b"<0006> <200e0020>" in cmap
    assert [token for index, token in enumerate(tokens) if index not in (4, 6)] \
        == [token for index, token in enumerate(LABEL) if index not in (4, 6)]


def test_a_right_to_left_label_drawn_whole_ends_on_its_left() -> None:
    """Its logical end is the first glyph drawn (left), its start the last (right); RLM."""
    tokens, cmap = _spaced(WHOLE, [TextEnd(5, "right", "rtl"), TextEnd(5, "left", "rtl")])
    assert tokens[4] == b"[1<0006><0002><0001><0006>] TJ"
    assert b"<0006> <200f0020>" in cmap


def test_labels_in_form_xobjects_are_spaced() -> None:
    """WeasyPrint draws a label anchored in its middle in a transparency group of its own
    (matplotlib's category labels): its fonts are the form's resources."""
    tokens, cmap = _spaced(LABEL, [TextEnd(7, "right", "ltr")], in_form=True)
    assert tokens[6] == b"[<0004>0<0006>] TJ"
    assert b"<0006> <200e0020>" in cmap


def test_what_was_not_noted_or_no_longer_matches_is_left_alone() -> None:
    """Only noted text objects change; a note that does not point at an `ET`, or at a text
    object with nothing shown, changes nothing."""
    assert _spaced(LABEL, [])[0] == LABEL
    assert _spaced(LABEL, [TextEnd(6, "right", "ltr"), TextEnd(99, "left", "ltr")])[0] == LABEL
    empty = [b"BT", b"/F1 8.5 Tf", b"ET"]
    assert _spaced(empty, [TextEnd(2, "right", "ltr")])[0] == empty
