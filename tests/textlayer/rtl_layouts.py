"""Right-to-left lines rewritten in the layouts measured for MuPDF (docs/decisions.md, "MuPDF and
right-to-left lines"), to measure them again when an engine changes:
`python -m tests.textlayer.rtl_layouts WORKSPACE OUT [LOCALE...]` writes every Arabic, Persian
and Hebrew PDF of a built workspace in each layout under OUT and prints what each installed
engine reads back from the PDF as built and from each rewrite.

Only text boxes (one `Tm` and the `Tf`, `Ts` and `TJ` after it) that hold both right-to-left
letters and a left-to-right run (digits, Latin) are rewritten; the glyphs keep their places on
the page, only their order in the content stream and their positioning change:

- `logical`: the glyphs in logical order, each right-to-left glyph and each left-to-right run
  placed with a `Tm` of its own (the pen moves left through right-to-left text, as MuPDF
  expects of text "emitted in logical order");
- `segments`: the runs in logical order, each right-to-left run drawn left to right inside
  (as built), the spaces at its logical start first.

The order is undone from the drawing order with a small inverse of the bidi algorithm's
reordering for one right-to-left paragraph level holding left-to-right runs of one level (a
neutral between two Latin letters, a separator between two digits and a percent sign after
one belong to the run): enough for the sample's lines, not a general bidi algorithm. A test
harness, not used by briefs.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

LAYOUTS = ("logical", "segments")
LOCALES = ("ar", "fa", "he")
PERCENT = "%\u066a"


@dataclass
class Glyph:
    """One glyph of a text box: its code, font, size, rise, place along the line, width and
    text (ToUnicode)."""

    code: int
    font: str
    size: float
    rise: float
    x: float
    width: float
    text: str


def kind(text: str) -> str:
    """R (right-to-left letter), L (left-to-right letter), D (digit of any script), S (number
    separator or terminator) or N (anything else, and no text), by the bidi class of the
    first character."""
    if not text:
        return "N"
    found = unicodedata.bidirectional(text[0])
    return {"R": "R", "AL": "R", "L": "L", "EN": "D", "AN": "D",
            "ES": "S", "ET": "S", "CS": "S"}.get(found, "N")


def logical_units(texts: list[str]) -> list[list[int]]:
    """The glyphs of a right-to-left line given in drawing order (left to right), as indexes
    grouped in units in logical order: each left-to-right run one unit in its own order, each
    other glyph a unit of its own."""
    kinds = [kind(text) for text in texts]
    inside = [found in "LD" for found in kinds]
    for start, end in _gaps(inside):
        left, right = kinds[start - 1], kinds[end]
        between = kinds[start:end]
        if (left == right == "L") or (left == right == "D" and all(k == "S" for k in between)):
            inside[start:end] = [True] * (end - start)
    for index, text in enumerate(texts):
        if text and text[0] in PERCENT and not inside[index] and (
                (index > 0 and kinds[index - 1] == "D") or
                (index + 1 < len(texts) and kinds[index + 1] == "D")):
            inside[index] = True
    units: list[list[int]] = []
    index = 0
    while index < len(texts):
        end = index + 1
        if inside[index]:
            while end < len(texts) and inside[end]:
                end += 1
        units.append(list(range(index, end)))
        index = end
    return units[::-1]


def _gaps(inside: list[bool]) -> list[tuple[int, int]]:
    """(start, end) of each stretch outside the runs with a run on both sides."""
    gaps, start = [], None
    for index, flag in enumerate(inside):
        if flag:
            if start is not None and start > 0:
                gaps.append((start, index))
            start = None
        elif start is None:
            start = index
    return gaps


def segments(texts: list[str]) -> list[list[int]]:
    """The `segments` layout: left-to-right runs and right-to-left stretches in logical order;
    a right-to-left stretch drawn left to right inside, the spaces at its logical start (at
    its right end) first."""
    out: list[list[int]] = []
    stretch: list[int] = []
    for unit in [*logical_units(texts), []]:
        if len(unit) == 1 and kind(texts[unit[0]]) not in "LD":
            stretch.append(unit[0])
            continue
        if stretch:
            lead = []
            while stretch and not texts[stretch[0]].strip():
                lead.append(stretch.pop(0))
            out.append(lead + stretch[::-1])
            stretch = []
        if unit:
            out.append(unit)
    return [unit for unit in out if unit]


def rewrite(source: Path, target: Path, layout: str) -> None:
    """Write `source` to `target` with its right-to-left text boxes in `layout`."""
    import pikepdf

    order = logical_units if layout == "logical" else segments
    with pikepdf.open(source) as pdf:
        for page in pdf.pages:
            fonts = {str(name)[1:]: _font(font)
                     for name, font in page.Resources.get("/Font", {}).items()
                     if font.get("/Subtype") == "/Type0"}
            operations = list(pikepdf.parse_content_stream(page))
            page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(
                list(_rewritten(operations, fonts, order))))
        pdf.save(target)


def _rewritten(operations: list[Any], fonts: dict[str, tuple[dict[int, str], dict[int, float]]],
               order: Any) -> Any:
    import pikepdf

    state = ["", 1.0, 0.0]  # font, size, rise as the stream leaves them
    index = 0
    while index < len(operations):
        operands, operator = operations[index]
        if str(operator) != "Tm":
            _follow(state, operands, str(operator))
            yield operands, operator
            index += 1
            continue
        end = index + 1
        while end < len(operations) and str(operations[end][1]) in ("Tf", "Ts", "TJ"):
            end += 1
        matrix = [float(value) for value in operands]
        glyphs = _glyphs(operations[index + 1:end], fonts, list(state))
        texts = [glyph.text for glyph in glyphs or []]
        kinds = {kind(text) for text in texts}
        if glyphs is None or "R" not in kinds or not kinds & {"L", "D"}:
            for operation in operations[index:end]:
                _follow(state, operation[0], str(operation[1]))
                yield operation
            index = end
            continue
        for unit in order(texts):
            drawn = [glyphs[i] for i in unit]
            yield [*matrix[:4], matrix[4] + drawn[0].x * matrix[0],
                   matrix[5] + drawn[0].x * matrix[1]], pikepdf.Operator("Tm")
            shown: list[Any] = []
            for number, glyph in enumerate(drawn):
                if (glyph.font, glyph.size) != (state[0], state[1]) or glyph.rise != state[2]:
                    if shown:
                        yield [pikepdf.Array(shown)], pikepdf.Operator("TJ")
                        shown = []
                    if (glyph.font, glyph.size) != (state[0], state[1]):
                        yield [pikepdf.Name("/" + glyph.font), glyph.size], pikepdf.Operator("Tf")
                    if glyph.rise != state[2]:
                        yield [glyph.rise], pikepdf.Operator("Ts")
                    state[:] = [glyph.font, glyph.size, glyph.rise]
                shown.append(pikepdf.String(glyph.code.to_bytes(2, "big")))
                if number + 1 < len(drawn):
                    gap = drawn[number + 1].x - (glyph.x + glyph.width)
                    if abs(gap) > 1e-6:
                        shown.append(-gap * 1000 / glyph.size)
            if shown:
                yield [pikepdf.Array(shown)], pikepdf.Operator("TJ")
        index = end


def _follow(state: list[Any], operands: Any, operator: str) -> None:
    if operator == "Tf":
        state[0], state[1] = str(operands[0])[1:], float(operands[1])
    elif operator == "Ts":
        state[2] = float(operands[0])


def _glyphs(operations: list[Any], fonts: dict[str, tuple[dict[int, str], dict[int, float]]],
            state: list[Any]) -> Any:
    import pikepdf

    font, size, rise = state
    glyphs, x = [], 0.0
    for operands, operator in operations:
        if str(operator) == "Tf":
            font, size = str(operands[0])[1:], float(operands[1])
        elif str(operator) == "Ts":
            rise = float(operands[0])
        elif str(operator) == "TJ":
            if font not in fonts:
                return None
            texts, widths = fonts[font]
            for element in operands[0]:
                if not isinstance(element, pikepdf.String):
                    x -= float(element) / 1000 * size
                    continue
                data = bytes(element)
                for start in range(0, len(data), 2):
                    code = int.from_bytes(data[start:start + 2], "big")
                    width = widths.get(code, widths.get(-1, 1000.0)) / 1000 * size
                    glyphs.append(Glyph(code, font, size, rise, x, width, texts.get(code, "")))
                    x += width
    return glyphs


def _font(font: Any) -> tuple[dict[int, str], dict[int, float]]:
    """A Type0 font's ToUnicode (bfchar and bfrange) and widths (`/W`; `-1` the default)."""
    import pikepdf

    texts: dict[int, str] = {}
    if "/ToUnicode" in font:
        data = font.ToUnicode.read_bytes().decode("latin-1")
        for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
            for code, text in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>", block):
                texts[int(code, 16)] = bytes.fromhex(text).decode("utf-16-be")
        for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
            for first, last, text in re.findall(
                    r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
                start = bytes.fromhex(text).decode("utf-16-be")
                for code in range(int(first, 16), int(last, 16) + 1):
                    texts[code] = start[:-1] + chr(ord(start[-1]) + code - int(first, 16))
    descendant = font.DescendantFonts[0]
    widths: dict[int, float] = {-1: float(descendant.get("/DW", 1000))}
    entries, index = list(descendant.get("/W", [])), 0
    while index < len(entries):
        first = int(entries[index])
        if isinstance(entries[index + 1], pikepdf.Array):
            for offset, width in enumerate(entries[index + 1]):
                widths[first + offset] = float(width)
            index += 2
        else:
            for code in range(first, int(entries[index + 1]) + 1):
                widths[code] = float(entries[index + 2])
            index += 3
    return texts, widths


def main(arguments: list[str]) -> None:
    from tests.textlayer.compare import recovered, source_text
    from tests.textlayer.engines import available

    root, out = Path(arguments[0]), Path(arguments[1])
    locales = set(arguments[2:]) or set(LOCALES)
    engines = available()
    for pdf in sorted((root / "build").rglob("*.pdf")):
        doc, locale = pdf.stem.rsplit(".", 1)
        if locale not in locales:
            continue
        source = source_text(root / "content" / doc / f"{locale}.yaml")
        versions = [("as built", pdf)]
        for layout in LAYOUTS:
            (out / layout).mkdir(parents=True, exist_ok=True)
            rewrite(pdf, out / layout / pdf.name, layout)
            versions.append((layout, out / layout / pdf.name))
        for name, path in versions:
            row = [f"{engine} {recovered(source, extract(path), locale).share:6.1%}"
                   for engine, extract in engines.items()]
            print(f"{doc} {locale} {name}: " + " | ".join(row), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
