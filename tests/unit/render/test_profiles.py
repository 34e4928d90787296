"""Profiles: data in briefs.yaml over built-in defaults; WeasyPrint options; page CSS."""

from __future__ import annotations

from briefs.content.config import Profile, WorkspaceConfig
from briefs.render.profiles import BUILTIN_PROFILES, page_css, render_options, workspace_profiles


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


def test_page_css() -> None:
    assert page_css(BUILTIN_PROFILES["print"]) == \
        ":root { --bleed: 3mm; }\n@page { bleed: 3mm; marks: crop; }\n"
    assert page_css(BUILTIN_PROFILES["screen"]) == ":root { --bleed: 0mm; }\n"
