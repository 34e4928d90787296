"""Glyph copies in an embedded TrueType or OpenType/CFF subset: a copy of a glyph, or a
composite of a letter and its marks, at a free glyph id, with its width, ToUnicode text and
CIDSet bit (used by joiners.py, marks.py and range_dashes.py).

WeasyPrint's subsets keep glyph ids (unused ids hold empty, zero-width glyphs), so a free id
is one that nothing maps, draws or uses as a component. CFF outlines are handled by
cff_glyphs.py. Variable fonts arrive here static (WeasyPrint instantiates them before
embedding); one it could not instantiate (`gvar` left) and fonts fontTools cannot read are
left as they are (no copy: the caller keeps the glyph). The edits of the font file itself are
font_edits.py's; a font file met again in the process is answered from what its last render
asked and got (font_runs.py), without fontTools, the same PDF byte for byte.
"""

from __future__ import annotations

import io
import re
from typing import Any

from briefs.render.tagging import font_edits
from briefs.render.tagging.font_edits import FontCopies
from briefs.render.tagging.font_runs import FontRun, FontRuns, Request, run_key
from briefs.render.tagging.kept_font_runs import render_runs
from briefs.render.tagging.recover import Marked, resolve

ZWNJ = "\u200c"
CARRIER_WIDTH = 1
"""The advance of a text carrier, in thousandths of an em (PDFium drops zero-width glyphs)."""


