"""Right-to-left ligature glyphs mapped in drawing order in the ToUnicode CMap."""

from __future__ import annotations

import pydyf

from briefs.render.tagging.tounicode import reversed_in_drawing_order, right_to_left_ligatures


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-be").hex().encode()


def test_an_arabic_ligature_is_written_in_drawing_order() -> None:
    assert reversed_in_drawing_order("\u0644\u0627") == "\u0627\u0644"  # lam-alef
    assert reversed_in_drawing_order("\u0644\u0623") == "\u0623\u0644"
    assert reversed_in_drawing_order("\u0628\u064e") == "\u064e\u0628"  # beh with fatha
    assert reversed_in_drawing_order("\u0645\u200c") == "\u200c\u0645"  # meem, ZWNJ


def test_left_to_right_and_single_characters_are_left_alone() -> None:
    assert reversed_in_drawing_order("fi") is None
    assert reversed_in_drawing_order("\u0644") is None
    assert reversed_in_drawing_order("\u0915\u094d\u0937") is None  # a Devanagari conjunct
    assert reversed_in_drawing_order("1\u0644") is None  # a digit is not right to left


def test_the_finisher_step_rewrites_only_right_to_left_mappings() -> None:
    pdf = pydyf.PDF()
    cmap = pydyf.Stream([b"1 begincodespacerange", b"<0000> <ffff>", b"3 beginbfchar",
                         b"<02c1> <" + _utf16("\u0644\u0627") + b">",
                         b"<0011> <" + _utf16("fi") + b">",
                         b"<0012> <" + _utf16("\u0644") + b">", b"endbfchar"])
    pdf.add_object(cmap)
    pdf.add_object(pydyf.Dictionary({"Type": "/Font", "ToUnicode": cmap.reference}))
    right_to_left_ligatures(None, pdf)
    assert cmap.stream[3] == b"<02c1> <" + _utf16("\u0627\u0644") + b">"
    assert cmap.stream[4:6] == [b"<0011> <" + _utf16("fi") + b">",
                                b"<0012> <" + _utf16("\u0644") + b">"]
    assert cmap.stream[1] == b"<0000> <ffff>"
