"""The overflow proof: every page of a layout that does not fit, its overflow shaded and
labelled, so that an author sees what has to go (never mistaken for the output)."""

from __future__ import annotations

import io
from html import escape
from typing import Any

from briefs.render.overflow import Overflow, overflow_words

SHADE = "rgba(214, 40, 40, 0.18)"
INK = "#b3261e"


def proof_label(overflow: Overflow) -> str:
    """What the shaded area says."""
    cut = f"cut about {overflow.about_words} words"
    if overflow.own_page:
        cut += " (shaded) before it"
    return f"Overflow proof, not for use: {overflow_words(overflow)}; {cut}"


def overflow_proof(document: Any, overflow: Overflow, url_fetcher: Any) -> bytes:
    """The layout as a PDF, with the overflow of each page shaded and a label on it."""
    from pypdf import PdfReader, PdfWriter

    pdf = document.write_pdf()
    overlay = _overlay(document, overflow, url_fetcher)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    marks = PdfReader(io.BytesIO(overlay))
    for page, mark in zip(writer.pages, marks.pages, strict=False):
        page.merge_page(mark)
    writer.add_metadata({"/Title": proof_label(overflow)})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _overlay(document: Any, overflow: Overflow, url_fetcher: Any) -> bytes:
    """One transparent page per page of `document`: a banner on each page within the limit,
    the shaded overflow and its label on each page after it."""
    import weasyprint

    rules, pages = [], []
    regions = {region.page: region for region in overflow.regions}
    label = escape(proof_label(overflow))
    for number, page in enumerate(document.pages, 1):
        bleed = page.bleed
        width = page.width + bleed["left"] + bleed["right"]
        height = page.height + bleed["top"] + bleed["bottom"]
        rules.append(f"@page p{number} {{ size: {width:.2f}px {height:.2f}px; margin: 0; }}"
                     f" .p{number} {{ page: p{number}; height: {height:.2f}px; }}")
        region = regions.get(number)
        marks = f'<p class="banner">{label}</p>'
        if region is not None:
            top, bottom = region.top + bleed["top"], region.bottom + bleed["top"]
            marks = (f'<div class="shade" style="top: {top:.2f}px; '
                     f'height: {max(bottom - top, 12):.2f}px"></div>'
                     f'<p class="tag" style="top: {bottom + 4:.2f}px">{label}</p>')
        pages.append(f'<section class="p{number}">{marks}</section>')
    html = f"""<html><head><style>
{chr(10).join(rules)}
body {{ margin: 0; font-family: sans-serif; }}
section {{ position: relative; break-after: page; overflow: hidden; }}
section:last-child {{ break-after: auto; }}
.shade {{ position: absolute; left: 0; right: 0; background: {SHADE};
  border-top: 1.5pt dashed {INK}; border-bottom: 1.5pt dashed {INK}; }}
.tag, .banner {{ position: absolute; margin: 0; padding: 1.2mm 3mm; color: white;
  font-size: 8pt; font-weight: bold; background: {INK}; }}
.tag {{ left: 8mm; }}
.banner {{ top: 0; right: 0; background: rgba(179, 38, 30, 0.85); }}

</style></head><body>{"".join(pages)}</body></html>"""
    return bytes(weasyprint.HTML(string=html, url_fetcher=url_fetcher).write_pdf())