class Fonts:
    """The PDF's fonts by resource name, and the glyph copies made in them. The work on a font
    file met before (in this process, or by an earlier build: kept_font_runs.py) is replayed
    from `runs` (font_runs.py)."""

    def __init__(self, pdf: Any, runs: FontRuns | None = None) -> None:
        self.pdf = pdf
        self.runs = render_runs() if runs is None else runs
        self.copies: dict[int, FontCopies] = {}
        self.refused: set[int] = set()
        """Font files that get no copies (read once: a CFF font is written once to see)."""
        self.read: dict[tuple[str, int], tuple[dict[int, str], dict[int, Any]]] = {}
        self.found: dict[tuple[int, int | None, str], Any] = {}
        """Each font by where it is named (page or form, resource name): looked up once, not
        once per glyph (an Arabic page's text layer asked 50,000 times)."""

    def copy(self, sequence: Marked, name: str, glyph: int) -> int:
        """The id of a copy of `glyph` in the font `name` that maps to ZWNJ + its text (the
        glyph itself when no copy can be made)."""
        font = self._font(sequence, name)
        if font is None:
            return glyph
        mapping = _mappings(self.pdf, font)
        text = mapping.get(glyph, "") + ZWNJ  # in logical order, as WeasyPrint writes
        slot = self.copy_as(sequence, name, glyph, text)
        return glyph if slot is None else slot

    def copy_as(self, sequence: Marked, name: str, glyph: int, text: str) -> int | None:
        """The id of a copy of `glyph` in the font `name` that maps to `text` (a range's dash,
        range_dashes.py; a space read as a no-break space, actual_spans.py); None when no
        copy can be made."""
        font = self._font(sequence, name)
        copies = self._copies(font) if font is not None else None
        if copies is None:
            return None
        if (glyph, text) in copies.made:
            return copies.made[(glyph, text)]
        slot = self._ask(copies, ("copy", glyph))
        if slot is None:
            return None
        copies.made[(glyph, text)] = slot
        copies.changed = True
        _add_mapping(self.pdf, font, slot, text, _width(self.pdf, font, glyph), self.read)
        return slot

    def composite(self, sequence: Marked, name: str, base: int,
                  marks: tuple[tuple[int, int, int], ...], text: str) -> int:
        """The id of a new glyph drawing `base` and each (mark, dx, dy) at its offset (font
        units), mapped to `text`, with the width of `base` (`base` when none can be made)."""
        font = self._font(sequence, name)
        copies = self._copies(font) if font is not None else None
        if copies is None:
            return base
        key = (base, marks, text)
        if key in copies.made:
            return copies.made[key]
        slot = self._ask(copies, ("composite", base, marks))
        if slot is None:
            return base
        copies.made[key] = slot
        copies.changed = True
        _add_mapping(self.pdf, font, slot, text, _width(self.pdf, font, base), self.read)
        return slot

    def carrier(self, sequence: Marked, name: str, text: str) -> int | None:
        """The id of an empty glyph one thousandth of an em wide mapped to `text` (as given),
        to carry text that no drawn glyph can (marks.py); None when none can be made."""
        font = self._font(sequence, name)
        copies = self._copies(font) if font is not None else None
        if copies is None:
            return None
        key = ("carrier", text)
        if key in copies.made:
            return copies.made[key]
        slot = self._ask(copies, ("carrier",))
        if slot is None:
            return None
        copies.made[key] = slot
        copies.changed = True
        _add_mapping(self.pdf, font, slot, text, CARRIER_WIDTH, self.read)
        return slot

    def text(self, sequence: Marked, name: str, glyph: int) -> str:
        """What `glyph` of the font `name` maps to ("" when unknown)."""
        return self._read(sequence, name)[0].get(glyph, "")

    def width(self, sequence: Marked, name: str, glyph: int) -> float:
        """The advance of `glyph` in the font `name`, in thousandths of its size."""
        font = self._font(sequence, name)
        if font is None:
            return 0.0
        widths = self._read(sequence, name)[1]
        if glyph in widths:
            return float(widths[glyph])
        return float(resolve(self.pdf, font["DescendantFonts"][0]).get("DW", 1000))

    def _read(self, sequence: Marked, name: str) -> tuple[dict[int, str], dict[int, Any]]:
        """The font's ToUnicode text and widths by glyph (read again after a copy)."""
        font = self._font(sequence, name)
        if font is None:
            return {}, {}
        key = (name, id(font))
        if key not in self.read:
            self.read[key] = (_mappings(self.pdf, font), _widths(self.pdf, font))
        return self.read[key]

    def units_per_em(self, sequence: Marked, name: str) -> int | None:
        font = self._font(sequence, name)
        copies = self._copies(font) if font is not None else None
        if copies is None:
            return None
        if copies.units is None:
            copies.units = self._ask(copies, ("units",))
        return copies.units

    def _font(self, sequence: Marked, name: str) -> Any:
        key = (sequence.page, None if sequence.form is None else id(sequence.form), name)
        if key not in self.found:
            self.found[key] = self._look_up(sequence, name)
        return self.found[key]

    def _look_up(self, sequence: Marked, name: str) -> Any:
        if sequence.form is not None:
            resources = sequence.form.extra.get("Resources")
        else:
            resources = resolve(self.pdf, self.pdf.page_references[sequence.page])["Resources"]
        fonts = resolve(self.pdf, resolve(self.pdf, resources).get("Font"))
        if not fonts or name not in fonts:
            return None
        return resolve(self.pdf, fonts[name])

    def _copies(self, font: Any) -> FontCopies | None:
        descendant = resolve(self.pdf, font["DescendantFonts"][0])
        descriptor = resolve(self.pdf, descendant["FontDescriptor"])
        stream = _font_file(self.pdf, descriptor)
        if stream is None:
            return None
        if id(stream) in self.copies:
            return self.copies[id(stream)]
        if id(stream) in self.refused:
            return None
        used = self._used(stream)
        key = run_key(b"".join(stream.stream), used) if self.runs.enabled \
            else (b"", frozenset(used))  # nothing kept: no digest
        kept = self.runs.get(key)
        found: FontCopies | None = None
        if kept is None:
            found = FontCopies(stream, key)
            if not font_edits.parse(found):
                self.runs.put(key, FontRun((), (), None, refused=True))
                found = None
        elif not kept.refused:
            found = FontCopies(stream, key, kept=kept, cff=kept.cff)
        if found is not None:
            self.copies[id(stream)] = found
        else:
            self.refused.add(id(stream))
        return found

    def _ask(self, copies: FontCopies, request: Request) -> Any:
        """The outcome of `request` on the font: the kept run's while this render asks what
        it asked, else fontTools' (the font parsed, and the requests so far made again)."""
        index, kept = len(copies.requests), copies.kept
        if kept is not None and index < len(kept.requests) and kept.requests[index] == request:
            outcome = kept.outcomes[index]
        else:
            font_edits.go_live(copies)
            outcome = font_edits.apply(copies, request)
        copies.requests.append(request)
        copies.outcomes.append(outcome)
        return outcome

    def _used(self, stream: Any) -> set[int]:
        """Every glyph id any font sharing this file maps or draws."""
        used: set[int] = set()
        for item in self.pdf.objects:
            if isinstance(item, dict) and item.get("Type") == "/Font" and "ToUnicode" in item \
                    and "DescendantFonts" in item:
                descendant = resolve(self.pdf, item["DescendantFonts"][0])
                descriptor = resolve(self.pdf, descendant["FontDescriptor"])
                if _font_file(self.pdf, descriptor) is stream:
                    used |= set(_mappings(self.pdf, item)) | set(_widths(self.pdf, item))
        return used

    def save(self) -> None:
        """Write back each font file with copies, and keep what was done to each font
        (font_runs.py). A CFF font keeps its bounding boxes (`head`, the CFF `FontBBox`) as they
        were: recomputed from the subset, poppler anti-aliased a Noto CJK subset's strokes
        differently (a Chinese page changed on 36,000 pixels at 150 dpi); TrueType fonts are
        written as before (their pages were references)."""
        for copies in self.copies.values():
            kept = copies.kept
            whole = kept is not None and len(copies.requests) == len(kept.requests)
            if not copies.changed:
                if copies.font is not None:
                    self.runs.put(copies.key, _run(copies, None))
                continue
            if whole and kept is not None and kept.written is not None:
                written = kept.written
            else:
                font_edits.go_live(copies)
                out = io.BytesIO()
                copies.font.recalcBBoxes = not copies.cff
                copies.font.save(out)
                written = out.getvalue()
                self.runs.put(copies.key, _run(copies, written))
            stream = copies.stream
            stream.stream = [written]
            if "Length1" in stream.extra:
                stream.extra["Length1"] = len(written)


