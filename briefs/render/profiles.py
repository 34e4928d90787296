"""Output profiles as data: the built-in screen and print profiles, merged with briefs.yaml."""

from __future__ import annotations

from typing import Any

from briefs.content.config import Profile, WorkspaceConfig

BUILTIN_PROFILES: dict[str, Profile] = {
    "screen": Profile(
        suffix="", optimize_images=True, jpeg_quality=80, max_image_dpi=150,
        pdf_variant="pdf/ua-1", tagged=True),
    "print": Profile(
        suffix=".print", optimize_images=False, min_image_dpi=300, bleed_mm=3,
        crop_marks=True),
}
ALL = "all"
VARIANT_SUFFIXES = {"pdf/a": ".pdfa", "pdf/x": ".pdfx", "pdf/ua": ".pdfua"}


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
        "pdf_tags": profile.tagged,
        "uncompressed_pdf": False,
    }
    chosen = pdf_variant(profile, variant)
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
