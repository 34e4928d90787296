"""An OpenType/CFF (`.otf`) copy of a TrueType font, for tests of CFF-flavoured brand fonts:
the same glyphs (outlines drawn through fontTools' T2CharStringPen), metrics and layout tables.

Debian ships no Arabic-script face with CFF outlines (its CFF fonts are the CJK ones), so the
text-layer tests make one from Noto Naskh Arabic."""

from __future__ import annotations

from pathlib import Path

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.ttLib import TTFont

DROPPED = ("glyf", "loca", "gvar", "fvar", "HVAR", "cvt ", "fpgm", "prep", "gasp", "hdmx",
           "LTSH", "VDMX", "STAT", "avar", "MVAR", "cvar", "DSIG")


def cff_copy(source: Path, target: Path) -> Path:
    """Write `target`, a CFF-flavoured copy of the TrueType font `source`."""
    font = TTFont(str(source))
    glyphs = font.getGlyphSet()
    hmtx = font["hmtx"]
    strings = {}
    for name in font.getGlyphOrder():
        pen = T2CharStringPen(hmtx[name][0], glyphs)
        glyphs[name].draw(pen)
        strings[name] = pen.getCharString()
    family = font["name"].getBestFamilyName() or "CFF Copy"
    ps_name = (font["name"].getDebugName(6) or family).replace(" ", "")
    for tag in DROPPED:
        if tag in font:
            del font[tag]
    builder = FontBuilder(font=font, isTTF=False)
    builder.font.sfntVersion = "OTTO"
    builder.setupCFF(ps_name, {"FullName": family}, strings, {})
    builder.font["maxp"].tableVersion = 0x00005000
    builder.font.save(str(target))
    return target
