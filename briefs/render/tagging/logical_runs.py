"""The font runs of a right-to-left text box drawn in logical order, each still left to right,
for pdf.js.

The brand's Latin face draws the digits and some punctuation of Hebrew and Arabic text, so a
box such as `מ-400` is two runs in two fonts, drawn left to right (`400`, then `-מ`). pdf.js
makes each font run a text item of its own and keeps the items in drawing order, so it read
`400מ-` (and Firefox's search and copy with it). Drawn in logical order (`-מ` first, then
`400`, each where it was), every run keeps its place on the page and pdf.js reads `מ-400`;
a space at a run's edge, which pdf.js drops when the pen moves back to the next run, gets
the RLM + space copy of edge_spaces.py. poppler and PDFium order text by position and read
the same; measured in docs/decisions.md ("pdf.js and right-to-left lines").

Only a box drawn as one text object (`BT`, one `Tm`, then font selections and `TJ`s, `ET`)
is changed; anything else in it (a rise, a colour, spacing operators) leaves it as it is.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from briefs.render.tagging.edge_spaces import EDGE_SPACE
from briefs.render.tagging.glyph_copies import Fonts
from briefs.render.tagging.range_dashes import _glyphs, _redraw
from briefs.render.tagging.recover import Marked
from briefs.render.tagging.stream_fonts import FONT_SELECTION, font_before, sequence_operators
from briefs.render.tagging.tree import Key

MATRIX = re.compile(rb"^(\S+) (\S+) (\S+) (\S+) (\S+) (\S+) Tm$")
FONT = re.compile(rb"^/(\S+) (\S+) Tf$")
ELEMENT = re.compile(rb"<([0-9a-fA-F]*)>|(-?[0-9.]+)")
HEX = re.compile(rb"<[0-9a-fA-F]*>")
PLAIN_SHOW = re.compile(rb"^\[[-0-9. ]*\] ?TJ$")
OUTSIDE_TEXT = {b"EMC", b"BDC", b"BMC"}
STRONG_LEFT = ("L", "EN", "AN")
RIGHT_TO_LEFT = ("R", "AL")


@dataclass
class _Run:
    """One `TJ` of the box: its token, font, size, where it starts (page x) and its text."""

    position: int
    font: str
    size: float
    x: float
    text: str
    cut: int = 0
    """Where in the token a run split by `_tail` is cut (0: the whole token)."""
    tail: bool = False


def order_runs(marked: dict[Key, Marked], boxes: dict[Key, Any], fonts: Fonts) -> None:
    """Draw the font runs of each right-to-left text box in logical order (the caller saves
    `fonts`)."""
    for key, box in boxes.items():
        style = getattr(box, "style", None)
        if key not in marked or style is None or style["direction"] != "rtl":
            continue
        sequence = marked[key]
        found = _runs(sequence, fonts)
        if found is None:
            continue
        matrix_at, matrix, runs = found
        order = _logical(runs)
        if [id(run) for run in order] == [id(run) for run in runs]:
            continue
        _keep_run_spaces(sequence, fonts)
        _rewrite(sequence, matrix_at, matrix, runs, order)


def _runs(sequence: Marked, fonts: Fonts) -> tuple[int, list[bytes], list[_Run]] | None:
    """The box's `Tm` (position, its six numbers) and runs, or None when the box is not one
    plain text object."""
    tokens = sequence.stream.stream
    font = font_before(tokens, sequence.position)
    size = _size_before(tokens, sequence.position)
    matrix_at, matrix, x = -1, [], 0.0
    runs: list[_Run] = []
    state = "before"
    for position, token in sequence_operators(tokens, sequence.position):
        if not token:
            continue
        if state == "before":
            if token == b"BT":
                state = "text"
            elif token.endswith((b"TJ", b"Tj", b"Tm", b"Tf")):
                return None
            continue
        if state == "after":
            if token not in OUTSIDE_TEXT and not token.endswith((b"rg", b"gs")):
                return None
            continue
        if (found := MATRIX.match(token)) and matrix_at < 0 and not runs:
            matrix = list(found.groups())
            if float(matrix[1]) or float(matrix[2]):
                return None
            matrix_at, x = position, float(matrix[4])
        elif found := FONT.match(token):
            font, size = found.group(1).decode(), float(found.group(2))
        elif token.endswith(b"TJ") and matrix_at >= 0 and font is not None:
            shown = _shown(token, sequence, fonts, font, size)
            if shown is None:
                return None
            for cut, tail, text, advance in _tail(token, shown, sequence, fonts, font, size):
                runs.append(_Run(position, font, size, x, text, cut, tail))
                x += advance * float(matrix[0])
        elif token == b"ET":
            state = "after"
        else:
            return None
    if state != "after" or len(runs) < 2 \
            or not any(_direction(run.text) == "rtl" for run in runs):
        return None
    return matrix_at, matrix, runs


def _shown(token: bytes, sequence: Marked, fonts: Fonts, font: str,
           size: float) -> tuple[str, float] | None:
    """The text and advance (in text space) of a `TJ`, or None when it is not plain hex
    codes of two bytes and plain numbers."""
    if not PLAIN_SHOW.match(HEX.sub(b"", token)):
        return None  # a literal string or a number written with an exponent
    text, advance = "", 0.0
    for element in ELEMENT.finditer(token):
        if element.group(1) is not None:
            codes = element.group(1)
            if len(codes) % 4:
                return None
            for start in range(0, len(codes), 4):
                glyph = int(codes[start:start + 4], 16)
                text += fonts.text(sequence, font, glyph)
                advance += fonts.width(sequence, font, glyph) / 1000 * size
        else:
            advance -= float(element.group(2)) / 1000 * size
    return text, advance


def _tail(token: bytes, shown: tuple[str, float], sequence: Marked, fonts: Fonts, font: str,
          size: float) -> list[tuple[int, bool, str, float]]:
    """The `TJ` as one run, or as two when it draws a number and then punctuation (with
    spaces) that ends it on the right, where a right-to-left line begins (`212 :` for
    `: 212`, the brand's Latin face drawing both): the punctuation is a neutral run of its
    own, drawn before the number in logical order (pdf.js read `2025212 :` for the Hebrew
    `2025: 212`, an item without right-to-left letters being kept in drawing order)."""
    text, advance = shown
    if _direction(text) != "ltr":
        return [(0, False, text, advance)]
    glyphs = [(found.start(1) + start, found.start(1) + start + 4,
               int(found.group(1)[start:start + 4], 16))
              for found in ELEMENT.finditer(token) if found.group(1)
              for start in range(0, len(found.group(1)), 4)]
    texts = [fonts.text(sequence, font, glyph) for _, _, glyph in glyphs]
    split = len(texts)
    while split and texts[split - 1] and all(
            character == " " or unicodedata.category(character) == "Po"
            for character in texts[split - 1]):
        split -= 1
    if not 0 < split < len(texts) or not texts[split - 1][-1:].isdigit() \
            or not "".join(texts[split:]).strip():
        return [(0, False, text, advance)]
    cut = glyphs[split][0]
    head_advance = sum(fonts.width(sequence, font, glyph)
                       for _, _, glyph in glyphs[:split]) / 1000 * size
    for element in ELEMENT.finditer(token):
        if element.group(2) is not None and element.start() < cut:
            head_advance -= float(element.group(2)) / 1000 * size
    return [(cut, False, "".join(texts[:split]), head_advance),
            (cut, True, "".join(texts[split:]), advance - head_advance)]


def _part(token: bytes, run: _Run) -> bytes:
    """The `TJ` a run draws: its token, or the part of it `_tail` cut (glyph copies made
    since keep every code's place)."""
    if not run.cut:
        return token
    return b"[<" + token[run.cut:] if run.tail else token[:run.cut] + b"> ] TJ"


def _direction(text: str) -> str:
    kinds = {unicodedata.bidirectional(character) for character in text}
    if kinds & set(RIGHT_TO_LEFT):
        return "rtl"
    return "ltr" if kinds & set(STRONG_LEFT) else "neutral"


def _logical(runs: list[_Run]) -> list[_Run]:
    """The runs (drawn left to right) in logical order: reversed, then each stretch of
    left-to-right runs (neutral runs between two of them included) put back left to right."""
    order = list(reversed(runs))
    kinds = [_direction(run.text) for run in order]
    result: list[_Run] = []
    index = 0
    while index < len(order):
        if kinds[index] != "ltr":
            result.append(order[index])
            index += 1
            continue
        end = index + 1
        while end < len(order) and kinds[end] != "rtl":
            following = next((kind for kind in kinds[end:] if kind != "neutral"), "rtl")
            if kinds[end] == "neutral" and following != "ltr":
                break
            end += 1
        result += reversed(order[index:end])
        index = end
    return result


def _keep_run_spaces(sequence: Marked, fonts: Fonts) -> None:
    """A space glyph drawn first or last in a run, next to anything but a Latin letter in
    its run, drawn with the RLM + space copy (edge_spaces.py)."""
    drawn = list(_glyphs(sequence, fonts))
    for index, glyph in enumerate(drawn):
        if glyph.text != " ":
            continue
        before = drawn[index - 1] if index and drawn[index - 1].position == glyph.position \
            else None
        after = drawn[index + 1] if index + 1 < len(drawn) \
            and drawn[index + 1].position == glyph.position else None
        if before is not None and after is not None:
            continue
        neighbour = before or after
        if neighbour is None or any(unicodedata.bidirectional(character) == "L"
                                    for character in neighbour.text):
            continue
        copy = fonts.copy_as(sequence, glyph.font, glyph.glyph, EDGE_SPACE)
        if copy is not None and copy != glyph.glyph:
            _redraw(sequence, glyph, copy)


def _rewrite(sequence: Marked, matrix_at: int, matrix: list[bytes], runs: list[_Run],
             order: list[_Run]) -> None:
    """Each run with its own `Tm` at its place and its font, in `order`, where the box's
    `Tm` was (the other tokens emptied, so that no position moves); the font selected after
    the box stays the one it was."""
    tokens = sequence.stream.stream
    shows = {run.position for run in runs}
    lines: list[bytes] = []
    for run in order:
        numbers = [*matrix[:4], b"%.6f" % run.x, matrix[5]]
        selection = b"/%s %s Tf" % (run.font.encode(), _number(run.size))
        lines += [b" ".join(numbers) + b" Tm", selection,
                  _part(_token(tokens[run.position]), run)]
    last = runs[-1]
    if order[-1].font != last.font or order[-1].size != last.size:
        lines.append(b"/%s %s Tf" % (last.font.encode(), _number(last.size)))
    for position, token in sequence_operators(tokens, sequence.position):
        if position > matrix_at and (position in shows or FONT_SELECTION.match(token)):
            tokens[position] = b""
    tokens[matrix_at] = b"\n".join(lines)


def _token(token: Any) -> bytes:
    return token.encode() if isinstance(token, str) else token


def _size_before(tokens: list[Any], position: int) -> float:
    for token in reversed(tokens[:position]):
        token = _token(token)
        if isinstance(token, bytes) and (found := FONT.match(token)):
            return float(found.group(2))
    return 1.0


def _number(value: float) -> bytes:
    return (b"%d" % value) if value == int(value) else (b"%.6f" % value).rstrip(b"0")

