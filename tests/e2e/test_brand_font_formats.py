"""A brand whose faces are OpenType/CFF (`.otf`) or variable fonts: the glyph copies that carry
Persian ZWNJ and Arabic marks are made in the CFF table too (render/tagging/cff_glyphs.py) and
in the static instance WeasyPrint embeds of a variable font, and the /ActualText of Hindi and
Thai lines does not depend on the outlines: the text layer reads back as with TrueType faces."""

from __future__ import annotations

import re
import shutil
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fontTools.ttLib import TTFont

from briefs.render.preflight import check_pdf
from tests.conftest import PROJECTS, init_workspace, run_cli
from tests.textlayer.cff_font import cff_copy, variable_copy
from tests.textlayer.compare import recovered, source_text
from tests.textlayer.engines import mupdf, pdfium, poppler

NOTO = Path("/usr/share/fonts/truetype/noto")
DOC = "forum-key-messages"
ENGINES = {"poppler": poppler, "pdfium": pdfium, "mupdf": mupdf}
LOCALES = {"cff": ("fa", "hi", "th", "he"), "variable": ("fa",)}
SYSTEM_FACE = re.compile(r"\{family: (Civic (?:Arabic|Hebrew|Devanagari|Thai)(?: Serif)?), "
                         r"system: (Noto [A-Za-z ]+), package: fonts-noto-core, weight: (\d+)\}")
REQUIRED = 0.99
SHORT = {("mupdf", "fa"): 0.98, ("mupdf", "he"): 0.97, ("mupdf", "hi"): 0.94}
"""What MuPDF reads with TrueType faces too (test_text_layer.py's xfails): numbers in
right-to-left lines, Hebrew punctuation, Hindi /ActualText split over two runs."""


def _face(system: str, weight: str) -> Path:
    return NOTO / f"{system.replace(' ', '')}-{'Bold' if weight == '700' else 'Regular'}.ttf"


@pytest.fixture(scope="module", params=["cff", "variable"])
def brand_font(request: pytest.FixtureRequest,
               tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, tuple[str, ...]]:
    """The more-scripts workspace, the civic-blue faces of Arabic, Hebrew, Devanagari and Thai
    replaced by CFF copies of their Noto faces (or the Arabic one by a variable font made of
    Noto Naskh Arabic, a `wght` axis), the key messages built in those locales."""
    if not (NOTO / "NotoNaskhArabic-Regular.ttf").is_file():
        pytest.skip("the Noto faces are not installed (fonts-noto-core)")
    root = tmp_path_factory.mktemp(request.param) / "ws"
    init_workspace(root, template="full")
    shutil.copytree(PROJECTS / "more-scripts", root, dirs_exist_ok=True)
    fonts = root / "styles" / "civic-blue" / "fonts"
    brand = root / "styles" / "civic-blue" / "brand.yaml"

    def replaced(found: re.Match[str]) -> str:
        family, system, weight = found.groups()
        if request.param == "variable":
            if family != "Civic Arabic":
                return found.group(0)
            name = "NaskhVF.ttf"
            variable_copy(NOTO / "NotoNaskhArabic-Regular.ttf", fonts / name)
            assert "gvar" in TTFont(fonts / name)
        else:
            name = _face(system, weight).stem + "-CFF.otf"
            cff_copy(_face(system, weight), fonts / name)
        return f"{{family: {family}, file: fonts/{name}, weight: {weight}}}"

    text, count = SYSTEM_FACE.subn(replaced, brand.read_text("utf-8"))
    assert count == 11
    brand.write_text(text, "utf-8")
    locales = [option for locale in LOCALES[request.param] for option in ("-l", locale)]
    result = run_cli("build", DOC, *locales, workspace=root)
    assert result.exit_code == 0, result.stderr
    return root, LOCALES[request.param]


@pytest.mark.render
@pytest.mark.parametrize("engine", list(ENGINES))
def test_the_text_is_read_back_whatever_the_font_format(
        brand_font: tuple[Path, tuple[str, ...]], engine: str) -> None:
    """Without copies in CFF fonts, Persian: 81.6% of the words in poppler, 0 of 86 ZWNJ. A
    variable font is embedded as a static instance (WeasyPrint), where copies are made as
    before."""
    if engine == "mupdf":
        pytest.importorskip("pymupdf")
    root, locales = brand_font
    for locale in locales:
        pdf = root / "build" / DOC / f"{DOC}.{locale}.pdf"
        text = ENGINES[engine](pdf)
        source = source_text(root / "content" / DOC / f"{locale}.yaml")
        share = recovered(source, text, locale).share
        assert share >= SHORT.get((engine, locale), REQUIRED), (locale, share)
        assert text.count("\u200c") >= source.count("\u200c"), locale
    if "fa" in locales:
        persian = ENGINES[engine](root / "build" / DOC / f"{DOC}.fa.pdf")
        assert unicodedata.normalize("NFC", "شبکهٔ") in unicodedata.normalize("NFC", persian)


@pytest.mark.render
def test_the_pdfs_with_glyph_copies_still_validate(brand_font: tuple[Path, tuple[str, ...]],
                                                   pdfua_validate: Callable[[str], Any]) -> None:
    """pdfua and the structure checks find nothing in the PDFs whose fonts got copies (the
    copies' widths, CIDSet bits and charstrings agree)."""
    root, locales = brand_font
    for locale in locales:
        pdf = root / "build" / DOC / f"{DOC}.{locale}.pdf"
        report = pdfua_validate(str(pdf))
        assert [f"{f.rule_id}: {f.message}" for f in report.findings] == [], locale
        findings = check_pdf(pdf)
        assert findings.errors == [] and findings.warnings == [], locale
