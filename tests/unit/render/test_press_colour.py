"""PDF/X-4 colour: DefaultRGB in every resource dictionary, sRGB named where DeviceRGB was."""

from __future__ import annotations

import pydyf

from briefs.render.press_colour import declare_rgb


def test_rgb_is_declared_srgb_everywhere() -> None:
    pdf = pydyf.PDF()
    image = pydyf.Stream([b"\x00" * 3], {"Type": "/XObject", "Subtype": "/Image", "Width": 1,
                                         "Height": 1, "ColorSpace": "/DeviceRGB",
                                         "BitsPerComponent": 8})
    pdf.add_object(image)
    mask = pydyf.Stream([b"\x00"], {"Type": "/XObject", "Subtype": "/Image", "Width": 1,
                                    "Height": 1, "ColorSpace": "/DeviceGray",
                                    "BitsPerComponent": 8})
    pdf.add_object(mask)
    shading = pydyf.Dictionary({"ShadingType": 2, "ColorSpace": "/DeviceRGB"})
    form = pydyf.Stream([b"1 0 0 rg 0 0 1 1 re f"], {
        "Type": "/XObject", "Subtype": "/Form", "BBox": pydyf.Array((0, 0, 1, 1)),
        "Group": pydyf.Dictionary({"S": "/Transparency", "CS": "/DeviceRGB"}),
        "Resources": pydyf.Dictionary({"Shading": pydyf.Dictionary({"s0": shading})})})
    pdf.add_object(form)
    resources = pydyf.Dictionary({"XObject": pydyf.Dictionary({
        "Im0": image.reference, "Im1": mask.reference, "Fm0": form.reference})})
    pdf.add_object(resources)
    pdf.add_page(pydyf.Dictionary({"Type": "/Page", "Parent": pdf.pages.reference,
                                   "MediaBox": pydyf.Array((0, 0, 1, 1)),
                                   "Resources": resources.reference}))
    declare_rgb(None, pdf)
    srgb = resources["ColorSpace"]["DefaultRGB"]
    assert srgb[0] == "/ICCBased"
    assert form.extra["Resources"]["ColorSpace"]["DefaultRGB"] is srgb
    assert image.extra["ColorSpace"] is srgb and mask.extra["ColorSpace"] == "/DeviceGray"
    assert shading["ColorSpace"] is srgb and form.extra["Group"]["CS"] is srgb
    profile = pdf.objects[int(srgb[1].split()[0])]
    assert profile.extra["N"] == 3 and b"mntrRGB" in b"".join(profile.stream)
