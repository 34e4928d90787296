"""Number, year and time ranges in the author's text, spaced as the locale's CLDR intervals.

`2019-2023`, `19 – 20`, `14:30-16:30` are written with the separator CLDR gives the locale
for an interval of the same kind (Babel's `interval_formats`: `y` for years, `Hm` for times,
`d` for other numbers): thin spaces around the en dash in English (`2019 – 2023`), none in
French, Chinese or Spanish (`2019–2023`), `～` in Japanese, `—` in Russian. A dash the author
typed (– or —) is kept; a hyphen-minus becomes the locale's dash. Only what is surely a range
is touched: two numbers of the same kind, with nothing number-like around them (`2021-10-19`,
`1.5-2`, `+31 20-555 0199`, `COVID-19` stay), and joined by a hyphen only when the first is the
smaller (`3-2`, a score, stays) and, for plain numbers, with no space around it (`10 - 12`
may be a subtraction). A locale whose CLDR separator is a word (Persian `تا`) is left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

SPACE = "[ \u00a0\u2009\u202f]"
RANGE = re.compile(
    r"(?<![\dA-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff_.,/:#+\-\u2010-\u2015])"
    rf"(?P<start>\d{{1,2}}:\d{{2}}|\d{{1,4}})(?P<before>{SPACE}?)(?P<dash>[-\u2013\u2014])"
    rf"(?P<after>{SPACE}?)(?P<end>\d{{1,2}}:\d{{2}}|\d{{1,4}})"
    r"(?!\d|[.,/:\-\u2010-\u2015]\d)")
CLDR_SEPARATOR = re.compile(r"(\s*)([-\u2013\u2014~\uff5e\u301c])(\s*)$")
"""The separator at the end of an interval's first part (`d\u2009–\u2009`, `d日～`, `y—`)."""
SKELETONS = {"time": ("Hm", "H"), "year": ("y", "y"), "number": ("d", "d")}


NATIVE_DIGIT = re.compile("[\u0660-\u0669\u06f0-\u06f9]+")
"""Arabic-Indic (AN) or Persian (EN) digits."""
ASCII_DIGIT = re.compile("[0-9]")


@dataclass(frozen=True)
class Separator:
    """What CLDR puts between the two ends of an interval: spaces and a dash."""

    before: str
    dash: str
    after: str


@lru_cache(maxsize=64)
def separators(locale: str) -> dict[str, Separator]:
    """The locale's separator for each kind of range; empty for a locale that uses a word."""
    from briefs.i18n.scripts import babel_locale

    formats = babel_locale(locale).interval_formats
    found = {}
    for kind, (skeleton, greatest) in SKELETONS.items():
        parts = formats.get(skeleton, {}).get(greatest)
        match = CLDR_SEPARATOR.search(parts[0]) if parts else None
        if match is not None:
            found[kind] = Separator(*match.groups())
    return found


PHONE_BEFORE = re.compile(r"\+[\d ().\-]*$")
"""A number after `+31 ` is part of a telephone number, not a range."""
PHONE_REACH = 24
"""How far back a telephone prefix is looked for (bounded: a field may hold many ranges)."""


def range_spans(text: str) -> list[tuple[int, int]]:
    """Where the text holds a range (any locale's rules), as (start, end) offsets."""
    return [match.span() for match in RANGE.finditer(text)
            if _kind(match) is not None
            and not PHONE_BEFORE.search(text[max(0, match.start() - PHONE_REACH):match.start()])]


def native_range_spans(text: str) -> list[tuple[int, int]]:
    """The ranges of `range_spans` written in Arabic-Indic (U+0660-0669) or Persian
    (U+06F0-06F9) digits: drawn right to left in right-to-left text (docs/decisions.md)."""
    return [(start, end) for start, end in range_spans(text)
            if NATIVE_DIGIT.search(text[start:end]) and not ASCII_DIGIT.search(text[start:end])]


def native_respaced(text: str, locale: str) -> str:
    """The text with each range in Arabic-Indic or Persian digits given the locale's separator
    (Arabic's hyphen-minus becomes its en dash; Persian, whose separator is a word, keeps what
    was typed). In right-to-left text such a range stays in the text: the bidi algorithm draws
    it right to left, the earlier figure read first, as it should; an element around it is
    drawn the same, but text engines then read the range and the punctuation beside it out of
    order (measured, docs/decisions.md, "Right-to-left isolates are drawn right to left")."""
    last, out = 0, ""
    for start, end in native_range_spans(text):
        out, last = out + text[last:start] + respaced(text[start:end], locale), end
    return out + text[last:]


def respaced(run: str, locale: str) -> str:
    """A range found by `range_spans`, written with the locale's separator."""
    match = RANGE.fullmatch(run)
    kind = _kind(match) if match is not None else None
    separator = separators(locale).get(kind or "")
    if match is None or separator is None:
        return run
    dash = separator.dash if match["dash"] == "-" else match["dash"]
    return match["start"] + separator.before + dash + separator.after + match["end"]


def _kind(match: re.Match[str]) -> str | None:
    start, end = match["start"], match["end"]
    hyphen = match["dash"] == "-"
    if (":" in start) != (":" in end):
        return None
    if ":" in start:
        return "time" if not hyphen or _minutes(start) < _minutes(end) else None
    if len(start) == len(end) == 4 and all(1000 <= int(value) <= 2999 for value in (start, end)):
        return "year" if not hyphen or int(start) < int(end) else None
    if hyphen and (match["before"] or match["after"] or len(end) > 3 or end.startswith("0")
                   or int(start) >= int(end)):
        return None
    return "number"


def _minutes(time: str) -> int:
    hours, minutes = time.split(":")
    return int(hours) * 60 + int(minutes)
