"""Every output under independent checkers (page-validation, pdfcpu strict, qpdf, pdfua) beside
`briefs preflight`, and a corpus of single-defect PDFs on which preflight catches at least
what page-validation catches.

The sample is built once for the module in every variant (screen, PDF/A-3a + UA-1 archive,
PDF/A-3b, PDF/X-4 press) and each checker passes over it once.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from briefs.render.preflight import check_pdf
from briefs.render.standards.run_rules import check_standards
from tests.checkers import (
    page_validation,
    page_validation_rules,
    pdfcpu_available,
    pdfcpu_strict,
    qpdf_check,
)
from tests.conftest import run_cli
from tests.mutations import A_MUTATIONS, UA_MUTATIONS, Mutation, compressed_xmp, save

LOCALES = ("en", "fr", "es", "ru", "zh", "ar")
BRIEF, FLYER = "forum-key-messages", "river-dialogue-flyer"


@pytest.fixture(scope="module")
def every_variant(built_sample: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample in every variant: screen (all locales, from the session's build), the
    accessible archive in every locale, PDF/A-3b and the sample's own PDF/X-4 press profile
    (its FOGRA39L CMYK profile, styles/press/) in three."""
    root = tmp_path_factory.mktemp("variants") / "ws"
    shutil.copytree(built_sample, root, symlinks=True)
    for args in (("--pdf-variant", "pdf/a-3a+ua-1"),
                 ("--pdf-variant", "pdf/a-3b", "-l", "en", "-l", "zh"),
                 ("--profile", "press", "-l", "en", "-l", "zh", "-l", "ar")):
        result = run_cli("build", *args, workspace=root)
        assert result.exit_code == 0, result.stderr
    return root


def outputs(root: Path) -> dict[Path, str | None]:
    """Each PDF and the page-validation profile it is held to (None: no PDF/A or UA claim
    page-validation checks, as PDF/X)."""
    profiles = {"archive": "3a", "pdfa": "3b", "press": None}
    return {path: profiles.get(path.name.split(".")[-2], "ua1")
            for path in sorted((root / "build").glob("*/*.pdf"))}


@pytest.fixture(scope="module")
def checked(every_variant: Path, pdfua_validate_module: Callable[[str], Any]) -> dict[
        str, list[str]]:
    """What each checker found in each output, once for the module."""
    found: dict[str, list[str]] = {}
    files = outputs(every_variant)
    by_pdfcpu = pdfcpu_strict(list(files)) if pdfcpu_available() else {}
    for path, profile in files.items():
        problems = [f"qpdf: {line}" for line in qpdf_check(path)]
        problems += [f"pdfcpu: {line}" for line in by_pdfcpu.get(path, [])]
        if profile is not None:
            problems += [f"page-validation {profile}: {line}"
                         for line in page_validation(path, profile)]
        if profile in ("ua1", "3a"):
            report = pdfua_validate_module(str(path))
            problems += [f"pdfua: {f.rule_id}: {f.message}" for f in report.findings]
        findings = check_pdf(path, print_ready=profile is None)
        problems += [f"preflight: {line}" for line in findings.errors + findings.warnings]
        found[path.name] = problems
    return found


def test_every_variant_is_built(every_variant: Path) -> None:
    kinds = [path.name.split(".")[-2] for path in outputs(every_variant)]
    documents = sum(1 for folder in (every_variant / "content").iterdir() if folder.is_dir())
    assert kinds.count("archive") == documents * len(LOCALES)
    assert kinds.count("pdfa") == documents * 2 and kinds.count("press") == documents * 3
    assert sum(1 for kind in kinds if kind in LOCALES) == documents * len(LOCALES)


def test_pdfcpu_is_installed() -> None:
    assert pdfcpu_available(), "run `make setup` (npm ci in tests/tools)"


def test_every_output_is_clean_under_every_checker(checked: dict[str, list[str]]) -> None:
    dirty = {name: problems for name, problems in checked.items() if problems}
    assert dirty == {}


# The mutation corpus ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def corpus(every_variant: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The good PDFs the defects are made in, saved as the corpus saves them, and what each
    checker finds in them (nothing, as the test below checks)."""
    folder = tmp_path_factory.mktemp("corpus")
    good = {"ua1": every_variant / "build" / BRIEF / f"{BRIEF}.en.pdf",
            "3a": every_variant / "build" / FLYER / f"{FLYER}.en.archive.pdf"}
    baseline = {}
    for profile, path in good.items():
        with pikepdf.open(path) as pdf:
            saved = save(pdf, folder / f"good-{profile}.pdf")
        baseline[profile] = (page_validation_rules(saved, profile),
                             _preflight(saved, profile))
    return {"folder": folder, "good": good, "baseline": baseline}


def _preflight(path: Path, profile: str) -> set[str]:
    """Preflight's findings, asked the question page-validation is asked (`--ua` for ua1)."""
    findings = check_pdf(path, require_ua=profile == "ua1")
    return {line.partition(":")[0] for line in findings.errors + findings.warnings}


