"""PDF/X-4 rules (ISO 15930-7's requirements) for a file whose XMP claims PDF/X-4: a GTS_PDFX
output intent with its ICC profile, device RGB only where DefaultRGB gives it meaning with a
CMYK intent, trapping stated, the identification and version entries, a file /ID, no
encryption, and a TrimBox or ArtBox on every page.

Each rule is a function `(pdf, claims, report) -> None`, independent of the others."""

from __future__ import annotations

from typing import Any

import pikepdf

from briefs.render.standards.grouped_findings import RuleReport, on_page
from briefs.render.standards.identification import Claims

MAX_FORM_DEPTH = 12
RGB_OPERATORS = frozenset({"rg", "RG"})
SPACE_OPERATORS = frozenset({"cs", "CS"})


def claims_x4(claims: Claims) -> bool:
    return (claims.x_version or "").startswith("PDF/X-4")


def output_intent(pdf: Any, claims: Claims, report: RuleReport) -> None:
    """One GTS_PDFX output intent with an ICC profile (embedded here: briefs writes no
    reference to an external one)."""
    if not claims_x4(claims):
        return
    profile = intent_profile(pdf)
    if profile is None:
        report.error("pdfx:output-intent", "there is no PDF/X output intent (/GTS_PDFX) with an "
                                   "embedded ICC profile (/DestOutputProfile)")
    elif profile_space(profile) not in ("CMYK", "RGB ", "GRAY"):
        report.error("pdfx:output-intent", "the output intent's ICC profile is not an output "
                                           "profile for CMYK, RGB or grey")


def intent_profile(pdf: Any) -> Any:
    intents = pdf.Root.get("/OutputIntents")
    for intent in intents if isinstance(intents, pikepdf.Array) else []:
        if isinstance(intent, pikepdf.Dictionary) and intent.get("/S") == "/GTS_PDFX":
            profile = intent.get("/DestOutputProfile")
            return profile if isinstance(profile, pikepdf.Stream) else None
    return None


def profile_space(profile: Any) -> str:
    """The ICC header's data colour space (`CMYK`, `RGB `, `GRAY`), or ``."""
    try:
        return profile.read_bytes()[16:20].decode("ascii", "replace")
    except pikepdf.PdfError:
        return ""


def device_rgb(pdf: Any, claims: Claims, report: RuleReport) -> None:
    """With a CMYK output intent, DeviceRGB (the `rg` operators, images, shadings,
    transparency groups) only where a DefaultRGB colour space is in the resources."""
    if not claims_x4(claims):
        return
    profile = intent_profile(pdf)
    if profile is None or profile_space(profile) != "CMYK":
        return
    for index, page in enumerate(pdf.pages):
        count = _rgb_uses(page.obj, page.obj.get("/Resources"), 0)
        group = page.obj.get("/Group")
        if isinstance(group, pikepdf.Dictionary) and group.get("/CS") == "/DeviceRGB":
            count += 1
        if count:
            report.error("pdfx:device-rgb", f"{on_page(index)}{count} uses of DeviceRGB without a "
                                         "DefaultRGB colour space, with a CMYK output intent")


def _rgb_uses(owner: Any, resources: Any, depth: int) -> int:
    default = _has_default_rgb(resources)
    count = 0
    for instruction in pikepdf.parse_content_stream(owner, "rg RG cs CS Do sh"):
        if not isinstance(instruction, pikepdf.ContentStreamInstruction):
            continue
        operands, name = instruction.operands, str(instruction.operator)
        named_rgb = name in SPACE_OPERATORS and operands and operands[0] == "/DeviceRGB"
        if not default and (name in RGB_OPERATORS or named_rgb):
            count += 1
        if name == "Do" and operands and isinstance(resources, pikepdf.Dictionary):
            xobjects = resources.get("/XObject")
            target = xobjects.get(str(operands[0])) \
                if isinstance(xobjects, pikepdf.Dictionary) else None
            count += _xobject(target, resources, default, depth)
    return count


def _xobject(target: Any, resources: Any, default: bool, depth: int) -> int:
    if not isinstance(target, pikepdf.Stream):
        return 0
    if target.get("/Subtype") == "/Image":
        return int(target.get("/ColorSpace") == "/DeviceRGB" and not default)
    if target.get("/Subtype") == "/Form" and depth < MAX_FORM_DEPTH:
        return _rgb_uses(target, target.get("/Resources", resources), depth + 1)
    return 0


def _has_default_rgb(resources: Any) -> bool:
    spaces = resources.get("/ColorSpace") if isinstance(resources, pikepdf.Dictionary) else None
    return isinstance(spaces, pikepdf.Dictionary) and "/DefaultRGB" in spaces


def identification(pdf: Any, claims: Claims, report: RuleReport) -> None:
    """GTS_PDFXVersion `PDF/X-4`, xmpMM:DocumentID, VersionID and RenditionClass in the
    XMP; /Trapped True or False; a file /ID; no encryption."""
    if not claims_x4(claims):
        return
    if claims.x_version != "PDF/X-4":
        report.error("pdfx:identification", f"pdfxid:GTS_PDFXVersion is {claims.x_version!r}, not "
                                   "'PDF/X-4'")
    for name in ("DocumentID", "VersionID", "RenditionClass"):
        if f"<xmpMM:{name}>" not in claims.xmp and f"xmpMM:{name}=" not in claims.xmp:
            report.error("pdfx:identification", f"the XMP metadata has no xmpMM:{name}")
    info = pdf.trailer.get("/Info")
    trapped = info.get("/Trapped") if isinstance(info, pikepdf.Dictionary) else None
    if trapped not in ("/True", "/False"):
        report.error("pdfx:trapped", "/Trapped is not True or False in the document info")
    if not isinstance(pdf.trailer.get("/ID"), pikepdf.Array):
        report.error("pdfx:id", "the file has no /ID")
    if pdf.is_encrypted:
        report.error("pdfx:encryption", "the file is encrypted")


def page_boxes(pdf: Any, claims: Claims, report: RuleReport) -> None:
    """Every page has a TrimBox or an ArtBox (a TrimBox when it has a BleedBox)."""
    if not claims_x4(claims):
        return
    for index, page in enumerate(pdf.pages):
        if "/TrimBox" not in page.obj and "/ArtBox" not in page.obj:
            report.error("pdfx:page-boxes", f"{on_page(index)}the page has neither a TrimBox nor "
                                       "an ArtBox")


PRINT_RULES = (output_intent, device_rgb, identification, page_boxes)
