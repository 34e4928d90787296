"""Glyph copies in an OpenType/CFF font: a copy draws what its source draws, a composite draws
the letter and its marks at their offsets, both with the letter's advance."""

from __future__ import annotations

import io
from pathlib import Path

import pydyf
import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.boundsPen import BoundsPen
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.ttLib import TTFont

from briefs.render.tagging import cff_glyphs
from briefs.render.tagging.glyph_copies import Fonts
from briefs.render.tagging.recover import Marked
from tests.unit.render.tagging.fonts import finished

NAMES = [".notdef", "beh", "dot", "e1", "e2", "e3"]
BOXES = {".notdef": (0, 0, 400, 600), "beh": (50, 0, 450, 300), "dot": (0, 0, 100, 100)}
ADVANCES = {".notdef": 500, "beh": 500, "dot": 0}


def _font() -> TTFont:
    """A CFF font: a letter, a zero-width mark and three empty, zero-width glyphs (what a
    subset that keeps glyph ids leaves where glyphs were dropped)."""
    strings = {}
    for name in NAMES:
        pen = T2CharStringPen(ADVANCES.get(name, 0), None)
        if name in BOXES:
            x0, y0, x1, y1 = BOXES[name]
            pen.moveTo((x0, y0))
            pen.lineTo((x1, y0))
            pen.lineTo((x1, y1))
            pen.lineTo((x0, y1))
            pen.closePath()
        strings[name] = pen.getCharString()
    builder = FontBuilder(1000, isTTF=False)
    builder.setupGlyphOrder(NAMES)
    builder.setupCharacterMap({0x628: "beh"})
    builder.setupCFF("T", {"FullName": "T"}, strings, {})
    builder.setupHorizontalMetrics({name: (ADVANCES.get(name, 0), BOXES.get(name, (0,))[0])
                                    for name in NAMES})
    return TTFont(io.BytesIO(finished(builder)))


def _bounds(font: TTFont, gid: int) -> tuple[float, ...] | None:
    glyphs = font.getGlyphSet()
    pen = BoundsPen(glyphs)
    glyphs[font.getGlyphOrder()[gid]].draw(pen)
    return pen.bounds


def _saved(font: TTFont) -> TTFont:
    out = io.BytesIO()
    font.save(out)
    return TTFont(io.BytesIO(out.getvalue()))


def test_free_slots_are_the_empty_zero_width_glyphs_nothing_uses() -> None:
    font = _font()
    assert cff_glyphs.is_cff(font)
    assert cff_glyphs.free_slots(font, used={1, 4}) == [3, 5]  # `dot` has an outline


def test_a_copy_draws_its_source_with_its_advance() -> None:
    font = _font()
    cff_glyphs.copy_glyph(font, 1, 3)
    font = _saved(font)
    assert _bounds(font, 3) == _bounds(font, 1) == (50, 0, 450, 300)
    assert font["hmtx"]["e1"] == font["hmtx"]["beh"]


def test_a_composite_draws_the_letter_and_its_marks_at_their_offsets() -> None:
    font = _font()
    cff_glyphs.composite(font, 1, ((2, 200, 350), (2, 300, -150)), 4)
    font = _saved(font)
    assert _bounds(font, 4) == (50, -150, 450, 450)
    assert font["hmtx"]["e2"] == (500, 50)
    assert _charstring_width(font, "e2") == 500  # in the charstring too (PDF/A: as in /W)


def _charstring_width(font: TTFont, name: str) -> float:
    charstring = font["CFF "].cff.topDictIndex[0].CharStrings[name]
    charstring.draw(BoundsPen(None))  # the width read with the Private dict's nominalWidthX
    return float(charstring.width)


CJK = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


@pytest.mark.skipif(not CJK.is_file(), reason="Noto Sans CJK is not installed (fonts-noto-cjk)")
def test_in_a_cid_keyed_font_the_new_glyph_takes_its_sources_font_dict() -> None:
    """Noto Sans CJK is CID-keyed: `a` and the ideographs are in font dicts of their own,
    whose Private dicts (subroutines, nominal width) differ. A copy or composite of `a` must
    take `a`'s font dict, and its advance must read the same through it."""
    import uharfbuzz

    face = uharfbuzz.Face(uharfbuzz.Blob.from_file_path(str(CJK)), 0)
    wanted = uharfbuzz.SubsetInput()
    wanted.unicode_set.update(map(ord, "a水中"))
    wanted.flags = uharfbuzz.SubsetFlags.CFF_IDENTITY_CHARSET
    font = TTFont(io.BytesIO(bytes(uharfbuzz.subset(face, wanted).blob.data)))
    order, top = font.getGlyphOrder(), font["CFF "].cff.topDictIndex[0]
    latin = order.index(font.getBestCmap()[ord("a")])
    others = [gid for gid in range(1, len(order)) if gid != latin]
    assert top.FDSelect[others[0]] != top.FDSelect[latin]
    cff_glyphs.copy_glyph(font, latin, others[0])
    cff_glyphs.composite(font, latin, ((latin, 300, 0),), others[1])
    font = _saved(font)
    top = font["CFF "].cff.topDictIndex[0]
    advance = font["hmtx"][order[latin]][0]
    for slot in others[:2]:
        assert top.FDSelect[slot] == top.FDSelect[latin]
        assert _charstring_width(font, order[slot]) == advance
    assert _bounds(font, others[0]) == _bounds(font, latin)


