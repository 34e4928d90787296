"""Each brand's font faces, and for each script the workspace writes in: which faces set it,
what is missing, the installed fonts that would have it, and the Debian package that brings
more (`briefs fonts`)."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field

from briefs.brand.brands import LoadedBrand, ResolvedFace, load_brand
from briefs.brand.coverage import covered_by
from briefs.brand.fonts import CoverageCache
from briefs.brand.readiness import PACKAGES, SAMPLES, used_brands
from briefs.content.config import Workspace
from briefs.core.diagnostics import Diagnostics
from briefs.i18n.scripts import locale_script

FONTCONFIG_LANG = {"Hans": "zh-cn", "Hant": "zh-tw", "Jpan": "ja", "Kore": "ko"}
"""fontconfig's language tag for scripts whose locale code alone would be ambiguous."""
MAX_INSTALLED = 8
FC_LIST_SECONDS = 20


@dataclass
class ScriptFonts:
    """One script of one brand: the locales written in it, the families and what is missing."""

    script: str
    locales: list[str]
    body: list[str]
    heading: list[str]
    missing: str = ""
    """Sample letters of the script that no face of the brand's stacks has."""
    package: str = ""
    installed: list[str] = field(default_factory=list)
    """Installed families that have the script (fontconfig), to declare in brand.yaml."""

    @property
    def ok(self) -> bool:
        return not self.missing


@dataclass
class BrandFonts:
    """A brand's faces and scripts."""

    id: str
    faces: list[ResolvedFace]
    scripts: list[ScriptFonts]


@dataclass
class FontInventory:
    brands: list[BrandFonts] = field(default_factory=list)
    problems: Diagnostics = field(default_factory=Diagnostics)

    @property
    def ok(self) -> bool:
        return not self.problems.has_errors() and all(
            script.ok for brand in self.brands for script in brand.scripts)


def font_inventory(workspace: Workspace) -> FontInventory:
    """Every brand the workspace uses, with the scripts of its locales and of its `scripts:`."""
    inventory = FontInventory()
    cache = CoverageCache()
    by_script: dict[str, list[str]] = {}
    for locale in workspace.config.locales:
        by_script.setdefault(locale_script(locale) or "Latn", []).append(locale)
    for brand_id in used_brands(workspace):
        if brand_id not in workspace.brand_ids():
            inventory.problems.error(f'no brand "{brand_id}" in styles/', workspace.config_path)
            continue
        brand = load_brand(workspace, brand_id, inventory.problems)
        if brand is None:
            continue
        scripts = list(by_script) + [s for s in brand.model.scripts if s not in by_script]
        inventory.brands.append(BrandFonts(brand.id, list(brand.faces), [
            _script(brand, script, by_script.get(script, []), cache) for script in scripts]))
    return inventory


def _script(brand: LoadedBrand, script: str, locales: list[str],
            cache: CoverageCache) -> ScriptFonts:
    found = ScriptFonts(script, locales, brand.model.stack("body", script),
                        brand.model.stack("heading", script))
    covered = covered_by(brand, script, cache)
    found.missing = "".join(c for c in SAMPLES.get(script, "") if ord(c) not in covered)
    if found.missing:
        found.package = PACKAGES.get(script, "fonts-noto-core")
        found.installed = installed_families(FONTCONFIG_LANG.get(script)
                                             or (locales[0].split("_")[0] if locales else ""))
    return found


def installed_families(lang: str) -> list[str]:
    """Families of the installed fonts fontconfig says support `lang` (e.g. ar, zh-cn)."""
    if not lang or not lang.replace("-", "").isalpha() or shutil.which("fc-list") is None:
        return []
    try:
        listed = subprocess.run(["fc-list", f":lang={lang}", "family"], capture_output=True,
                                text=True, timeout=FC_LIST_SECONDS, check=False).stdout
    except (OSError, subprocess.TimeoutExpired):
        return []
    return sorted({line.split(",")[0].strip() for line in listed.splitlines() if line.strip()})
