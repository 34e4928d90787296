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
in; a line whose glyphs do not match is left as it is. TrueType and CFF outlines alike
(glyph_copies.py, cff_glyphs.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from briefs.render.tagging.glyph_copies import Fonts
from briefs.render.tagging.recover import Marked
from briefs.render.tagging.stream_fonts import (
    FONT_SELECTION,
    HEX_STRING,
    font_before,
    sequence_operators,
)
from briefs.render.tagging.tree import Key

ZWNJ = "\u200c"


def keep_joiners(document: Any, pdf: Any, marked: dict[Key, Marked],
                 boxes: dict[Key, Any], fonts: Fonts | None = None) -> None:
    """Give the glyph before each ZWNJ of a right-to-left run a copy of its own that maps to
    the ZWNJ too, and draw each base letter with its marks as one glyph (marks.py). Run
    before anything moves the content streams' positions. Given `fonts`, the copies are
    made in them."""
    from briefs.render.tagging.edge_spaces import keep_edge_spaces, line_end_boxes
    from briefs.render.tagging.label_spaces import space_svg_text_ends
    from briefs.render.tagging.logical_runs import order_runs
    from briefs.render.tagging.marks import MARK, attach_marks
    from briefs.render.tagging.range_dashes import mark_range_dashes

    fonts = Fonts(pdf) if fonts is None else fonts
    for key, box in boxes.items():
        text = getattr(box, "text", None)
        if key not in marked or not isinstance(text, str):
            continue
        has_marks = MARK.search(text) is not None
        if ZWNJ not in text and not has_marks:
            continue
        glyphs, right_to_left, targets = _before_joiners(box)
        if not glyphs or _drawn(marked[key]) != glyphs:
            continue
        if targets:
            _replace(marked[key], targets, fonts)
        if has_marks:
            attach_marks(marked[key], right_to_left, fonts)
    mark_range_dashes(marked, boxes, fonts)
    keep_edge_spaces(marked, boxes, fonts, line_end_boxes(document))
    order_runs(marked, boxes, fonts)
    space_svg_text_ends(pdf, fonts)
    fonts.save()


def _before_joiners(box: Any) -> tuple[list[int], list[bool], list[tuple[int, int]]]:
    """The glyph ids the box's line draws, in order, whether each is in a right-to-left
    run, and (index among them, glyph id) of each one drawn just before a ZWNJ in logical
    order, in right-to-left runs. The line is shaped again as WeasyPrint drew it
    (`draw.text.draw_first_line`)."""
    from weasyprint.text.ffi import pango

    layout = getattr(box, "pango_layout", None)
    if layout is None or box.style["text_overflow"] == "ellipsis" \
            or box.style["block_ellipsis"] != "none":
        return [], [], []
    layout.reactivate(box.style)
    try:
        pango.pango_layout_set_single_paragraph_mode(layout.layout, True)
        line, _ = layout.get_first_line()
        glyphs: list[int] = []
        right_to_left: list[bool] = []
        targets = list(_walk(line, layout.text.encode(), glyphs, right_to_left))
    finally:
        layout.deactivate()
    return glyphs, right_to_left, targets


def _walk(line: Any, utf8: bytes, glyphs: list[int],
          directions: list[bool]) -> Iterator[tuple[int, int]]:
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
                directions.append(right_to_left)
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
    for _, token in sequence_operators(sequence.stream.stream, sequence.position):
        yield token


def _replace(sequence: Marked, targets: list[tuple[int, int]], fonts: Fonts) -> None:
    """Draw each target glyph of the sequence with its copy mapped to ZWNJ + its text."""
    tokens = sequence.stream.stream
    wanted = dict(targets)
    index, font = 0, font_before(tokens, sequence.position)
    for position, token in sequence_operators(tokens, sequence.position):
        selected = FONT_SELECTION.match(token)
        if selected:
            font = selected.group(1).decode()
        elif token.endswith(b"TJ"):
            tokens[position], index = _rewrite_show(token, index, wanted, font, fonts, sequence)


def _rewrite_show(token: bytes, index: int, wanted: dict[int, int], font: str | None,
                  fonts: Fonts, sequence: Marked) -> tuple[bytes, int]:
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
