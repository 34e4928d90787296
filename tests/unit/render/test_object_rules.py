"""The rules on objects anywhere in a file, on small PDFs made with pikepdf (fast; the mutation
corpus in tests/e2e/test_checkers.py runs them on real outputs)."""

from __future__ import annotations

from typing import Any

import pikepdf
import pytest

from briefs.render.standards.run_rules import check_standards

PDFA_XMP = (b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
            b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
            b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
            b'<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" '
            b'pdfaid:part="3" pdfaid:conformance="B"/></rdf:RDF></x:xmpmeta>'
            b'<?xpacket end="r"?>')


def pdf_a() -> Any:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.Root.Metadata = pdf.make_stream(PDFA_XMP, Type=pikepdf.Name.Metadata,
                                        Subtype=pikepdf.Name.XML)
    return pdf


def found(pdf: Any) -> set[str]:
    report = check_standards(pdf)
    return set(report.errors) | set(report.warnings)


def test_javascript_is_an_error_in_pdf_a_and_a_warning_elsewhere() -> None:
    for archival, expected in ((True, "6.6.1-1"), (False, "briefs:javascript")):
        pdf = pdf_a() if archival else pikepdf.new()
        pdf.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.JavaScript,
                                                 JS=pikepdf.String("1"))
        assert expected in found(pdf)


def test_embedded_files_are_described() -> None:
    pdf = pdf_a()
    spec = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Filespec, F=pikepdf.String("a.csv"),
        EF=pikepdf.Dictionary(F=pdf.make_stream(b"1"))))
    pdf.Root.AF = pikepdf.Array([spec])
    assert {"6.8-1", "6.8-2", "6.8-3"} <= found(pdf)
    spec.UF = pikepdf.String("a.csv")
    spec.AFRelationship = pikepdf.Name.Data
    spec.EF.F.Subtype = pikepdf.Name("/text#2Fcsv")
    assert not {"6.8-1", "6.8-2", "6.8-3"} & found(pdf)


@pytest.mark.parametrize(("flags", "rule"), [(None, "6.3.2-1"), (0, "6.3.2-2"), (6, "6.3.2-2"),
                                             (4, None)])
def test_annotations_print_in_pdf_a(flags: int | None, rule: str | None) -> None:
    pdf = pdf_a()
    annotation = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Square,
                                    Rect=[0, 0, 1, 1])
    if flags is not None:
        annotation.F = flags
    pdf.pages[0].Annots = pdf.make_indirect(pikepdf.Array([pdf.make_indirect(annotation)]))
    rules = found(pdf)
    assert (rule in rules) if rule else not {"6.3.2-1", "6.3.2-2"} & rules


def test_blend_modes_and_packet_header() -> None:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.pages[0].Resources = pikepdf.Dictionary(ExtGState=pikepdf.Dictionary(
        G0=pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, BM=pikepdf.Name.Multiply),
        G1=pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, BM=pikepdf.Name("/Dodgy"))))
    assert "briefs:blend-mode" in found(pdf)
    pdf = pdf_a()
    assert "6.6.2.1-2" not in found(pdf)
    pdf.Root.Metadata.write(PDFA_XMP.replace(b'begin=""', b'begin="" bytes="10"'))
    assert "6.6.2.1-2" in found(pdf)


def test_fonts_map_to_unicode_under_pdf_ua() -> None:
    from briefs.render.standards.grouped_findings import RuleReport
    from briefs.render.standards.identification import read_claims
    from briefs.render.standards.object_rules import font_unicode

    pdf = pikepdf.new()
    pdf.add_blank_page()
    truetype = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.TrueType,
                                  BaseFont=pikepdf.Name("/X"))
    standard = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                  BaseFont=pikepdf.Name.Helvetica,
                                  Encoding=pikepdf.Name.WinAnsiEncoding)
    pdf.pages[0].Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(
        F0=pdf.make_indirect(truetype), F1=pdf.make_indirect(standard)))
    claims = read_claims(pdf)
    report = RuleReport()
    font_unicode(pdf, claims.__class__(**{**claims.__dict__, "ua_part": "1"}), report)
    assert report.error_lines() == ["7.21.7-1: the font X has no ToUnicode CMap, so its text "
                                    "cannot be read out or searched"]


def test_a_code_mapped_to_nothing_is_reported_under_pdf_ua() -> None:
    from briefs.render.standards.grouped_findings import RuleReport
    from briefs.render.standards.identification import read_claims
    from briefs.render.standards.object_rules import font_unicode

    cmap = (b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            b"1 begincodespacerange\n<0000> <ffff>\nendcodespacerange\n2 beginbfchar\n"
            b"<0039> <0935093f>\n<025f> <>\nendbfchar\nendcmap\n")
    pdf = pikepdf.new()
    pdf.add_blank_page()
    font = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type0,
                              BaseFont=pikepdf.Name("/X"),
                              ToUnicode=pdf.make_stream(cmap))
    pdf.pages[0].Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(
        F0=pdf.make_indirect(font)))
    claims = read_claims(pdf)
    claims = claims.__class__(**{**claims.__dict__, "ua_part": "1"})
    report = RuleReport()
    font_unicode(pdf, claims, report)
    assert report.error_lines() == [
        "7.21.7-1: the font X maps code <025f> to no Unicode value (an empty string in its "
        "ToUnicode CMap, which CMap parsers reject); map it to a character"]
    font.ToUnicode = pdf.make_stream(cmap.replace(b"<025f> <>", b"<025f> <2060>"))
    report = RuleReport()
    font_unicode(pdf, claims, report)
    assert report.error_lines() == []
