"""The one walk over every font's ToUnicode CMap that the CMap finisher steps share."""

from __future__ import annotations

import pydyf

from briefs.render.tagging.cmap_lines import rewrite_to_unicode_lines
from briefs.render.tagging.cmap_values import no_empty_mappings
from briefs.render.tagging.tounicode import right_to_left_ligatures

LAM_ALEF = "\u0644\u0627".encode("utf-16-be").hex().encode()
ALEF_LAM = "\u0627\u0644".encode("utf-16-be").hex().encode()


def _font(pdf: pydyf.PDF, cmap: pydyf.Stream) -> pydyf.Dictionary:
    font = pydyf.Dictionary({"Type": "/Font", "ToUnicode": cmap.reference})
    pdf.add_object(font)
    return font


def test_each_line_of_each_font_cmap_is_rewritten_and_nothing_else() -> None:
    pdf = pydyf.PDF()
    first, second = pydyf.Stream([b"<0001> <0041>", b"endbfchar"]), pydyf.Stream([b"<02>"])
    other = pydyf.Stream([b"<0001> <0041>"])  # a stream no font names as its ToUnicode
    for stream in (first, second, other):
        pdf.add_object(stream)
    _font(pdf, first)
    _font(pdf, second)
    pdf.add_object(pydyf.Dictionary({"Type": "/XObject", "ToUnicode": other.reference}))
    rewrite_to_unicode_lines(pdf, lambda line: line.lower() + b"!")
    assert first.stream == [b"<0001> <0041>!", b"endbfchar!"]
    assert second.stream == [b"<02>!"]
    assert other.stream == [b"<0001> <0041>"]


def test_a_line_that_is_not_bytes_is_left_as_it_is() -> None:
    pdf = pydyf.PDF()
    kept = pydyf.Dictionary()
    cmap = pydyf.Stream([b"<0001> <>", kept])
    pdf.add_object(cmap)
    _font(pdf, cmap)
    no_empty_mappings(None, pdf)
    assert cmap.stream == [b"<0001> <2060>", kept]


def test_a_cmap_two_fonts_share_is_rewritten_once() -> None:
    """Reversing a lam-alef mapping twice would undo it: a CMap shared by two fonts (pydyf
    writes one object once, whoever refers to it) is reversed once."""
    pdf = pydyf.PDF()
    cmap = pydyf.Stream([b"1 beginbfchar", b"<02c1> <" + LAM_ALEF + b">", b"endbfchar"])
    pdf.add_object(cmap)
    _font(pdf, cmap)
    _font(pdf, cmap)
    right_to_left_ligatures(None, pdf)
    assert cmap.stream[1] == b"<02c1> <" + ALEF_LAM + b">"
