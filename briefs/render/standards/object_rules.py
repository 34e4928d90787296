"""Rules on objects wherever they sit in a file (veraPDF rule ids): fonts that map to Unicode
(PDF/UA 7.21.7-1, PDF/A 6.2.11.7.2-1), no JavaScript or other forbidden actions (6.6.1-1,
6.6.2-1), embedded files described (6.8), the XMP packet header (6.6.2.1-2), annotations that
print (6.3.2), standard blend modes (6.2.10-1) and /CIDToGIDMap on TrueType CID fonts only.

Each rule is a function `(pdf, claims, report) -> None`, independent of the others, so that a
registry can run it by itself."""

from __future__ import annotations

import re
from typing import Any

import pikepdf

from briefs.render.standards.grouped_findings import RuleReport, on_page
from briefs.render.standards.identification import Claims
from briefs.render.standards.objects import fonts, holding

STANDARD_ENCODINGS = frozenset({"/WinAnsiEncoding", "/MacRomanEncoding", "/MacExpertEncoding",
                                "/StandardEncoding"})
ADOBE_ORDERINGS = frozenset({"GB1", "CNS1", "Japan1", "Korea1"})
FORBIDDEN_ACTIONS = frozenset({"/Launch", "/Sound", "/Movie", "/ResetForm", "/ImportData",
                               "/JavaScript", "/Hide", "/SetOCGState", "/Rendition", "/Trans",
                               "/GoTo3DView"})
BLEND_MODES = frozenset({"/Normal", "/Compatible", "/Multiply", "/Screen", "/Overlay",
                         "/Darken", "/Lighten", "/ColorDodge", "/ColorBurn", "/HardLight",
                         "/SoftLight", "/Difference", "/Exclusion", "/Hue", "/Saturation",
                         "/Color", "/Luminosity"})
PRINT, HIDDEN, INVISIBLE, NO_VIEW, TOGGLE_NO_VIEW = 4, 2, 1, 32, 256
PACKET_HEADER = re.compile(rb"<\?xpacket\s+begin=[^?]*\?>")
FORBIDDEN_HEADER_ATTRIBUTES = re.compile(rb"\s(bytes|encoding)\s*=")
EMPTY_DESTINATION = re.compile(rb"<([0-9A-Fa-f]{1,8})>\s*<\s*>")
"""A ToUnicode `bfchar` (or `bfrange`) mapping a code to the empty string."""


def font_unicode(pdf: Any, claims: Claims, report: RuleReport) -> None:
    """PDF/UA-1 (and PDF/A level A and U): every font maps its codes to Unicode."""
    if not (claims.accessible or claims.a_conformance in ("A", "U")):
        return
    rule = "7.21.7-1" if claims.accessible else "6.2.11.7.2-1"
    for font in fonts(pdf):
        if not _maps_to_unicode(font):
            report.error(rule, f"the font {_font_name(font)} has no ToUnicode CMap, so its "
                               "text cannot be read out or searched")
        elif (empty := _empty_destination(font)) is not None:
            report.error(rule, f"the font {_font_name(font)} maps code <{empty}> to no "
                               "Unicode value (an empty string in its ToUnicode CMap, which "
                               "CMap parsers reject); map it to a character")


def _empty_destination(font: Any) -> str | None:
    """The first code the font's ToUnicode CMap maps to the empty string, if any."""
    cmap = font.get("/ToUnicode")
    if not isinstance(cmap, pikepdf.Stream):
        return None
    try:
        found = EMPTY_DESTINATION.search(cmap.read_bytes())
    except pikepdf.PdfError:
        return None
    return found.group(1).decode() if found else None


def _maps_to_unicode(font: Any) -> bool:
    subtype = font.get("/Subtype")
    if "/ToUnicode" in font or subtype in ("/CIDFontType0", "/CIDFontType2"):
        return True  # a CID font is judged through its Type 0 parent
    if subtype == "/Type0":
        descendants = font.get("/DescendantFonts")
        first = descendants[0] if isinstance(descendants, pikepdf.Array) and len(
            descendants) else None
        info = first.get("/CIDSystemInfo") if isinstance(first, pikepdf.Dictionary) else None
        return isinstance(info, pikepdf.Dictionary) and str(info.get("/Registry")) == "Adobe" \
            and str(info.get("/Ordering")) in ADOBE_ORDERINGS
    if subtype == "/Type3":
        return False
    encoding = font.get("/Encoding")
    if isinstance(encoding, pikepdf.Dictionary):
        encoding = encoding.get("/BaseEncoding", "/StandardEncoding")
    symbolic = int(font.get("/FontDescriptor", {}).get("/Flags", 0)) & 4 \
        if isinstance(font.get("/FontDescriptor"), pikepdf.Dictionary) else 0
    return encoding in STANDARD_ENCODINGS and not symbolic


def _font_name(font: Any) -> str:
    return str(font.get("/BaseFont", "/(unnamed)"))[1:]


def actions(pdf: Any, claims: Claims, report: RuleReport) -> None:
    """PDF/A: no JavaScript, launch, sound, movie or other forbidden action, no additional
    actions (/AA) on the catalog or a page. Elsewhere a JavaScript action is a warning."""
    archival = claims.a_part is not None
    names = pdf.Root.get("/Names")
    if isinstance(names, pikepdf.Dictionary) and "/JavaScript" in names:
        _forbidden(report, archival, "the catalog's /Names holds document JavaScript")
    for item in holding(pdf, "/S"):
        kind = item.get("/S")
        action = item.get("/Type") == "/Action" or "/JS" in item or "/P" not in item
        if kind in FORBIDDEN_ACTIONS and action and (archival or kind == "/JavaScript"):
            _forbidden(report, archival, f"a {str(kind)[1:]} action")
    if archival:
        if "/AA" in pdf.Root:
            report.error("6.6.2-1", "the catalog has additional actions (/AA)")
        for index, page in enumerate(pdf.pages):
            if "/AA" in page.obj:
                report.error("6.6.2-1", f"{on_page(index)}the page has additional actions "
                                        "(/AA)")


