"""Arabic-script marks (harakat, tanwin, shadda, hamza above) in the text layer: a base letter
and the marks drawn on it become one glyph of their own, mapped to the letter, after an empty
glyph that carries the marks' text.

HarfBuzz draws a right-to-left mark before its base letter, as a zero-width glyph of its own,
moved onto the letter (and raised with a text rise). Measured (docs/decisions.md, "Arabic and
Persian text layer"): MuPDF and pdf.js read it in place, but poppler moves it to the end of
the line and PDFium drops it, so `معًا`, `تُستمد` and the Persian ezafe `شبکهٔ` were lost.
Drawn after its letter instead, every engine reads the mark but before the letter. So the
letter is drawn with a composite glyph (the letter and each mark as components at the offsets
they were drawn at, the letter's width) and the marks' own glyphs are taken out of the line.
The composite maps to the letter alone: mapped to letter and marks, MuPDF gave it no width
and read a space inside the word (`م عًا`), since the mapping, reversed for drawing order,
starts with a mark. The marks' text is carried by an empty glyph one thousandth of an em wide
drawn just before the composite (the pen moved back over it): poppler, PDFium and MuPDF read
letter then marks (PDFium drops a glyph of no width). The page looks the same.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from briefs.render.tagging.recover import Marked
from briefs.render.tagging.stream_fonts import font_before, sequence_operators

if TYPE_CHECKING:
    from briefs.render.tagging.glyph_copies import Fonts

MARK = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u08d3-\u08ff\u0591-\u05c7]")
"""Marks of the Arabic and Hebrew scripts, drawn on a base letter."""
NUMBER = rb"-?(?:\d+\.?\d*|\.\d+)"
ELEMENT = re.compile(rb"<([0-9a-fA-F]*)>|(" + NUMBER + rb")")
RISE = re.compile(rb"^(" + NUMBER + rb") Ts$")
FONT = re.compile(rb"^/(\S+) (" + NUMBER + rb") Tf$")
ZWNJ = "\u200c"
ALM = "\u061c"
RLM = "\u200f"


@dataclass
class _Drawn:
    """One glyph drawn in the sequence: where its code is, and where it is drawn."""

    token: int
    start: int
    glyph: int
    font: str
    size: float
    x: float
    rise: float


def attach_marks(sequence: Marked, right_to_left: list[bool], fonts: Fonts) -> None:
    """Draw each base letter of a right-to-left run with the marks drawn just before it as
    one composite glyph, mapped to the letter and its marks."""
    drawn = list(_glyphs(sequence, fonts))
    if len(drawn) != len(right_to_left):
        return
    texts = [fonts.text(sequence, item.font, item.glyph) for item in drawn]
    removed: set[int] = set()
    replaced: dict[int, int] = {}
    carriers: dict[int, int] = {}
    index = 0
    while index < len(drawn):
        end = index
        while end < len(drawn) and right_to_left[end] and _is_mark(texts[end]) \
                and drawn[end].font == drawn[index].font:
            end += 1
        if end == index or end >= len(drawn) or not right_to_left[end] \
                or drawn[end].font != drawn[index].font or not texts[end]:
            index = max(end, index + 1)
            continue
        base = drawn[end]
        units = fonts.units_per_em(sequence, base.font)
        if units is None:
            index = end + 1
            continue
        marks = tuple((item.glyph, round((item.x - base.x) / base.size * units),
                       round((item.rise - base.rise) / base.size * units))
                      for item in drawn[index:end])
        letter, carried = _split(texts[end], [texts[i] for i in range(index, end)])
        carried = _word_final(carried, texts[index - 1] if index else "", letter)
        carrier = fonts.carrier(sequence, base.font, carried)
        glyph = fonts.composite(sequence, base.font, base.glyph, marks, letter) \
            if carrier is not None else base.glyph
        if carrier is not None and glyph != base.glyph:
            replaced[end] = glyph
            carriers[end] = carrier
            removed |= set(range(index, end))
        index = end + 1
    if replaced:
        _rewrite(sequence, drawn, (replaced, carriers), removed, fonts)


def _split(base: str, marks: list[str]) -> tuple[str, str]:
    """The composite's text (the letter) and its carrier's, in drawing order: the marks
    (drawn in reverse of their logical order) and a ZWNJ the letter carries, which the
    engines read after the letter once they reverse the line."""
    joiner = ZWNJ if base.endswith(ZWNJ) else ""
    carried = "".join(reversed(marks)) + joiner
    return base[:len(base) - len(joiner)], carried[::-1]


def _word_final(carried: str, left: str, letter: str = "") -> str:
    """The carrier's text (drawing order) with an Arabic letter mark (ALM, U+061C) after the
    marks when the letter ends its word (nothing, a space or punctuation drawn to its left):
    PDFium reads a mark there as a neutral character, joins it to the punctuation that
    follows and puts both after the word (`كثيرا.ً`); a strong right-to-left character after
    it keeps it with its letter: with ALM in all four engines, with RLM all but pdf.js
    (measured, docs/decisions.md). ALM is invisible; in the middle of a word it would break a
    search for the word, so it is only added at its end. A Hebrew letter takes an RLM (the
    Arabic letter mark has no place in Hebrew text; not measured: the samples have no
    points)."""
    if any(unicodedata.category(character)[0] in "LM" for character in left):
        return carried
    mark = RLM if letter and "\u0590" <= letter[0] <= "\u05ff" else ALM
    return (mark + carried)[::-1]  # with a letter mark, tounicode.py turns it around


def _is_mark(text: str) -> bool:
    return bool(text) and all(unicodedata.category(character) == "Mn" for character in text)


def _glyphs(sequence: Marked, fonts: Fonts) -> Iterator[_Drawn]:
    """Every glyph the sequence draws, with its position along the line in text space."""
    tokens = sequence.stream.stream
    font = font_before(tokens, sequence.position) or ""
    size, x, rise = _size_before(tokens, sequence.position), 0.0, 0.0
    for position, token in sequence_operators(tokens, sequence.position):
        if found := FONT.match(token):
            font, size = found.group(1).decode(), float(found.group(2))
        elif found := RISE.match(token):
            rise = float(found.group(1))
        elif token.endswith(b"TJ"):
            for element in ELEMENT.finditer(token):
                if element.group(2) is not None:
                    x -= float(element.group(2)) / 1000 * size
                    continue
                codes = element.group(1)
                for start in range(0, len(codes), 4):
                    glyph = int(codes[start:start + 4], 16)
                    yield _Drawn(position, element.start(1) + start, glyph, font, size, x, rise)
                    x += fonts.width(sequence, font, glyph) / 1000 * size


def _size_before(tokens: list[Any], position: int) -> float:
    for token in reversed(tokens[:position]):
        token = token.encode() if isinstance(token, str) else token
        if isinstance(token, bytes) and (found := FONT.match(token)):
            return float(found.group(2))
    return 1.0


def _rewrite(sequence: Marked, drawn: list[_Drawn],
             composites: tuple[dict[int, int], dict[int, int]], removed: set[int],
             fonts: Fonts) -> None:
    """Put the composites in, each after its text carrier (the pen moved back over the
    carrier's width), take the marks out (keeping the pen where it was)."""
    from briefs.render.tagging.glyph_copies import CARRIER_WIDTH

    replaced, carriers = composites
    tokens = sequence.stream.stream
    by_token: dict[int, list[tuple[int, _Drawn]]] = {}
    for index, item in enumerate(drawn):
        if index in replaced or index in removed:
            by_token.setdefault(item.token, []).append((index, item))
    for position, items in by_token.items():
        token = tokens[position]
        token = token.encode() if isinstance(token, str) else token
        for index, item in sorted(items, key=lambda pair: -pair[1].start):
            if index in replaced:
                code = b"%04x>%s<%04x" % (carriers[index], _number(CARRIER_WIDTH),
                                          replaced[index])
            else:
                width = fonts.width(sequence, item.font, item.glyph)
                code = b">%s<" % _number(-width) if width else b""
            token = token[:item.start] + code + token[item.start + 4:]
        tokens[position] = token
    _tidy(sequence, set(by_token))


def _tidy(sequence: Marked, changed: set[int]) -> None:
    """The moves a removed mark leaves behind merged into one, and a text-showing operator
    left with nothing to show folded into the next: MuPDF reads a long move to the right
    as a space."""
    tokens = sequence.stream.stream
    pending = 0.0
    for position, token in sequence_operators(tokens, sequence.position):
        if token.endswith(b"TJ") and (pending or position in changed):
            if pending:
                token = b"[" + _number(pending) + (b"" if token[1:2] == b"<" else b"<>") \
                    + token[1:]
                pending = 0.0
            token = _merged(token)
            if not any(found.group(1) for found in ELEMENT.finditer(token)):
                pending = sum(float(found.group(2)) for found in ELEMENT.finditer(token)
                              if found.group(2) is not None)
                token = b""
            tokens[position] = token


def _merged(token: bytes) -> bytes:
    """`[a<>b ...] TJ` -> `[a+b ...] TJ`: numbers around an empty string added up."""
    pair = re.compile(rb"(?<![0-9.])(" + NUMBER + rb")(?:<>)+(" + NUMBER + rb")(?![0-9.])")
    while (found := pair.search(token)) is not None:
        total = float(found.group(1)) + float(found.group(2))
        token = token[:found.start()] + _number(total) + token[found.end():]
    return token


def _number(value: float) -> bytes:
    return (b"%d" % value) if value == int(value) else (b"%.12f" % value).rstrip(b"0")
