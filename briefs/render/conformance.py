"""Finishing steps that let every output read cleanly under strict checkers: an uncompressed
XMP packet, annotations that print, no /CIDToGIDMap on CFF-based CID fonts, and no stream whose
data ends in a carriage return just before `endstream`."""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

from briefs.render.deflated import DEFLATED

PRINT = 4
"""Annotation flag bit 3: print the annotation (PDF/A 6.3.2 requires it, checkers expect it)."""
CARRIAGE_RETURN = b"\r"
LONE_CR = b"\r\nendstream"
"""In pydyf's output (data, `\n`, `endstream`), a stream whose data ends in a CR: after the
finisher, only the object and cross-reference streams pydyf builds while writing can."""
MAX_REWRITES = 4


def plain_metadata(document: Any, pdf: Any) -> None:
    """The XMP metadata stream uncompressed, as PDF/A-1 requires and metadata readers that
    scan a file for `<?xpacket` expect (page-validation asks it of PDF/A-2 and -3 too)."""
    from briefs.render.tagging.recover import resolve

    reference = pdf.catalog.get("Metadata")
    if reference is not None:
        stream = resolve(pdf, reference)
        stream.compress = False
        stream.extra.pop("Filter", None)


def printed_annotations(document: Any, pdf: Any) -> None:
    """Set the Print flag on every annotation of every page (WeasyPrint sets no /F on links)."""
    from briefs.render.tagging.recover import resolve

    for reference in pdf.page_references:
        page = resolve(pdf, reference)
        for annotation_reference in resolve(pdf, page.get("Annots")) or []:
            annotation = resolve(pdf, annotation_reference)
            if hasattr(annotation, "get") and annotation.get("Subtype") != "/Popup":
                annotation["F"] = int(annotation.get("F", 0)) | PRINT


def no_cid_to_gid_map_on_cff(document: Any, pdf: Any) -> None:
    """ISO 32000-1 Table 117 allows /CIDToGIDMap on CIDFontType2 only; WeasyPrint writes
    `/Identity` on CFF-based (CIDFontType0) fonts too, where readers ignore it and pdfcpu's
    strict validation rejects it."""
    import pydyf

    for item in pdf.objects:
        if isinstance(item, pydyf.Dictionary) and item.get("Subtype") == "/CIDFontType0":
            item.pop("CIDToGIDMap", None)


def no_carriage_return_before_endstream(document: Any, pdf: Any) -> None:
    """pydyf writes a stream's data, then `\\n endstream`; data ending in a CR reads as a CR LF
    end of line, so a checker counts one byte less than /Length (page-validation's
    STREAM-LENGTH-001, veraPDF 6.1.7.1). Deflate output ends in the data's Adler-32 checksum,
    which no compression level changes: such a stream (one in 256) is wrapped in ASCII85,
    whose data ends in `~>`. Run last: it compresses what pydyf would have compressed."""
    import pydyf

    for item in pdf.objects:
        if not isinstance(item, pydyf.Stream):
            continue
        data = b"\n".join(pydyf._to_bytes(part) for part in item.stream)
        if item.compress:
            data = DEFLATED.deflated(data)  # as pydyf does (level 9), kept for a render again
            item.extra["Filter"] = "/FlateDecode"
            item.compress = False
            item.stream = [data]
        if not data.endswith(CARRIAGE_RETURN):
            continue
        item.stream = [base64.a85encode(data) + b"~>"]
        _prepend_filter(item, "/ASCII85Decode")


def _prepend_filter(stream: Any, name: str) -> None:
    import pydyf

    filters = stream.extra.get("Filter")
    if filters is None:
        stream.extra["Filter"] = name
        return
    existing = list(filters) if isinstance(filters, list | tuple) else [filters]
    stream.extra["Filter"] = pydyf.Array([name, *existing])
    parms = stream.extra.get("DecodeParms")
    if parms is not None:
        existing_parms = list(parms) if isinstance(parms, list | tuple) else [parms]
        stream.extra["DecodeParms"] = pydyf.Array(["null", *existing_parms])


def padded(count: int) -> Callable[[Any, Any], None]:
    """A step adding `count` empty dictionaries, which changes the object stream's content
    and the cross-reference stream's offsets, and so the checksums their data end in."""
    def step(document: Any, pdf: Any) -> None:
        import pydyf

        for _ in range(count):
            pdf.add_object(pydyf.Dictionary())

    return step


def written(write: Callable[[int], bytes]) -> bytes:
    """`write(padding)` until pydyf's own streams do not end in a CR (one file in 128 needs a
    second write; each write changes the checksums, so more are rarer still)."""
    data = write(0)
    for padding in range(1, MAX_REWRITES + 1):
        if LONE_CR not in data:
            break
        data = write(padding)
    return data
