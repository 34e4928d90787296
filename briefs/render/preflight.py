"""Preflight: checks after layout (image resolution, text outside the trim box) and on PDFs."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefs.core.diagnostics import Problem
from briefs.core.paths import URL_PREFIX
from briefs.render import kept_findings
from briefs.render.checked_pdfs import CHECKED
from briefs.render.crops import crop_warning

CSS_PX_PER_INCH = 96
TOLERANCE_PX = 0.5
PANGO_OBLIQUE = 1
BOLD_WEIGHT = 600


@dataclass
class Findings:
    """Problems found by preflight: errors stop the output, warnings are reported."""

    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    """The same, typed (with the rule id or check as code), for checks that pass them on."""

    def add(self, problem: Problem) -> None:
        (self.errors if problem.is_error else self.warnings).append(problem.line())
        self.problems.append(problem)

    def as_json(self) -> dict[str, list[str]]:
        return {"errors": self.errors, "warnings": self.warnings}


def _shown_source(src: str) -> str:
    """file:///briefs-workspace/content/x.jpg -> content/x.jpg"""
    if src.startswith(URL_PREFIX):
        return src[len(URL_PREFIX):].partition("/")[2]
    return src


def image_resolution(box: Any) -> float | None:
    """Effective resolution (dpi) of a raster image box at its printed size."""
    image = getattr(box, "replacement", None)
    pixels_wide, pixels_high = getattr(image, "width", None), getattr(image, "height", None)
    if not pixels_wide or not pixels_high or not box.width or not box.height:
        return None
    fit = box.style["object_fit"]
    scale_x, scale_y = box.width / pixels_wide, box.height / pixels_high
    if fit == "cover":
        scale = max(scale_x, scale_y)
    elif fit in ("contain", "scale-down"):
        scale = min(scale_x, scale_y)
    else:
        scale = max(scale_x, scale_y)
    return CSS_PX_PER_INCH / scale


def check_layout(document: Any, min_image_dpi: int) -> Findings:
    """Low-resolution images, text outside the trim box and footnotes parted from their
    calls, from WeasyPrint's laid-out pages."""
    findings = Findings()
    reported: set[str] = set()
    footnotes = FootnotePages()
    for number, page in enumerate(document.pages, 1):
        page_box = page._page_box
        width, height = page.width, page.height
        for box in page_box.descendants():
            footnotes.see(box, number)
            element = getattr(box, "element", None)
            if min_image_dpi and getattr(box, "replacement", None) is not None:
                dpi = image_resolution(box)
                src = element.get("src", "") if element is not None else ""
                if dpi is not None and dpi < min_image_dpi and src and src not in reported:
                    reported.add(src)
                    findings.add(Problem.warning(
                        "layout.image-resolution", f"{_shown_source(src)} is printed at "
                        f"{dpi:.0f} dpi on page {number}, below {min_image_dpi} dpi",
                        "supply a larger image", subject=src, page=number))
            if getattr(box, "replacement", None) is not None and element is not None:
                crop = crop_warning(box, _shown_source(element.get("src", "")), number)
                if crop is not None and crop not in findings.problems:
                    findings.add(crop)
            if _text_outside(box, width, height):
                findings.add(Problem.error(
                    "layout.trim-box", f'text "{box.text.strip()[:40]}" on page {number} runs '
                    "outside the trim box and would be cut off", page=number))
    for problem in footnotes.found():
        findings.add(problem)
    return findings


@dataclass
class FootnotePages:
    """Where each footnote's call and note were laid out (keyed by their element)."""

    calls: dict[int, tuple[int, str]] = field(default_factory=dict)
    notes: dict[int, tuple[int, str]] = field(default_factory=dict)

    def see(self, box: Any, page: int) -> None:
        if str(getattr(box, "element_tag", "")).endswith("::footnote-call"):
            self.calls.setdefault(id(box.element), (page, _text_of(box)))
        elif type(box).__name__ == "FootnoteAreaBox":
            for note in box.children:
                self.notes.setdefault(id(note.element), (page, _text_of(note)))

    def found(self) -> list[Problem]:
        """A note not on the page of its call (GCPM: never before it; briefs: never after)."""
        found = []
        for key, (page, mark) in self.calls.items():
            note_page, text = self.notes.get(key, (None, ""))
            if note_page == page:
                continue
            where = f"on page {note_page}" if note_page else "nowhere"
            found.append(Problem.error(
                "layout.footnote", f'footnote {mark} ("{text[:50].rstrip()}") is called on '
                f"page {page} but printed {where}",
                "shorten the note or the text before it, or move the call", page=page))
        return found

    def problems(self) -> list[str]:
        return [problem.line() for problem in self.found()]


