"""A base letter and the marks drawn on it drawn as one composite glyph mapped to the letter,
after an empty glyph that carries the marks' text."""

from __future__ import annotations

import io

import pydyf
from fontTools.ttLib import TTFont

from briefs.render.tagging import joiners, marks
from briefs.render.tagging.glyph_copies import _widths
from briefs.render.tagging.recover import Marked, resolve
from tests.unit.render.tagging.test_joiners import _pdf

FATHATAN = "\u064b"


def _with_a_mark(content: list[object]) -> tuple[pydyf.PDF, pydyf.Stream, pydyf.Dictionary,
                                                   Marked]:
    pdf, stream, font, sequence = _pdf(content)
    cmap = resolve(pdf, font["ToUnicode"])
    cmap.stream[1:1] = [b"<0003> <064b>"]
    cmap.stream[0] = b"2 beginbfchar"
    descendant = resolve(pdf, font["DescendantFonts"][0])
    descendant["W"].extend([3, pydyf.Array([0])])
    return pdf, stream, font, sequence


def test_a_raised_mark_drawn_before_its_letter_becomes_part_of_it() -> None:
    content: list[object] = [b"/F1 12 Tf", pydyf.Dictionary({"MCID": 0}), b"BDC",
                             b"[<0001>0] TJ", b"1.5 Ts", b"[-100<0003>] TJ", b"0 Ts",
                             b"[<>100<0001>0] TJ", b"EMC"]
    pdf, stream, font, sequence = _with_a_mark(content)
    fonts = joiners.Fonts(pdf)
    marks.attach_marks(sequence, [True, True, True], fonts)
    fonts.save()
    assert stream.stream[3] == b"[<0001>0] TJ"
    assert stream.stream[5] == b""  # the mark's own operator: nothing left to show
    # its moves folded into the letter's; the carrier (2) drawn first, the pen moved back
    # over its one thousandth of an em, then the composite (4)
    assert stream.stream[7] == b"[0<0002>1<0004>0] TJ"
    cmap = b"\n".join(resolve(pdf, font["ToUnicode"]).stream)
    assert b"<0004> <0061>" in cmap  # the composite: the letter
    assert b"<0002> <064b>" in cmap  # the carrier: the mark (engines read it after)
    assert _widths(pdf, font)[4] == 450
    assert _widths(pdf, font)[2] == 1  # PDFium drops a zero-width glyph
    file = next(item for item in pdf.objects
                if isinstance(item, pydyf.Stream) and "Length1" in item.extra)
    tt = TTFont(io.BytesIO(file.stream[0]))
    order = tt.getGlyphOrder()
    composite = tt["glyf"][order[4]]
    assert composite.isComposite()
    assert [(c.glyphName, c.x, c.y) for c in composite.components] == [("a", 0, 0),
                                                                      ("e2", 100, 125)]
    assert tt["hmtx"][order[4]][0] == 450
    assert tt["glyf"][order[2]].numberOfContours == 0  # the carrier draws nothing
    assert tt["hmtx"][order[2]][0] == max(1, round(tt["head"].unitsPerEm / 1000))


def test_left_to_right_runs_and_lines_that_do_not_match_are_left_alone() -> None:
    content: list[object] = [b"/F1 12 Tf", pydyf.Dictionary({"MCID": 0}), b"BDC",
                             b"[<0003><0001>] TJ", b"EMC"]
    pdf, stream, _, sequence = _with_a_mark(content)
    marks.attach_marks(sequence, [False, False], joiners.Fonts(pdf))
    assert stream.stream[3] == b"[<0003><0001>] TJ"
    marks.attach_marks(sequence, [True, True, True], joiners.Fonts(pdf))
    assert stream.stream[3] == b"[<0003><0001>] TJ"


def test_the_text_of_a_letter_with_marks() -> None:
    """The letter, and the carrier's text in drawing order: read reversed, it follows the
    letter as marks in logical order, then the ZWNJ the letter carried."""
    assert marks._split("\u0639", [FATHATAN]) == ("\u0639", FATHATAN)
    letter, carried = marks._split("\u0645\u200c", ["\u064e", "\u0651"])
    assert letter == "\u0645"
    assert carried[::-1] == "\u0651\u064e\u200c"  # marks drawn in reverse; the ZWNJ last


def test_moves_around_an_empty_string_are_added_up() -> None:
    assert marks._merged(b"[-133.5<><>133<0002>0] TJ") == b"[-0.5<0002>0] TJ"
    assert marks._merged(b"[<0001>12<0002>] TJ") == b"[<0001>12<0002>] TJ"


def test_a_word_final_mark_carries_an_arabic_letter_mark_after_it() -> None:
    """PDFium read `كثيراً.` as `كثيرا.ً`: at the end of a word (a space, punctuation or
    nothing drawn to the letter's left) the carrier's text gets an ALM after the marks, in
    logical order (tounicode.py turns a text with a right-to-left letter into drawing order);
    inside a word it is left alone."""
    tanwin, shadda, fatha, alm = "\u064b", "\u0651", "\u064e", "\u061c"
    assert marks._word_final(tanwin, ".") == tanwin + alm
    assert marks._word_final(tanwin, "") == tanwin + alm
    assert marks._word_final(tanwin, " ") == tanwin + alm
    assert marks._word_final(fatha + shadda, "") == shadda + fatha + alm  # drawing order in
    assert marks._word_final(tanwin, "\u0631") == tanwin
    assert marks._word_final(tanwin, "\u064e") == tanwin
    assert marks._word_final("\u05b8", ".", "\u05d0") == "\u05b8\u200f"  # Hebrew: RLM
