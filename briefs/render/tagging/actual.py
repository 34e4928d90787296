"""The logical text of each line of text drawn, where the glyphs do not spell it: `/ActualText`
on the line's marked-content sequence.

A PDF's text layer maps each glyph to Unicode once per font (ToUnicode). That is right only
where glyphs and characters go one to one in logical order. It is wrong for Indic and Thai
clusters (a vowel sign drawn before its consonant, conjuncts, a glyph first met inside a
cluster keeping that cluster's text), Arabic ligatures and right-to-left runs, ZWNJ and ZWJ
(no glyph at all), letter-spaced runs (read as s p a c e d letters) and line-end hyphens that
the typesetter added (ISO 32000-1 14.8.2.2.3: a soft hyphen, U+00AD). There, the sequence
WeasyPrint drew the text box in gets `/ActualText` with the box's text as written, which
poppler, PDFium and MuPDF read instead of the glyphs (see docs/decisions.md, "Text layer").
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from typing import Any

import pydyf

from briefs.render.tagging.actual_spans import GlyphTexts, add_actual_spans, wants_spans
from briefs.render.tagging.glyph_copies import Fonts
from briefs.render.tagging.recover import Marked
from briefs.render.tagging.tree import Key

SOFT_HYPHEN = "\u00ad"
COMPLEX = re.compile(
    "[\u0590-\u08ff"      # Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Arabic extended
    "\u0900-\u0dff"       # the Indic scripts of India and Sri Lanka
    "\u0e00-\u0fff"       # Thai, Lao, Tibetan
    "\u1000-\u109f\u1780-\u17ff"   # Myanmar, Khmer
    "\u200c\u200d"        # ZWNJ, ZWJ
    "\ua8e0-\ua8ff\ufb1d-\ufdff\ufe70-\ufeff]")
"""Characters whose glyphs may be reordered, joined or dropped by shaping."""
RIGHT_TO_LEFT = {"R", "AL"}
NESTING = {b"BDC": 1, b"BMC": 1, b"EMC": -1}


def actual_text(box: Any) -> str | None:
    """The text a reader should get for a drawn text box, if its glyphs do not give it."""
    text = getattr(box, "text", None)
    if not isinstance(text, str) or not text.strip():
        return None
    hyphenated = _layout_hyphen(box, text)
    if hyphenated:
        return text[:-len(box.style["hyphenate_character"])] + SOFT_HYPHEN
    if _right_to_left(text):
        return None  # PDFium and MuPDF reverse an /ActualText in right-to-left runs
    written = _as_written(box, text)
    if written is not None:
        return written
    if _spaced(box.style) or _shaped(text):
        return text
    return None


def _as_written(box: Any, text: str) -> str | None:
    """The text before `text-transform`, when the box shows its element's whole text and the
    capitals lost more than case (Greek capitals drop their accents, which search needs);
    `Date` shown as `DATE` keeps its capitals."""
    if box.style["text_transform"] == "none":
        return None
    element = getattr(box, "element", None)
    if element is None or len(element):
        return None
    written, shown = " ".join((element.text or "").split()), " ".join(text.split())
    if written and len(written) == len(shown) and written.upper() != shown.upper():
        return written
    return None


def add_actual_texts(marked: dict[Key, Marked], texts: dict[Key, str],
                     fonts: Fonts | None = None) -> None:
    """Wrap the content of each marked sequence in `texts` in a `/Span` with its
    `/ActualText` (a Span of its own, which poppler requires; the structure's sequence keeps
    its MCID alone); an Indic line, given `fonts`, in one span a word (actual_spans.py).
    Run after the structure tree is written: it moves stream positions."""
    glyph_texts = GlyphTexts(fonts) if fonts is not None else None
    by_stream: dict[int, list[tuple[Marked, str]]] = defaultdict(list)
    for key, text in texts.items():
        by_stream[id(marked[key].stream)].append((marked[key], text))
    for items in by_stream.values():
        for sequence, text in sorted(items, key=lambda item: -item[0].position):
            if glyph_texts is not None and wants_spans(text) \
                    and add_actual_spans(sequence, text, glyph_texts):
                continue
            _wrap(sequence.stream.stream, sequence.position + 1, text)
    if fonts is not None:
        fonts.save()  # the space copies actual_spans.py made


def _wrap(tokens: list[Any], operator: int, text: str) -> None:
    """Insert a Span with `text` inside the sequence whose BDC is at `operator`."""
    depth, index = 1, operator + 1
    while index < len(tokens):
        token = tokens[index]
        token = token.encode() if isinstance(token, str) else token
        depth += NESTING.get(token, 0) if isinstance(token, bytes) else 0
        if depth == 0:
            break
        index += 1
    else:
        return
    tokens.insert(index, b"EMC")
    tokens[operator + 1:operator + 1] = [
        "/Span", pydyf.Dictionary({"ActualText": pydyf.String(text)}), b"BDC"]


def _layout_hyphen(box: Any, text: str) -> bool:
    """The box ends with a hyphen the line breaker added (not one written in the source)."""
    hyphen = box.style["hyphenate_character"]
    if not hyphen or not text.endswith(hyphen) or len(text) <= len(hyphen):
        return False
    if not text[-len(hyphen) - 1].isalnum():
        return False
    element = getattr(box, "element", None)
    written = "".join(element.itertext()) if element is not None else ""
    return text.strip() not in written


def _spaced(style: Any) -> bool:
    spacing = style["letter_spacing"]
    return spacing != "normal" and bool(getattr(spacing, "value", spacing))


def _right_to_left(text: str) -> bool:
    return any(unicodedata.bidirectional(character) in RIGHT_TO_LEFT for character in text)


def _shaped(text: str) -> bool:
    return COMPLEX.search(text) is not None or any(
        unicodedata.combining(character) for character in text)

