"""Ranges written in Arabic-Indic or Persian digits (`٢٠١٦–٢٠٢٥`), drawn right to left, read
back in logical order: the dash between the two numbers reads RLM + dash + RLM, punctuation
just outside the range has an ALM on the range's side.

In a right-to-left paragraph the bidi algorithm resolves the dash between two such numbers
to right to left (the digits are AN or EN, which act as R on a neutral between them), so the
page draws `۲۰۲۵–۲۰۱۶` from left to right: read right to left, the earlier figure first, as
Arabic and Persian readers expect (render/typeset.py leaves such a range in the text). The
text engines cannot know the dash was resolved right to left: poppler and MuPDF read the
digits, the dash and the punctuation around them as one left-to-right run in drawing order
(`.۲۰۲۵–۲۰۱۶ ،`). A dash mapped to RLM + dash + RLM is a right-to-left character to them, so
the numbers are read in the order the bidi algorithm drew them; punctuation with an ALM
between it and the range is kept out of the numbers' run (measured in docs/decisions.md).
Only a range drawn with its two numbers in reverse of their logical order is changed (a
range drawn left to right, such as a Persian one typed with a hyphen-minus, which the bidi
algorithm keeps left to right, is read right already).

A direction mark that follows a glyph's text is carried by an empty glyph of its own (one
thousandth of an em wide, drawn just after it, the pen moved back): pdf.js skips a glyph whose
text ends with a format character (`isInvisibleFormatMark` in its text-content builder), so a
dash mapped to RLM + dash + RLM was lost and the two numbers ran together (`۲۰۱۶۲۰۲۵`). The
dash maps to RLM + dash and the carrier to RLM: the other engines read the same characters in
the same order as before, and pdf.js skips only the carrier (measured, docs/decisions.md).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from briefs.i18n.ranges import native_range_spans
from briefs.render.tagging.glyph_copies import CARRIER_WIDTH, Fonts
from briefs.render.tagging.marks import ALM, RLM
from briefs.render.tagging.recover import Marked
from briefs.render.tagging.stream_fonts import (
    FONT_SELECTION,
    HEX_STRING,
    font_before,
    sequence_operators,
)
from briefs.render.tagging.tree import Key

DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"


@dataclass(frozen=True)
class _Glyph:
    """A glyph drawn by a sequence: where (token position, index in its hex string's glyphs,
    counted over the token), which font and glyph id, and its text."""

    position: int
    index: int
    font: str
    glyph: int
    text: str


def mark_range_dashes(marked: dict[Key, Marked], boxes: dict[Key, Any], fonts: Fonts) -> None:
    """Draw the dash of each native-digit range drawn right to left with a copy mapped to
    RLM + dash and an RLM carrier after it, and punctuation drawn next to it with an ALM on
    the side of the range (the caller saves `fonts`)."""
    for key, box in boxes.items():
        text = getattr(box, "text", None)
        if key not in marked or not isinstance(text, str):
            continue
        spans = native_range_spans(text)
        if not spans:
            continue
        sequence = marked[key]
        drawn = list(_glyphs(sequence, fonts))
        targets = [target for start, end in spans
                   for target in _reversed_ranges(text[start:end], drawn)]
        for target, mapped, _ in targets:
            if mapped == target.text:
                continue
            copy = fonts.copy_as(sequence, target.font, target.glyph, mapped)
            if copy is not None and copy != target.glyph:
                _redraw(sequence, target, copy)
        carried = {(target.position, target.index): (target, trailing)
                   for target, _, trailing in targets if trailing}  # a dash found twice once
        # last drawn first, so that each carrier leaves the places of those before it
        for place in sorted(carried, reverse=True):
            target, trailing = carried[place]
            carrier = fonts.carrier(sequence, target.font, trailing)
            if carrier is not None:
                _draw_after(sequence, target, carrier)


def _reversed_ranges(run: str, drawn: list[_Glyph]) -> Iterator[tuple[_Glyph, str, str]]:
    """Where `run` (a range, logical order) is drawn with its two numbers swapped (the
    second number, the dash, then the first, left to right): each glyph to change, the
    text of its copy and a direction mark to carry just after it (or ""). The dash reads
    RLM + dash + RLM, the punctuation drawn just outside the range (across a space) has
    an ALM between it and the range (drawing order): poppler and PDFium otherwise read
    `، ۲۰۱۶` as `۲۰۱۶ ،` and `۲۰۲۵.` as `.۲۰۲۵` (measured, docs/decisions.md). The dash's
    second RLM is carried after it: pdf.js drops a glyph whose text ends with a mark. The
    punctuation and space left of the range keep theirs (pdf.js drops them, no word is
    lost; carried apart, the ALM made edge_spaces.py take the space for one beside a
    letter, and PDFium then read the Arabic flyer's `٠٩:٣٠–١٣:٠٠` reversed)."""
    split = next((i for i, char in enumerate(run) if char in DASHES), None)
    if split is None:
        return
    first, second = run[:split].rstrip(), run[split + 1:].lstrip()
    texts = [glyph.text for glyph in drawn]
    wanted = [*second, run[split], *first]
    spaced = [*second, " ", run[split], " ", *first]
    for start in range(len(texts)):
        for pattern in (wanted, spaced):
            if texts[start:start + len(pattern)] != pattern:
                continue
            dash = drawn[start + len(second) + (1 if pattern is spaced else 0)]
            yield dash, RLM + dash.text, RLM
            for glyph in _outside(drawn, start - 1, -1):
                yield glyph, glyph.text + ALM, ""
            for glyph in _outside(drawn, start + len(pattern), 1):
                yield glyph, ALM + glyph.text, ""


def _outside(drawn: list[_Glyph], index: int, step: int) -> list[_Glyph]:
    """The space and the punctuation drawn from `index` on in the direction `step` (a space,
    then punctuation; either may be missing)."""
    found = []
    if 0 <= index < len(drawn) and drawn[index].text == " ":
        found.append(drawn[index])
        index += step
    if 0 <= index < len(drawn):
        text = drawn[index].text
        if len(text) == 1 and unicodedata.category(text)[0] == "P" and text not in DASHES:
            found.append(drawn[index])
    return found


def _glyphs(sequence: Marked, fonts: Fonts) -> Iterator[_Glyph]:
    """Every glyph the sequence's text-showing operators draw, in drawing order."""
    tokens = sequence.stream.stream
    font = font_before(tokens, sequence.position)
    for position, token in sequence_operators(tokens, sequence.position):
        selected = FONT_SELECTION.match(token)
        if selected:
            font = selected.group(1).decode()
        elif token.endswith(b"TJ") and font is not None:
            index = 0
            for codes in HEX_STRING.findall(token):
                if len(codes) % 4:
                    break  # a one-byte (bitmap) font: not ours
                for start in range(0, len(codes), 4):
                    glyph = int(codes[start:start + 4], 16)
                    yield _Glyph(position, index, font, glyph,
                                 fonts.text(sequence, font, glyph))
                    index += 1


def _redraw(sequence: Marked, target: _Glyph, copy: int) -> None:
    """Draw `copy` instead of the target glyph, in place."""
    tokens = sequence.stream.stream
    token = tokens[target.position]
    token = token.encode() if isinstance(token, str) else token
    parts: list[bytes] = []
    last, index = 0, 0
    for found in HEX_STRING.finditer(token):
        codes = found.group(1)
        glyphs = [codes[start:start + 4] for start in range(0, len(codes), 4)]
        if index <= target.index < index + len(glyphs):
            glyphs[target.index - index] = b"%04x" % copy
        index += len(glyphs)
        parts += [token[last:found.start(1)], b"".join(glyphs)]
        last = found.end(1)
    parts.append(token[last:])
    tokens[target.position] = b"".join(parts)


def _draw_after(sequence: Marked, target: _Glyph, carrier: int) -> None:
    """Draw `carrier` (an empty glyph one thousandth of an em wide) just after the target
    glyph, in its hex string, the pen moved back over it: the glyphs keep their places."""
    tokens = sequence.stream.stream
    token = tokens[target.position]
    token = token.encode() if isinstance(token, str) else token
    index = 0
    for found in HEX_STRING.finditer(token):
        count = len(found.group(1)) // 4
        if index <= target.index < index + count:
            at = found.start(1) + (target.index - index + 1) * 4
            tokens[target.position] = token[:at] + b"%04x>%d<" % (carrier, CARRIER_WIDTH) \
                + token[at:]
            return
        index += count
