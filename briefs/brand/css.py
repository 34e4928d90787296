"""CSS made from data: safe string literals, page-counter content, and a brand's tokens."""

from __future__ import annotations

import re
from collections.abc import Callable

from markupsafe import Markup

from briefs.brand.brands import LoadedBrand, ResolvedFace
from briefs.brand.colors import readable_on, rgb_channels
from briefs.brand.fonts import CoverageCache, FontProblem


def css_string(value: str) -> str:
    """A CSS string literal that cannot close its <style> element or its declaration."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ")
    return '"' + escaped.replace("<", "\\3c ").replace(">", "\\3e ") + '"'


def counter_content(label: str, style: str = "decimal") -> Markup:
    """"Page {page} of {pages}" -> `"Page " counter(page) " of " counter(pages)` for CSS."""
    if not re.fullmatch(r"[a-z-]+", style):
        raise ValueError(f"not a counter style: {style!r}")
    if isinstance(label, Markup):  # a translation, escaped for HTML: CSS escapes it its way
        label = label.unescape()
    suffix = "" if style == "decimal" else f", {style}"
    parts: list[str] = []
    for piece in re.split(r"(\{page\}|\{pages\})", label):
        if piece == "{page}":
            parts.append(f"counter(page{suffix})")
        elif piece == "{pages}":
            parts.append(f"counter(pages{suffix})")
        elif piece:
            parts.append(css_string(piece))
    return Markup(" ".join(parts) or '""')


def brand_css(brand: LoadedBrand, font_url: Callable[[ResolvedFace], str],
              script: str | None, coverage: CoverageCache | None = None,
              readable: Callable[[str, str, tuple[str, ...]], str] = readable_on) -> str:
    """@font-face rules for the faces in use, and the tokens as CSS custom properties
    (`coverage`: a session's glyph coverage, which keeps it between builds; `readable`:
    `readable_on`, or a session's, which keeps its answers)."""
    rules = []
    for resolved in brand.faces_for(script):
        face = resolved.face
        url = css_string(font_url(resolved))
        rules.append(
            f"@font-face {{ font-family: {css_string(face.family)}; src: url({url}); "
            f"font-weight: {face.weight}; font-style: {face.style}; }}")
    colors = brand.model.colors.model_dump()
    properties = [f"  --color-{name}: {value};" for name, value in colors.items()]
    properties += [f"  --color-{name}-rgb: {rgb_channels(value)};"
                   for name, value in colors.items()]
    # The accent as text on the primary band (kickers): readable whatever the brand's pair
    on_band = readable(colors["accent"], colors["primary"], (colors["paper"], colors["text"]))
    properties.append(f"  --color-accent-on-primary: {on_band};")
    for role in ("body", "heading"):
        stack = ", ".join(css_string(f) for f in brand.model.stack(role, script))
        properties.append(f"  --font-{role}: {stack};")
    rules.append(":root {\n" + "\n".join(properties) + "\n}")
    if not _has_hyphen(brand, script, coverage or _COVERAGE):
        rules.append(f"html {{ hyphenate-character: {css_string(HYPHEN_FALLBACK)}; }}")
    return "\n".join(rules) + "\n"


HYPHEN = 0x2010
HYPHEN_FALLBACK = "-"
"""Hyphenation adds U+2010 HYPHEN, which many fonts lack (Debian's Open Sans); the brand's
faces are asked first, and U+002D HYPHEN-MINUS, which every font has, is used instead."""
_COVERAGE = CoverageCache()


def _has_hyphen(brand: LoadedBrand, script: str | None, coverage: CoverageCache) -> bool:
    faces = [(resolved.path, resolved.index) for resolved in brand.faces_for(script)]
    try:
        return HYPHEN in coverage.union(faces)
    except (FontProblem, OSError):
        return True  # an unreadable font is reported by the coverage check, with its line
