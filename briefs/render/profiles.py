"""Output profiles as data: the built-in screen and print profiles, merged with briefs.yaml."""

from __future__ import annotations

from typing import Any

from briefs.content.config import Profile, WorkspaceConfig
from briefs.render.finishing import Finishing
from briefs.render.marks import PrintMarks

BUILTIN_PROFILES: dict[str, Profile] = {
    "screen": Profile(
        suffix="", optimize_images=True, jpeg_quality=80, max_image_dpi=150,
        pdf_variant="pdf/ua-1", tagged=True),
    "print": Profile(
        suffix=".print", optimize_images=False, min_image_dpi=300, bleed_mm=3,
        crop_marks=True, slug_line=True),
}
ALL = "all"
VARIANT_SUFFIXES = {"pdf/a": ".pdfa", "pdf/x": ".pdfx", "pdf/ua": ".pdfua",
                    "pdf/a-3a+ua": ".archive"}
ACCESSIBLE_ARCHIVES = {"pdf/a-3a+ua-1": "pdf/a-3a"}
"""Combined variants: WeasyPrint makes the PDF/A part; briefs adds the PDF/UA-1
identification (and the PDF/A extension schema it needs) while finishing."""
DEFAULT_SLUG_MM = 10.0
TAGGED_VARIANTS = {"pdf/ua-1", "pdf/ua-2", "pdf/a-1a", "pdf/a-2a", "pdf/a-3a", "pdf/a-3a+ua-1"}
"""Variants WeasyPrint tags whatever the profile says."""


class UnknownProfile(ValueError):
    """A profile name that is neither built in nor in briefs.yaml."""


def workspace_profiles(config: WorkspaceConfig) -> dict[str, Profile]:
    """The built-in profiles, with the workspace's own added or replacing them."""
    return {**BUILTIN_PROFILES, **config.profiles}


def select_profiles(config: WorkspaceConfig, names: tuple[str, ...] | list[str] = ()) -> dict[
        str, Profile]:
    """The profiles named (`all` for every one; none: the workspace's default profile)."""
    available = workspace_profiles(config)
    chosen = list(names) or [config.profile]
    if ALL in chosen:
        return available
    for name in chosen:
        if name not in available:
            raise UnknownProfile(f'no profile "{name}"; profiles: {", ".join(available)}, {ALL}')
    return {name: available[name] for name in chosen}


def pdf_variant(profile: Profile, variant: str | None) -> str | None:
    """The PDF standard an output is made to: the override, else the profile's own."""
    return variant or profile.pdf_variant


def output_suffix(profile: Profile, variant: str | None) -> str:
    """What goes before `.pdf` after `<doc>.<locale>`: the profile's suffix, and a variant's
    own when `variant` overrides the profile's standard (so it never overwrites that file)."""
    if variant is None or variant == profile.pdf_variant:
        return profile.suffix
    if profile.variant_suffix is not None:
        return profile.suffix + profile.variant_suffix
    family = variant.rsplit("-", 1)[0]
    return profile.suffix + VARIANT_SUFFIXES.get(family, "." + family.replace("/", ""))


def render_options(profile: Profile, variant: str | None = None) -> dict[str, Any]:
    """WeasyPrint options for a profile (`variant` overrides its pdf_variant)."""
    options: dict[str, Any] = {
        "optimize_images": profile.optimize_images,
        "jpeg_quality": profile.jpeg_quality,
        "dpi": profile.max_image_dpi,
        "pdf_tags": True,  # untagged outputs too, for their text layer (finishing)
        "uncompressed_pdf": False,
    }
    chosen = pdf_variant(profile, variant)
    if chosen:
        options["pdf_variant"] = ACCESSIBLE_ARCHIVES.get(chosen, chosen)
    if chosen == "pdf/x-4":
        options["output_intent"] = "device-cmyk"
    return options


def slug_mm(profile: Profile) -> float:
    """Room outside the bleed for the marks and the slug line."""
    if profile.slug_mm is not None:
        return profile.slug_mm
    marked = profile.crop_marks or profile.registration_marks or profile.slug_line
    return DEFAULT_SLUG_MM if marked else 0.0


def page_css(profile: Profile) -> str:
    """The page's extent beyond the trim (CSS `bleed`: bleed and slug, which WeasyPrint makes
    the MediaBox), and --bleed for elements that run to the edge. The marks are drawn while
    finishing (render/marks.py), outside the bleed."""
    rules = [f":root {{ --bleed: {profile.bleed_mm:g}mm; }}"]
    extent = profile.bleed_mm + slug_mm(profile)
    if extent:
        rules.append(f"@page {{ bleed: {extent:g}mm; }}")
    return "\n".join(rules) + "\n"


def finishing(profile: Profile, variant: str | None, slug_line: str) -> Finishing:
    """The finishing steps of an output: archival fixes for PDF/A and PDF/X, the PDF/UA
    identification of an accessible archive, the printer's marks, and sRGB declared for
    the RGB colours of a PDF/X-4 file."""
    chosen = pdf_variant(profile, variant) or ""
    extent = slug_mm(profile)
    marks = None
    if profile.bleed_mm or extent:
        marks = PrintMarks(bleed_mm=profile.bleed_mm, slug_mm=extent, crop=profile.crop_marks,
                           registration=profile.registration_marks,
                           slug_line=slug_line if profile.slug_line else "")
    return Finishing(no_interpolation=chosen.startswith(("pdf/a", "pdf/x")),
                     accessible_archive=chosen in ACCESSIBLE_ARCHIVES, marks=marks,
                     press_colour=chosen == "pdf/x-4",
                     text_layer_only=not profile.tagged and chosen not in TAGGED_VARIANTS)
