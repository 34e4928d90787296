"""Output profiles as data: the built-in screen and print profiles, merged with briefs.yaml."""

from __future__ import annotations

from typing import Any

from .models import Profile, WorkspaceConfig

BUILTIN_PROFILES: dict[str, Profile] = {
    "screen": Profile(
        suffix="", optimize_images=True, jpeg_quality=80, max_image_dpi=150,
        pdf_variant="pdf/ua-1", tagged=True),
    "print": Profile(
        suffix=".print", optimize_images=False, min_image_dpi=300, bleed_mm=3,
        crop_marks=True),
}


def workspace_profiles(config: WorkspaceConfig) -> dict[str, Profile]:
    """The built-in profiles, with the workspace's own added or replacing them."""
    return {**BUILTIN_PROFILES, **config.profiles}


def render_options(profile: Profile, variant: str | None = None) -> dict[str, Any]:
    """WeasyPrint `write_pdf` options for a profile (`variant` overrides its pdf_variant)."""
    options: dict[str, Any] = {
        "optimize_images": profile.optimize_images,
        "jpeg_quality": profile.jpeg_quality,
        "dpi": profile.max_image_dpi,
        "pdf_tags": profile.tagged,
        "uncompressed_pdf": False,
    }
    chosen = variant or profile.pdf_variant
    if chosen:
        options["pdf_variant"] = chosen
    if chosen == "pdf/x-4":
        options["output_intent"] = "device-cmyk"
    return options


def page_css(profile: Profile) -> str:
    """Bleed and crop marks for the page, and --bleed for elements that run to the edge."""
    rules = [f":root {{ --bleed: {profile.bleed_mm:g}mm; }}"]
    page = []
    if profile.bleed_mm:
        page.append(f"bleed: {profile.bleed_mm:g}mm;")
    if profile.crop_marks:
        page.append("marks: crop;")
    if page:
        rules.append("@page { " + " ".join(page) + " }")
    return "\n".join(rules) + "\n"
