"""The slug line's letters as vector outlines, taken from a font the document already uses.

The slug line (document, locale, profile, date, page) is drawn outside the bleed, where no
text box can be laid out; drawing its glyphs as paths needs no font to embed (PDF/X and PDF/A
forbid unembedded ones) and keeps the line out of the text a reader extracts. The outlines
are read from the full font (WeasyPrint keeps its HarfBuzz face), not from the subset it
embeds, which may lack some of the slug line's letters.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from fontTools.pens.basePen import BasePen


@dataclass(frozen=True)
class Glyph:
    """One character's outline at 1 pt (path operators relative to the origin) and advance."""

    path: tuple[tuple[str, tuple[float, ...]], ...]
    advance: float


@dataclass(frozen=True)
class SlugFont:
    """The outlines of the characters a slug line may use."""

    glyphs: dict[str, Glyph] = field(default_factory=dict)

    def covers(self, text: str) -> bool:
        return all(char in self.glyphs for char in text)

    def outline(self, char: str) -> list[bytes]:
        """PDF operators that fill one character, 1000 units to the em, from its origin."""
        operators = []
        for operator, points in self.glyphs[char].path:
            operands = " ".join(f"{value * 1000:.1f}" for value in points)
            operators.append(f"{operands} {operator}".strip().encode())
        return [*operators, b"f"] if operators else []


class _Recorder(BasePen):
    """A fontTools pen that records PDF path operators, scaled to 1 pt."""

    def __init__(self, glyph_set: Any, scale: float) -> None:
        super().__init__(glyph_set)
        self.scale = scale
        self.path: list[tuple[str, tuple[float, ...]]] = []

    def _point(self, *points: tuple[float, float]) -> tuple[float, ...]:
        return tuple(value * self.scale for point in points for value in point)

    def _moveTo(self, pt: tuple[float, float]) -> None:
        self.path.append(("m", self._point(pt)))

    def _lineTo(self, pt: tuple[float, float]) -> None:
        self.path.append(("l", self._point(pt)))

    def _curveToOne(self, pt1: tuple[float, float], pt2: tuple[float, float],
                    pt3: tuple[float, float]) -> None:
        self.path.append(("c", self._point(pt1, pt2, pt3)))

    def _closePath(self) -> None:
        self.path.append(("h", ()))


def slug_font(fonts: list[Any], characters: str) -> SlugFont | None:
    """Outlines of `characters` from the first font (regular ones first) that has them all."""
    ordered = sorted(fonts, key=lambda font: (getattr(font, "style", 0) != 0,
                                              abs(int(getattr(font, "weight", 400)) - 400),
                                              str(getattr(font, "family", "")),
                                              str(getattr(font, "hash", ""))))
    for font in ordered:
        outlines = _outlines(font, characters)
        if outlines is not None:
            return outlines
    return None


def _full_font(font: Any) -> bytes:
    """The font file before WeasyPrint subset it (its HarfBuzz face), else what it embeds."""
    try:
        from weasyprint.text.fonts import get_hb_object_data

        data = get_hb_object_data(font.hb_face)
    except (ImportError, AttributeError, TypeError):
        data = None
    return bytes(data) if data else bytes(font.file_content)


def _outlines(font: Any, characters: str) -> SlugFont | None:
    from fontTools.ttLib import TTFont, TTLibError

    try:
        tt = TTFont(io.BytesIO(_full_font(font)), fontNumber=int(getattr(font, "index", 0)),
                    lazy=True)
        cmap = tt.getBestCmap() or {}
        glyph_set = tt.getGlyphSet()
        scale = 1 / tt["head"].unitsPerEm
    except (TTLibError, KeyError, ValueError, AssertionError, OSError):
        return None
    glyphs: dict[str, Glyph] = {}
    for char in sorted(set(characters)):
        name = cmap.get(ord(char))
        if name is None or name not in glyph_set:
            return None
        pen = _Recorder(glyph_set, scale)
        glyph_set[name].draw(pen)
        glyphs[char] = Glyph(tuple(pen.path), glyph_set[name].width * scale)
    return SlugFont(glyphs)
