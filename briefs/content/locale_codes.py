"""Locale codes checked against CLDR, with a suggestion for a language name or a country code."""

from __future__ import annotations

import re
from functools import lru_cache

LOCALE_PATTERN = r"^[a-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*$"
EXAMPLES = "use a code such as fr, pt_BR, zh_Hant or sr-Latn"
"""Kept as the schema's earlier message said it (tests and docs quote it)."""


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Language name (English or the language's own, lower case) -> code, for CLDR's locales."""
    from babel import Locale
    from babel.localedata import locale_identifiers

    english = Locale("en").languages
    names: dict[str, str] = {}
    for identifier in locale_identifiers():
        if "_" in identifier:
            continue
        if identifier in english:
            names.setdefault(english[identifier].lower(), identifier)
        own = Locale.parse(identifier).get_display_name(identifier)
        if own:
            names.setdefault(own.lower(), identifier)
    return names


def suggest_locale(value: str) -> str | None:
    """The code meant by `value`: a language's name ("french", "Français"), a country code
    used for its language ("sp"... "jp", "cz"), or the start of a language's English name."""
    from babel.languages import get_official_languages

    word = value.strip().lower()
    if not word or len(word) > 60:
        return None
    names = _names()
    if word in names:
        return names[word]
    if re.fullmatch(r"[a-z]{2}", word):
        known = set(names.values())
        languages = [code for code in get_official_languages(word.upper()) if code in known]
        if len(languages) == 1:
            return languages[0]
    if len(word) >= 2 and word.isalpha():
        starts = {code for name, code in names.items() if name.startswith(word)}
        if len(starts) == 1:
            return starts.pop()
    return None


def locale_problem(value: str) -> str | None:
    """Why `value` is not a locale code briefs can use, in plain words; None when it is."""
    from babel import Locale
    from babel.core import UnknownLocaleError

    if re.match(LOCALE_PATTERN, value):
        try:
            Locale.parse(value.replace("-", "_"))
            return None
        except (ValueError, UnknownLocaleError):
            pass
    suggestion = suggest_locale(value)
    if suggestion is not None:
        from babel import Locale

        name = Locale("en").languages.get(suggestion, suggestion)
        return (f'"{value}" is not a locale code briefs knows; did you mean "{suggestion}" '
                f"({name})? Locale codes are short: fr, es, pt_BR, zh_Hant")
    return (f'"{value}" is not a locale code briefs knows (CLDR has no data for it); '
            f"{EXAMPLES}")
