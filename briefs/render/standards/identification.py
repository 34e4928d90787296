"""What a PDF says it conforms to (XMP pdfuaid, pdfaid), and the PDF/UA-1 rules on the
catalog and metadata (veraPDF 5, 6.2, 7.1-4 and 7.1-8 to 7.1-11, 7.2-29, 7.2-34)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pikepdf

from briefs.render.standards.grouped_findings import RuleReport
from briefs.render.standards.tree_rules import LANGUAGE

PDFUA_NS = "http://www.aiim.org/pdfua/ns/id/"
PDFA_NS = "http://www.aiim.org/pdfa/ns/id/"
PDFX_NS = "http://www.npes.org/pdfx/ns/id/"
DC_NS = "http://purl.org/dc/elements/1.1/"


@dataclass(frozen=True)
class Claims:
    """The standards a PDF's XMP metadata identifies."""

    ua_part: str | None
    a_part: str | None
    a_conformance: str | None
    title: str | None
    xmp: str
    x_version: str | None = None
    """pdfxid:GTS_PDFXVersion, such as `PDF/X-4`."""

    @property
    def accessible(self) -> bool:
        return self.ua_part is not None


def read_claims(pdf: Any) -> Claims:
    if pdf.Root.get("/Metadata") is None:
        return Claims(None, None, None, None, "")
    try:  # read only: leaving `with open_metadata()` would write pikepdf's packet back
        meta = pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False)
        values = dict(meta)
        xmp = str(meta)
    except Exception:  # a broken packet identifies nothing
        return Claims(None, None, None, None, "")
    title = values.get(f"{{{DC_NS}}}title")
    return Claims(
        ua_part=_single(values.get(f"{{{PDFUA_NS}}}part")),
        a_part=_single(values.get(f"{{{PDFA_NS}}}part")),
        a_conformance=_single(values.get(f"{{{PDFA_NS}}}conformance")),
        title=_single(title), xmp=xmp,
        x_version=_single(values.get(f"{{{PDFX_NS}}}GTS_PDFXVersion")))


def _single(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list | tuple | set):
        return str(next(iter(value), "")) or None
    return str(value) or None


def check_identification(pdf: Any, claims: Claims, report: RuleReport) -> None:
    """The catalog and metadata rules a file claiming PDF/UA-1 must meet."""
    root = pdf.Root
    if claims.ua_part != "1":
        report.error("5-2", f"pdfuaid:part is {claims.ua_part!r}, not 1")
    mark_info = root.get("/MarkInfo")
    if not (isinstance(mark_info, pikepdf.Dictionary) and bool(mark_info.get("/Marked"))):
        report.error("6.2-1", "the catalog has no /MarkInfo with /Marked true")
    if isinstance(mark_info, pikepdf.Dictionary) and bool(mark_info.get("/Suspects", False)):
        report.error("7.1-4", "/MarkInfo says /Suspects true")
    if root.get("/Metadata") is None:
        report.error("7.1-8", "the catalog has no XMP metadata stream")
    elif not claims.title:
        report.error("7.1-9", "the XMP metadata has no dc:title")
    preferences = root.get("/ViewerPreferences")
    if not (isinstance(preferences, pikepdf.Dictionary)
            and bool(preferences.get("/DisplayDocTitle"))):
        report.error("7.1-10", "/ViewerPreferences has no /DisplayDocTitle true")
    if root.get("/StructTreeRoot") is None:
        report.error("7.1-11", "the document has no structure tree (it is not tagged)")
    check_language(root, report)


def check_language(root: Any, report: RuleReport) -> None:
    lang = root.get("/Lang")
    if lang is None or not str(lang).strip():
        report.error("7.2-34", "the catalog has no /Lang, so the language of the text is unknown")
    elif not LANGUAGE.match(str(lang)):
        report.error("7.2-29", f"the catalog's /Lang {str(lang)!r} is not a language tag")
