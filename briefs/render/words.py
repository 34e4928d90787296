"""Words the typesetting pass keeps whole or unhyphenated, and, in right-to-left text, the runs
of left-to-right words around them, isolated whole.

WeasyPrint resolves no bidi across inline boxes: it draws the boxes of a right-to-left line
in reverse order, and the text of each by the bidi algorithm. A span around `UN-Habitat` in
`World Bank UN-Habitat Report` cut the run into three boxes, drawn `Report UN-Habitat World
Bank` (docs/upstream/weasyprint-inline-bidi.md). Isolated whole in `<bdi dir="ltr">`, the run
is one left-to-right box, as the bidi algorithm draws it, and the span is inside it.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import lxml.html
from lxml.html import HtmlElement

from briefs.core.clusters import clusters, word_mask
from briefs.i18n.ranges import NATIVE_DIGIT

NO_HYPHEN = "ts-nohyphen"
NO_BREAK = "ts-nobreak"
SHORT_COMPOUND_PART = 3
SHORT_COMPOUND_CHARS = 12
HYPHENS = "-\u2010\u2011"
WORD = re.compile(rf"a+(?:[{HYPHENS}]a+)*")
"""A word, over `clusters.word_mask` of the text: whole clusters of letters, joined by hyphens."""
RIGHT_TO_LEFT = {"R", "AL", "AN", "B", "S", "RLE", "RLO", "RLI", "LRI", "FSI", "PDI"}
"""Bidi classes that end a run of left-to-right words (S, B: a tab, a paragraph break)."""


def guard_word(word: str) -> HtmlElement | str:
    """A compound or a word in capitals is never hyphenated; a short compound never breaks."""
    parts = re.split(f"[{HYPHENS}]", word)
    if len(parts) > 1 and all(NATIVE_DIGIT.fullmatch(part) for part in parts):
        return word  # a span would cut a number run: docs/upstream/weasyprint-inline-bidi.md
    if len(parts) > 1:
        short = len(clusters(word)) <= SHORT_COMPOUND_CHARS or \
            min(len(clusters(part)) for part in parts) <= SHORT_COMPOUND_PART
        return _span(word, NO_BREAK if short else NO_HYPHEN)
    if len(word) > 1 and word.isupper():
        return _span(word, NO_HYPHEN)
    return word


def ltr_phrase_spans(text: str) -> list[tuple[int, int]]:
    """The runs of more than one left-to-right word in right-to-left text (from a strong
    left-to-right character to the last one before a right-to-left character or number)
    that hold a word `guard_word` puts in a span."""
    found, start, last = [], -1, -1
    for index, char in enumerate(text + "\u05d0"):
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            start, last = index if start < 0 else start, index + 1
        elif kind in RIGHT_TO_LEFT and start >= 0:
            run = text[start:last]
            if len(run.split()) > 1 and any(
                    not isinstance(guard_word(run[match.start():match.end()]), str)
                    for match in WORD.finditer(word_mask(run))):
                found.append((start, last))
            start = -1
    return found


def ltr_phrase(words: list[Any]) -> HtmlElement:
    """`<bdi dir="ltr">` holding a run's pieces (its text, its guarded words' spans)."""
    phrase: HtmlElement = lxml.html.Element("bdi", dir="ltr")
    last: HtmlElement | None = None
    for piece in words:
        if not isinstance(piece, str):
            phrase.append(piece)
            last = piece
        elif last is None:
            phrase.text = (phrase.text or "") + piece
        else:
            last.tail = (last.tail or "") + piece
    return phrase


def _span(text: str, css_class: str) -> HtmlElement:
    element: HtmlElement = lxml.html.Element("span")
    element.set("class", css_class)
    element.text = text
    return element
