"""The fonts of a PDF's text layer by resource name: looked up once each, not per glyph."""

from __future__ import annotations

import pytest

from briefs.render.tagging.glyph_copies import Fonts
from tests.unit.render.tagging.fonts import one_font_pdf


def test_a_font_is_looked_up_once_however_many_glyphs_are_read(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """An Arabic page's text layer read each glyph's text and width through the page's
    resources again (50,000 look-ups, a third of the ar brief's text-layer CPU)."""
    pdf, _, _, sequence = one_font_pdf(b"", {1: "a", 2: "b"}, b"<0001> Tj")
    looked_up = []
    pages = type(pdf).page_references

    def counted(self: object) -> object:
        looked_up.append(1)
        return pages.fget(self)  # type: ignore[attr-defined]

    monkeypatch.setattr(type(pdf), "page_references", property(counted))
    fonts = Fonts(pdf)
    read = [(fonts.text(sequence, "F1", glyph), fonts.width(sequence, "F1", glyph))
            for _ in range(50) for glyph in (1, 2, 9)]
    assert read[:3] == [("a", 350.0), ("b", 350.0), ("", 1000.0)]
    assert fonts.text(sequence, "F2", 1) == "" and fonts.width(sequence, "F2", 1) == 0.0
    assert len(looked_up) == 2  # F1 and the unknown F2, once each
