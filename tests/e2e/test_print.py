"""Profiles end to end: screen size and tags, print boxes, variants, reproducible bytes."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import run_cli

BRIEF = "forum-key-messages"
FLYER = "river-dialogue-flyer"


def xmp(path: Path) -> str:
    return PdfReader(path).trailer["/Root"]["/Metadata"].get_object().get_data().decode()


def test_screen_profile_is_small_tagged_and_universally_accessible(built_sample: Path) -> None:
    pdf = built_sample / "build" / BRIEF / f"{BRIEF}.en.pdf"
    assert pdf.stat().st_size <= 300_000
    root = PdfReader(pdf).trailer["/Root"]
    assert "/StructTreeRoot" in root and bool(root["/MarkInfo"]["/Marked"])
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert root["/Lang"] == "en" and "/Outlines" in root
    assert 'pdfuaid:part="1"' in xmp(pdf)
    check = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout


def test_print_profile_has_bleed_marks_and_full_images(workspace_copy: Path) -> None:
    result = run_cli("build", "--profile", "all", "-l", "en", workspace=workspace_copy)
    assert result.exit_code == 0, result.stderr
    screen = workspace_copy / "build" / BRIEF / f"{BRIEF}.en.pdf"
    printed = workspace_copy / "build" / BRIEF / f"{BRIEF}.en.print.pdf"
    assert printed.stat().st_size > screen.stat().st_size
    boxes = subprocess.run(["pdfinfo", "-box", str(printed)], capture_output=True, text=True,
                           check=True).stdout
    trim = re.search(r"TrimBox:\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)", boxes)
    bleed = re.search(r"BleedBox:\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)", boxes)
    assert trim and bleed
    assert [float(v) for v in trim.groups()] == [0.0, 0.0, 595.28, 841.89]  # A4
    assert float(bleed.group(1)) == pytest.approx(-8.5, abs=0.1)  # 3 mm
    fonts = subprocess.run(["pdffonts", str(printed)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts)

    manifest = json.loads((workspace_copy / "build" / "manifest.json").read_text())
    profiles = {(e["doc"], e["locale"], e["profile"]) for e in manifest["outputs"]}
    assert {(BRIEF, "en", "screen"), (BRIEF, "en", "print")} <= profiles


def test_low_resolution_image_is_a_print_warning(workspace_copy: Path) -> None:
    from PIL import Image

    hero = workspace_copy / "content" / FLYER / "images" / "hero.jpg"
    Image.open(hero).resize((800, 440)).save(hero)
    result = run_cli("build", FLYER, "--profile", "print", "-l", "en", workspace=workspace_copy)
    assert result.exit_code == 0
    assert re.search(r"warning: river-dialogue-flyer\.en\.print: content/river-dialogue-flyer/"
                     r"images/hero\.jpg is printed at \d+ dpi on page 1, below 300 dpi",
                     result.stderr)
    strict = run_cli("build", FLYER, "--profile", "print", "-l", "en", "--strict",
                     workspace=workspace_copy)
    assert strict.exit_code == 1


def test_pdf_a3b_variant_is_written_beside_the_screen_pdf(workspace_copy: Path) -> None:
    """Regression: --pdf-variant overwrote the screen PDF and dropped its PDF/UA identity."""
    screen = workspace_copy / "build" / BRIEF / f"{BRIEF}.fr.pdf"
    before = screen.read_bytes()
    result = run_cli("build", BRIEF, "-l", "fr", "--pdf-variant", "pdf/a-3b", "--json",
                     workspace=workspace_copy)
    assert result.exit_code == 0, result.stderr
    pdf = workspace_copy / "build" / BRIEF / f"{BRIEF}.fr.pdfa.pdf"
    meta = xmp(pdf)
    assert 'pdfaid:part="3"' in meta and 'pdfaid:conformance="B"' in meta
    assert "/OutputIntents" in PdfReader(pdf).trailer["/Root"]
    assert screen.read_bytes() == before and "pdfuaid" in xmp(screen)
    manifest = json.loads((workspace_copy / "build" / "manifest.json").read_text())
    paths = [entry["path"] for entry in manifest["outputs"]]
    assert len(paths) == len(set(paths))
    assert f"{BRIEF}/{BRIEF}.fr.pdfa.pdf" in paths and f"{BRIEF}/{BRIEF}.fr.pdf" in paths


def test_pdf_x4_needs_a_printer_profile(workspace_copy: Path) -> None:
    result = run_cli("build", FLYER, "-l", "en", "--profile", "print", "--pdf-variant",
                     "pdf/x-4", workspace=workspace_copy)
    assert result.exit_code == 1
    assert "PDF/X-4 needs the printer's CMYK ICC profile" in result.stderr


def test_pdf_x4_is_reproducible(workspace_copy: Path) -> None:
    """The sample's own press profile (PDF/X-4 with its FOGRA39L CMYK profile)."""
    digests = []
    for _ in range(2):
        result = run_cli("build", FLYER, "-l", "en", "--profile", "press",
                         workspace=workspace_copy)
        assert result.exit_code == 0, result.stderr
        pdf = workspace_copy / "build" / FLYER / f"{FLYER}.en.press.pdf"
        digests.append(hashlib.sha256(pdf.read_bytes()).hexdigest())
    assert digests[0] == digests[1]
    meta = xmp(pdf)
    assert "PDF/X-4" in meta and "xmp.did:" in meta
    assert PdfReader(pdf).trailer["/Root"]["/OutputIntents"][0]["/S"] == "/GTS_PDFX"


