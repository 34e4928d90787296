"""Zero-width non-joiners (ZWNJ, U+200C) kept in the text layer of right-to-left runs: the glyph
drawn before each one gets a copy of its own whose ToUnicode text ends with the ZWNJ.

Pango draws a ZWNJ as no glyph at all, so the text layer lost every one (Persian writes
hundreds: `می‌شود`, `آن‌ها`). Measured on the Persian brief, flyer and fact sheet (see
docs/decisions.md, "Arabic and Persian text layer"): a zero-width glyph mapped to U+200C is
read by poppler and MuPDF but dropped by PDFium and pdf.js (they drop zero-width glyphs);
/ActualText is read in reverse in right-to-left runs and not at all by pdf.js. A glyph that
maps to two characters is read by all four engines, reversed in a right-to-left run like every
multi-character mapping (tounicode.py): so the letter before the ZWNJ, a glyph shared with
every other place it is drawn, is drawn there with a copy of it (same outline, same width, a
free glyph id of the subset font) that maps to ZWNJ + letter in drawing order. The page looks
the same; only the glyph id in the content stream changes.

Which glyph comes before a ZWNJ is read from the line's own shaping (the Pango glyph runs
WeasyPrint drew from), matched glyph for glyph with the marked-content sequence it was drawn
in; a line whose glyphs do not match is left as it is. TrueType outlines only (CFF fonts are
left as they are).
"""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from briefs.render.tagging.recover import Marked, resolve
from briefs.render.tagging.tounicode import reversed_in_drawing_order
from briefs.render.tagging.tree import Key

ZWNJ = "\u200c"
HEX_STRING = re.compile(rb"<([0-9a-fA-F]*)>")
FONT_SELECTION = re.compile(rb"^/(\S+) \S+ Tf$")
NESTING = {b"BDC": 1, b"BMC": 1, b"EMC": -1}


@dataclass
class _Copies:
    """The glyph copies made in one embedded font file."""

    font: Any
    free: list[int]
    made: dict[tuple[int, str], int] = field(default_factory=dict)
    changed: bool = False


def keep_joiners(document: Any, pdf: Any, marked: dict[Key, Marked],
                 boxes: dict[Key, Any]) -> None:
    """Give the glyph before each ZWNJ of a right-to-left run a copy of its own that maps to
    the ZWNJ too. Run before anything moves the content streams' positions."""
    fonts = _Fonts(pdf)
    for key, box in boxes.items():
        text = getattr(box, "text", None)
        if key not in marked or not isinstance(text, str) or ZWNJ not in text:
            continue
        glyphs, targets = _before_joiners(box)
        if targets and _drawn(marked[key]) == glyphs:
            _replace(marked[key], targets, fonts)
    fonts.save()


def _before_joiners(box: Any) -> tuple[list[int], list[tuple[int, int]]]:
    """The glyph ids the box's line draws, in order, and (index among them, glyph id) of
    each one drawn just before a ZWNJ in logical order, in right-to-left runs. The line is
    shaped again as WeasyPrint drew it (`draw.text.draw_first_line`)."""
    from weasyprint.text.ffi import pango

    layout = getattr(box, "pango_layout", None)
    if layout is None or box.style["text_overflow"] == "ellipsis" \
            or box.style["block_ellipsis"] != "none":
        return [], []
    layout.reactivate(box.style)
    try:
        pango.pango_layout_set_single_paragraph_mode(layout.layout, True)
        line, _ = layout.get_first_line()
        glyphs: list[int] = []
        targets = list(_walk(line, layout.text.encode(), glyphs))
    finally:
        layout.deactivate()
    return glyphs, targets


