"""The text of a PDF as poppler, PDFium, MuPDF and pdf.js extract it (the text a screen
reader, a search index or copy-paste gets), one string per engine; a MuPDF `mutool` build
named by BRIEFS_MUTOOL (docs/upstream/) is a fifth engine."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
PDFJS = HERE / "node_modules" / "pdfjs-dist"


def poppler(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def pdfium(path: Path) -> str:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        return "\n\f".join(page.get_textpage().get_text_bounded() for page in document)
    finally:
        document.close()


def mupdf(path: Path) -> str:
    import pymupdf

    with pymupdf.open(str(path)) as document:
        return "\n\f".join(page.get_text() for page in document)


# PyMuPDF's get_text() flags (TEXTFLAGS_TEXT), so that a mutool build reads as PyMuPDF does.
MUTOOL_OPTIONS = "preserve-ligatures,preserve-whitespace,use-cid-for-unknown-unicode"


def mutool(path: Path) -> str:
    """The text MuPDF's `mutool draw -F txt` reads, from the binary BRIEFS_MUTOOL names
    (a patched MuPDF, docs/upstream/mupdf-bidi-visual-lines.patch)."""
    command = [os.environ["BRIEFS_MUTOOL"], "draw", "-q", "-F", "txt", "-O", MUTOOL_OPTIONS,
               "-o", "-", str(path)]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def pdfjs(path: Path) -> str:
    return subprocess.run(["node", str(HERE / "pdfjs_text.mjs"), str(path)], capture_output=True,
                          text=True, check=True, cwd=HERE).stdout


def available() -> dict[str, Callable[[Path], str]]:
    """The engines installed here: poppler and PDFium always (system and runtime packages),
    MuPDF with the dev extras, pdf.js once `npm ci` has run in tests/textlayer, a `mutool`
    binary when BRIEFS_MUTOOL names one."""
    engines: dict[str, Callable[[Path], str]] = {"poppler": poppler, "pdfium": pdfium}
    try:
        import pymupdf  # noqa: F401
        engines["mupdf"] = mupdf
    except ImportError:
        pass
    if shutil.which("node") and PDFJS.is_dir():
        engines["pdfjs"] = pdfjs
    if os.environ.get("BRIEFS_MUTOOL"):
        engines["mutool"] = mutool
    return engines
