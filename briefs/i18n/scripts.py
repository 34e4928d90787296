"""What each writing system needs from typesetting, and which fonts cover it (ISO 15924); the
script, direction and own name of a locale."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from babel import Locale

RTL_SCRIPT_LOCALES = {"ar", "he", "fa", "ur", "ps", "yi", "dv", "ku", "sd", "ug"}
Breaking = Literal["spaces", "phrases", "keep-all"]
"""How lines may break: at spaces (and by hyphenation); between phrases found by BudouX in
headings and short lines (Chinese, Japanese, Thai); only at spaces, never inside a word
(Korean, `word-break: keep-all`)."""


@dataclass(frozen=True)
class Script:
    """Typesetting facts of one script, and an installed font that covers it."""

    code: str
    name: str
    family: str
    """An installed font family that covers the script (Debian's Noto fonts)."""
    cased: bool = False
    """Has upper and lower case and tolerates letter-spacing (Latin, Cyrillic, Greek...).
    Tracking and `text-transform: uppercase` are applied only to these, and only these have
    a tradition of italics; elsewhere emphasis is set in another weight or a colour."""
    justify: bool = True
    """Justified by stretching spaces: not where spaces are rare (CJK) or are phrase
    separators (Thai)."""
    breaking: Breaking = "spaces"
    package: str = "fonts-noto-core"
    """The Debian package that installs `family`."""
    parts: tuple[str, ...] = ()
    """Unicode scripts a composite script is written with (Jpan: Hani, Hira, Kana)."""

    @property
    def italic(self) -> bool:
        return self.cased

    @property
    def unicode_scripts(self) -> tuple[str, ...]:
        return self.parts or (self.code,)


_script = Script


SCRIPTS: dict[str, Script] = {script.code: script for script in (
    _script("Latn", "Latin", "Noto Sans", cased=True),
    _script("Cyrl", "Cyrillic", "Noto Sans", cased=True),
    _script("Grek", "Greek", "Noto Sans", cased=True),
    _script("Armn", "Armenian", "Noto Sans Armenian"),
    _script("Geor", "Georgian", "Noto Sans Georgian"),
    _script("Arab", "Arabic", "Noto Naskh Arabic"),
    _script("Hebr", "Hebrew", "Noto Sans Hebrew"),
    _script("Syrc", "Syriac", "Noto Sans Syriac"),
    _script("Thaa", "Thaana", "Noto Sans Thaana"),
    _script("Deva", "Devanagari", "Noto Sans Devanagari"),
    _script("Beng", "Bengali", "Noto Sans Bengali"),
    _script("Guru", "Gurmukhi", "Noto Sans Gurmukhi"),
    _script("Gujr", "Gujarati", "Noto Sans Gujarati"),
    _script("Orya", "Oriya", "Noto Sans Oriya"),
    _script("Taml", "Tamil", "Noto Sans Tamil"),
    _script("Telu", "Telugu", "Noto Sans Telugu"),
    _script("Knda", "Kannada", "Noto Sans Kannada"),
    _script("Mlym", "Malayalam", "Noto Sans Malayalam"),
    _script("Sinh", "Sinhala", "Noto Sans Sinhala"),
    _script("Ethi", "Ethiopic", "Noto Sans Ethiopic"),
    _script("Thai", "Thai", "Noto Sans Thai", justify=False, breaking="phrases"),
    _script("Laoo", "Lao", "Noto Sans Lao", justify=False),
    _script("Khmr", "Khmer", "Noto Sans Khmer", justify=False),
    _script("Mymr", "Myanmar", "Noto Sans Myanmar", justify=False),
    _script("Hans", "Simplified Han", "Noto Sans CJK SC", justify=False, breaking="phrases",
            package="fonts-noto-cjk", parts=("Hani",)),
    _script("Hant", "Traditional Han", "Noto Sans CJK TC", justify=False, breaking="phrases",
            package="fonts-noto-cjk", parts=("Hani",)),
    _script("Jpan", "Japanese", "Noto Sans CJK JP", justify=False, breaking="phrases",
            package="fonts-noto-cjk", parts=("Hani", "Hira", "Kana")),
    _script("Kore", "Korean", "Noto Sans CJK KR", justify=False, breaking="keep-all",
            package="fonts-noto-cjk", parts=("Hang", "Hani")),
)}

UNKNOWN = _script("Zyyy", "Common", "Noto Sans", cased=True)
COMPOSITE_OF = {"Hani": "Hans", "Hira": "Jpan", "Kana": "Jpan", "Hang": "Kore"}


def script_info(code: str | None) -> Script:
    """The facts of a locale's script; an unknown script is treated like Latin."""
    return SCRIPTS.get(code or "", UNKNOWN)


def char_script(char: str) -> str:
    """The Unicode script of one character (ISO 15924: Latn, Arab, Hani, Hang, Zyyy...)."""
    from fontTools import unicodedata as ucd  # not at import: `--shard` is parsed on the no-op path

    return str(ucd.script(char))


def script_name(code: str) -> str:
    """"Kore" -> "Korean", "Hang" -> "Hangul"."""
    if code in SCRIPTS:
        return SCRIPTS[code].name
    from fontTools import unicodedata as ucd

    return str(ucd.script_name(code, default=code))


def covering_script(code: str) -> Script | None:
    """The script (as a locale writes it) whose fonts cover a character of Unicode script
    `code`: Hang -> Kore, Hira -> Jpan, Arab -> Arab."""
    return SCRIPTS.get(code) or SCRIPTS.get(COMPOSITE_OF.get(code, ""))


def babel_locale(locale: str) -> Locale:
    """Babel's locale for a briefs locale code (`zh-Hant` or `zh_Hant`)."""
    return Locale.parse(locale.replace("-", "_"))


def text_direction(locale: str) -> str:
    """'rtl' for right-to-left languages, else 'ltr'."""
    try:
        return babel_locale(locale).text_direction
    except (ValueError, LookupError):
        return "rtl" if locale.split("-")[0].split("_")[0] in RTL_SCRIPT_LOCALES else "ltr"


def locale_script(locale: str) -> str | None:
    """The ISO 15924 script a locale is written in (zh -> Hans, ar -> Arab, ru -> Cyrl)."""
    from babel.core import get_global

    name = locale.replace("-", "_")
    parsed = babel_locale(locale)
    if parsed.script:
        return parsed.script
    likely = get_global("likely_subtags")
    for key in (name, parsed.language):
        if key in likely:
            parts = likely[key].split("_")
            return next((p for p in parts[1:] if len(p) == 4 and p.istitle()), None)
    return None


def language_name(locale: str) -> str:
    """The language's own name for itself, for locale switchers ("français")."""
    return babel_locale(locale).get_display_name(babel_locale(locale)) or locale
