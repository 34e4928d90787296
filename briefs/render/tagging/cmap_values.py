"""No ToUnicode mapping to the empty string: a glyph WeasyPrint maps to nothing is mapped to
U+2060 WORD JOINER instead.

WeasyPrint gives a cluster's text to one of its glyphs and writes `<glyph> <>` for the
others (Thai SARA AM drawn as NIKHAHIT + SARA AA, Devanagari conjuncts and reph drawn as
several glyphs). ISO 32000-1 9.10.3 asks for mappings "from character codes to Unicode
character sequences expressed in UTF-16BE" and PDF/UA-1 7.21.7 for "the map of all used
character codes to Unicode values"; an empty string maps a drawn code to no value, and the
CMap parser page-validation uses (lopdf: a dstString is 1 to 256 UTF-16 code units) rejects
the whole CMap as malformed. pdf.js reads an empty mapping as missing and falls back to the
raw code (`น;1ำ`, `พื2นที่`). U+2060 is invisible, default-ignorable and no word break (the
zero-width no-break space PDF/UA-2 and PDF/A-4 leave to it, as they forbid U+FEFF), so the
cluster keeps its one text: measured (docs/decisions.md, "No empty ToUnicode mapping"), no
engine reads a U+2060 in the outputs and pdf.js reads Hindi and Thai better. Runs after the
other steps that write mappings (retag, tounicode.py).
"""

from __future__ import annotations

import re
from typing import Any

from briefs.render.tagging.cmap_lines import rewrite_to_unicode_lines

EMPTY = re.compile(rb"^(<[0-9a-fA-F]{2,8}>)\s*<>$")
"""A `bfchar` line mapping a code to the empty string."""
NOTHING = "\u2060".encode("utf-16-be").hex().encode()


def mapped(line: bytes) -> bytes:
    """`line` with an empty destination replaced by U+2060 (any other line as it is)."""
    found = EMPTY.match(line)
    if found is None:
        return line
    return found.group(1) + b" <" + NOTHING + b">"


def no_empty_mappings(document: Any, pdf: Any) -> None:
    """A WeasyPrint `finisher` step: no font's ToUnicode CMap maps a code to nothing."""
    rewrite_to_unicode_lines(pdf, mapped)
