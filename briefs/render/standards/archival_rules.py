"""PDF/A rules a file claiming PDF/A-2 or -3 must meet (veraPDF rule ids): identification,
output intent, no image interpolation, tagging for level A, and an extension schema for any
property outside PDF/A's predefined schemas (such as PDF/UA's pdfuaid)."""

from __future__ import annotations

from typing import Any

import pikepdf
from lxml import etree

from briefs.render.standards.grouped_findings import RuleReport
from briefs.render.standards.identification import PDFUA_NS, Claims

SCHEMA_NS = "http://www.aiim.org/pdfa/ns/schema#"
CONFORMANCE = {"1": {"A", "B"}, "2": {"A", "B", "U"}, "3": {"A", "B", "U"}, "4": {"E", "F"}}


def check_archival(pdf: Any, claims: Claims, report: RuleReport) -> None:
    """Only for files whose XMP claims PDF/A."""
    part, conformance = claims.a_part, claims.a_conformance
    if part not in CONFORMANCE:
        report.error("6.6.4-2", f"pdfaid:part is {part!r}, not a part of ISO 19005")
    elif part != "4" and conformance not in CONFORMANCE[part]:
        report.error("6.6.4-3", f"pdfaid:conformance is {conformance!r}")
    _output_intent(pdf, report)
    _interpolation(pdf, report)
    if conformance == "A":
        mark_info = pdf.Root.get("/MarkInfo")
        if not (isinstance(mark_info, pikepdf.Dictionary) and bool(mark_info.get("/Marked"))):
            report.error("6.7.2.2-1", "level A needs /MarkInfo with /Marked true")
        if pdf.Root.get("/StructTreeRoot") is None:
            report.error("6.7.3.3-1", "level A needs a structure tree")
    if claims.ua_part is not None and part in ("2", "3") and not _describes(claims.xmp,
                                                                             PDFUA_NS):
        report.error("6.6.2.3.1-1", "the XMP uses pdfuaid:part, which PDF/A-2 and -3 only "
                                    "allow with a PDF/A extension schema describing it")


def _output_intent(pdf: Any, report: RuleReport) -> None:
    intents = pdf.Root.get("/OutputIntents")
    found = [intent for intent in (intents if isinstance(intents, pikepdf.Array) else [])
             if isinstance(intent, pikepdf.Dictionary) and intent.get("/S") == "/GTS_PDFA1"]
    if not found:
        report.error("6.2.3-1", "there is no PDF/A output intent (/GTS_PDFA1)")
    elif not isinstance(found[0].get("/DestOutputProfile"), pikepdf.Stream):
        report.error("6.2.3-1", "the PDF/A output intent has no ICC profile")


def _interpolation(pdf: Any, report: RuleReport) -> None:
    count = 0
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image" \
                and bool(obj.get("/Interpolate", False)):
            count += 1
    if count:
        report.error("6.2.8-3", f"{count} images have /Interpolate true")


def _describes(xmp: str, namespace: str) -> bool:
    """Whether the XMP holds a PDF/A extension schema for `namespace`."""
    try:
        tree = etree.fromstring(xmp.encode("utf-8"), etree.XMLParser(resolve_entities=False,
                                                                     no_network=True))
    except etree.XMLSyntaxError:
        return False
    return any((element.text or "").strip() == namespace
               for element in tree.iter(f"{{{SCHEMA_NS}}}namespaceURI"))