def footnote_problems(document: Any) -> list[str]:
    """Footnotes laid out on another page than their call."""
    footnotes = FootnotePages()
    for number, page in enumerate(document.pages, 1):
        for box in page._page_box.descendants():
            footnotes.see(box, number)
    return footnotes.problems()


def _text_of(box: Any) -> str:
    """The text of a box, line by line."""
    lines = [line for line in box.descendants() if type(line).__name__ == "LineBox"] or [box]
    text = " ".join("".join(getattr(child, "text", "") for child in line.descendants())
                    for line in lines)
    return " ".join(text.split())


def synthesised_faces(fonts: Any) -> list[str]:
    """Faces the renderer faked: slanted (no italic face) or emboldened (no bold face).

    Fontconfig slants a roman face it was asked to italicise and reports it as oblique (which
    no brand declares), and emboldens a face lighter than medium asked to be bold.
    """
    import io

    from fontTools.ttLib import TTFont

    found = []
    for font in fonts:
        if font.style == PANGO_OBLIQUE:
            found.append(f"{font.family} (italic slanted from the upright face)")
            continue
        if font.weight >= BOLD_WEIGHT and font.file_content:
            try:
                real = TTFont(io.BytesIO(font.file_content), lazy=True)["OS/2"].usWeightClass
            except Exception:  # an unreadable table: nothing to compare with
                continue
            if real < BOLD_WEIGHT - 100:
                found.append(f"{font.family} (bold thickened from a face of weight {real})")
    return sorted(set(found))


def _text_outside(box: Any, width: float, height: float) -> bool:
    if type(box).__name__ != "TextBox" or not box.text.strip():
        return False
    return (box.position_x < -TOLERANCE_PX or box.position_y < -TOLERANCE_PX
            or box.position_x + box.width > width + TOLERANCE_PX
            or box.position_y + box.height > height + TOLERANCE_PX)


def check_pdf(path: Path, print_ready: bool = False, require_ua: bool = False) -> Findings:
    """PDF-level checks for any PDF: readable, fonts embedded, title and language; the
    structure of a tagged PDF and the identification it claims (PDF/UA-1, PDF/A), rule by
    rule with veraPDF's rule ids.

    With `print_ready`, every page must also have a TrimBox with bleed around it; with
    `require_ua`, the file must be PDF/UA-1 whether it claims it or not.
    """
    import pikepdf

    findings = Findings()
    try:
        with pikepdf.open(path) as pdf:
            _check_open(pdf, findings, print_ready, require_ua)
    except (pikepdf.PdfError, OSError, ValueError) as exc:
        findings.add(Problem.error("pdf.unreadable", f"not a readable PDF: {exc}"))
    return findings


def check_pdf_bytes(data: bytes) -> Findings:
    """`check_pdf` on a PDF in memory (a render's output, before it is written). What it
    finds is a function of the bytes: kept for the next check of the same bytes in this
    process (`checked_pdfs`), which a warm worker rendering an output again writes, and
    between builds (`kept_findings`), which a build of unchanged content writes."""
    import hashlib
    import io

    import pikepdf

    between_builds = kept_findings.readable()
    digest = hashlib.sha256(data).digest() if CHECKED.enabled or between_builds else b""
    findings = Findings()
    kept = CHECKED.get(digest)
    if kept is None and between_builds:
        kept = kept_findings.find(digest)
    if kept is not None:
        for problem in kept:
            findings.add(problem)
        return findings
    with pikepdf.open(io.BytesIO(data)) as pdf:
        _check_open(pdf, findings, print_ready=False)
    CHECKED.put(digest, tuple(findings.problems))
    if between_builds:
        kept_findings.record(digest, tuple(findings.problems))
    return findings


def _check_open(pdf: Any, findings: Findings, print_ready: bool,
                require_ua: bool = False) -> None:
    from briefs.render.standards.page_rules import print_box_problems, unembedded_fonts
    from briefs.render.standards.run_rules import check_standards

    info = pdf.trailer.get("/Info")
    if not (info is not None and str(info.get("/Title", "")).strip()):
        findings.add(Problem.warning("pdf.title", "no document title (/Title)"))
    if "/Lang" not in pdf.Root:
        findings.add(Problem.warning("pdf.lang", "no document language (/Lang)"))
    for name in unembedded_fonts(pdf):
        findings.add(Problem.error("pdf.font-embedded", f"font {name} is not embedded"))
    for problem in check_standards(pdf, require_ua).problems():
        findings.add(problem)
    if print_ready:
        for number, page in enumerate(pdf.pages, 1):
            errors, warnings = print_box_problems(page, number)
            for message in errors:
                findings.add(Problem.error("pdf.print-boxes", message))
            for message in warnings:
                findings.add(Problem.warning("pdf.print-boxes", message))
