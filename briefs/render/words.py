"""Words the typesetting pass keeps whole or unhyphenated, and, in right-to-left text, the runs
of left-to-right words around them, isolated whole.

WeasyPrint resolves no bidi across inline boxes: it draws the boxes of a right-to-left line
in reverse order, and the text of each by the bidi algorithm. A span around `UN-Habitat` in
`World Bank UN-Habitat Report` cut the run into three boxes, drawn `Report UN-Habitat World
Bank` (docs/upstream/weasyprint-inline-bidi.md). Isolated whole in `<bdi dir="ltr">`, the run
is one left-to-right box, as the bidi algorithm draws it, and the span is inside it. The
mirror case too: in left-to-right text WeasyPrint draws the boxes in order, so a span around
`בית-ספר` in a Hebrew phrase in English text drew the phrase's words from the left; such a
right-to-left run is isolated in `<bdi dir="rtl">`. Runs are found by the scanner
`ltr_across.py` shares (`bidi_runs.py`: a typed isolate is a neutral).
"""

from __future__ import annotations

import re
from typing import Any

import lxml.html
from lxml.html import HtmlElement

from briefs.core.clusters import clusters, word_mask
from briefs.i18n.ranges import NATIVE_DIGIT
from briefs.render.bidi_runs import IN_LTR, IN_RTL, RIGHT_TO_LEFT_TEXT, Side, run_spans

NO_HYPHEN = "ts-nohyphen"
NO_BREAK = "ts-nobreak"
SHORT_COMPOUND_PART = 3
SHORT_COMPOUND_CHARS = 12
HYPHENS = "-\u2010\u2011"
WORD = re.compile(rf"a+(?:[{HYPHENS}]a+)*")
"""A word, over `clusters.word_mask` of the text: whole clusters of letters, joined by hyphens."""


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
    left-to-right character to the last one before a right-to-left character or number;
    isolates are neutrals: `bidi_runs.py`) that hold a word `guard_word` puts in a span."""
    return _phrase_spans(text, IN_RTL)


def rtl_phrase_spans(text: str) -> list[tuple[int, int]]:
    """The runs of more than one right-to-left word in left-to-right text (from a strong
    right-to-left character to the last one, or number, before a strong left-to-right
    character) that hold a word `guard_word` puts in a span."""
    if not RIGHT_TO_LEFT_TEXT.search(text):
        return []
    return _phrase_spans(text, IN_LTR)


def _phrase_spans(text: str, side: Side) -> list[tuple[int, int]]:
    found = []
    for start, last in run_spans(text, side):
        run = text[start:last]
        if len(run.split()) > 1 and any(
                not isinstance(guard_word(run[match.start():match.end()]), str)
                for match in WORD.finditer(word_mask(run))):
            found.append((start, last))
    return found


def ltr_phrase(words: list[Any], direction: str = "ltr") -> HtmlElement:
    """`<bdi dir="ltr">` (or `rtl`) holding a run's pieces (its text, its guarded words'
    spans)."""
    phrase: HtmlElement = lxml.html.Element("bdi", dir=direction)
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
