"""French spacing around punctuation, as a French typesetter sets it in the author's text.

A narrow no-break space (U+202F) before `; ! ?` and inside `« »`, a no-break space (U+00A0)
before `:` (Imprimerie nationale, CLDR's French data). A space the author typed there becomes
the no-break one, so the mark never starts a line; one is added where none was typed after a
letter. A colon in `09:30` or `https://` is left alone (no space follows it).
"""

from __future__ import annotations

import re

NARROW = "\u202f"
NO_BREAK = "\u00a0"
SPACES = "[ \u00a0\u202f]"
BEFORE_MARK = re.compile(rf"{SPACES}+([;!?]+)|(?<=[^\W\d_)”’])([;!?]+)(?=\s|$)")
BEFORE_COLON = re.compile(rf"{SPACES}+:(?=\s|$)|(?<=[^\W\d_]):(?=\s|$)")
OPENING = re.compile(rf"«{SPACES}*")
CLOSING = re.compile(rf"{SPACES}*»")


def french_spacing(text: str) -> str:
    """The text with French no-break spaces before `; : ! ?` and inside `« »`."""
    text = BEFORE_MARK.sub(lambda match: NARROW + (match.group(1) or match.group(2)), text)
    text = BEFORE_COLON.sub(NO_BREAK + ":", text)
    text = OPENING.sub("«" + NARROW, text)
    return CLOSING.sub(NARROW + "»", text)