def _walk(line: Any, utf8: bytes, glyphs: list[int]) -> Iterator[tuple[int, int]]:
    from weasyprint.text.ffi import ffi, pango

    drawn: list[int] = []  # index among drawn glyphs, or -1 for an empty glyph
    run = line.runs[0]
    while run != ffi.NULL:
        item = run.data
        run = run.next
        string = item.glyphs
        count = string.num_glyphs
        right_to_left = item.item.analysis.level % 2 == 1
        infos = [string.glyphs[i].glyph for i in range(count)]
        start = len(drawn)
        for glyph in infos:
            if glyph == pango.PANGO_GLYPH_EMPTY:
                drawn.append(-1)
            else:
                drawn.append(len(glyphs))
                glyphs.append(glyph)
        if not right_to_left:
            continue
        for i in range(count):
            offset = item.item.offset + string.log_clusters[i]
            if infos[i] != pango.PANGO_GLYPH_EMPTY or \
                    not utf8[offset:].startswith(ZWNJ.encode()):
                continue
            # drawn left to right: the glyph logically before the ZWNJ is the next one drawn
            if i + 1 < count and drawn[start + i + 1] >= 0:
                index = drawn[start + i + 1]
                yield index, glyphs[index]


def _drawn(sequence: Marked) -> list[int]:
    """The glyph ids the sequence's text-showing operators draw, in order."""
    found: list[int] = []
    for token in _tokens(sequence):
        if token.endswith(b"TJ"):
            for codes in HEX_STRING.findall(token):
                found += [int(codes[start:start + 4], 16) for start in range(0, len(codes), 4)]
    return found


def _tokens(sequence: Marked) -> Iterator[bytes]:
    depth, position, tokens = 1, sequence.position + 2, sequence.stream.stream
    while position < len(tokens) and depth > 0:
        token = tokens[position]
        token = token.encode() if isinstance(token, str) else token
        if isinstance(token, bytes):
            depth += NESTING.get(token, 0)
            yield token
        position += 1


def _replace(sequence: Marked, targets: list[tuple[int, int]], fonts: _Fonts) -> None:
    """Draw each target glyph of the sequence with its copy mapped to ZWNJ + its text."""
    tokens = sequence.stream.stream
    wanted = dict(targets)
    index, depth, font = 0, 1, _font_before(tokens, sequence.position)
    position = sequence.position + 2
    while position < len(tokens) and depth > 0:
        token = tokens[position]
        token = token.encode() if isinstance(token, str) else token
        if isinstance(token, bytes):
            depth += NESTING.get(token, 0)
            selected = FONT_SELECTION.match(token)
            if selected:
                font = selected.group(1).decode()
            elif token.endswith(b"TJ"):
                tokens[position], index = _rewrite_show(token, index, wanted, font, fonts,
                                                        sequence)
        position += 1


def _font_before(tokens: list[Any], position: int) -> str | None:
    """The font selected when the sequence starts: WeasyPrint selects a font again only when
    it changes, so a line may draw with the font of the text object it joined."""
    for token in reversed(tokens[:position]):
        token = token.encode() if isinstance(token, str) else token
        selected = FONT_SELECTION.match(token) if isinstance(token, bytes) else None
        if selected:
            return selected.group(1).decode()
    return None


def _rewrite_show(token: bytes, index: int, wanted: dict[int, int], font: str | None,
                  fonts: _Fonts, sequence: Marked) -> tuple[bytes, int]:
    parts: list[bytes] = []
    last = 0
    for found in HEX_STRING.finditer(token):
        codes = found.group(1)
        if len(codes) % 4:
            return token, index + len(codes) // 2  # a one-byte (bitmap) font: not ours
        out = []
        for start in range(0, len(codes), 4):
            glyph = int(codes[start:start + 4], 16)
            if index in wanted and wanted[index] == glyph and font is not None:
                glyph = fonts.copy(sequence, font, glyph)
            out.append(b"%04x" % glyph)
            index += 1
        parts += [token[last:found.start(1)], b"".join(out)]
        last = found.end(1)
    parts.append(token[last:])
    return b"".join(parts), index


