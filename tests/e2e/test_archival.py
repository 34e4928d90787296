"""PDF/A outputs: no interpolated images, the right XMP identification, an output intent,
embedded fonts; the accessible archive (PDF/A-3a + PDF/UA-1) passes both checks."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from briefs.render.preflight import check_pdf
from briefs.render.standards.identification import read_claims
from briefs.render.standards.page_rules import unembedded_fonts
from tests.conftest import run_cli
from tests.tagged import read_tagged

BRIEF = "forum-key-messages"
FLYER = "river-dialogue-flyer"


@pytest.fixture(scope="module")
def archived(built_sample: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("archive") / "ws"
    shutil.copytree(built_sample, root, symlinks=True)
    for variant in ("pdf/a-3a+ua-1", "pdf/a-3b"):
        result = run_cli("build", BRIEF, FLYER, "-l", "en", "-l", "ar", "--pdf-variant",
                         variant, workspace=root)
        assert result.exit_code == 0, result.stderr
    return root


def archives(root: Path, suffix: str) -> list[Path]:
    return [root / "build" / doc / f"{doc}.{locale}.{suffix}.pdf"
            for doc in (BRIEF, FLYER) for locale in ("en", "ar")]


def pdfa_basics(pdf: Any) -> None:
    """What every PDF/A file here must have."""
    images = [obj for obj in pdf.objects
              if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"]
    assert images and not any("/Interpolate" in image for image in images)
    intents = list(pdf.Root.OutputIntents)
    assert [str(intent.S) for intent in intents] == ["/GTS_PDFA1"]
    assert isinstance(intents[0].DestOutputProfile, pikepdf.Stream)
    assert unembedded_fonts(pdf) == []


def test_accessible_archive_is_pdf_a3a_and_pdf_ua1(
        archived: Path, pdfua_validate: Callable[[str], Any]) -> None:
    for path in archives(archived, "archive"):
        with pikepdf.open(path) as pdf:
            claims = read_claims(pdf)
            assert (claims.a_part, claims.a_conformance, claims.ua_part) == ("3", "A", "1")
            assert "pdfaSchema:prefix>pdfuaid<" in claims.xmp  # the extension schema
            pdfa_basics(pdf)
        findings = check_pdf(path)
        assert findings.errors == [] and findings.warnings == [], path.name
        report = pdfua_validate(str(path))
        assert report.findings == () and not any(o.skipped_reason for o in report.outcomes)
    document = read_tagged(archives(archived, "archive")[0])
    assert [document.text(h) for h in document.root.find("H1")] == [
        "Third International Forum on Urban–Rural Linkages"]


def test_pdf_a3b_has_no_interpolated_images(archived: Path) -> None:
    for path in archives(archived, "pdfa"):
        with pikepdf.open(path) as pdf:
            claims = read_claims(pdf)
            assert (claims.a_part, claims.a_conformance, claims.ua_part) == ("3", "B", None)
            pdfa_basics(pdf)
        assert check_pdf(path).errors == [], path.name


def test_the_checks_catch_what_the_issue_found(archived: Path, tmp_path: Path) -> None:
    """An interpolated image (veraPDF 6.2.8-3) and a PDF/UA claim without its extension
    schema (6.6.2.3.1-1) fail preflight."""
    with pikepdf.open(archives(archived, "archive")[0]) as pdf:
        image = next(obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream)
                     and obj.get("/Subtype") == "/Image")
        image.Interpolate = True
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            xmp = str(meta)
        start = xmp.index("<pdfaExtension:schemas>")
        end = xmp.index("</pdfaExtension:schemas>") + len("</pdfaExtension:schemas>")
        pdf.Root.Metadata = pdf.make_stream((xmp[:start] + xmp[end:]).encode("utf-8"),
                                            Type=pikepdf.Name.Metadata,
                                            Subtype=pikepdf.Name.XML)
        broken = tmp_path / "broken.pdf"
        pdf.save(broken)
    errors = check_pdf(broken).errors
    assert any(error.startswith("6.2.8-3: 1 images have /Interpolate true") for error in errors)
    assert any(error.startswith("6.6.2.3.1-1:") for error in errors)
