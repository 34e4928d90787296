"""The dash of a range in Arabic-Indic or Persian digits drawn right to left gets a copy mapped
to RLM + dash + RLM, so that poppler and PDFium read the range in logical order."""

from __future__ import annotations

from types import SimpleNamespace

import pydyf
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen

from briefs.render.tagging.glyph_copies import Fonts
from briefs.render.tagging.range_dashes import mark_range_dashes
from briefs.render.tagging.recover import Marked, resolve
from tests.unit.render.tagging.fonts import finished, one_font_pdf

NAMES = [".notdef", "one", "two", "dash", "stop", "space", "e1", "e2", "e3", "e4"]
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
    """`۱۱–۲۲` drawn as `۲۲–۱۱` (left to right): the dash becomes glyph 4, mapped to
    RLM + en dash + RLM; the digits are left as they are."""
    shown, cmap = _marked(b"[<0002><0002>0<0003>0<0001><0001>] TJ", "سال ۱۱–۲۲.")
    assert shown == b"[<0002><0002>0<0006>0<0001><0001>] TJ"
    assert b"<0006> <200f2013200f>" in cmap


def test_punctuation_drawn_just_outside_the_range_gets_an_alm_on_its_side() -> None:
    """`، ۱۱–۲۲.` drawn as `.۲۲–۱۱ ،`: the stop left of the range maps to stop + ALM, the
    space and the stop on its right to ALM + space and ALM + stop, in drawing order."""
    shown, cmap = _marked(b"[<0004><0002><0002><0003><0001><0001><0005><0004>] TJ",
                          "سال. ۱۱–۲۲.")
    assert shown == b"[<0007><0002><0002><0006><0001><0001><0008><0009>] TJ"
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
