"""Checks of each page any PDF should pass (fonts embedded), and the boxes a printer needs:
TrimBox inside BleedBox inside MediaBox, with room outside the bleed for the marks."""

from __future__ import annotations

from typing import Any

import pikepdf

MAX_FORM_DEPTH = 12


def unembedded_fonts(pdf: Any) -> list[str]:
    """Names of the fonts used on any page (or in its forms) whose program is not embedded."""
    names: set[str] = set()
    for page in pdf.pages:
        _fonts(page.obj.get("/Resources"), names, 0)
    return sorted(names)


def _fonts(resources: Any, names: set[str], depth: int) -> None:
    if not isinstance(resources, pikepdf.Dictionary) or depth > MAX_FORM_DEPTH:
        return
    fonts = resources.get("/Font")
    for font in (fonts.values() if isinstance(fonts, pikepdf.Dictionary) else []):
        if isinstance(font, pikepdf.Dictionary) and not _embedded(font):
            names.add(str(font.get("/BaseFont", "/?"))[1:])
    xobjects = resources.get("/XObject")
    for xobject in (xobjects.values() if isinstance(xobjects, pikepdf.Dictionary) else []):
        if isinstance(xobject, pikepdf.Stream) and xobject.get("/Subtype") == "/Form":
            _fonts(xobject.get("/Resources"), names, depth + 1)


def _embedded(font: Any) -> bool:
    if font.get("/Subtype") == "/Type3":
        return True
    if font.get("/Subtype") == "/Type0":
        return all(isinstance(d, pikepdf.Dictionary) and _embedded(d)
                   for d in font.get("/DescendantFonts", []))
    descriptor = font.get("/FontDescriptor")
    return isinstance(descriptor, pikepdf.Dictionary) and any(
        key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def box(page: Any, name: str) -> tuple[float, float, float, float] | None:
    """A page box as (left, bottom, right, top), or None when the page does not set it."""
    value = page.obj.get(name)
    if not isinstance(value, pikepdf.Array) or len(value) != 4:
        return None
    x1, y1, x2, y2 = (float(part) for part in value)
    return min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)


def _inside(inner: tuple[float, ...], outer: tuple[float, ...], tolerance: float = 0.01) -> bool:
    return (inner[0] >= outer[0] - tolerance and inner[1] >= outer[1] - tolerance
            and inner[2] <= outer[2] + tolerance and inner[3] <= outer[3] + tolerance)


def print_box_problems(page: Any, number: int) -> tuple[list[str], list[str]]:
    """(errors, warnings) about one page's boxes, for a printer."""
    media, trim, bleed = box(page, "/MediaBox"), box(page, "/TrimBox"), box(page, "/BleedBox")
    if trim is None:
        return [f"page {number}: no TrimBox, so the printer cannot tell the trim size"], []
    if bleed is None or bleed == trim:
        return [f"page {number}: no bleed around the trim box"], []
    errors = []
    if not _inside(trim, bleed):
        errors.append(f"page {number}: the TrimBox is not inside the BleedBox")
    if media is not None and not _inside(bleed, media):
        errors.append(f"page {number}: the BleedBox is not inside the MediaBox")
    warnings = []
    if media is not None and not all(
            abs(m - b) > 0.01 for m, b in zip(media, bleed, strict=True)):
        warnings.append(f"page {number}: the MediaBox ends at the bleed on some side, so crop "
                        "marks cannot sit outside the bleed there")
    return errors, warnings
