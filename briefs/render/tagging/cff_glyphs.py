"""Glyph copies in an embedded OpenType/CFF subset (`.otf` faces, embedded by WeasyPrint as
`/FontFile3` with `/Subtype /OpenType`): the CFF side of glyph_copies.py.

A CFF font has no component glyphs: a copy reuses the glyph's charstring program (its
subroutine calls stay valid: same Private dict, same global subroutines); a composite of a
letter and its marks is drawn into a new charstring with fontTools' T2CharStringPen, each
mark moved to its offset. In a CID-keyed font the new glyph takes the font dict (`FDSelect`)
of the glyph it was made from. WeasyPrint's CFF subsets keep glyph ids like its TrueType ones
(unused ids hold empty charstrings), so a free id is one with no outline and no advance that
nothing maps or draws.
"""

from __future__ import annotations

from typing import Any

from fontTools.misc.transform import Transform
from fontTools.pens.boundsPen import BoundsPen
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.pens.transformPen import TransformPen


def is_cff(font: Any) -> bool:
    """An OpenType font with CFF outlines that copies can be made in: name-keyed, or
    CID-keyed with the identity charset (WeasyPrint writes glyph ids as CIDs, and a viewer
    finds a CID-keyed font's glyph by CID, so a copy at a glyph id whose CID differs would
    not be found; briefs' own subsets make the charset the identity)."""
    if "CFF " not in font or "hmtx" not in font:
        return False
    if not hasattr(_top(font), "ROS"):
        return True
    return all(name == f"cid{gid:05d}" for gid, name in enumerate(font.getGlyphOrder())
               if gid)


def writable(font: Any) -> bool:
    """Whether fontTools writes the font back (checked once, before any copy: a font that
    cannot be written after its glyphs were drawn with copies would lose them)."""
    import io

    try:
        font.save(io.BytesIO())
    except Exception:  # a font fontTools reads but cannot write: left as it is
        return False
    return True


def _top(font: Any) -> Any:
    cff = font["CFF "].cff
    return cff[cff.fontNames[0]]


def free_slots(font: Any, used: set[int]) -> list[int]:
    """Glyph ids with no outline and no advance that nothing maps or draws."""
    glyphs, hmtx = font.getGlyphSet(), font["hmtx"]
    free = []
    for gid, name in enumerate(font.getGlyphOrder()):
        if not gid or gid in used or hmtx[name][0] != 0:
            continue
        bounds = BoundsPen(glyphs)
        glyphs[name].draw(bounds)
        if bounds.bounds is None:
            free.append(gid)
    return free


def copy_glyph(font: Any, source: int, slot: int) -> None:
    """Glyph `slot` drawn as glyph `source`, with its advance."""
    order, top = font.getGlyphOrder(), _top(font)
    strings = top.CharStrings
    original = strings[order[source]]
    original.decompile()
    clone = type(original)(program=list(original.program), private=original.private,
                           globalSubrs=original.globalSubrs)
    strings[order[slot]] = clone
    _same_font_dict(top, source, slot)
    font["hmtx"][order[slot]] = font["hmtx"][order[source]]


def composite(font: Any, base: int, marks: tuple[tuple[int, int, int], ...], slot: int) -> None:
    """Glyph `slot` drawn as `base` with each (mark, dx, dy) at its offset (font units), with
    the advance of `base`."""
    order, top = font.getGlyphOrder(), _top(font)
    glyphs = font.getGlyphSet()
    width = font["hmtx"][order[base]][0]
    private = _private(top, base)
    default = getattr(private, "defaultWidthX", 0)
    pen = T2CharStringPen(None if width == default
                          else width - getattr(private, "nominalWidthX", 0), glyphs)
    for glyph, dx, dy in ((base, 0, 0), *marks):
        glyphs[order[glyph]].draw(TransformPen(pen, Transform(1, 0, 0, 1, dx, dy)))
    strings = top.CharStrings
    strings[order[slot]] = pen.getCharString(private=private, globalSubrs=top.GlobalSubrs)
    _same_font_dict(top, base, slot)
    bounds = BoundsPen(glyphs)
    glyphs[order[slot]].draw(bounds)
    left = round(bounds.bounds[0]) if bounds.bounds is not None else 0
    font["hmtx"][order[slot]] = (width, left)


def _private(top: Any, gid: int) -> Any:
    if hasattr(top, "FDArray") and hasattr(top, "FDSelect"):
        return top.FDArray[top.FDSelect[gid]].Private
    return top.Private


def _same_font_dict(top: Any, source: int, slot: int) -> None:
    if hasattr(top, "FDSelect"):
        top.FDSelect[slot] = top.FDSelect[source]
