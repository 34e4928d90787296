"""Glyph coverage: every character a target prints must be in one of the brand's fonts."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from briefs.brand.brands import LoadedBrand
from briefs.brand.fonts import CoverageCache, FontProblem
from briefs.core.diagnostics import Diagnostics, Position
from briefs.i18n.formatting import locale_script

IGNORED_CATEGORIES = {"Cc", "Cf", "Zl", "Zp"}
IGNORED_CHARACTERS = {"\u00a0", "\u202f", "\u2009", "\u200b"}  # spaces the layout handles


def strings_in(data: Any) -> Iterable[str]:
    """Every string inside nested dicts, lists and models."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from strings_in(value)
    elif isinstance(data, list | tuple):
        for value in data:
            yield from strings_in(value)


def covered_by(brand: LoadedBrand, script: str | None, cache: CoverageCache) -> frozenset[int]:
    """Code points covered by the fonts a locale written in `script` uses."""
    return cache.union([(resolved.path, resolved.index) for resolved in brand.faces_for(script)])


def find_in_files(char: str, files: list[Path]) -> tuple[Path | None, Position | None]:
    """The first file (in order) holding `char`, and where."""
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        offset = text.find(char)
        if offset >= 0:
            line = text.count("\n", 0, offset) + 1
            column = offset - (text.rfind("\n", 0, offset) + 1) + 1
            return path, Position(line, column)
    return None, None


def check_coverage(brand: LoadedBrand, locale: str, texts: Iterable[str], files: list[Path],
                   diagnostics: Diagnostics, cache: CoverageCache) -> bool:
    """Report each character no declared font covers; True when everything is covered."""
    script = locale_script(locale)
    try:
        covered = covered_by(brand, script, cache)
    except FontProblem as exc:
        brand_file = brand.folder / "brand.yaml"
        name = str(exc).split(" ", 1)[0]
        _, position = find_in_files(name, [brand_file])
        if not any(d.message == str(exc) for d in diagnostics):  # once, not per locale
            diagnostics.error(str(exc), brand_file, position)
        return False
    missing = sorted({
        char for text in texts for char in text
        if ord(char) not in covered and not char.isspace() and char not in IGNORED_CHARACTERS
        and unicodedata.category(char) not in IGNORED_CATEGORIES
    })
    families = ", ".join(brand.model.stack("body", script))
    for char in missing:
        name = unicodedata.name(char, "unnamed character")
        path, position = find_in_files(char, files)
        diagnostics.error(
            f'character U+{ord(char):04X} {name} "{char}" ({locale}) is in no font of brand '
            f'"{brand.id}" ({families}); rewrite it, or declare a font that covers it in '
            f"styles/{brand.id}/brand.yaml", path, position)
    return not missing
