"""No ToUnicode CMap maps a code to the empty string."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pikepdf
import pydyf
import pytest

from briefs.render.tagging.cmap_values import mapped, no_empty_mappings

DESTINATION = re.compile(rb"^<[0-9a-fA-F]{4}> <([0-9a-fA-F]*)>$")


def test_an_empty_destination_becomes_a_word_joiner() -> None:
    assert mapped(b"<025f> <>") == b"<025f> <2060>"
    assert mapped(b"<003b><>") == b"<003b> <2060>"


def test_other_lines_are_left_alone() -> None:
    for line in (b"<0039> <0935093f>", b"<0000> <ffff>", b"76 beginbfchar", b"endbfchar",
                 b"<0001> <00a0>"):
        assert mapped(line) == line


def test_the_finisher_step_leaves_every_destination_one_to_256_code_units() -> None:
    """The CMap WeasyPrint writes for a Thai SARA AM (NIKHAHIT, empty, then SARA AA) and a
    Devanagari reph: after the step, every destination is 2 to 512 bytes (ISO 32000-1
    9.10.3; what page-validation's parser accepts)."""
    pdf = pydyf.PDF()
    cmap = pydyf.Stream([b"1 begincodespacerange", b"<0000> <ffff>", b"endcodespacerange",
                         b"4 beginbfchar", b"<003b> <>", b"<0031> <0e33>", b"<025f> <>",
                         b"<0039> <0935093f>", b"endbfchar"])
    pdf.add_object(cmap)
    pdf.add_object(pydyf.Dictionary({"Type": "/Font", "ToUnicode": cmap.reference}))
    no_empty_mappings(None, pdf)
    destinations = [found.group(1) for line in cmap.stream
                    if (found := DESTINATION.match(line)) and line != b"<0000> <ffff>"]
    assert destinations == [b"2060", b"0e33", b"2060", b"0935093f"]
    assert all(4 <= len(value) <= 1024 and len(value) % 4 == 0 for value in destinations)


@pytest.mark.render
def test_weasyprint_maps_part_of_a_thai_cluster_to_nothing_and_the_step_maps_it(
        tmp_path: Path) -> None:
    """`น้ำ` (SARA AM drawn as NIKHAHIT + SARA AA): WeasyPrint writes `<>` for glyphs of the
    cluster; with the step, the CMap has no empty destination and pdftotext reads the word
    with nothing but invisible word joiners added (in briefs' tagged output the line's
    /ActualText is read instead: tests/e2e/test_text_layer.py)."""
    import weasyprint

    html = "<p lang='th' style='font-family: Noto Sans Thai'>น้ำใส</p>"
    written = {}
    for name, steps in (("plain", []), ("step", [no_empty_mappings])):
        path = tmp_path / f"{name}.pdf"
        weasyprint.HTML(string=html).write_pdf(
            path, finisher=lambda document, pdf, steps=steps: [
                step(document, pdf) for step in steps])
        with pikepdf.open(path) as pdf:
            written[name] = b"\n".join(
                item.ToUnicode.read_bytes() for item in pdf.objects
                if isinstance(item, pikepdf.Dictionary) and "/ToUnicode" in item)
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"],
                              capture_output=True, text=True, check=True).stdout
        assert text.strip().replace("\u2060", "") == "น้ำใส", name
    assert re.search(rb"<[0-9a-f]{4}> <>", written["plain"])
    assert not re.search(rb"<[0-9a-f]{4}> <>", written["step"])
    assert b"<2060>" in written["step"]
