"""Whether this machine can set each locale of a workspace: the script, the brand's fonts for
it (bundled or installed), and the Debian package that brings a missing one (`briefs doctor`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from briefs.brand.brands import LoadedBrand, load_brand
from briefs.brand.coverage import covered_by
from briefs.brand.fonts import CoverageCache
from briefs.content.config import Workspace
from briefs.core.diagnostics import Diagnostics
from briefs.i18n.scripts import locale_script

SAMPLES = {
    "Latn": "AaZzÉéÇçß", "Cyrl": "АаЖжЯя", "Grek": "ΑαΩω", "Arab": "ابتثجحخ", "Hebr": "אבגד",
    "Hans": "中文汉字说", "Hant": "中文漢字說", "Jpan": "日本語かなカナ", "Kore": "한국어",
    "Deva": "हिन्दी", "Thai": "ภาษาไทย", "Ethi": "አማርኛ", "Beng": "বাংলা", "Taml": "தமிழ்",
    "Geor": "ქართული", "Armn": "Հայերեն", "Khmr": "ខ្មែរ", "Mymr": "မြန်မာ",
}
"""A few letters of each script: a font that has them is taken to cover the script."""
PACKAGES = {
    "Hans": "fonts-noto-cjk", "Hant": "fonts-noto-cjk", "Jpan": "fonts-noto-cjk",
    "Kore": "fonts-noto-cjk",
}
"""Debian packages with fonts for a script (fonts-noto-core for every other script)."""


@dataclass
class LocaleReadiness:
    """One locale with one brand: the fonts that set it, and what is missing."""

    locale: str
    script: str | None
    brand: str
    families: list[str] = field(default_factory=list)
    missing: str = ""
    """The letters of the script no declared font has ("" when covered)."""
    package: str = ""

    @property
    def ok(self) -> bool:
        return not self.missing


@dataclass
class Readiness:
    """Every brand the workspace's documents use, loaded, and each locale with each."""

    problems: Diagnostics = field(default_factory=Diagnostics)
    locales: list[LocaleReadiness] = field(default_factory=list)
    brands: list[str] = field(default_factory=list)


def used_brands(workspace: Workspace) -> list[str]:
    """The default brand and every brand a document names (read leniently)."""
    from briefs.content.loader import load_yaml_file

    brands = {workspace.config.default_brand}
    for doc_id in workspace.document_ids():
        loaded = load_yaml_file(workspace.content_dir / doc_id / "document.yaml", Diagnostics(),
                                roots=workspace.read_roots)
        data = loaded.data if loaded is not None and isinstance(loaded.data, dict) else {}
        if isinstance(data.get("brand"), str):
            brands.add(data["brand"])
    return sorted(brands)


def workspace_readiness(workspace: Workspace) -> Readiness:
    """Load each used brand (a font that is not installed is a problem naming its package)
    and check that its fonts for each locale's script have that script's letters."""
    readiness = Readiness(brands=used_brands(workspace))
    cache = CoverageCache()
    for brand_id in readiness.brands:
        if brand_id not in workspace.brand_ids():
            readiness.problems.error(f'no brand "{brand_id}" in styles/',
                                     workspace.config_path)
            continue
        brand = load_brand(workspace, brand_id, readiness.problems)
        if brand is None:
            continue
        for locale in workspace.config.locales:
            readiness.locales.append(_locale(brand, locale, cache))
    return readiness


def _described(brand: LoadedBrand, family: str) -> str:
    """"Civic Sans (bundled)", "Civic CJK (installed: Noto Sans CJK SC)"."""
    faces = [resolved for resolved in brand.faces if resolved.face.family == family]
    if faces and not faces[0].bundled:
        return f"{family} (installed: {faces[0].face.system})"
    return f"{family} (bundled)" if faces else family


def _locale(brand: LoadedBrand, locale: str, cache: CoverageCache) -> LocaleReadiness:
    script = locale_script(locale)
    found = LocaleReadiness(locale, script, brand.id,
                            [_described(brand, family)
                             for family in brand.model.stack("body", script)])
    covered = covered_by(brand, script, cache)
    found.missing = "".join(c for c in SAMPLES.get(script or "Latn", "") if ord(c) not in covered)
    if found.missing:
        found.package = PACKAGES.get(script or "", "fonts-noto-core")
    return found
