"""PDF/A finishing: images without interpolation, and the PDF/UA-1 identification (with the
extension schema PDF/A requires for it) in an accessible archival file."""

from __future__ import annotations

from typing import Any

PDFUA_IDENTIFICATION = (
    '<rdf:Description xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" rdf:about="" '
    'xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" pdfuaid:part="1"/>'
    '<rdf:Description xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" rdf:about="" '
    'xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" '
    'xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" '
    'xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">'
    "<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">"
    "<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>"
    "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>"
    "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>"
    "<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">"
    "<pdfaProperty:name>part</pdfaProperty:name>"
    "<pdfaProperty:valueType>Integer</pdfaProperty:valueType>"
    "<pdfaProperty:category>internal</pdfaProperty:category>"
    "<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed"
    "</pdfaProperty:description>"
    "</rdf:li></rdf:Seq></pdfaSchema:property>"
    "</rdf:li></rdf:Bag></pdfaExtension:schemas></rdf:Description>"
)
RDF_END = b"</rdf:RDF>"


def no_interpolation(document: Any, pdf: Any) -> None:
    """PDF/A (veraPDF 6.2.8-3) and PDF/X forbid `/Interpolate true`, which WeasyPrint sets on
    every image whose CSS image-rendering is `auto`."""
    for item in pdf.objects:
        extra = getattr(item, "extra", None)
        if isinstance(extra, dict) and extra.get("Subtype") == "/Image":
            extra.pop("Interpolate", None)


def identify_accessible(document: Any, pdf: Any) -> None:
    """Add `pdfuaid:part 1`, and its PDF/A extension schema, to WeasyPrint's PDF/A metadata."""
    reference = pdf.catalog.get("Metadata")
    if reference is None:
        raise ValueError("a PDF/A file without XMP metadata cannot be identified as PDF/UA")
    stream = pdf.objects[int(bytes(reference).split()[0])]
    packet = b"".join(bytes(part) for part in stream.stream
                      if isinstance(part, bytes | bytearray))
    if RDF_END not in packet:
        raise ValueError("the XMP metadata has no rdf:RDF element")
    addition = PDFUA_IDENTIFICATION.encode("utf-8")
    stream.stream = [packet.replace(RDF_END, addition + RDF_END, 1)]
