"""SVG text that needs shaping is drawn whole (render/svg_text.py): WeasyPrint 70 alone drew
the Arabic chart labels of the policy brief as isolated letters, left to right."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from briefs.render.svg_text import needs_shaping, paragraph_direction

ARABIC = "\u0623\u0648\u0631\u0641\u0627\u0646"  # أورفان
HEBREW = "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd"  # שלום עולם
HINDI = "\u0935\u093f\u091a\u093e\u0930"  # विचार


def test_what_needs_shaping() -> None:
    assert needs_shaping(ARABIC) and needs_shaping(HEBREW) and needs_shaping(HINDI)
    assert needs_shaping("e\u0301") and needs_shaping("a\u200cb")
    for plain in ("Orvanne", "2023", "\u0662\u0660\u0662\u0663", "80 %", "\u4e2d\u6587", ""):
        assert not needs_shaping(plain), plain


def test_the_paragraph_direction_is_the_first_strong_characters() -> None:
    assert paragraph_direction(f"2023 {ARABIC}") == "rtl"
    assert paragraph_direction(f"Orvanne {ARABIC}") == "ltr"
    assert paragraph_direction("\u0662\u0660") == "ltr"


def _pdf(tmp_path: Path, texts: str) -> Path:
    import weasyprint

    from briefs.render.svg_text import install

    install()
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200" '
           f'viewBox="0 0 400 200">{texts}</svg>')
    source = tmp_path / "drawing.svg"  # an image, as the charts are
    source.write_text(svg, encoding="utf-8")
    target = tmp_path / "svg.pdf"
    page = "<style>@page { margin: 0 } body { margin: 0 }</style><img src='drawing.svg'>"
    weasyprint.HTML(string=page, base_url=str(tmp_path) + "/").write_pdf(target)
    return target


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


@pytest.mark.render
def test_right_to_left_and_indic_labels_are_shaped_and_read_in_logical_order(
        tmp_path: Path) -> None:
    pdf = _pdf(tmp_path, "".join(
        f'<text x="20" y="{y}" style="font-size: 20px; font-family: {family}">{text}</text>'
        for y, family, text in ((40, "Noto Sans Arabic", ARABIC), (90, "Noto Sans Hebrew", HEBREW),
                                (140, "Noto Sans Devanagari", HINDI))))
    text = _text(pdf)
    assert ARABIC in text  # character by character: isolated letters, `نافروأ`
    assert HEBREW in text
    assert HINDI in text


@pytest.mark.render
def test_a_label_anchored_in_its_middle_is_centred(tmp_path: Path) -> None:
    """matplotlib centres category labels with `text-anchor: middle` at one x."""
    import pypdfium2

    pdf = _pdf(tmp_path, f'<text x="200" y="100" style="font-size: 30px; font-family: '
                         f'Noto Sans Arabic; text-anchor: middle">{ARABIC}</text>')
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        page = document[0]
        textpage = page.get_textpage()
        boxes = [textpage.get_charbox(index) for index in range(textpage.count_chars())]
        left, right = min(box[0] for box in boxes), max(box[2] for box in boxes)
    finally:
        document.close()
    centre_pt = 200 * 0.75
    assert abs((left + right) / 2 - centre_pt) < 3, (left, right)
    assert right - left > 30  # the whole word, not one letter


@pytest.mark.render
def test_positioned_characters_are_left_to_weasyprint(tmp_path: Path) -> None:
    """Per-character `x` lists place each character where the SVG says (not shaped)."""
    pdf = _pdf(tmp_path, '<text x="20 120 220" y="50" style="font-size: 20px; '
                         'font-family: DejaVu Sans">abc</text>')
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        textpage = document[0].get_textpage()
        lefts = [textpage.get_charbox(index)[0] for index in range(textpage.count_chars())
                 if textpage.get_text_range(index, 1).strip()]
    finally:
        document.close()
    assert [round((left / 0.75 - 20) / 100) for left in lefts] == [0, 1, 2]


def test_installing_twice_wraps_once() -> None:
    from weasyprint import svg

    from briefs.render.svg_text import install

    install()
    first = svg.text
    install()
    assert svg.text is first
    assert svg.TAGS["text"] is first and svg.TAGS["tspan"] is first


@pytest.mark.render
@pytest.mark.parametrize("attributes", ['x="abc%" y="10"', 'x="10" y="10" rotate="zz"',
                                        'x="1e400" y="10"', 'x="10" y="10" dx="nan"',
                                        'x="10" y="10" font-weight="9e9"'])
def test_malformed_attributes_do_not_break_the_render(tmp_path: Path, attributes: str) -> None:
    """A workspace's SVG is untrusted: bad numbers on a text that is drawn whole are WeasyPrint's
    to handle, as they are on any other text."""
    pdf = _pdf(tmp_path, f'<text {attributes} style="font-family: Noto Sans Arabic">{ARABIC}'
                         "</text>")
    assert pdf.read_bytes().startswith(b"%PDF")