@pytest.mark.parametrize("epoch", [None, "1700000000"])
def test_two_builds_are_byte_identical(workspace_copy: Path, epoch: str | None,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    if epoch:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    else:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    shutil.rmtree(workspace_copy / "build")
    snapshots = []
    for again in ("", "--force"):  # the second build renders everything again
        result = run_cli("build", "-l", "en", "-l", "ar", *filter(None, [again]),
                         workspace=workspace_copy)
        assert result.exit_code == 0, result.stderr
        snapshots.append({p.name: hashlib.sha256(p.read_bytes()).hexdigest()
                          for p in sorted((workspace_copy / "build").rglob("*.pdf"))}
                         | {"manifest": (workspace_copy / "build" / "manifest.json").read_text()})
    assert snapshots[0] == snapshots[1]  # digests: a failure's diff stays short
    if epoch:
        assert PdfReader(workspace_copy / "build" / FLYER / f"{FLYER}.en.pdf").metadata[
            "/CreationDate"].startswith("D:20231114")


def test_french_overflow_fails_naming_the_locale(workspace_copy: Path) -> None:
    path = workspace_copy / "content" / FLYER / "fr.yaml"
    longer = "Une phrase de plus pour remplir la page. " * 60
    path.write_text(path.read_text().replace("context: |", f"context: |\n  {longer}\n", 1))
    result = run_cli("build", FLYER, workspace=workspace_copy)
    assert result.exit_code == 1
    assert re.search(r"content/river-dialogue-flyer/fr\.yaml:\d+:\d+: error: "
                     r"river-dialogue-flyer \(fr, screen\): .* runs \d+ mm past the page .*"
                     r'\(the kind "flyer" sets the limit of 1 page\); cut about \d+ words',
                     result.stderr)
    assert "Finished with 1 error" in result.stderr  # the other locales were built


def test_brand_colours_may_be_device_cmyk(workspace_copy: Path) -> None:
    brand = workspace_copy / "styles" / "civic-blue" / "brand.yaml"
    brand.write_text(re.sub(r'(?m)^  accent: .*$', '  accent: "device-cmyk(0 0.55 0.85 0)"',
                            brand.read_text()))
    result = run_cli("build", BRIEF, "-l", "en", "--profile", "print", workspace=workspace_copy)
    assert result.exit_code == 0, result.stderr
    pdf = workspace_copy / "build" / BRIEF / f"{BRIEF}.en.print.pdf"
    streams = b"".join(page.get_contents().get_data() for page in PdfReader(pdf).pages)
    assert b"/DeviceCMYK cs" in streams and b"0 0.55 0.85 0 scn" in streams  # kept as CMYK
