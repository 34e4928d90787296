"""Locale-aware formatting of dates, date ranges and times with Babel."""

from __future__ import annotations

import datetime as dt

from babel import Locale
from babel.dates import format_date, format_interval, format_time

RTL_SCRIPT_LOCALES = {"ar", "he", "fa", "ur", "ps", "yi", "dv", "ku", "sd", "ug"}


def babel_locale(locale: str) -> Locale:
    return Locale.parse(locale.replace("-", "_"))


def text_direction(locale: str) -> str:
    """'rtl' for right-to-left languages, else 'ltr'."""
    try:
        return babel_locale(locale).text_direction
    except (ValueError, LookupError):
        return "rtl" if locale.split("-")[0].split("_")[0] in RTL_SCRIPT_LOCALES else "ltr"


def date_long(value: dt.date, locale: str) -> str:
    """19 October 2021, in the locale's words and order."""
    return format_date(value, "long", locale=babel_locale(locale))


def date_full(value: dt.date, locale: str) -> str:
    """Tuesday, 19 October 2021."""
    return format_date(value, "full", locale=babel_locale(locale))


def date_range(start: dt.date, end: dt.date | None, locale: str) -> str:
    """19–20 October 2021; a single date when there is no end or it equals the start."""
    if end is None or end == start:
        return date_long(start, locale)
    return format_interval(start, end, "yMMMMd", locale=babel_locale(locale))


def time_short(value: dt.time, locale: str) -> str:
    return format_time(value, "short", locale=babel_locale(locale))


def time_range(start: dt.time, end: dt.time | None, locale: str) -> str:
    if end is None:
        return time_short(start, locale)
    return format_interval(start, end, "Hm", locale=babel_locale(locale))


def language_name(locale: str) -> str:
    """The language's own name for itself, for locale switchers ("français")."""
    return babel_locale(locale).get_display_name(babel_locale(locale)) or locale
