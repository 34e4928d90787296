"""An OpenType/CFF (`.otf`) or a variable copy of a TrueType font, for tests of brand fonts in
those formats: the same glyphs (outlines drawn through fontTools' T2CharStringPen), metrics
and layout tables.

Debian ships no Arabic-script face with CFF outlines (its CFF fonts are the CJK ones) and no
variable one, so the text-layer tests make them from Noto Naskh Arabic."""

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


def variable_copy(source: Path, target: Path) -> Path:
    """Write `target`, a variable font with a `wght` axis (400-700) whose two masters are
    `source` (fontTools' varLib: `fvar`, `gvar`, `HVAR`, `STAT`)."""
    from fontTools import varLib
    from fontTools.designspaceLib import AxisDescriptor, DesignSpaceDocument, SourceDescriptor

    document = DesignSpaceDocument()
    axis = AxisDescriptor()
    axis.tag, axis.name, axis.minimum, axis.default, axis.maximum = "wght", "Weight", 400, 400, 700
    document.addAxis(axis)
    for weight in (400, 700):
        master = SourceDescriptor()
        master.path, master.location, master.font = str(source), {"Weight": weight}, TTFont(
            str(source))
        document.addSource(master)
    font, _, _ = varLib.build(document)
    font.save(str(target))
    return target