def _run(copies: FontCopies, written: bytes | None) -> FontRun:
    return FontRun(tuple(copies.requests), tuple(copies.outcomes), written, copies.cff)


def _font_file(pdf: Any, descriptor: Any) -> Any:
    """The descriptor's embedded TrueType or OpenType (CFF) font file, or None."""
    if "FontFile2" in descriptor:
        return resolve(pdf, descriptor["FontFile2"])
    stream = resolve(pdf, descriptor.get("FontFile3"))
    if stream is not None and stream.extra.get("Subtype") == "/OpenType":
        return stream
    return None


def _mappings(pdf: Any, font: Any) -> dict[int, str]:
    mapping: dict[int, str] = {}
    for line in resolve(pdf, font["ToUnicode"]).stream:
        found = re.match(rb"^<([0-9a-fA-F]{4})> <([0-9a-fA-F]*)>$", line) \
            if isinstance(line, bytes) else None
        if found:
            try:
                mapping[int(found.group(1), 16)] = bytes.fromhex(
                    found.group(2).decode()).decode("utf-16-be")
            except (ValueError, UnicodeDecodeError):
                continue
    return mapping


def _widths(pdf: Any, font: Any) -> dict[int, Any]:
    descendant = resolve(pdf, font["DescendantFonts"][0])
    widths: dict[int, Any] = {}
    items = list(resolve(pdf, descendant.get("W")) or [])
    position = 0
    while position + 1 < len(items):
        first, values = items[position], items[position + 1]
        if isinstance(values, (list, tuple)):
            for offset, value in enumerate(values):
                widths[int(first) + offset] = value
            position += 2
        else:
            for cid in range(int(first), int(values) + 1):
                widths[cid] = items[position + 2]
            position += 3
    return widths


def _width(pdf: Any, font: Any, glyph: int) -> Any:
    return _widths(pdf, font).get(glyph, resolve(pdf, font["DescendantFonts"][0]).get("DW", 1000))


def _add_mapping(pdf: Any, font: Any, slot: int, text: str, width: Any,
                 read: dict[tuple[str, int], Any] | None = None) -> None:
    """The copy's ToUnicode entry, width and (PDF/A-1) CIDSet bit."""
    import pydyf

    if read is not None:
        for key in [key for key in read if key[1] == id(font)]:
            del read[key]
    lines = resolve(pdf, font["ToUnicode"]).stream
    end = lines.index(b"endcmap")
    lines[end:end] = [b"1 beginbfchar",
                      b"<%04x> <%s>" % (slot, text.encode("utf-16-be").hex().encode()),
                      b"endbfchar"]
    descendant = resolve(pdf, font["DescendantFonts"][0])
    descendant["W"].extend([slot, pydyf.Array([width])])
    descriptor = resolve(pdf, descendant["FontDescriptor"])
    if "CIDSet" in descriptor:
        cidset = resolve(pdf, descriptor["CIDSet"])
        bits = bytearray(b"".join(cidset.stream))
        if len(bits) <= slot // 8:
            bits += bytes(slot // 8 + 1 - len(bits))
        bits[slot // 8] |= 0x80 >> (slot % 8)
        cidset.stream = [bytes(bits)]
