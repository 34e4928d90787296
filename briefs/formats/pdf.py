"""The first output format, PDF, and the checks every PDF gets (contrast, standards)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefs.core.diagnostics import Problem
from briefs.formats.checks import Check, Layout
from briefs.formats.format import Made, OutputFormat, Source

if TYPE_CHECKING:
    from briefs.content.config import Profile


class PdfFormat(OutputFormat):
    """The PDF itself: laid out, fitted, finished and checked by the render workers."""

    name = "pdf"
    suffix = ".pdf"
    description = "the print-ready, tagged PDF (always made: the other formats start from it)"

    def make(self, source: Source) -> Made:
        return Made({source.name.path: source.pdf})


class PdfStandards(Check):
    """What a PDF/UA or PDF/A checker (veraPDF) would object to, rule by rule, and the
    print-readiness of the file's boxes and fonts: run on every PDF before it is written."""

    name = "pdf-standards"
    output = "pdf"
    stage = "render"

    def applies(self, kind: str, profile: Profile, output: str) -> bool:
        return output == self.output

    def check(self, data: bytes) -> list[Problem]:
        from briefs.render.preflight import check_pdf_bytes

        return check_pdf_bytes(data).problems


class PdfContrast(Check):
    """WCAG 2.2 AA text contrast (1.4.3) of every text box against what it is drawn on,
    measured on the laid-out pages (`render/contrast.py`): warnings naming brand tokens."""

    name = "wcag-contrast"
    output = "pdf"
    stage = "layout"
    description = "text contrast below WCAG 2.2 AA, measured on the laid-out pages"

    def check_layout(self, layout: Layout) -> list[Problem]:
        from briefs.render.contrast import contrast_problems

        return contrast_problems(layout.document, layout.html)


PDF = PdfFormat()
PDF_STANDARDS = PdfStandards()
PDF_CONTRAST = PdfContrast()
