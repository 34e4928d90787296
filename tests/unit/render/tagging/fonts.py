"""Test fonts of the tagging tests: the tables each ends with, and a one-page PDF drawing one."""

from __future__ import annotations

import io
from typing import Any


def finished(builder: Any) -> bytes:
    """A fontTools FontBuilder's font, its header, names, OS/2 and post tables set, as bytes."""
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "T", "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    out = io.BytesIO()
    builder.save(out)
    return out.getvalue()


def square_font(letters: dict[str, int], empty: int) -> bytes:
    """A TrueType font with .notdef (500 wide), each of `letters` a square outline of its
    width, and `empty` empty zero-width glyphs `e1`, `e2`... (as a subset that keeps glyph
    ids leaves them), in that glyph order."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    builder = FontBuilder(1000, isTTF=True)
    blanks = [f"e{number}" for number in range(1, empty + 1)]
    builder.setupGlyphOrder([".notdef", *letters, *blanks])
    builder.setupCharacterMap({ord(letter): letter for letter in letters})
    pen = TTGlyphPen(None)
    pen.moveTo((0, 0))
    pen.lineTo((400, 0))
    pen.lineTo((400, 500))
    pen.closePath()
    square = pen.glyph()
    builder.setupGlyf({".notdef": square, **dict.fromkeys(letters, square),
                       **{name: TTGlyphPen(None).glyph() for name in blanks}})
    builder.setupHorizontalMetrics({".notdef": (500, 0),
                                    **{letter: (width, 0) for letter, width in letters.items()},
                                    **dict.fromkeys(blanks, (0, 0))})
    return finished(builder)


def one_font_pdf(font_file: bytes, texts: dict[int, str],
                 shown: bytes) -> tuple[Any, Any, Any, Any]:
    """A one-page PDF as WeasyPrint writes one: a Type 0 font (`font_file`, each glyph id of
    `texts` mapped to its text, 350 wide), `shown` drawn in one marked sequence with it.
    Returns the PDF, its content stream, the font and the sequence."""
    import pydyf

    return one_font_page(font_file, texts, [b"/F1 12 Tf", pydyf.Dictionary({"MCID": 0}),
                                            b"BDC", shown, b"EMC"], [350] * 5)


def one_font_page(font_file: bytes, texts: dict[int, str], content: list[object],
                  widths: list[int]) -> tuple[Any, Any, Any, Any]:
    """A one-page PDF drawing `content` with font F1: a Type 0 font (`font_file`, each glyph
    id of `texts` mapped to its text, glyphs 1, 2... `widths` wide). Returns the PDF, its
    content stream, the font and the first marked sequence (MCID 0)."""
    import pydyf

    from briefs.render.tagging.recover import Marked

    pdf = pydyf.PDF()
    file = pydyf.Stream([font_file], pydyf.Dictionary({"Length1": 0}))
    pdf.add_object(file)
    descriptor = pydyf.Dictionary({"Type": "/FontDescriptor", "FontFile2": file.reference})
    pdf.add_object(descriptor)
    cid = pydyf.Dictionary({"Type": "/Font", "Subtype": "/CIDFontType2",
                            "W": pydyf.Array([1, pydyf.Array(widths)]),
                            "FontDescriptor": descriptor.reference})
    pdf.add_object(cid)
    lines = [b"%d beginbfchar" % len(texts),
             *(b"<%04x> <%s>" % (gid, text.encode("utf-16-be").hex().encode())
               for gid, text in texts.items()), b"endbfchar", b"endcmap"]
    cmap = pydyf.Stream(lines)
    pdf.add_object(cmap)
    font = pydyf.Dictionary({"Type": "/Font", "Subtype": "/Type0", "ToUnicode": cmap.reference,
                             "DescendantFonts": pydyf.Array([cid.reference])})
    pdf.add_object(font)
    fonts = pydyf.Dictionary({"F1": font.reference})
    pdf.add_object(fonts)
    stream = pydyf.Stream(content)
    pdf.add_object(stream)
    page = pydyf.Dictionary({"Type": "/Page", "Contents": stream.reference,
                             "Resources": pydyf.Dictionary({"Font": fonts.reference})})
    pdf.add_page(page)
    return pdf, stream, font, Marked(0, stream, 1, None)
