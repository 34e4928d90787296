"""Right-to-left glyphs that stand for several characters (Arabic lam-alef ligatures) mapped in
the order the text engines read them: the ToUnicode CMap WeasyPrint wrote, rewritten.

WeasyPrint maps a ligature glyph to its characters in logical order (`لا`, lam then alef).
Every engine measured (poppler, PDFium, MuPDF, pdf.js) reads a right-to-left line glyph by
glyph in drawing order and reverses it, the characters of a multi-character mapping included,
so `ثلاث` came out `ثالث` and `إلى` as `إىل`. Written in drawing order (`ال`), the mapping
reads back in logical order in all four (see docs/decisions.md, "Arabic and Persian text
layer"). A glyph whose characters are all right-to-left letters and marks is only ever drawn in
a right-to-left run (bidi gives strong R and AL characters an odd level whatever the markup),
so reversing its one mapping is right wherever it is drawn. The same holds for the copies
joiners.py and marks.py make (a letter with the ZWNJ after it, a letter with its marks: all
four engines read `ًع` back as `عً`). /ActualText is no help here: the engines reverse it in
right-to-left runs, and pdf.js reads none. Runs after those steps, on every mapping.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from briefs.render.tagging.cmap_lines import rewrite_to_unicode_lines

MAPPING = re.compile(rb"^<([0-9a-fA-F]{2,8})> <([0-9a-fA-F]*)>$")
"""One `bfchar` line as WeasyPrint writes it: `<glyph> <UTF-16BE text>`."""
RIGHT_TO_LEFT = {"R", "AL"}
INSIDE_RIGHT_TO_LEFT = RIGHT_TO_LEFT | {"NSM", "BN"}
"""Right-to-left letters, their marks, and the ZWNJ (BN) a letter's copy may carry."""


def reversed_in_drawing_order(text: str) -> str | None:
    """The mapping to write for a glyph whose text is `text`: its characters in drawing
    order when it is a right-to-left glyph of several characters (letters, marks, a ZWNJ it
    carries: joiners.py, marks.py), else None (unchanged)."""
    if len(text) < 2:
        return None
    classes = {unicodedata.bidirectional(character) for character in text}
    if classes & RIGHT_TO_LEFT and classes <= INSIDE_RIGHT_TO_LEFT:
        return text[::-1]
    return None


def right_to_left_ligatures(document: Any, pdf: Any) -> None:
    """A WeasyPrint `finisher` step: every font's right-to-left multi-character mappings
    written in drawing order."""
    rewrite_to_unicode_lines(pdf, _rewritten)


def _rewritten(line: bytes) -> bytes:
    """`line` with a right-to-left multi-character mapping in drawing order (any other line
    as it is)."""
    found = MAPPING.match(line)
    if found is None:
        return line
    try:
        text = bytes.fromhex(found.group(2).decode()).decode("utf-16-be")
    except (ValueError, UnicodeDecodeError):
        return line
    written = reversed_in_drawing_order(text)
    if written is None:
        return line
    return b"<" + found.group(1) + b"> <" + written.encode("utf-16-be").hex().encode() + b">"
