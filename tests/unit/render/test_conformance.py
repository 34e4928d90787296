"""The finishing steps strict checkers need: no stream data ending in CR, plain XMP, printed
annotations, no /CIDToGIDMap on CFF CID fonts."""

from __future__ import annotations

import io
import zlib

import pikepdf
import pydyf

from briefs.render import conformance


def _ending_in_cr() -> bytes:
    """Content whose Deflate stream ends in a CR: Adler-32's low byte is 1 + the sum of the
    bytes, so a lone form feed (12, white space in a content stream) gives 13."""
    data = b"\x0c"
    assert zlib.compress(data, 9).endswith(b"\r")
    return data


def _written(pdf: pydyf.PDF) -> bytes:
    output = io.BytesIO()
    pdf.write(output, compress=True)
    return output.getvalue()


def test_no_stream_ends_in_a_carriage_return() -> None:
    data = _ending_in_cr()
    pdf = pydyf.PDF()
    stream = pydyf.Stream([data], compress=True)
    pdf.add_object(stream)
    plain = pydyf.Stream([b"1 0 0 1 0 0 cm"], compress=True)
    pdf.add_object(plain)
    pdf.catalog["Contents"] = stream.reference
    pdf.catalog["Other"] = plain.reference
    assert b"\r\nendstream" in _written(pdf)

    pdf = pydyf.PDF()
    for item in (stream, plain):
        item.compress = True
    stream.stream, plain.stream = [data], [b"1 0 0 1 0 0 cm"]
    pdf.add_object(stream)
    pdf.add_object(plain)
    pdf.catalog["Contents"] = stream.reference
    pdf.catalog["Other"] = plain.reference
    conformance.no_carriage_return_before_endstream(None, pdf)
    written = _written(pdf)
    assert b"\r\nendstream" not in written
    with pikepdf.open(io.BytesIO(written)) as read:
        assert read.Root.Contents.read_bytes() == data
        assert read.Root.Contents.Filter == [pikepdf.Name.ASCII85Decode,
                                             pikepdf.Name.FlateDecode]
        assert read.Root.Other.Filter == pikepdf.Name.FlateDecode
        assert read.Root.Other.read_bytes() == b"1 0 0 1 0 0 cm"


def test_metadata_is_uncompressed_and_annotations_print() -> None:
    pdf = pydyf.PDF()
    metadata = pydyf.Stream([b"<x:xmpmeta/>"], {"Type": "/Metadata"}, compress=True)
    pdf.add_object(metadata)
    pdf.catalog["Metadata"] = metadata.reference
    link = pydyf.Dictionary({"Type": "/Annot", "Subtype": "/Link", "Rect": pydyf.Array(
        (0, 0, 1, 1))})
    hidden = pydyf.Dictionary({"Type": "/Annot", "Subtype": "/Text", "F": 2})
    pdf.add_object(link)
    pdf.add_object(hidden)
    page = pydyf.Dictionary({"Type": "/Page", "Parent": pdf.pages.reference,
                             "MediaBox": pydyf.Array((0, 0, 10, 10)),
                             "Annots": pydyf.Array((link.reference, hidden.reference))})
    pdf.add_page(page)
    font = pydyf.Dictionary({"Type": "/Font", "Subtype": "/CIDFontType0",
                             "CIDToGIDMap": "/Identity"})
    truetype = pydyf.Dictionary({"Type": "/Font", "Subtype": "/CIDFontType2",
                                 "CIDToGIDMap": "/Identity"})
    pdf.add_object(font)
    pdf.add_object(truetype)
    for step in (conformance.printed_annotations, conformance.no_cid_to_gid_map_on_cff,
                 conformance.plain_metadata, conformance.no_carriage_return_before_endstream):
        step(None, pdf)
    written = _written(pdf)
    assert b"<x:xmpmeta/>" in written
    assert link["F"] == 4 and hidden["F"] == 6
    assert "CIDToGIDMap" not in font and truetype["CIDToGIDMap"] == "/Identity"


def test_a_file_whose_own_streams_end_in_a_cr_is_written_again_padded() -> None:
    """pydyf's object and cross-reference streams are built while writing, after the
    finisher: a file where one ends in a CR is written again with an empty object added."""
    asked: list[int] = []

    def write(padding: int) -> bytes:
        asked.append(padding)
        return b"x\r\nendstream" if padding < 2 else b"x\nendstream"

    assert conformance.written(write) == b"x\nendstream" and asked == [0, 1, 2]
    pdf = pydyf.PDF()
    before = len(pdf.objects)
    conformance.padded(2)(None, pdf)
    assert len(pdf.objects) == before + 2
    with pikepdf.open(io.BytesIO(_written(pdf))) as read:
        assert len(read.pages) == 0
