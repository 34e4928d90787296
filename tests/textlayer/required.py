"""What the text-layer tests require of each engine, shared by tests/e2e/test_text_layer.py
(screen PDFs) and tests/e2e/test_text_layer_print.py (print and press PDFs): the engines, the
share of the source's words each must read back, the cases known to fall short (strict xfails
with the measured reason, noticed the day they pass), and the checks every text must pass."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

from tests.textlayer.compare import DOTTED_CIRCLE, recovered
from tests.textlayer.engines import mupdf, pdfium, poppler

ENGINES = {"poppler": poppler, "pdfium": pdfium, "mupdf": mupdf}
REQUIRED = 0.99
MUPDF_RIGHT_TO_LEFT = (
    "MuPDF reverses a right-to-left line drawn left to right run by run and leaves numbers and "
    "Latin words where they were drawn (`3  من كل1`; Arabic-Indic digits reversed, `٦٢٠٢`); "
    "drawn in logical order instead, pdf.js loses its spaces (docs/decisions.md, \"MuPDF and "
    "right-to-left lines\"): 93.5-100%; Hebrew, whose digits the brand's Latin face draws in "
    "runs of their own, now drawn in logical order (render/tagging/logical_runs.py), reads whole")
PDFJS_NO_ACTUAL_TEXT = (
    "pdf.js reads no /ActualText: it reads {what}")
PDFJS_LATIN = PDFJS_NO_ACTUAL_TEXT.format(what=(
    "a letter-spaced kicker as single letters (`p o l i c y`), and it turns the layout hyphen "
    "U+00AD into `-` (pdf.worker's mapSpecialUnicodeValues), so a word hyphenated at a line "
    "end reads as two (`dis-` `tricts`; Firefox's find joins them, copy does not): 96-99.4%"))
PDFJS_CLUSTERS = PDFJS_NO_ACTUAL_TEXT.format(what=(
    "each glyph of an Indic or Thai cluster by its own mapping (`सा`, `ำ`): 56-96%"))
KNOWN_SHORT = {
    ("mupdf", "ar"): MUPDF_RIGHT_TO_LEFT, ("mupdf", "fa"): MUPDF_RIGHT_TO_LEFT,
    **{("pdfjs", locale): PDFJS_LATIN for locale in ("en", "fr", "es", "ru", "el")},
    ("pdfjs", "hi"): PDFJS_CLUSTERS, ("pdfjs", "th"): PDFJS_CLUSTERS,
}


def pdfjs(path: Path) -> str:
    """pdf.js's text, or the test skipped where it is not installed (npm ci in tests/textlayer)."""
    from tests.textlayer.engines import available

    engine = available().get("pdfjs")
    if engine is None:
        pytest.skip("pdf.js is not installed (npm ci in tests/textlayer)")
    return engine(path)


READERS: dict[str, Callable[[Path], str]] = {**ENGINES, "pdfjs": pdfjs}
"""The screen PDFs' engines: MuPDF's three and pdf.js (Firefox's reader), the third engine
where MuPDF falls short, required wherever it reads >= 99%."""


def engine_cases(locales: Iterable[str],
                 engines: Iterable[str] = tuple(ENGINES)) -> list[Any]:
    """One case per engine and locale, a strict xfail where the engine is known short."""
    cases = []
    for engine in engines:
        for locale in locales:
            reason = KNOWN_SHORT.get((engine, locale))
            marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
            cases.append(pytest.param(engine, locale, marks=marks, id=f"{engine}-{locale}"))
    return cases


def shortfall(source: str, text: str, name: str, locale: str) -> str | None:
    """What an engine's `text` of the output `name` lacks against its `source`: fails at
    once on a dotted circle (a broken cluster), a hyphen-minus read as U+2010, a ZWNJ lost
    or a word joiner read (render/tagging/cmap_values.py); a line saying how short it is
    when it reads back less than REQUIRED of the words, else None."""
    assert DOTTED_CIRCLE not in text, f"{name}: a dotted circle (a broken cluster)"
    if "\u2010" not in source:
        assert "\u2010" not in text, f"{name}: a hyphen read as U+2010"
    assert text.count("\u200c") >= source.count("\u200c"), f"{name}: ZWNJ lost"
    assert "\u2060" not in text, f"{name}: a word joiner read (render/tagging/cmap_values.py)"
    found = recovered(source, text, locale)
    if found.share < REQUIRED:
        return f"{name}: {found.share:.1%}, missing {found.missing[:8]}"
    return None
