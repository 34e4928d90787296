"""The edits the text layer makes in one embedded font file, parsed by fontTools: a glyph
copied to a free glyph id, a composite of a letter and its marks, an empty carrier glyph one
thousandth of an em wide (glyph_copies.py asks for them, and keeps what each gave)."""

from __future__ import annotations

import copy
import io
import logging
from dataclasses import dataclass, field
from typing import Any

from briefs.render.tagging import cff_glyphs
from briefs.render.tagging.font_runs import FontRun, Request, RunKey
from briefs.render.tagging.recover import TaggingError


class _QuietHeadStamps(logging.Filter):
    """fontTools warns, on stderr, that a font's `created` stamp "seems very low" when it
    reads a face WeasyPrint's subsetter wrote with a zero stamp: true of every face, and of
    no use to a user. Only that message is dropped."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "timestamp seems very low" not in record.getMessage()


logging.getLogger("fontTools.ttLib.tables._h_e_a_d").addFilter(_QuietHeadStamps())


@dataclass
class FontCopies:
    """The glyph copies made in one embedded font file: the font parsed by fontTools, or,
    while this render asks what a kept run of the same font asked (font_runs.py), answered
    from that run until its requests part from it."""

    stream: Any
    key: RunKey
    font: Any = None
    """The parsed font (a fontTools TTFont), None while following `kept`."""
    kept: FontRun | None = None
    free: list[int] = field(default_factory=list)
    made: dict[tuple[Any, ...], int] = field(default_factory=dict)
    changed: bool = False
    cff: bool = False
    """CFF outlines (cff_glyphs.py) rather than TrueType ones."""
    requests: list[Request] = field(default_factory=list)
    outcomes: list[Any] = field(default_factory=list)
    units: int | None = None


def parse(copies: FontCopies) -> bool:
    """Parse the font file with fontTools and find its free glyph ids: False when fontTools
    cannot read it (or, a CFF font, write it back), which leaves it as it is."""
    from fontTools.ttLib import TTFont

    used = set(copies.key[1])
    try:
        tt = TTFont(io.BytesIO(b"".join(copies.stream.stream)),
                    recalcTimestamp=False)  # reproducible
        if "glyf" in tt and "hmtx" in tt and "gvar" not in tt:
            copies.font, copies.free, copies.cff = tt, _free_slots(tt, used), False
        elif cff_glyphs.is_cff(tt) and cff_glyphs.writable(tt):
            copies.font, copies.free = tt, cff_glyphs.free_slots(tt, used)
            copies.cff = True
        else:
            return False
    except Exception:  # a font fontTools cannot read: left as it is
        return False
    return True


def go_live(copies: FontCopies) -> None:
    """Leave the kept run: parse the font and make this render's requests so far again (the
    same outcomes: they follow from the font and the requests before them)."""
    if copies.font is not None:
        return
    copies.kept = None
    if not parse(copies):
        raise TaggingError("a font read before could not be read again")
    for request, outcome in zip(copies.requests, copies.outcomes, strict=True):
        if apply(copies, request) != outcome:
            raise TaggingError(f"a font's kept request {request[0]} gave another glyph")


def apply(copies: FontCopies, request: Request) -> Any:
    """One request on the parsed font: a glyph copy, a composite, a carrier (their glyph id,
    or None when none can be made) or its units per em."""
    kind = request[0]
    if kind == "units":
        return int(copies.font["head"].unitsPerEm)
    if not copies.free:
        return None
    slot = copies.free.pop(0)
    if kind == "copy":
        made = _copy_glyph(copies, request[1], slot)
    elif kind == "composite":
        made = _composite(copies, request[1], request[2], slot)
    else:
        units = copies.font["head"].unitsPerEm
        copies.font["hmtx"][copies.font.getGlyphOrder()[slot]] = (max(1, round(units / 1000)),
                                                                   0)
        made = True
    if not made:
        copies.free.insert(0, slot)
        return None
    return slot


def _copy_glyph(copies: FontCopies, glyph: int, slot: int) -> bool:
    if copies.cff:
        try:
            cff_glyphs.copy_glyph(copies.font, glyph, slot)
        except Exception:  # a charstring fontTools cannot read: no copy
            return False
        return True
    glyf, hmtx = copies.font["glyf"], copies.font["hmtx"]
    order = copies.font.getGlyphOrder()
    glyf[order[slot]] = copy.deepcopy(glyf[order[glyph]])
    hmtx[order[slot]] = hmtx[order[glyph]]
    return True


def _composite(copies: FontCopies, base: int, marks: tuple[tuple[int, int, int], ...],
               slot: int) -> bool:
    from fontTools.ttLib.tables._g_l_y_f import Glyph, GlyphComponent

    if copies.cff:
        try:
            cff_glyphs.composite(copies.font, base, marks, slot)
        except Exception:  # a charstring fontTools cannot draw: no composite
            return False
        return True
    glyf, hmtx = copies.font["glyf"], copies.font["hmtx"]
    order = copies.font.getGlyphOrder()
    glyph = Glyph()
    glyph.numberOfContours = -1
    glyph.components = []
    for component_id, dx, dy in ((base, 0, 0), *marks):
        component = GlyphComponent()
        component.glyphName, component.x, component.y = order[component_id], dx, dy
        component.flags = 0
        glyph.components.append(component)
    glyph.recalcBounds(glyf)
    glyf[order[slot]] = glyph
    hmtx[order[slot]] = (hmtx[order[base]][0], glyph.xMin)
    return True


def _free_slots(font: Any, used: set[int]) -> list[int]:
    """Glyph ids of the subset font that hold nothing (no outline, no advance) and that
    nothing maps, draws or uses as a component."""
    glyf, hmtx = font["glyf"], font["hmtx"]
    order = font.getGlyphOrder()
    components: set[str] = set()
    for name in order:
        glyph = glyf[name]
        if glyph.isComposite():
            components |= {component.glyphName for component in glyph.components}
    return [gid for gid, name in enumerate(order)
            if gid and gid not in used and name not in components
            and glyf[name].numberOfContours == 0 and hmtx[name][0] == 0]
