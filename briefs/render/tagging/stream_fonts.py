"""Which font a line's content stream has selected at a point (`/F3 9 Tf`): WeasyPrint
selects a font again only when it changes."""

from __future__ import annotations

import re
from typing import Any

FONT_SELECTION = re.compile(rb"^/(\S+) \S+ Tf$")


def font_before(tokens: list[Any], position: int) -> str | None:
    """The font selected when the sequence starts: WeasyPrint selects a font again only when
    it changes, so a line may draw with the font of the text object it joined."""
    for token in reversed(tokens[:position]):
        token = token.encode() if isinstance(token, str) else token
        selected = FONT_SELECTION.match(token) if isinstance(token, bytes) else None
        if selected:
            return selected.group(1).decode()
    return None