def test_a_cid_keyed_font_whose_charset_is_not_the_identity_gets_no_copies() -> None:
    """Its glyphs are found by CID, not by glyph id: a copy at a free glyph id would not be."""
    font = _font()
    assert cff_glyphs.is_cff(font)
    top = font["CFF "].cff.topDictIndex[0]
    top.ROS = ("Adobe", "Identity", 0)
    font.setGlyphOrder([".notdef", "cid00001", "cid00007", "cid00003", "cid00004", "cid00005"])
    assert not cff_glyphs.is_cff(font)
    font.setGlyphOrder([".notdef", *(f"cid{gid:05d}" for gid in range(1, 6))])
    assert cff_glyphs.is_cff(font)


def _pdf_with(font: TTFont) -> tuple[pydyf.PDF, pydyf.Stream, Marked]:
    """A page drawing with `font` embedded as WeasyPrint embeds an `.otf` face."""
    out = io.BytesIO()
    font.save(out)
    pdf = pydyf.PDF()
    file = pydyf.Stream([out.getvalue()], pydyf.Dictionary({"Subtype": "/OpenType"}))
    pdf.add_object(file)
    descriptor = pydyf.Dictionary({"Type": "/FontDescriptor", "FontFile3": file.reference})
    pdf.add_object(descriptor)
    cid = pydyf.Dictionary({"Type": "/Font", "Subtype": "/CIDFontType0",
                            "W": pydyf.Array([1, pydyf.Array([500, 0])]),
                            "FontDescriptor": descriptor.reference})
    pdf.add_object(cid)
    cmap = pydyf.Stream([b"2 beginbfchar", b"<0001> <0628>", b"<0002> <064b>", b"endbfchar",
                         b"endcmap"])
    pdf.add_object(cmap)
    type0 = pydyf.Dictionary({"Type": "/Font", "Subtype": "/Type0",
                              "ToUnicode": cmap.reference,
                              "DescendantFonts": pydyf.Array([cid.reference])})
    pdf.add_object(type0)
    fonts = pydyf.Dictionary({"F1": type0.reference})
    pdf.add_object(fonts)
    stream = pydyf.Stream([b"/F1 12 Tf", pydyf.Dictionary({"MCID": 0}), b"BDC",
                           b"[<0002><0001>] TJ", b"EMC"])
    pdf.add_object(stream)
    pdf.add_page(pydyf.Dictionary({"Type": "/Page", "Contents": stream.reference,
                                   "Resources": pydyf.Dictionary({"Font": fonts.reference})}))
    return pdf, file, Marked(0, stream, 1, None)


def test_copies_are_made_in_an_embedded_otf_and_written_back() -> None:
    pdf, file, sequence = _pdf_with(_font())
    fonts = Fonts(pdf)
    assert fonts.copy_as(sequence, "F1", 1, "\u0628\u200c") == 3
    assert fonts.composite(sequence, "F1", 1, ((2, 200, 350),), "\u0628") == 4
    fonts.save()
    written = TTFont(io.BytesIO(file.stream[0]))
    assert _bounds(written, 3) == _bounds(written, 1)
    assert _bounds(written, 4) == (50, 0, 450, 450)
    assert "Length1" not in file.extra


def test_a_hostile_charstring_gets_no_composite_and_fails_nothing() -> None:
    """A brand font whose letter calls a subroutine that does not exist: fontTools cannot
    draw it nor write the font back, so no copy or composite is made (the letter is drawn as
    it was) and the render goes on."""
    font = _font()
    top = font["CFF "].cff.topDictIndex[0]
    broken = top.CharStrings["beh"]
    broken.decompile()
    broken.program = [500, 5, "callsubr", "endchar"]
    font.recalcBBoxes = False  # else fontTools itself would not write it
    pdf, _file, sequence = _pdf_with(font)
    fonts = Fonts(pdf)
    assert fonts.composite(sequence, "F1", 1, ((2, 200, 350),), "\u0628") == 1
    assert fonts.copy_as(sequence, "F1", 1, "\u0628\u200c") is None  # it could not be written
    assert len(fonts.refused) == 1 and not fonts.copies  # read once, not for every line
    fonts.save()
