"""The text layer's fonts (glyph_copies.Fonts, retag.text_layer): a font name names the font
of its own page or form, and each font is written once per output."""

from __future__ import annotations

from types import SimpleNamespace

import pydyf
import pytest

from briefs.render.tagging.glyph_copies import Fonts
from briefs.render.tagging.recover import Marked
from tests.unit.render.tagging.fonts import one_font_pdf


def _second_page(pdf: pydyf.PDF, text: str, width: int) -> pydyf.Stream:
    """A second page whose /F1 is another font: glyph 1 maps to `text`, `width` wide."""
    cmap = pydyf.Stream([b"1 beginbfchar", b"<0001> <%s>" % text.encode("utf-16-be").hex().encode(),
                         b"endbfchar", b"endcmap"])
    pdf.add_object(cmap)
    cid = pydyf.Dictionary({"Type": "/Font", "Subtype": "/CIDFontType2",
                            "W": pydyf.Array([1, pydyf.Array([width])])})
    pdf.add_object(cid)
    font = pydyf.Dictionary({"Type": "/Font", "Subtype": "/Type0", "ToUnicode": cmap.reference,
                             "DescendantFonts": pydyf.Array([cid.reference])})
    pdf.add_object(font)
    stream = pydyf.Stream([b"/F1 12 Tf", pydyf.Dictionary({"MCID": 0}), b"BDC",
                           b"[<0001>] TJ", b"EMC"])
    pdf.add_object(stream)
    pdf.add_page(pydyf.Dictionary({
        "Type": "/Page", "Contents": stream.reference,
        "Resources": pydyf.Dictionary({"Font": pydyf.Dictionary({"F1": font.reference})})}))
    return stream


def test_the_same_name_on_two_pages_names_each_page_s_font() -> None:
    pdf, _stream, _font, first = one_font_pdf(b"", {1: "a"}, b"[<0001>] TJ")
    second = Marked(1, _second_page(pdf, "b", 700), 1, None)
    fonts = Fonts(pdf)
    for _ in range(2):  # asked again, answered from what was found
        assert (fonts.text(first, "F1", 1), fonts.width(first, "F1", 1)) == ("a", 350.0)
        assert (fonts.text(second, "F1", 1), fonts.width(second, "F1", 1)) == ("b", 700.0)
    assert fonts.text(first, "F2", 1) == "" and fonts.width(second, "F2", 1) == 0.0


def test_a_glyph_without_a_width_has_the_default_one() -> None:
    pdf, _stream, font, first = one_font_pdf(b"", {1: "a"}, b"[<0001>] TJ")
    assert Fonts(pdf).width(first, "F1", 9) == 1000.0
    descendant = pdf.objects[int(font["DescendantFonts"][0].split()[0])]
    descendant["DW"] = 500
    assert Fonts(pdf).width(first, "F1", 9) == 500.0


def test_the_text_layer_writes_each_font_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The joiners' and the /ActualText steps make their copies in one `Fonts`, saved once:
    each embedded font read and compiled once per output, not once per step."""
    from briefs.render.tagging import retag

    saved: list[Fonts] = []  # each font-writing save, by its Fonts
    monkeypatch.setattr(Fonts, "save", lambda self: saved.append(self))
    pdf, _stream, _font, _first = one_font_pdf(b"", {1: "a"}, b"[<0001>] TJ")
    retag.text_layer(SimpleNamespace(pages=[]), pdf, {}, {})
    assert len(saved) == 1
