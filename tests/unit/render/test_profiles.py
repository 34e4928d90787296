"""Profiles: data in briefs.yaml over built-in defaults; WeasyPrint options; page CSS."""

from __future__ import annotations

from briefs.cli.build import PDF_VARIANT_CHOICES
from briefs.content.config import PDF_VARIANTS, Profile, WorkspaceConfig
from briefs.render.profiles import (
    BUILTIN_PROFILES,
    finishing,
    output_suffix,
    page_css,
    render_options,
    workspace_profiles,
)


def test_builtin_screen_and_print() -> None:
    screen, print_ = BUILTIN_PROFILES["screen"], BUILTIN_PROFILES["print"]
    assert screen.suffix == "" and screen.optimize_images and screen.pdf_variant == "pdf/ua-1"
    assert print_.suffix == ".print" and print_.bleed_mm == 3 and print_.crop_marks
    assert print_.min_image_dpi == 300 and not print_.optimize_images


def test_workspace_adds_and_replaces_profiles() -> None:
    archive = Profile(suffix=".a", pdf_variant="pdf/a-3b")
    config = WorkspaceConfig(name="w", default_brand="b", profiles={
        "screen": Profile(jpeg_quality=60), "archive": archive})
    profiles = workspace_profiles(config)
    assert set(profiles) == {"screen", "print", "archive"}
    assert profiles["screen"].jpeg_quality == 60


def test_render_options_and_variant_override() -> None:
    options = render_options(BUILTIN_PROFILES["screen"])
    assert options["optimize_images"] and options["dpi"] == 150
    assert options["pdf_variant"] == "pdf/ua-1" and options["pdf_tags"]
    archive = render_options(BUILTIN_PROFILES["screen"], "pdf/a-3b")
    assert archive["pdf_variant"] == "pdf/a-3b"
    press = render_options(BUILTIN_PROFILES["print"], "pdf/x-4")
    assert press["output_intent"] == "device-cmyk"


def test_page_css_extends_the_page_by_bleed_and_slug() -> None:
    """WeasyPrint's MediaBox is the CSS bleed: trim + 3 mm bleed + 10 mm slug for the marks,
    which briefs draws itself (WeasyPrint's `marks: crop` sits inside the bleed)."""
    assert page_css(BUILTIN_PROFILES["print"]) == \
        ":root { --bleed: 3mm; }\n@page { bleed: 13mm; }\n"
    assert page_css(BUILTIN_PROFILES["screen"]) == ":root { --bleed: 0mm; }\n"
    bare = Profile(bleed_mm=3, slug_mm=0)
    assert page_css(bare) == ":root { --bleed: 3mm; }\n@page { bleed: 3mm; }\n"


def test_finishing_follows_profile_and_variant() -> None:
    screen, print_ = BUILTIN_PROFILES["screen"], BUILTIN_PROFILES["print"]
    assert finishing(screen, None, "x").marks is None
    assert not finishing(screen, None, "x").no_interpolation
    archive = finishing(screen, "pdf/a-3a+ua-1", "x")
    assert archive.no_interpolation and archive.accessible_archive
    assert finishing(screen, "pdf/a-3b", "x").no_interpolation
    assert not finishing(screen, "pdf/a-3b", "x").accessible_archive
    marks = finishing(print_, None, "doc  en  print").marks
    assert marks is not None and marks.crop and not marks.registration
    assert (marks.bleed_mm, marks.slug_mm, marks.slug_line) == (3, 10, "doc  en  print")
    quiet = finishing(Profile(bleed_mm=3, crop_marks=True), None, "doc").marks
    assert quiet is not None and quiet.slug_line == ""


def test_accessible_archive_variant() -> None:
    """WeasyPrint makes PDF/A-3a (tagged); briefs adds the PDF/UA-1 identification."""
    options = render_options(BUILTIN_PROFILES["screen"], "pdf/a-3a+ua-1")
    assert options["pdf_variant"] == "pdf/a-3a" and options["pdf_tags"]
    assert output_suffix(BUILTIN_PROFILES["screen"], "pdf/a-3a+ua-1") == ".archive"
    assert output_suffix(BUILTIN_PROFILES["screen"], "pdf/a-3b") == ".pdfa"


def test_command_line_offers_every_variant() -> None:
    assert list(PDF_VARIANTS) == PDF_VARIANT_CHOICES
