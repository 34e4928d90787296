"""The text layer of untagged PDFs (the print profile, a PDF/X-4 press profile): read back by
the same engines (pdf.js too) and held to the same share as the screen PDFs
(tests/e2e/test_text_layer.py): three engines in every script.

Untagged outputs are drawn with marked content and get the /ActualText spans, glyph copies
and mappings of the tagged ones; only the structure is removed (render/tagging/untag.py).
Before, poppler read 55% of the Hindi key messages' words from the print PDF, 82% of the
Persian (no ZWNJ), 88% of the Thai. Two documents: the key messages (Indic clusters, Thai,
Persian ZWNJ, Arabic lam-alef) and the fact sheet (range dashes, letter-spaced labels), in hi
th fa en (the more-scripts workspace; Hindi in a PDF/X-4 press profile too) and ar (the
sample).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pikepdf
import pytest

from briefs.scaffold.new_workspace import init_workspace
from tests.conftest import PROJECTS, add_profiles, run_cli
from tests.textlayer.compare import source_text
from tests.textlayer.required import READERS, engine_cases, shortfall

pytestmark = pytest.mark.render
DOCS = ("forum-key-messages", "urban-water-fact-sheet")
SCRIPT_LOCALES = ("hi", "th", "fa", "en")
LOCALES = (*SCRIPT_LOCALES, "ar")
PRESS = """  press:
    suffix: .press
    pdf_variant: pdf/x-4
    bleed_mm: 3
    crop_marks: true
    output_intent_profile: styles/press/FOGRA39L-coated.icc
"""


@pytest.fixture(scope="module")
def built_print(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Locale -> workspace: the more-scripts workspace built with `--profile print` for two
    documents in hi th fa en, and `--profile press` in Hindi; the sample's, in Arabic."""
    scripts = tmp_path_factory.mktemp("print") / "scripts"
    init_workspace(scripts, template="full")
    shutil.copytree(PROJECTS / "more-scripts", scripts, dirs_exist_ok=True)
    add_profiles(scripts, PRESS)
    sample = tmp_path_factory.mktemp("print") / "sample"
    init_workspace(sample, template="full")
    locales = [argument for locale in SCRIPT_LOCALES for argument in ("-l", locale)]
    for root, arguments in ((scripts, ("--profile", "print", *locales)),
                            (scripts, ("--profile", "press", "-l", "hi")),
                            (sample, ("--profile", "print", "-l", "ar"))):
        result = run_cli("build", "-q", *DOCS, *arguments, workspace=root)
        assert result.exit_code == 0, result.stderr
    return {locale: sample if locale == "ar" else scripts for locale in LOCALES}


@pytest.mark.parametrize(("engine", "locale"), engine_cases(LOCALES, READERS))
def test_every_word_of_the_source_is_read_back_from_print(
        built_print: dict[str, Path], engine: str, locale: str) -> None:
    if engine == "mupdf":
        pytest.importorskip("pymupdf")
    root, short = built_print[locale], []
    suffixes = (".print", ".press") if locale == "hi" else (".print",)
    for doc in DOCS:
        source = source_text(root / "content" / doc / f"{locale}.yaml")
        for suffix in suffixes:
            path = root / "build" / doc / f"{doc}.{locale}{suffix}.pdf"
            short.append(shortfall(source, READERS[engine](path), path.name, locale))
    assert [line for line in short if line] == []


def test_print_and_press_pdfs_stay_untagged(built_print: dict[str, Path]) -> None:
    """No structure tree, no /MarkInfo, no MCID: only /Span sequences with /ActualText."""
    paths = sorted(path for root in set(built_print.values())
                   for path in (root / "build").rglob("*.p*.pdf"))
    assert len(paths) == len(DOCS) * (len(LOCALES) + 1)
    for path in paths:
        with pikepdf.open(path) as pdf:
            assert "/StructTreeRoot" not in pdf.Root and "/MarkInfo" not in pdf.Root, path.name
            assert all("/StructParents" not in page.obj for page in pdf.pages)
            forms = [item for item in pdf.objects if isinstance(item, pikepdf.Stream)
                     and item.get("/Subtype") == "/Form"]
            spans = 0
            for content in [*pdf.pages, *forms]:
                for operands, operator in pikepdf.parse_content_stream(content):
                    if str(operator) in ("BDC", "BMC"):
                        assert str(operands[0]) == "/Span" and "/ActualText" in operands[1]
                        spans += 1
            assert spans or path.name.split(".")[1] == "en", path.name
