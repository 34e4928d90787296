"""The `/ActualText` of an Indic line as one span a word, so that MuPDF reads the line as
poppler and PDFium do.

A line-long `/ActualText` is read right by poppler and PDFium, but MuPDF matches it against
the glyphs' own text (`do_extract_within_actualtext`, source/fitz/stext-device.c): it takes
the longest common prefix and suffix of the glyphs' characters and the text, hands the rest
out one character per glyph, and flushes what is left. Two slips there garbled Hindi
(95% of words): what is left after a matching suffix is counted in UTF-8 bytes rather than
characters, so a non-ASCII suffix is written twice (`नलस में से चार लीटर नल`), and after a
matching prefix characters are handed to glyphs further along the line than they belong, so
a jump of more than 0.8 em starts a new line inside a word (`क़स्ब\nों`). A span a word
keeps the drift short, and no span's text ends with its last glyph's character, so MuPDF
finds no suffix and writes what is left at the end of the span, in order: a word's span
holds the space glyph after it, drawn with a copy of that glyph mapped to U+00A0 (its text
ends with the space); a word with no space glyph after it ends with a space that no glyph
draws, where its last glyph would match. Every word that is not plain ASCII spelled by its
glyphs gets a span: a vowel sign read from its own glyph, drawn moved back over its letter,
makes poppler break the word and PDFium move it to the end of the line. pdf.js, which reads
no /ActualText, reads the same glyphs (the space copy as a no-break space). See
docs/decisions.md, "MuPDF reads Hindi".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pydyf

from briefs.render.tagging.recover import Marked
from briefs.render.tagging.stream_fonts import (
    FONT_SELECTION,
    HEX_STRING,
    font_before,
    sequence_operators,
)

if TYPE_CHECKING:
    from briefs.render.tagging.glyph_copies import Fonts

INDIC = re.compile("[\u0900-\u0dff\ua8e0-\ua8ff]")
"""The scripts of India and Sri Lanka, whose lines get a span a word."""
EMPTY_SHOW = re.compile(rb"\[(?:<>|\s|-?0+(?:\.0*)?(?![0-9.]))*\] TJ")
"""A piece of a split `TJ` that shows nothing and moves nothing."""
NESTING = {b"BDC", b"BMC"}
SPACE = " "
NO_BREAK_SPACE = "\u00a0"
SPACES = {SPACE, NO_BREAK_SPACE}
"""What separates words: a glyph mapped to one of them, or the character."""


@dataclass(frozen=True)
class Glyph:
    """One glyph drawn in the sequence: the operator it is in, where its code starts in it,
    and the text its font maps it to."""

    token: int
    start: int
    text: str
    font: str = ""
    code: int = 0


@dataclass(frozen=True)
class Region:
    """Glyphs `first` to `end` (exclusive) to be read as `text`; with `space_copy`, the
    last of them is the space after the word, to be drawn with a copy of its glyph mapped to
    a no-break space."""

    first: int
    end: int
    text: str
    space_copy: bool = False


class GlyphTexts:
    """The text each glyph maps to, asked of `Fonts` once a glyph and page (it resolves the
    page's fonts on every call)."""

    def __init__(self, fonts: Fonts) -> None:
        self.fonts = fonts
        self.known: dict[tuple[int, int, str, int], str] = {}

    def text(self, sequence: Marked, font: str, glyph: int) -> str:
        key = (sequence.page, id(sequence.form), font, glyph)
        if key not in self.known:
            self.known[key] = self.fonts.text(sequence, font, glyph)
        return self.known[key]


def wants_spans(text: str) -> bool:
    """Whether the line's /ActualText is written as spans (Indic letters in it)."""
    return INDIC.search(text) is not None


def add_actual_spans(sequence: Marked, text: str, fonts: GlyphTexts) -> bool:
    """Wrap each word of `sequence` whose glyphs do not spell it in a `/Span` with its
    `/ActualText`; False (nothing changed) when the glyphs cannot be matched with the text."""
    glyphs = drawn_glyphs(sequence, fonts)
    if glyphs is None or not glyphs:
        return False
    regions = regions_to_mark([glyph.text for glyph in glyphs], text)
    if regions is None:
        return False
    tokens = sequence.stream.stream
    for index, region in enumerate(regions):
        if region.space_copy:
            space = glyphs[region.end - 1]
            slot = fonts.fonts.copy_as(sequence, space.font, space.code, NO_BREAK_SPACE)
            if slot is None:  # no copy: the space's glyph left out, its text kept
                regions[index] = Region(region.first, region.end - 1, region.text)
                continue
            token = tokens[space.token]
            token = token.encode() if isinstance(token, str) else token
            tokens[space.token] = token[:space.start] + b"%04x" % slot + token[space.start + 4:]
    _insert(tokens, glyphs, regions)
    return True


def drawn_glyphs(sequence: Marked, fonts: GlyphTexts) -> list[Glyph] | None:
    """Every glyph the sequence shows, in drawing order (None when it shows text other than
    with `TJ`, or holds a sequence of its own)."""
    tokens = sequence.stream.stream
    font = font_before(tokens, sequence.position)
    glyphs: list[Glyph] = []
    for position, token in sequence_operators(tokens, sequence.position):
        if (selected := FONT_SELECTION.match(token)) is not None:
            font = selected.group(1).decode()
        elif token.split()[-1:] and token.split()[-1] in NESTING:
            return None
        elif token.endswith(b"TJ"):
            if font is None:
                return None
            for found in HEX_STRING.finditer(token):
                codes = found.group(1)
                if len(codes) % 4:
                    return None
                for offset in range(0, len(codes), 4):
                    glyph = int(codes[offset:offset + 4], 16)
                    glyphs.append(Glyph(position, found.start(1) + offset,
                                        fonts.text(sequence, font, glyph), font, glyph))
        elif token.endswith((b"Tj", b"'", b'"')):
            return None
    return glyphs


def regions_to_mark(texts: list[str], line: str) -> list[Region] | None:
    """The glyph ranges to give an /ActualText, from the glyphs' own texts and the line's
    text: each word (spaces are glyphs of their own) that is not plain ASCII spelled by its
    glyphs, with the space glyph after it (to be drawn with a copy read as U+00A0 where it
    reads as the text's space: MuPDF's common suffix); a word with no space glyph after it
    gets a space in its text, with no glyph, where its last glyph ends with its last
    character. None when the words of glyphs and of text do not pair up."""
    glyph_words = _split(texts)
    text_words = _split(list(line))
    while len(glyph_words) > len(text_words) and glyph_words[-1][0] == glyph_words[-1][1]:
        glyph_words.pop()  # a space drawn at the end of the line, not in the box's text
    if len(glyph_words) != len(text_words):
        return None
    regions = []
    for (first, end), (start, stop) in zip(glyph_words, text_words, strict=True):
        word = line[start:stop]
        if first == end and word:
            return None  # text that no glyph draws: left to a span over the whole line
        if first == end or (word.isascii() and "".join(texts[first:end]) == word):
            continue
        if end < len(texts) and stop < len(line):  # the space glyph too: poppler adds none
            regions.append(Region(first, end + 1, word + line[stop],
                                  space_copy=texts[end] == line[stop]))
            continue
        if end < len(texts) or _last(texts[end - 1]) == word[-1:]:
            word += SPACE
        regions.append(Region(first, end, word))
    return regions


def _last(text: str) -> str:
    """The character MuPDF gives a glyph's last item (U+FFFD for an empty mapping)."""
    return text[-1:] or "\ufffd"


def _split(texts: list[str]) -> list[tuple[int, int]]:
    """The ranges between spaces (glyphs mapped to a space, or characters)."""
    words, first = [], 0
    for index, text in enumerate(texts):
        if text in SPACES:
            words.append((first, index))
            first = index + 1
    words.append((first, len(texts)))
    return words


def _insert(tokens: list[Any], glyphs: list[Glyph], regions: list[Region]) -> None:
    """Split the `TJ` operators at the regions' ends and put a `/Span` BDC .. EMC around
    each region's glyphs (the pen moves exactly as before: a TJ split in two draws the same)."""
    cuts: dict[int, list[tuple[int, list[Any]]]] = {}
    for region in regions:
        opening = glyphs[region.first]
        closing = glyphs[region.end - 1]
        cuts.setdefault(opening.token, []).append((opening.start, [
            "/Span", pydyf.Dictionary({"ActualText": pydyf.String(region.text)}), b"BDC"]))
        cuts.setdefault(closing.token, []).append((closing.start + 4, [b"EMC"]))
    for position in sorted(cuts, reverse=True):
        token = tokens[position]
        token = token.encode() if isinstance(token, str) else token
        pieces: list[Any] = []
        previous = 0
        for offset, inserted in sorted(cuts[position], key=lambda cut: cut[0]):
            pieces.append((b"" if previous == 0 else b"[<") + token[previous:offset] + b">] TJ")
            pieces.extend(inserted)
            previous = offset
        pieces.append(b"[<" + token[previous:])
        tokens[position:position + 1] = [piece for piece in pieces
                                         if not (isinstance(piece, bytes)
                                                 and EMPTY_SHOW.fullmatch(piece))]