class _Fonts:
    """The PDF's fonts by resource name, and the glyph copies made in them."""

    def __init__(self, pdf: Any) -> None:
        self.pdf = pdf
        self.copies: dict[int, _Copies] = {}

    def copy(self, sequence: Marked, name: str, glyph: int) -> int:
        """The id of a copy of `glyph` in the font `name` that maps to ZWNJ + its text (the
        glyph itself when no copy can be made)."""
        font = self._font(sequence, name)
        if font is None:
            return glyph
        mapping = _mappings(self.pdf, font)
        written = mapping.get(glyph, "")
        text = ZWNJ + (reversed_in_drawing_order(written) or written)
        copies = self._copies(font)
        if copies is None:
            return glyph
        if (glyph, text) in copies.made:
            return copies.made[(glyph, text)]
        if not copies.free:
            return glyph
        slot = copies.free.pop(0)
        glyf, hmtx = copies.font["glyf"], copies.font["hmtx"]
        order = copies.font.getGlyphOrder()
        glyf[order[slot]] = copy.deepcopy(glyf[order[glyph]])
        hmtx[order[slot]] = hmtx[order[glyph]]
        copies.made[(glyph, text)] = slot
        copies.changed = True
        _add_mapping(self.pdf, font, slot, text, _width(self.pdf, font, glyph))
        return slot

    def _font(self, sequence: Marked, name: str) -> Any:
        if sequence.form is not None:
            resources = sequence.form.extra.get("Resources")
        else:
            resources = resolve(self.pdf, self.pdf.page_references[sequence.page])["Resources"]
        fonts = resolve(self.pdf, resolve(self.pdf, resources).get("Font"))
        if not fonts or name not in fonts:
            return None
        return resolve(self.pdf, fonts[name])

    def _copies(self, font: Any) -> _Copies | None:
        from fontTools.ttLib import TTFont

        descendant = resolve(self.pdf, font["DescendantFonts"][0])
        descriptor = resolve(self.pdf, descendant["FontDescriptor"])
        if "FontFile2" not in descriptor:
            return None
        stream = resolve(self.pdf, descriptor["FontFile2"])
        if id(stream) in self.copies:
            return self.copies[id(stream)]
        found = None
        try:
            tt = TTFont(io.BytesIO(b"".join(stream.stream)))
            if "glyf" in tt and "hmtx" in tt and "gvar" not in tt:
                found = _Copies(tt, _free_slots(tt, self._used(stream)))
                found.font_stream = stream  # type: ignore[attr-defined]
        except Exception:  # a font fontTools cannot read: left as it is
            found = None
        if found is not None:
            self.copies[id(stream)] = found
        return found

    def _used(self, stream: Any) -> set[int]:
        """Every glyph id any font sharing this file maps or draws."""
        used: set[int] = set()
        for item in self.pdf.objects:
            if isinstance(item, dict) and item.get("Type") == "/Font" and "ToUnicode" in item \
                    and "DescendantFonts" in item:
                descendant = resolve(self.pdf, item["DescendantFonts"][0])
                descriptor = resolve(self.pdf, descendant["FontDescriptor"])
                if resolve(self.pdf, descriptor.get("FontFile2")) is stream:
                    used |= set(_mappings(self.pdf, item)) | set(_widths(self.pdf, item))
        return used

    def save(self) -> None:
        for copies in self.copies.values():
            if not copies.changed:
                continue
            out = io.BytesIO()
            copies.font.save(out)
            stream = copies.font_stream  # type: ignore[attr-defined]
            stream.stream = [out.getvalue()]
            if "Length1" in stream.extra:
                stream.extra["Length1"] = len(out.getvalue())


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


def _add_mapping(pdf: Any, font: Any, slot: int, text: str, width: Any) -> None:
    """The copy's ToUnicode entry, width and (PDF/A-1) CIDSet bit."""
    import pydyf

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
