"""Printer's marks in the slug: crop marks, registration targets and a slug line, drawn outside
the bleed, with the artwork clipped to the BleedBox.

The page is WeasyPrint's with its CSS bleed set to bleed + slug, so its MediaBox is
trim + bleed + slug. The BleedBox is set to trim + bleed, the page's content is clipped to it
(a page background would otherwise fill the slug), and the marks are drawn after it, in the
registration colour (every separation), as `/Artifact` of type `/Page` in a tagged file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from briefs.render.slug import SlugFont

MM = 72 / 25.4
LINE_WIDTH = 0.25
MARK_LENGTH = 5 * MM
MARK_GAP = 1 * MM
"""Crop marks start this far outside the bleed (so at least the bleed from the trim)."""
TARGET_RADIUS = 2 * MM
SLUG_TEXT_SIZE = 6.0
REGISTRATION = "Registration"


@dataclass(frozen=True)
class PrintMarks:
    """Which marks to draw, and the sizes they are drawn in (millimetres)."""

    bleed_mm: float
    slug_mm: float
    crop: bool = True
    registration: bool = False
    slug_line: str = ""
    """Document, locale, profile and date; the page number is added per page."""


def mark_offset(marks: PrintMarks) -> float:
    """How far from the trim the crop marks start, in points."""
    return marks.bleed_mm * MM + MARK_GAP


def add_marks(marks: PrintMarks, font: SlugFont | None, pdf: Any) -> None:
    """Set each page's BleedBox, clip its artwork to it and draw the marks around it."""
    import pydyf

    from briefs.render.tagging.recover import resolve

    tagged = "StructTreeRoot" in pdf.catalog
    bleed = marks.bleed_mm * MM
    total = len(pdf.page_references)
    glyphs = _GlyphForms(pdf, font) if font is not None else None
    for index, reference in enumerate(pdf.page_references):
        page = resolve(pdf, reference)
        x1, y1, x2, y2 = (float(value) for value in page["TrimBox"])
        box = (x1 - bleed, y1 - bleed, x2 + bleed, y2 + bleed)
        page["BleedBox"] = pydyf.Array(box)
        _registration_colour(pdf, page)
        stream = resolve(pdf, page["Contents"])
        clip = f"{box[0]:.3f} {box[1]:.3f} {box[2] - box[0]:.3f} {box[3] - box[1]:.3f} re"
        stream.stream[:0] = [b"q", clip.encode(), b"W", b"n"]
        stream.stream.append(b"Q")
        drawn = _marks(marks, (x1, y1, x2, y2))
        if glyphs is not None and marks.slug_line:
            baseline = y1 - mark_offset(marks) - MARK_LENGTH
            drawn += glyphs.draw(page, f"{marks.slug_line}  {index + 1}/{total}",
                                 (x1 + 5 * MM, baseline))
        if tagged:
            drawn = [b"/Artifact", pydyf.Dictionary({"Type": "/Page"}), b"BDC", *drawn, b"EMC"]
        stream.stream += [b"q", *drawn, b"Q"]


def _registration_colour(pdf: Any, page: Any) -> None:
    """`/Registration`: a Separation named All, which prints on every plate."""
    import pydyf

    from briefs.render.tagging.recover import resolve

    resources = resolve(pdf, page["Resources"])
    spaces = resolve(pdf, resources.get("ColorSpace"))
    if spaces is None:
        spaces = resources["ColorSpace"] = pydyf.Dictionary()
    if REGISTRATION not in spaces:
        tint = pydyf.Dictionary({"FunctionType": 2, "Domain": pydyf.Array((0, 1)),
                                 "C0": pydyf.Array((0, 0, 0, 0)),
                                 "C1": pydyf.Array((1, 1, 1, 1)), "N": 1})
        pdf.add_object(tint)
        spaces[REGISTRATION] = pydyf.Array(("/Separation", "/All", "/DeviceCMYK",
                                            tint.reference))