def _forbidden(report: RuleReport, archival: bool, what: str) -> None:
    if archival:
        report.error("6.6.1-1", f"{what}, which PDF/A forbids")
    else:
        report.warning("briefs:javascript", f"{what}: a document that runs code when read")


def embedded_files(pdf: Any, claims: Claims, report: RuleReport) -> None:
    """PDF/A-3: each embedded file names its MIME type (the stream's /Subtype), has /F and
    /UF, and says how it relates to the document (/AFRelationship). PDF/A-2 allows only
    PDF/A files embedded, which is not checked here: any embedded file is a warning."""
    if claims.a_part not in ("2", "3"):
        return
    for item in holding(pdf, "/EF"):
        embedded = item.get("/EF")
        if not isinstance(embedded, pikepdf.Dictionary):
            continue
        name = str(item.get("/UF", item.get("/F", "(unnamed)")))
        if claims.a_part == "2":
            report.warning("6.8-1", f"the embedded file {name!r}: PDF/A-2 embeds only PDF/A "
                                    "files, which preflight does not confirm")
            continue
        stream = embedded.get("/F", embedded.get("/UF"))
        if not (isinstance(stream, pikepdf.Stream) and isinstance(stream.get("/Subtype"),
                                                                  pikepdf.Name)):
            report.error("6.8-1", f"the embedded file {name!r} has no MIME type (/Subtype)")
        if "/F" not in item or "/UF" not in item:
            report.error("6.8-2", f"the embedded file {name!r} lacks /F or /UF")
        if not isinstance(item.get("/AFRelationship"), pikepdf.Name):
            report.error("6.8-3", f"the embedded file {name!r} has no /AFRelationship")


def xmp_packet(pdf: Any, claims: Claims, report: RuleReport) -> None:
    """PDF/A: the XMP packet header has no `bytes` or `encoding` attribute (6.6.2.1-2); an
    uncompressed metadata stream is expected (a warning: a PDF/A-1 rule page-validation
    applies to PDF/A-2 and -3 too, and what metadata readers that scan the bytes need)."""
    if claims.a_part is None:
        return
    stream = pdf.Root.get("/Metadata")
    if not isinstance(stream, pikepdf.Stream):
        return
    if stream.get("/Filter") is not None:
        report.warning("briefs:xmp-filter", "the XMP metadata stream is compressed "
                                            f"({stream.get('/Filter')}); store it plain")
    try:
        data = stream.read_bytes()
    except pikepdf.PdfError:
        return
    header = PACKET_HEADER.search(data[:4096])
    if header is not None and FORBIDDEN_HEADER_ATTRIBUTES.search(header.group(0)):
        report.error("6.6.2.1-2", "the XMP packet header has a bytes or encoding attribute")


def annotation_flags(pdf: Any, claims: Claims, report: RuleReport) -> None:
    """PDF/A: every annotation but a Popup has /F with Print set and Hidden, Invisible,
    NoView and ToggleNoView clear (6.3.2-1, 6.3.2-2)."""
    if claims.a_part is None:
        return
    for index, page in enumerate(pdf.pages):
        for annotation in page.obj.get("/Annots", []):
            if not isinstance(annotation, pikepdf.Dictionary) or \
                    annotation.get("/Subtype") == "/Popup":
                continue
            kind = str(annotation.get("/Subtype", "/?"))[1:]
            if "/F" not in annotation:
                report.error("6.3.2-1", f"{on_page(index)}a {kind} annotation has no /F "
                                        "(flags), so it does not print")
                continue
            flags = int(annotation.get("/F", 0))  # type: ignore[arg-type]
            if not flags & PRINT or flags & (HIDDEN | INVISIBLE | NO_VIEW | TOGGLE_NO_VIEW):
                report.error("6.3.2-2", f"{on_page(index)}a {kind} annotation is not printed "
                                        f"or is hidden (/F {flags})")


def blend_modes(pdf: Any, claims: Claims, report: RuleReport) -> None:
    """Any PDF: a graphics state's blend mode is one ISO 32000-1 Table 136 names (6.2.10-1
    in PDF/A); a reader draws an unknown one as Normal."""
    rule = "6.2.10-1" if claims.a_part is not None else "briefs:blend-mode"
    for item in holding(pdf, "/BM"):
        mode = item.get("/BM")
        if mode is None or not ("/Type" not in item or item.get("/Type") == "/ExtGState"):
            continue
        modes = list(mode) if isinstance(mode, pikepdf.Array) else [mode]
        strange = [str(m) for m in modes if m not in BLEND_MODES]
        if strange:
            report.error(rule, f"the blend mode {strange[0]} is not a standard one")


def cid_to_gid_map(pdf: Any, claims: Claims, report: RuleReport) -> None:
    """ISO 32000-1 Table 117: /CIDToGIDMap belongs to CIDFontType2 fonts only (readers ignore
    it on CIDFontType0; pdfcpu's strict validation rejects the file)."""
    for font in fonts(pdf):
        if font.get("/Subtype") == "/CIDFontType0" and "/CIDToGIDMap" in font:
            report.warning("briefs:cid-to-gid-map", f"the CFF-based CID font "
                                                    f"{_font_name(font)} has a /CIDToGIDMap")


OBJECT_RULES = (font_unicode, actions, embedded_files, xmp_packet, annotation_flags, blend_modes,
                cid_to_gid_map)
