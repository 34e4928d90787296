"""A corpus of single-defect PDFs made from a good one with pikepdf: each mutation breaks one
rule of PDF/UA-1 or PDF/A, and `briefs preflight` must catch at least what page-validation
catches (tests/e2e/test_checkers.py)."""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pikepdf

Mutation = Callable[[Any], None]


def save(pdf: Any, path: Path) -> Path:
    """Saved with its streams as they are (qpdf would otherwise decode and recompress them)."""
    pdf.save(path, stream_decode_level=pikepdf.StreamDecodeLevel.none, fix_metadata_version=False,
             deterministic_id=True)
    return path


def elements(pdf: Any, role: str) -> list[Any]:
    found, stack, seen = [], [pdf.Root.StructTreeRoot], set()
    while stack:
        node = stack.pop()
        kids = node.get("/K")
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids else []):
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid and kid.objgen not in seen:
                seen.add(kid.objgen)
                if str(kid.S) == f"/{role}":
                    found.append(kid)
                stack.append(kid)
    return found


def _xmp(pdf: Any, change: Callable[[bytes], bytes]) -> None:
    stream = pdf.Root.Metadata
    stream.write(change(stream.read_bytes()))


def _links(pdf: Any) -> list[Any]:
    return [a for page in pdf.pages for a in page.get("/Annots", [])
            if a.get("/Subtype") == "/Link"]


def _fonts(pdf: Any) -> list[Any]:
    return [font for page in pdf.pages
            for font in page.Resources.get("/Font", pikepdf.Dictionary()).values()]


def _javascript(pdf: Any) -> None:
    pdf.Root.OpenAction = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Action, S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)")))


def _launch(pdf: Any) -> None:
    link = _links(pdf)[0]
    link.A = pikepdf.Dictionary(Type=pikepdf.Name.Action, S=pikepdf.Name.Launch,
                                F=pikepdf.String("calc.exe"))


def _embedded_file(pdf: Any) -> None:
    data = pdf.make_stream(b"a,b\n1,2\n")
    spec = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Filespec, F=pikepdf.String("data.csv"),
        EF=pikepdf.Dictionary(F=data)))
    pdf.Root.Names = pikepdf.Dictionary(EmbeddedFiles=pikepdf.Dictionary(
        Names=pikepdf.Array([pikepdf.String("data.csv"), spec])))
    pdf.Root.AF = pikepdf.Array([spec])


def _no_print_flag(pdf: Any) -> None:
    for link in _links(pdf):
        if "/F" in link:
            del link["/F"]


def _blend_mode(pdf: Any) -> None:
    resources = pdf.pages[0].Resources
    if "/ExtGState" not in resources:
        resources.ExtGState = pikepdf.Dictionary()
    resources.ExtGState["/Odd"] = pikepdf.Dictionary(Type=pikepdf.Name.ExtGState,
                                                     BM=pikepdf.Name("/Dodgy"))


def _interpolate(pdf: Any) -> None:
    for item in pdf.objects:
        if isinstance(item, pikepdf.Stream) and item.get("/Subtype") == "/Image":
            item.Interpolate = True
            return


def compressed_xmp(pdf: Any) -> None:
    """(qpdf writes metadata plain again when saving: checked on the open file.)"""
    stream = pdf.Root.Metadata
    stream.write(zlib.compress(stream.read_bytes()), filter=pikepdf.Name.FlateDecode)


def _untagged_paint(pdf: Any) -> None:
    pdf.pages[0].contents_add(pdf.make_stream(b"q 0 0 m 10 10 l S Q"), prepend=False)


def _rename(role: str, to: str) -> Mutation:
    def change(pdf: Any) -> None:
        elements(pdf, role)[0].S = pikepdf.Name("/" + to)
    return change


def _drop(key: str, role: str) -> Mutation:
    def change(pdf: Any) -> None:
        del elements(pdf, role)[0][key]
    return change