class _GlyphForms:
    """The slug line's letters, each a form XObject drawn wherever it is needed."""

    def __init__(self, pdf: Any, font: SlugFont) -> None:
        self.pdf, self.font = pdf, font
        self.names: dict[str, str] = {}

    def draw(self, page: Any, text: str, origin: tuple[float, float]) -> list[bytes]:
        from briefs.render.tagging.recover import resolve

        if not self.font.covers(text):
            return []
        resources = resolve(self.pdf, page["Resources"])
        xobjects = resolve(self.pdf, resources["XObject"])
        x, y = origin
        operators = []
        for char in text:
            name = self._form(char, xobjects)
            if name:
                scale = SLUG_TEXT_SIZE / 1000
                operators.append(f"q {scale:g} 0 0 {scale:g} {x:.3f} {y:.3f} cm /{name} Do Q"
                                 .encode())
            x += self.font.glyphs[char].advance * SLUG_TEXT_SIZE
        return operators

    def _form(self, char: str, xobjects: Any) -> str:
        import pydyf

        if char not in self.names:
            outline = self.font.outline(char)
            name = f"slug{ord(char):x}" if outline else ""
            if outline:
                form = pydyf.Stream(outline, {
                    "Type": "/XObject", "Subtype": "/Form",
                    "BBox": pydyf.Array((-1000, -1000, 2000, 2000))}, compress=True)
                self.pdf.add_object(form)
                xobjects[name] = form.reference
            self.names[char] = name
        return self.names[char]


def _marks(marks: PrintMarks, trim: tuple[float, float, float, float]) -> list[bytes]:
    operators = [f"/{REGISTRATION} CS /{REGISTRATION} cs 1 SCN 1 scn".encode(),
                 f"{LINE_WIDTH} w 0 J".encode()]
    if marks.crop:
        operators += _crop_marks(trim, mark_offset(marks))
    if marks.registration:
        operators += _targets(trim, mark_offset(marks))
    return operators


def _crop_marks(trim: tuple[float, float, float, float], offset: float) -> list[bytes]:
    """Two short lines at each corner, on the trim lines' extensions, outside the bleed."""
    x1, y1, x2, y2 = trim
    end = offset + MARK_LENGTH
    lines = []
    for x, y, sx, sy in ((x1, y1, -1, -1), (x2, y1, 1, -1), (x1, y2, -1, 1), (x2, y2, 1, 1)):
        lines.append((x + sx * offset, y, x + sx * end, y))
        lines.append((x, y + sy * offset, x, y + sy * end))
    return [f"{a:.3f} {b:.3f} m {c:.3f} {d:.3f} l S".encode() for a, b, c, d in lines]


def _targets(trim: tuple[float, float, float, float], offset: float) -> list[bytes]:
    """A circle with a cross at the middle of each side, in the slug."""
    x1, y1, x2, y2 = trim
    distance = offset + MARK_LENGTH / 2
    centres = (((x1 + x2) / 2, y2 + distance), ((x1 + x2) / 2, y1 - distance),
               (x1 - distance, (y1 + y2) / 2), (x2 + distance, (y1 + y2) / 2))
    operators = []
    for cx, cy in centres:
        operators.append(_circle(cx, cy, TARGET_RADIUS * 0.6))
        reach = TARGET_RADIUS
        operators.append(f"{cx - reach:.3f} {cy:.3f} m {cx + reach:.3f} {cy:.3f} l "
                         f"{cx:.3f} {cy - reach:.3f} m {cx:.3f} {cy + reach:.3f} l S".encode())
    return operators


def _circle(cx: float, cy: float, r: float) -> bytes:
    k = 0.5523 * r
    return (f"{cx + r:.3f} {cy:.3f} m "
            f"{cx + r:.3f} {cy + k:.3f} {cx + k:.3f} {cy + r:.3f} {cx:.3f} {cy + r:.3f} c "
            f"{cx - k:.3f} {cy + r:.3f} {cx - r:.3f} {cy + k:.3f} {cx - r:.3f} {cy:.3f} c "
            f"{cx - r:.3f} {cy - k:.3f} {cx - k:.3f} {cy - r:.3f} {cx:.3f} {cy - r:.3f} c "
            f"{cx + k:.3f} {cy - r:.3f} {cx + r:.3f} {cy - k:.3f} {cx + r:.3f} {cy:.3f} c "
            "h S").encode()