def test_the_corpus_starts_from_clean_files(corpus: dict[str, Any]) -> None:
    assert corpus["baseline"] == {"ua1": (set(), set()), "3a": (set(), set())}


MUTATIONS = [("ua1", name, change) for name, change in UA_MUTATIONS.items()] + [
    ("3a", name, change) for name, change in A_MUTATIONS.items()]


@pytest.mark.parametrize(("profile", "name", "change"), MUTATIONS,
                         ids=[f"{p}-{n}" for p, n, _ in MUTATIONS])
def test_preflight_catches_what_page_validation_catches(
        corpus: dict[str, Any], profile: str, name: str, change: Mutation) -> None:
    with pikepdf.open(corpus["good"][profile]) as pdf:
        change(pdf)
        path = save(pdf, corpus["folder"] / "defect.pdf")
    by_page = page_validation_rules(path, profile)
    by_preflight = _preflight(path, profile)
    assert by_preflight, f"preflight passes a PDF with {name}"
    if by_page:
        assert by_preflight, f"page-validation finds {sorted(by_page)}, preflight nothing"


def test_a_compressed_xmp_packet_is_reported(every_variant: Path) -> None:
    """(qpdf writes metadata streams plain when it saves, so this defect is checked in
    memory.)"""
    with pikepdf.open(every_variant / "build" / FLYER / f"{FLYER}.en.archive.pdf") as pdf:
        assert check_standards(pdf).warnings == {}
        compressed_xmp(pdf)
        assert list(check_standards(pdf).warnings) == ["briefs:xmp-filter"]


def test_an_untagged_pdf_claims_nothing_unless_ua_is_required(every_variant: Path,
                                                               tmp_path: Path) -> None:
    with pikepdf.open(every_variant / "build" / BRIEF / f"{BRIEF}.en.pdf") as pdf:
        del pdf.Root["/StructTreeRoot"]
        del pdf.Root["/MarkInfo"]
        metadata = pdf.Root.Metadata.read_bytes().replace(b' pdfuaid:part="1"', b"")
        pdf.Root.Metadata.write(metadata)
        path = save(pdf, tmp_path / "untagged.pdf")
    result = run_cli("preflight", str(path))
    assert result.exit_code == 0, result.stderr
    result = run_cli("preflight", "--ua", str(path))
    assert result.exit_code == 1
    assert "5-1: the XMP metadata does not identify PDF/UA-1" in result.stderr
    assert "7.1-11: the document has no structure tree" in result.stderr


# PDF/X-4 --------------------------------------------------------------------------------

def press_pdfs(root: Path) -> list[Path]:
    return [path for path in outputs(root) if path.name.endswith(".press.pdf")]


def test_press_pdfs_are_pdf_x4_with_rgb_declared(every_variant: Path) -> None:
    """A CMYK GTS_PDFX output intent, the X-4 identification, and no device RGB: the pages'
    DefaultRGB, the images and any transparency group name the sRGB profile."""
    for path in press_pdfs(every_variant):
        with pikepdf.open(path) as pdf:
            intent = pdf.Root.OutputIntents[0]
            assert intent.S == "/GTS_PDFX", path.name
            assert intent.DestOutputProfile.read_bytes() == (
                every_variant / "styles" / "press" / "FOGRA39L-coated.icc").read_bytes()
            assert "<pdfxid:GTS_PDFXVersion>PDF/X-4<" in pdf.Root.Metadata.read_bytes().decode()
            for page in pdf.pages:
                default = page.Resources.ColorSpace.DefaultRGB
                assert default[0] == "/ICCBased" and default[1].N == 3
                assert "/TrimBox" in page and "/BleedBox" in page
            spaces = [obj.get("/ColorSpace") for obj in pdf.objects
                      if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"]
            assert "/DeviceRGB" not in [str(s) for s in spaces], path.name
            assert spaces or path.name.startswith("urban-water"), path.name  # (no photo)
        assert check_pdf(path, print_ready=True).errors == [], path.name


def test_preflight_print_finds_device_rgb_in_pdf_x4(every_variant: Path, tmp_path: Path) -> None:
    path = press_pdfs(every_variant)[0]
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:  # (pages may share one resource dictionary)
            if "/DefaultRGB" in page.Resources.ColorSpace:
                del page.Resources.ColorSpace["/DefaultRGB"]
        broken = save(pdf, tmp_path / "rgb.pdf")
    result = run_cli("preflight", "--print", str(broken))
    assert result.exit_code == 1
    assert "pdfx:device-rgb: page 1:" in result.stderr
    with pikepdf.open(path) as pdf:
        del pdf.Root["/OutputIntents"]
        del pdf.trailer.Info["/Trapped"]
        broken = save(pdf, tmp_path / "intent.pdf")
    result = run_cli("preflight", "--print", str(broken))
    assert "pdfx:output-intent" in result.stderr and "pdfx:trapped" in result.stderr
