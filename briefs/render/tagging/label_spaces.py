"""Both ends of each SVG `<text>` element (a chart's label) drawn with a space pdf.js keeps:
an empty glyph one thousandth of an em wide, mapped to a direction mark and a space.

pdf.js (4.10, `getTextContent`) starts a text item afresh in each form XObject and at every
move back, and joins items with nothing: the labels of a chart ran together in Firefox's
search and copy (`أورفانالوادي الأعلىريبيراسشمال سيرانو`; `Source: provincial household
survey` and the labels under it as `surveyorvannevalle altoriberas...`). WeasyPrint draws
each label anchored in its middle or at its end (matplotlib's category and value labels)
in a transparency group of its own, and a right-to-left chart's labels right to left, so
pdf.js never sees a gap before or after one. The HTML text has the same answer
(edge_spaces.py, the end of each right-to-left line): a glyph whose text starts with
something other than white space is text to pdf.js, and a space to poppler, PDFium and
MuPDF. Where each `<text>` element starts and ends is noted as it is drawn
(svg_text_ends.py); a spacer is drawn just outside its first and last glyphs, mapped to
LRM + space in a left-to-right label and RLM + space in a right-to-left one: after the last
glyph drawn, or before the first with the pen moved back over it, so nothing drawn moves.
Measured in docs/decisions.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from briefs.render.svg_text_ends import ENDS, TextEnd
from briefs.render.tagging.edge_spaces import EDGE_SPACE
from briefs.render.tagging.glyph_copies import CARRIER_WIDTH, Fonts
from briefs.render.tagging.recover import Marked, resolve
from briefs.render.tagging.stream_fonts import HEX_STRING, font_before

LRM = "\u200e"
SPACER = {"ltr": LRM + " ", "rtl": EDGE_SPACE}
"""The spacer's text by the label's direction: a direction mark of its own and a space."""


def space_svg_text_ends(pdf: Any, fonts: Fonts) -> None:
    """Start and end every SVG `<text>` element noted while drawing with a space pdf.js
    keeps (the caller saves `fonts`)."""
    for sequence in _noted_streams(pdf):
        for noted in getattr(sequence.stream, ENDS):
            _end_label(sequence, noted, fonts)


def _noted_streams(pdf: Any) -> Iterator[Marked]:
    """Each page content stream and form XObject (forms within forms too) with text ends
    noted, as a `Marked` whose page or form names the resources its fonts are in."""
    seen: set[int] = set()
    for index, reference in enumerate(pdf.page_references):
        page = resolve(pdf, reference)
        pending = [(resolve(pdf, page["Contents"]), resolve(pdf, page["Resources"]), None)]
        while pending:
            stream, resources, form = pending.pop()
            if id(stream) in seen:
                continue
            seen.add(id(stream))
            if getattr(stream, ENDS, None):
                yield Marked(index, stream, 0, form)
            for target in (resolve(pdf, resolve(pdf, resources or {}).get("XObject")) or {}
                           ).values():
                target = resolve(pdf, target)
                extra = getattr(target, "extra", {})
                if extra.get("Subtype") == "/Form" and "Resources" in extra:
                    pending.append((target, extra["Resources"], target))


def _end_label(sequence: Marked, noted: TextEnd, fonts: Fonts) -> None:
    """Draw a spacer in the text object whose `ET` is at `noted.position`: after the last
    glyph of its last `TJ` (`right`), or before the first glyph of its first (`left`, the
    pen moved back over it). A text object not as noted, or not drawn in two-byte glyph
    codes, is left alone."""
    tokens = sequence.stream.stream
    if not 0 <= noted.position < len(tokens) or _bytes(tokens[noted.position]) != b"ET":
        return
    shows = []
    for position in range(noted.position - 1, -1, -1):
        token = _bytes(tokens[position])
        if token == b"BT":
            break
        if token.endswith(b"TJ"):
            shows.append(position)
    if not shows:
        return
    position = shows[-1] if noted.side == "left" else shows[0]
    token = _bytes(tokens[position])
    codes = HEX_STRING.findall(token)
    font = font_before(tokens, position)
    if not codes or any(len(code) % 4 for code in codes) or font is None:
        return
    spacer = fonts.carrier(sequence, font, SPACER[noted.direction])
    if spacer is None:
        return
    if noted.side == "left":
        at = token.index(b"[") + 1
        tokens[position] = token[:at] + b"%d<%04x>" % (CARRIER_WIDTH, spacer) + token[at:]
    else:
        at = token.rindex(b"]")
        tokens[position] = token[:at] + b"<%04x>" % spacer + token[at:]


def _bytes(token: Any) -> bytes:
    if isinstance(token, str):
        return token.encode()
    return token if isinstance(token, bytes) else b""
