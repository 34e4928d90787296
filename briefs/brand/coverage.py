"""Glyph coverage: every character a target prints must be in one of the brand's fonts."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from briefs.brand.brands import LoadedBrand
from briefs.brand.fonts import CoverageCache, FontProblem
from briefs.brand.printed import Printed, first_family
from briefs.core.diagnostics import Diagnostics, Position
from briefs.i18n.scripts import char_script, covering_script, locale_script, script_name

IGNORED_CATEGORIES = {"Cc", "Cf", "Zl", "Zp"}
IGNORED_CHARACTERS = {"\u00a0", "\u202f", "\u2009", "\u200b"}  # spaces the layout handles
GROUP_ABOVE = 3
"""More missing characters than this in one script are reported as one error."""


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


def readable_coverage(brand: LoadedBrand, script: str | None, cache: CoverageCache,
                      diagnostics: Diagnostics, family: str | None = None,
                      ) -> frozenset[int] | None:
    """The code points of the script's fonts (or of one `family`), with a font file that
    cannot be read reported (once, at its line in brand.yaml) instead of raised; None then."""
    try:
        if family is not None:
            return _family_points(brand, family, cache)
        return covered_by(brand, script, cache)
    except FontProblem as exc:
        brand_file = brand.folder / "brand.yaml"
        _, position = find_in_files(exc.subject, [brand_file]) if exc.subject \
            else (None, None)
        if not any(d.message == str(exc) for d in diagnostics):  # once, not per locale
            diagnostics.error(str(exc), brand_file, position)
        return None


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
    """Report the characters no declared font covers; True when everything is covered.

    A few characters are named one by one with the file and line holding them; many in one
    script (a new language, or a brand declaring the wrong script code) are one error for
    the script, with the script code the locale needs and a font package that covers it.
    """
    script = locale_script(locale)
    covered = readable_coverage(brand, script, cache, diagnostics)
    if covered is None:
        return False
    missing = list(dict.fromkeys(
        char for text in texts for char in text
        if ord(char) not in covered and not char.isspace() and char not in IGNORED_CHARACTERS
        and unicodedata.category(char) not in IGNORED_CATEGORIES))
    by_script: dict[str, list[str]] = {}
    for char in missing:
        by_script.setdefault(char_script(char), []).append(char)
    for code, chars in by_script.items():
        if len(chars) > GROUP_ABOVE:
            _report_script(brand, locale, code, chars, files, diagnostics)
            continue
        for char in chars:
            name = unicodedata.name(char, "unnamed character")
            path, position = find_in_files(char, files)
            diagnostics.error(
                f'character U+{ord(char):04X} {name} "{char}" ({locale}) is in no font of '
                f'brand "{brand.id}" ({_families(brand, script)}); rewrite it, or declare a '
                f"font that covers it in styles/{brand.id}/brand.yaml", path, position)
    return not missing


def _report_script(brand: LoadedBrand, locale: str, code: str, chars: list[str],
                   files: list[Path], diagnostics: Diagnostics) -> None:
    """One error for many characters of one script, naming the first and what to declare."""
    first = chars[0]
    path, position = find_in_files(first, files)
    examples = "".join(chars[:5])
    diagnostics.error(
        f"{locale}: {len(chars)} characters in script {code} ({script_name(code)}, such as "
        f'"{examples}") are in no font of brand "{brand.id}" '
        f"({_families(brand, locale_script(locale))}); {script_advice(brand, locale, code)}",
        path, position)


def script_advice(brand: LoadedBrand, locale: str, code: str) -> str:
    """What to add to brand.yaml so that characters of Unicode script `code` are covered."""
    needed = locale_script(locale) or "Latn"
    target = covering_script(code)
    declared = list(brand.model.scripts)
    wrong = [key for key in declared if key in (code, *(target.unicode_scripts if target
                                                        else ())) and key != needed]
    where = f"styles/{brand.id}/brand.yaml"
    if wrong:
        return (f'{where} declares `scripts: {wrong[0]}`, but locale "{locale}" is written in '
                f"script {needed} ({script_name(needed)}): rename the key to {needed}")
    family = target.family if target else "a font that covers it"
    package = f", package: {target.package}" if target else ""
    stack = f"scripts: {needed}" if target is None or target.code == needed else (
        f"scripts: {needed} (or typography:)")
    label = script_name(target.code if target else code)
    return (f"in {where}, add `- {{family: {label}, system: {family}{package}}}` to fonts: and "
            f"its family to the body and heading stacks of `{stack}`; locale \"{locale}\" is "
            f"written in script {needed}")


def _families(brand: LoadedBrand, script: str | None) -> str:
    return ", ".join(brand.model.stack("body", script))


def check_printed(brand: LoadedBrand, locale: str, printed: Iterable[Printed],
                  diagnostics: Diagnostics, cache: CoverageCache) -> bool:
    """Characters stylesheets and SVG images print, checked where they are written: an SVG
    text in a family the brand does not declare, or a character no font covers."""
    script = locale_script(locale)
    stack = readable_coverage(brand, script, cache, diagnostics)
    if stack is None:
        return False
    ok = True
    for item in printed:
        what = f"{item.element} text" if item.element else "generated text"
        if item.family is not None and first_family(item.family) not in _declared(brand):
            ok = False
            asked = f'font-family "{item.family}"' if item.family else "no font-family"
            diagnostics.error(
                f'{what} "{item.text[:40]}" asks for {asked}, which is no font of brand '
                f'"{brand.id}", so the machine\'s font would print it; set font-family to '
                f"one of {_families(brand, script)}, or convert the text to outlines",
                item.path, Position(item.line, item.column))
            continue
        covered = readable_coverage(brand, script, cache, diagnostics,
                                    first_family(item.family)) if item.family else stack
        if covered is None:
            ok = False
            continue
        missing = [c for c in dict.fromkeys(item.text) if ord(c) not in covered
                   and not c.isspace() and unicodedata.category(c) not in IGNORED_CATEGORIES]
        for char in missing:
            ok = False
            name = unicodedata.name(char, "unnamed character")
            diagnostics.error(
                f'{what} prints U+{ord(char):04X} {name} "{char}" ({locale}), which is in no '
                f'font of brand "{brand.id}" ({_families(brand, script)}); use a character '
                "the fonts have (for list markers, e.g. list-style-type: \"– \"), or declare "
                f"a font that covers it in styles/{brand.id}/brand.yaml",
                item.path, Position(item.line, item.column))
    return ok


def _declared(brand: LoadedBrand) -> set[str]:
    return {face.family for face in brand.model.fonts}


def _family_points(brand: LoadedBrand, family: str, cache: CoverageCache) -> frozenset[int]:
    return cache.union([(resolved.path, resolved.index) for resolved in brand.faces
                        if resolved.face.family == family])
