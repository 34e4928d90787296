"""Walking one marked sequence of a content stream: its operators up to its own EMC, and
which font is selected at a point (`/F3 9 Tf`; WeasyPrint selects a font again only when it
changes)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

FONT_SELECTION = re.compile(rb"^/(\S+) \S+ Tf$")
HEX_STRING = re.compile(rb"<([0-9a-fA-F]*)>")
"""A hex string operand (`<0012003a>`): the glyph codes WeasyPrint shows."""
NESTING = {b"BDC": 1, b"BMC": 1, b"EMC": -1}


def sequence_operators(tokens: list[Any], start: int) -> Iterator[tuple[int, bytes]]:
    """Each operator (position, bytes) of the marked sequence whose tag is at `start` (its
    BDC at `start + 1`), nested sequences included, up to and with its own EMC. The caller
    may replace `tokens[position]` as it goes."""
    depth, position = 1, start + 2
    while position < len(tokens) and depth > 0:
        token = tokens[position]
        token = token.encode() if isinstance(token, str) else token
        if isinstance(token, bytes):
            depth += NESTING.get(token, 0)
            yield position, token
        position += 1


def font_before(tokens: list[Any], position: int) -> str | None:
    """The font selected when the sequence starts: WeasyPrint selects a font again only when
    it changes, so a line may draw with the font of the text object it joined."""
    for token in reversed(tokens[:position]):
        token = token.encode() if isinstance(token, str) else token
        selected = FONT_SELECTION.match(token) if isinstance(token, bytes) else None
        if selected:
            return selected.group(1).decode()
    return None
