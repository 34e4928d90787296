"""Locale-aware formatting of dates, date ranges and times with Babel."""

from __future__ import annotations

import datetime as dt
import re

from babel import Locale
from babel.dates import format_date, format_interval, format_time

FULL_MONTH = re.compile(r"(?<![ML])([ML])\1\1(?![ML])")
RTL_SCRIPT_LOCALES = {"ar", "he", "fa", "ur", "ps", "yi", "dv", "ku", "sd", "ug"}


def babel_locale(locale: str) -> Locale:
    return Locale.parse(locale.replace("-", "_"))


def text_direction(locale: str) -> str:
    """'rtl' for right-to-left languages, else 'ltr'."""
    try:
        return babel_locale(locale).text_direction
    except (ValueError, LookupError):
        return "rtl" if locale.split("-")[0].split("_")[0] in RTL_SCRIPT_LOCALES else "ltr"


NUMBERING_COUNTER_STYLES = {
    "arab": "arabic-indic", "arabext": "persian", "deva": "devanagari", "beng": "bengali",
    "thai": "thai", "khmr": "khmer", "laoo": "lao", "mymr": "myanmar", "tibt": "tibetan",
}


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


def digits_counter_style(locale: str) -> str:
    """The CSS counter style for the locale's native digits ("decimal" for Latin digits)."""
    system = babel_locale(locale).other_numbering_systems.get("native", "latn")
    return NUMBERING_COUNTER_STYLES.get(system, "decimal")


def date_long(value: dt.date, locale: str) -> str:
    """19 October 2021, in the locale's words and order."""
    return format_date(value, "long", locale=babel_locale(locale))


def date_full(value: dt.date, locale: str) -> str:
    """Tuesday, 19 October 2021."""
    return format_date(value, "full", locale=babel_locale(locale))


def date_range(start: dt.date, end: dt.date | None, locale: str) -> str:
    """19–20 October 2021; a single date when there is no end or it equals the start.

    CLDR has no full-month interval pattern for most locales (Babel then abbreviates the month),
    so the abbreviated pattern is widened to full month names wherever the locale's own long
    date format spells months out ("octobre"), and kept where it is numeric (zh "10月").
    """
    if end is None or end == start:
        return date_long(start, locale)
    parsed = babel_locale(locale)
    formats = parsed.interval_formats
    greatest = "y" if start.year != end.year else "M" if start.month != end.month else "d"
    for skeleton in ("yMMMMd", "yMMMd"):
        parts = formats.get(skeleton, {}).get(greatest)
        if parts:
            break
    else:
        return format_interval(start, end, "yMMMd", locale=parsed)
    if skeleton == "yMMMd" and "MMMM" in parsed.date_formats["long"].pattern:
        parts = [FULL_MONTH.sub(r"\1\1\1\1", part) for part in parts]
    return format_date(start, parts[0], locale=parsed) + format_date(end, parts[1], locale=parsed)


PARTIAL_SKELETONS = {"year": "y", "month": "yMMMM"}
"""How a date known only to the year or the month is written (CLDR skeletons)."""


def partial_pattern(locale: str, precision: str) -> str:
    """The locale's pattern for a date of this precision: "MMMM y" for a month in English,
    "y年M月" in Chinese, the long date format for a day."""
    parsed = babel_locale(locale)
    if precision == "day":
        return str(parsed.date_formats["long"].pattern)
    skeleton = PARTIAL_SKELETONS[precision]
    pattern = parsed.datetime_skeletons.get(skeleton)
    if pattern is None:
        from babel.dates import match_skeleton

        pattern = parsed.datetime_skeletons[match_skeleton(skeleton, parsed.datetime_skeletons)]
    return str(pattern.pattern)


def partial_range(start: dt.date, end: dt.date, precision: str, locale: str) -> str:
    """June–July 2023, 2021–2023: a range of months or years, in the locale's words."""
    if precision == "day":
        return date_range(start, end, locale)
    skeleton = PARTIAL_SKELETONS[precision]
    if (start.year, start.month if precision == "month" else 0) == \
            (end.year, end.month if precision == "month" else 0):
        return format_date(start, partial_pattern(locale, precision), locale=babel_locale(locale))
    return format_interval(start, end, skeleton, locale=babel_locale(locale))


def time_short(value: dt.time, locale: str) -> str:
    return format_time(value, "short", locale=babel_locale(locale))


def time_range(start: dt.time, end: dt.time | None, locale: str) -> str:
    if end is None:
        return time_short(start, locale)
    return format_interval(start, end, "Hm", locale=babel_locale(locale))


def language_name(locale: str) -> str:
    """The language's own name for itself, for locale switchers ("français")."""
    return babel_locale(locale).get_display_name(babel_locale(locale)) or locale
