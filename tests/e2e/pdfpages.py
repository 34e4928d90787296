"""Reading PDFs as a reader sees them: page text, where a piece of text is, page images."""

from __future__ import annotations

import ctypes
import subprocess
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image

Box = tuple[float, float, float, float]
"""left, bottom, right, top, in PDF points."""


def glyph_texts(pdf: Path) -> list[str]:
    """`page_texts` of the glyphs alone: the PDF without its /ActualText spans (which give a
    letter-spaced or shaped run's text as written), to see where the glyphs were drawn."""
    return page_texts(_without_spans(pdf, ".glyphs.pdf", tagged_too=False))


def without_actual_text(pdf: Path) -> Path:
    """A copy of the PDF (beside it) with no `/ActualText` at all: every span that only gives
    text dropped, the key taken out of the marked content that also tags (an MCID). PDFium
    hands a span's text out to its glyphs in drawing order, so a right-to-left run whose
    /ActualText is in logical order looks drawn left to right; the copy shows where each
    glyph is, with the text its font's ToUnicode gives it."""
    return _without_spans(pdf, ".bare.pdf", tagged_too=True)


def _without_spans(pdf: Path, suffix: str, tagged_too: bool) -> Path:
    """A copy of the PDF beside it (its stem + `suffix`) whose pages draw the same without
    the marked content that only gives an /ActualText (its BDC and EMC dropped, what it
    holds kept); with `tagged_too`, the /ActualText of tagged marked content (an MCID) is
    taken out as well."""
    import pikepdf

    bare = pdf.with_name(pdf.stem + suffix)
    with pikepdf.open(pdf) as document:
        for page in document.pages:
            kept, open_spans = [], [False]
            for operands, operator in pikepdf.parse_content_stream(page):
                name = str(operator)
                if name in ("BDC", "BMC"):
                    marked = operands[1] if name == "BDC" else None
                    actual = isinstance(marked, pikepdf.Dictionary) and "/ActualText" in marked
                    open_spans.append(actual and "/MCID" not in marked)
                    if open_spans[-1]:
                        continue
                    if actual and tagged_too:
                        del marked["/ActualText"]
                elif name == "EMC" and open_spans.pop():
                    continue
                kept.append((operands, operator))
            page.Contents = document.make_stream(pikepdf.unparse_content_stream(kept))
        document.save(bare)
    return bare


def drawn_glyphs(pdf: Path, page: int) -> list[tuple[str, float, float]]:
    """Each glyph drawn on page `page` (1-based): its text (the font's ToUnicode, never an
    /ActualText) and its origin (x, y in PDF points), in PDFium's order."""
    document = pdfium.PdfDocument(without_actual_text(pdf))
    try:
        textpage = document[page - 1].get_textpage()
        glyphs = []
        for index in range(textpage.count_chars()):
            x, y = ctypes.c_double(), ctypes.c_double()
            pdfium_c.FPDFText_GetCharOrigin(textpage, index, x, y)
            glyphs.append((textpage.get_text_range(index, 1), x.value, y.value))
        return glyphs
    finally:
        document.close()


def page_texts(pdf: Path) -> list[str]:
    """The text of each page, in logical order, as PDFium extracts it from glyph positions
    (letters set far apart come out with spaces between them)."""
    document = pdfium.PdfDocument(pdf)
    try:
        return [document[i].get_textpage().get_text_range() for i in range(len(document))]
    finally:
        document.close()


def text_boxes(pdf: Path, page: int, text: str, last: bool = False) -> list[Box]:
    """The box of each character of the first (or last) occurrence of `text` on page `page`
    (1-based)."""
    document = pdfium.PdfDocument(pdf)
    try:
        textpage = document[page - 1].get_textpage()
        full = textpage.get_text_range()
        start = full.rfind(text) if last else full.find(text)
        assert start >= 0, f"{text!r} not on page {page} of {pdf.name}"
        return [tuple(textpage.get_charbox(start + k)) for k in range(len(text))]
    finally:
        document.close()


def union(boxes: list[Box]) -> Box:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


def centre_x(box: Box) -> float:
    return (box[0] + box[2]) / 2


def page_image(pdf: Path, page: int, out: Path, dpi: int = 50) -> Image.Image:
    """Page `page` rendered by Poppler, as an RGB image."""
    subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-png",
                    "-singlefile", str(pdf), str(out)], check=True)
    return Image.open(out.with_suffix(".png")).convert("RGB")


def font_names(pdf: Path) -> list[str]:
    """The base names of the fonts in the PDF, as pdffonts lists them."""
    lines = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    return [line.split()[0].split("+", 1)[-1] for line in lines if line.strip()]


def visual_lines(pdf: Path, page: int) -> list[str]:
    """The characters of each line of page `page` as they stand from left to right (not in
    reading order), without spaces: what a reader sees, whatever the bidi algorithm did (the
    glyphs' own positions: `drawn_glyphs`)."""
    chars = [(-y, x, char) for char, x, y in drawn_glyphs(pdf, page) if char.strip()]
    lines: list[list[tuple[float, float, str]]] = []
    for char in sorted(chars):
        if lines and abs(char[0] - lines[-1][0][0]) <= 1.5:
            lines[-1].append(char)
        else:
            lines.append([char])
    return ["".join(c[2] for c in sorted(line, key=lambda c: c[1])) for line in lines]


PX_TO_PT = 0.75
"""WeasyPrint draws in CSS pixels under a 0.75 scale, which pdfium's font size leaves out."""


def font_sizes(pdf: Path, page: int, text: str) -> list[float]:
    """The size (points) each character of the first occurrence of `text` on page `page`
    (1-based) is set in (a PDF WeasyPrint wrote)."""
    document = pdfium.PdfDocument(pdf)
    try:
        textpage = document[page - 1].get_textpage()
        start = textpage.get_text_range().find(text)
        assert start >= 0, f"{text!r} not on page {page} of {pdf.name}"
        return [pdfium_c.FPDFText_GetFontSize(textpage, start + k) * PX_TO_PT
                for k in range(len(text)) if not text[k].isspace()]
    finally:
        document.close()
