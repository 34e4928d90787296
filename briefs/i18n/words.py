"""Counting the words a translator translates.

Apart from `i18n/status.py` because the render workers count words too (`render/overflow.py`,
`render/page_space.py`) and must not import the translation machinery and the content models
with it (docs/decisions.md).
"""

from __future__ import annotations

import re

MARKUP = re.compile(r"\]\([^)]*\)|\[\^[^\]]*\]:?|\]?\{lang=[^}\n]*\}|[*_#>`|]")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
WORD = re.compile(r"[^\W\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]+(?:['’-]\w+)*")


def word_count(text: str) -> int:
    """Words a translator translates: Markdown markup and link targets left out; each CJK
    character counts as a word, as translation agencies count them."""
    text = MARKUP.sub(" ", text)
    return len(WORD.findall(text)) + len(CJK.findall(text))
