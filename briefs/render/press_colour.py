"""PDF/X-4 colour: every RGB colour of a press PDF is declared sRGB, as ISO 15930-7 (6.2.4.3)
allows with a CMYK output intent, so that the RIP converts it through the printer's profile.

WeasyPrint paints CSS colours as DeviceRGB (`rg`/`RG`) and embeds RGB images as DeviceRGB.
Device-dependent RGB is not allowed in PDF/X-4 unless a DefaultRGB colour space is in effect:
each resource dictionary gets `/DefaultRGB [/ICCBased sRGB]`, and images, shadings and
transparency groups that name DeviceRGB name the sRGB profile instead. The colour values
themselves are untouched, so what the screen shows and what the press is asked for agree.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

MAX_DEPTH = 12


def srgb_profile() -> bytes:
    """The sRGB ICC profile WeasyPrint ships for PDF/A output intents."""
    import weasyprint

    return (Path(weasyprint.__file__).parent / "pdf" / "sRGB2014.icc").read_bytes()


def declare_rgb(document: Any, pdf: Any) -> None:
    """A WeasyPrint finisher step: DefaultRGB in every resource dictionary, ICC-based sRGB
    wherever DeviceRGB is named as a colour space."""
    import pydyf

    profile = pydyf.Stream([srgb_profile()], {"N": 3, "Alternate": "/DeviceRGB"},
                           compress=True)
    pdf.add_object(profile)
    srgb = pydyf.Array(("/ICCBased", profile.reference))
    seen: set[int] = set()
    for item in list(pdf.objects):
        if isinstance(item, pydyf.Stream):
            _visit(pdf, item.extra, srgb, seen, 0)
        elif isinstance(item, pydyf.Dictionary):
            _visit(pdf, item, srgb, seen, 0)


def _visit(pdf: Any, dictionary: Any, srgb: Any, seen: set[int], depth: int) -> None:
    import pydyf

    from briefs.render.tagging.recover import resolve

    if id(dictionary) in seen or depth > MAX_DEPTH:
        return
    seen.add(id(dictionary))
    for key in ("ColorSpace", "CS"):
        if dictionary.get(key) == "/DeviceRGB" and _names_a_space(dictionary, key):
            dictionary[key] = srgb
    resources = resolve(pdf, dictionary.get("Resources"))
    if isinstance(resources, pydyf.Dictionary):
        spaces = resolve(pdf, resources.get("ColorSpace"))
        if spaces is None:
            spaces = resources["ColorSpace"] = pydyf.Dictionary()
        if isinstance(spaces, pydyf.Dictionary):
            spaces.setdefault("DefaultRGB", srgb)
    for value in list(dictionary.values()):
        if isinstance(value, pydyf.Dictionary):
            _visit(pdf, value, srgb, seen, depth + 1)
        elif isinstance(value, pydyf.Stream):
            _visit(pdf, value.extra, srgb, seen, depth + 1)


def _names_a_space(dictionary: Any, key: str) -> bool:
    """`/ColorSpace` of an image or shading, `/CS` of a transparency group (not the `/CS`
    abbreviation of inline images, which content streams hold and this never sees)."""
    if key == "CS":
        return dictionary.get("S") == "/Transparency"
    return dictionary.get("Subtype") == "/Image" or "ShadingType" in dictionary