def _catalog(key: str) -> Mutation:
    def change(pdf: Any) -> None:
        del pdf.Root[key]
    return change


def _no_to_unicode(pdf: Any) -> None:
    for font in _fonts(pdf):
        if "/ToUnicode" in font:
            del font["/ToUnicode"]


def _empty_to_unicode_destination(pdf: Any) -> None:
    """One code of the first ToUnicode CMap mapped to the empty string (what WeasyPrint
    writes for the glyphs of a cluster whose text another glyph carries)."""
    for font in _fonts(pdf):
        if "/ToUnicode" in font:
            data = font.ToUnicode.read_bytes()
            font.ToUnicode.write(re.sub(rb"(beginbfchar\s+<[0-9a-fA-F]{2,8}>)\s*<[0-9a-fA-F]+>",
                                        rb"\1 <>", data, count=1))
            return


def _no_link_contents(pdf: Any) -> None:
    del _links(pdf)[0]["/Contents"]


def _no_tabs(pdf: Any) -> None:
    for page in pdf.pages:
        if "/Tabs" in page:
            del page["/Tabs"]


UA_MUTATIONS: dict[str, Mutation] = {
    "no /Lang": _catalog("/Lang"),
    "bad /Lang": lambda pdf: setattr(pdf.Root, "Lang", pikepdf.String("not a tag!")),
    "no MarkInfo": _catalog("/MarkInfo"),
    "Suspects": lambda pdf: setattr(pdf.Root, "MarkInfo", pikepdf.Dictionary(
        Marked=True, Suspects=True)),
    "no DisplayDocTitle": _catalog("/ViewerPreferences"),
    "no structure tree": _catalog("/StructTreeRoot"),
    "no metadata": _catalog("/Metadata"),
    "no pdfuaid": lambda pdf: _xmp(pdf, lambda x: re.sub(rb'\s*pdfuaid:part="1"', b"", x)),
    "no dc:title": lambda pdf: _xmp(pdf, lambda x: re.sub(rb"<dc:title>.*?</dc:title>", b"",
                                                          x, flags=re.S)),
    "figure without alt": _drop("/Alt", "Figure"),
    "unmapped type": _rename("P", "Paragraphish"),
    "LI outside L": _rename("L", "Div"),
    "heading skips a level": _rename("H2", "H4"),
    "note without ID": _drop("/ID", "Note"),
    "element without /P": _drop("/P", "P"),
    "untagged painting": _untagged_paint,
    "font without ToUnicode": _no_to_unicode,
    "code mapped to nothing": _empty_to_unicode_destination,
    "link without Contents": _no_link_contents,
    "annotations without Tabs": _no_tabs,
}
"""Defects of a PDF/UA-1 screen PDF (checked against page-validation's `ua1`)."""

A_MUTATIONS: dict[str, Mutation] = {
    "JavaScript action": _javascript,
    "Launch action": _launch,
    "catalog /AA": lambda pdf: setattr(pdf.Root, "AA", pikepdf.Dictionary(
        WC=pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("1")))),
    "embedded file without MIME or AFRelationship": _embedded_file,
    "bytes= in the XMP packet header": lambda pdf: _xmp(pdf, lambda x: re.sub(
        rb"(<\?xpacket begin=\S+)", rb"\1 bytes='1024'", x, count=1)),
    "annotation without Print flag": _no_print_flag,
    "non-standard blend mode": _blend_mode,
    "interpolated image": _interpolate,
    "no output intent": _catalog("/OutputIntents"),
    "pdfaid:part 5": lambda pdf: _xmp(pdf, lambda x: x.replace(b'pdfaid:part="3"',
                                                               b'pdfaid:part="5"')),
    "font without ToUnicode": _no_to_unicode,
    "code mapped to nothing": _empty_to_unicode_destination,
}
"""Defects of a PDF/A-3a (+ PDF/UA-1) archive PDF (checked against page-validation's `3a`)."""
