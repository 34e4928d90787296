"""The dash of a range in Arabic-Indic or Persian digits drawn right to left reads RLM + dash +
RLM (a copy mapped to RLM + dash, an empty carrier mapped to RLM just after it), so that
poppler and PDFium read the range in logical order and pdf.js keeps the dash."""

from __future__ import annotations

import unicodedata
from types import SimpleNamespace

import pydyf
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen

from briefs.render.tagging.glyph_copies import Fonts
from briefs.render.tagging.range_dashes import mark_range_dashes
from briefs.render.tagging.recover import Marked, resolve
from tests.unit.render.tagging.fonts import finished, one_font_pdf

NAMES = [".notdef", "one", "two", "dash", "stop", "space", "e1", "e2", "e3", "e4", "e5", "e6"]
TEXTS = {1: "۱", 2: "۲", 3: "\u2013", 4: ".", 5: " "}


def _font_file() -> bytes:
    """Two digits and a dash with outlines, and two empty, zero-width glyphs (free slots)."""
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(NAMES)
    builder.setupCharacterMap({})
    pen = TTGlyphPen(None)
    pen.moveTo((0, 0))
    pen.lineTo((300, 0))
    pen.lineTo((300, 400))
    pen.closePath()
    square, empty = pen.glyph(), TTGlyphPen(None).glyph()
    builder.setupGlyf({name: empty if name.startswith("e") else square for name in NAMES})
    builder.setupHorizontalMetrics({name: (0 if name.startswith("e") else 350, 0)
                                    for name in NAMES})
    return finished(builder)


def _pdf(shown: bytes) -> tuple[pydyf.PDF, pydyf.Stream, pydyf.Dictionary, Marked]:
    return one_font_pdf(_font_file(), TEXTS, shown)


def _marked(shown: bytes, text: str) -> tuple[bytes, bytes]:
    pdf, stream, font, sequence = _pdf(shown)
    fonts = Fonts(pdf)
    mark_range_dashes({"k": sequence}, {"k": SimpleNamespace(text=text)}, fonts)  # type: ignore[dict-item]
    fonts.save()
    return stream.stream[3], b"\n".join(resolve(pdf, font["ToUnicode"]).stream)


def test_a_range_drawn_right_to_left_gets_a_dash_read_right_to_left() -> None:
    """`۱۱–۲۲` drawn as `۲۲–۱۱` (left to right): the dash becomes glyph 6, mapped to
    RLM + en dash, and the empty glyph 7 mapped to RLM is drawn just after it, the pen moved
    back over it (one thousandth of an em): RLM + dash + RLM in drawing order, the places
    unchanged; the digits are left as they are."""
    shown, cmap = _marked(b"[<0002><0002>0<0003>0<0001><0001>] TJ", "سال ۱۱–۲۲.")
    assert shown == b"[<0002><0002>0<00060007>1<>0<0001><0001>] TJ"
    assert b"<0006> <200f2013>" in cmap and b"<0007> <200f>" in cmap


def test_no_glyph_of_the_dash_reads_as_text_ending_with_a_mark() -> None:
    """pdf.js skips a glyph whose text ends with a format character (its
    `isInvisibleFormatMark`): mapped to RLM + dash + RLM, the dash was lost and the two
    numbers ran together (`۲۰۱۶۲۰۲۵`). The dash's own text ends with the dash; the mark
    after it is a glyph of its own, which pdf.js may skip."""
    shown, cmap = _marked(b"[<0002><0002><0003><0001><0001>] TJ", "سال ۱۱–۲۲.")
    dash = shown.split(b"<")[3][:4]
    mapped = next(line for line in cmap.split(b"\n") if line.startswith(b"<%s> " % dash))
    text = bytes.fromhex(mapped.split(b"<")[2].rstrip(b">").decode()).decode("utf-16-be")
    assert text == "\u200f\u2013" and unicodedata.category(text[-1]) != "Cf"


def test_two_ranges_in_one_string_each_get_their_carrier_in_place() -> None:
    """`۱۱–۲۲` and `۱–۲` drawn in one `TJ`: a carrier after each dash, the later one drawn
    first so that the earlier one's place in the string is still right."""
    shown, _ = _marked(b"[<000200030001>-250<00020002000300010001>] TJ", "۱۱–۲۲ ۱–۲")
    assert shown == b"[<00020006" b"0007>1<0001>-250<000200020006" b"0007>1<00010001>] TJ"


def test_punctuation_drawn_just_outside_the_range_gets_an_alm_on_its_side() -> None:
    """`، ۱۱–۲۲.` drawn as `.۲۲–۱۱ ،`: the stop left of the range maps to stop + ALM (pdf.js
    drops it, and no word with it), the space and the stop on its right to ALM + space and
    ALM + stop, in drawing order."""
    shown, cmap = _marked(b"[<0004><0002><0002><0003><0001><0001><0005><0004>] TJ",
                          "سال. ۱۱–۲۲.")
    assert shown == b"[<0007><0002><0002><0006000a>1<><0001><0001><0008><0009>] TJ"
    assert b"<0007> <002e061c>" in cmap and b"<0009> <061c002e>" in cmap
    assert b"<0008> <061c0020>" in cmap


def test_a_range_drawn_left_to_right_or_not_a_range_is_left_alone() -> None:
    """Drawn in logical order (a Persian range with a hyphen-minus, which the bidi algorithm
    keeps left to right), read right already; and a dash between two numbers that are no
    range (`۲۲–۱۱`: the first is not the smaller) is not a range at all."""
    shown, cmap = _marked(b"[<0001><0001><0003><0002><0002>] TJ", "سال ۱۱–۲۲.")
    assert shown == b"[<0001><0001><0003><0002><0002>] TJ"
    assert b"200f" not in cmap
    shown, _ = _marked(b"[<0002><0002><0003><0001><0001>] TJ", "سال ۲۲۲۲۲۲–۱۱.")
    assert shown == b"[<0002><0002><0003><0001><0001>] TJ"
