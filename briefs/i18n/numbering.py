"""One rule per locale for digits and calendars, applied to every number and date it prints.

Digits follow CLDR's default numbering system for the locale (Persian: Extended Arabic-Indic,
Arabic and Hindi: Latin), or `digits:` in `briefs.yaml` (`native`, `latin`, or a numbering
system such as `arab`). `calendars:` picks the Solar Hijri calendar (`persian`) or the
Buddhist era (`buddhist`) for a locale. Dates, times, page and message numbers and footnote
marks all go through the same `LocaleFormat`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from babel import Locale
from babel.dates import format_date, format_interval, format_time, tokenize_pattern
from babel.numbers import UnsupportedNumberingSystemError, format_decimal

from briefs.content.dates import DateSpan, PartialDate
from briefs.i18n.scripts import babel_locale

DateLike = dt.date | PartialDate | DateSpan
"""What the date filters take: a day, a date known to the month or year, or a range."""

Calendar = Literal["gregorian", "persian", "buddhist"]
CALENDARS: tuple[str, ...] = ("gregorian", "persian", "buddhist")

DIGIT_ZERO = {
    "latn": "0", "arab": "\u0660", "arabext": "\u06f0", "deva": "\u0966", "beng": "\u09e6",
    "guru": "\u0a66", "gujr": "\u0ae6", "orya": "\u0b66", "taml": "\u0be6", "telu": "\u0c66",
    "knda": "\u0ce6", "mlym": "\u0d66", "thai": "\u0e50", "laoo": "\u0ed0", "tibt": "\u0f20",
    "mymr": "\u1040", "khmr": "\u17e0", "mong": "\u1810",
}
"""Numbering systems whose digits are ten consecutive code points, by their zero."""
COUNTER_STYLES = {
    "latn": "decimal", "arab": "arabic-indic", "arabext": "persian", "deva": "devanagari",
    "beng": "bengali", "guru": "gurmukhi", "gujr": "gujarati", "orya": "oriya",
    "taml": "tamil", "telu": "telugu", "knda": "kannada", "mlym": "malayalam", "thai": "thai",
    "laoo": "lao", "tibt": "tibetan", "mymr": "myanmar", "khmr": "khmer", "mong": "mongolian",
}
"""The CSS counter style (predefined in CSS Counter Styles 3) writing each system's digits."""
DEFAULT_CONVENTIONS = {"en": "en_GB"}
"""Bare `en` writes dates as international English does ("19–20 October 2021"), as the
README and docs/fields.md promise; `formats: {en: en_US}` in briefs.yaml for US dates."""
BUDDHIST_ERA = {"th": "พ.ศ."}
BUDDHIST_OFFSET = 543
ASCII_DIGITS = re.compile(r"[0-9]")
FULL_MONTH = re.compile(r"(?<![ML])([ML])\1\1(?![ML])")
PARTIAL_SKELETONS = {"year": "y", "month": "yMMMM"}
"""How a date known only to the year or the month is written (CLDR skeletons)."""


def numbering_system(locale: str, choice: str | None = None) -> str:
    """The numbering system a locale prints with: CLDR's default, or `choice` from
    briefs.yaml (`native`, `latin`/`latn`, or a system name)."""
    parsed = babel_locale(locale)
    if choice in (None, "default"):
        system = str(getattr(parsed, "default_numbering_system", "latn") or "latn")
    elif choice == "native":
        system = str(parsed.other_numbering_systems.get("native", "latn"))
    elif choice == "latin":
        system = "latn"
    else:
        system = str(choice)
    return system if system in DIGIT_ZERO else "latn"


@dataclass(frozen=True)
class LocaleFormat:
    """How one locale writes numbers and dates: its formatting locale, digits and calendar."""

    locale: str
    """The locale whose conventions format dates (a workspace may format `en` as `en_GB`)."""
    numbering: str = "latn"
    calendar: Calendar = "gregorian"

    @classmethod
    def of(cls, locale: str, format_locale: str | None = None, digits: str | None = None,
           calendar: str | None = None) -> LocaleFormat:
        chosen: Calendar = calendar if calendar in CALENDARS else "gregorian"  # type: ignore[assignment]
        conventions = format_locale or DEFAULT_CONVENTIONS.get(locale, locale)
        return cls(conventions, numbering_system(locale, digits), chosen)

    @property
    def counter_style(self) -> str:
        """The CSS counter style for page numbers and footnote marks in this locale."""
        return COUNTER_STYLES.get(self.numbering, "decimal")

    def digits(self, text: object) -> str:
        """`text` with its ASCII digits written in the locale's digits."""
        value = str(text)
        zero = DIGIT_ZERO.get(self.numbering, "0")
        if zero == "0":
            return value
        return ASCII_DIGITS.sub(lambda m: chr(ord(zero) + int(m.group())), value)

    def number(self, value: int) -> str:
        return self.digits(value)

    def decimal(self, value: Decimal, decimals: int = 0, trim: bool = False) -> str:
        """A number from data (1647.5) as the locale writes it: its group and decimal
        separators and digits (1 647,5; ١٬٦٤٧٫٥), with `decimals` places (fewer with
        `trim`, for axis ticks)."""
        places = ("." + ("#" if trim else "0") * decimals) if decimals else ""
        pattern = "#,##0" + places
        try:
            text = format_decimal(value, format=pattern, locale=self._babel,
                                  numbering_system=self.numbering)
        except (UnsupportedNumberingSystemError, KeyError):
            text = format_decimal(value, format=pattern, locale=self._babel)
        return self.digits(text.replace("-", "\u2212"))

    def year(self, year: int) -> str:
        """A year on its own (a chart's axis, a table's column): in the Buddhist era where
        the locale's calendar says so, never grouped (2022, not 2,022)."""
        if self.calendar == "buddhist":
            year += BUDDHIST_OFFSET
        return self.digits(year)

    def date_long(self, value: DateLike) -> str:
        """19 October 2021; June 2023 or 2023 for a date known only to the month or year; a
        range for a span (2023-06/2023-07)."""
        if isinstance(value, DateSpan):
            return self.date_range(value.start, value.end)
        day = _day(value)
        if day is None:
            assert isinstance(value, PartialDate)
            return self._partial(value, value)
        if self.calendar == "persian":
            return self.digits(_persian(day, self.locale, "%d %B %Y"))
        return self.digits(_format(day, self._pattern("long"), self))

    def date_full(self, value: DateLike) -> str:
        """Tuesday, 19 October 2021; a date without a day is written as `date_long` writes
        it (no weekday is invented)."""
        if isinstance(value, DateSpan) and value.end is None:
            value = value.start
        day = _day(value) if not isinstance(value, DateSpan) else None
        if day is None:
            return self.date_long(value)
        if self.calendar == "persian":
            return self.digits(_persian(day, self.locale, "%A %d %B %Y"))
        return self.digits(_format(day, self._pattern("full"), self))

    def date_range(self, start: DateLike, end: DateLike | None) -> str:
        if isinstance(start, DateSpan):
            span = start
            start, end = span.start, span.end if end is None else end
        if end is None or end == start:
            return self.date_long(start)
        first, last = _day(start), _day(end)
        if first is None or last is None:
            return self._partial(PartialDate.parse(start), PartialDate.parse(end))
        if self.calendar == "persian":
            return self.digits(_persian_range(first, last, self.locale))
        if self.calendar == "buddhist":
            return self.digits(
                _format(first, self._pattern("long"), self) + " – "
                + _format(last, self._pattern("long"), self)
                if first.year != last.year else
                _buddhist_year(_cldr_range(first, last, self.locale), first, self))
        return self.digits(_cldr_range(first, last, self.locale))

    def _partial(self, start: PartialDate, end: PartialDate) -> str:
        """A month or a year (or a range of them), never completed to a day."""
        precision = start.precision
        if self.calendar == "persian":
            return self.digits(_persian_months(start.first_day, end.last_day, self.locale,
                                               precision))
        if start == end or (self.calendar == "buddhist" and start.year != end.year):
            pattern = _partial_pattern(self.locale, precision)
            return self.digits(" – ".join(dict.fromkeys(
                _format(side.first_day, pattern, self) for side in (start, end))))
        text = _partial_range(start.first_day, end.first_day, precision, self.locale)
        if self.calendar == "buddhist":
            text = _buddhist_year(text, start.first_day, self)
        return self.digits(text)

    def time_short(self, value: dt.time) -> str:
        return self.digits(format_time(value, "short", locale=self._babel))

    def time_range(self, start: dt.time, end: dt.time | None) -> str:
        if end is None:
            return self.time_short(start)
        return self.digits(format_interval(start, end, "Hm", locale=self._babel))

    @property
    def _babel(self) -> Locale:
        return babel_locale(self.locale)

    def _pattern(self, width: str) -> str:
        return str(self._babel.date_formats[width].pattern)


def _day(value: DateLike) -> dt.date | None:
    """The day a value names, or None when it names a month, a year or a range."""
    if isinstance(value, PartialDate):
        return value.first_day if value.precision == "day" else None
    return value if isinstance(value, dt.date) else None


def _format(value: dt.date, pattern: str, fmt: LocaleFormat) -> str:
    if fmt.calendar == "buddhist":
        pattern = _buddhist_pattern(pattern, value, fmt.locale)
    return format_date(value, pattern, locale=babel_locale(fmt.locale))


def _buddhist_pattern(pattern: str, value: dt.date, locale: str) -> str:
    """A Gregorian pattern with the era and year of the Buddhist calendar (same months)."""
    era = BUDDHIST_ERA.get(locale.split("_")[0].split("-")[0], "BE")
    year = value.year + BUDDHIST_OFFSET
    parts: list[str] = []
    has_era = False
    for kind, token in tokenize_pattern(pattern):
        if kind != "field":
            chars = str(token)
            parts.append("'" + chars.replace("'", "''") + "'" if chars.strip() else chars)
            continue
        letter, width = str(token[0]), int(token[1])
        if letter == "G":
            parts.append(f"'{era}'")
            has_era = True
        else:
            parts.append(f"'{year}'" if letter in "yY" else letter * width)
    text = "".join(parts)
    return text if has_era else text.replace(f"'{year}'", f"'{era} {year}'")


def _buddhist_year(text: str, value: dt.date, fmt: LocaleFormat) -> str:
    """A Gregorian range made by Babel, with its year and era in the Buddhist calendar."""
    era = BUDDHIST_ERA.get(fmt.locale.split("_")[0].split("-")[0], "BE")
    gregorian_era = babel_locale(fmt.locale).eras["abbreviated"][1]
    text = text.replace(gregorian_era, era)
    year = str(value.year + BUDDHIST_OFFSET)
    replaced = text.replace(str(value.year), year)
    return replaced if era in replaced else replaced.replace(year, f"{era} {year}")


def _persian(value: dt.date, locale: str, pattern: str) -> str:
    import jdatetime

    language = "fa_IR" if locale.split("_")[0].split("-")[0] == "fa" else "en_US"
    return str(jdatetime.date.fromgregorian(date=value, locale=language).strftime(pattern))


def _persian_range(start: dt.date, end: dt.date, locale: str) -> str:
    """۱۹–۲۰ خرداد ۱۴۰۵; months or years spelled out on both sides when they differ."""
    import jdatetime

    first, last = (jdatetime.date.fromgregorian(date=d) for d in (start, end))
    if first.year != last.year:
        return f"{_persian(start, locale, '%d %B %Y')} – {_persian(end, locale, '%d %B %Y')}"
    if first.month != last.month:
        return f"{_persian(start, locale, '%d %B')} – {_persian(end, locale, '%d %B %Y')}"
    return f"{_persian(start, locale, '%d')}–{_persian(end, locale, '%d %B %Y')}"


def _persian_months(first: dt.date, last: dt.date, locale: str, precision: str) -> str:
    """The Solar Hijri months (or years) a Gregorian month or year overlaps: June 2023 is
    خرداد–تیر ۱۴۰۲, since the two calendars' months do not line up."""
    import jdatetime

    start, end = (jdatetime.date.fromgregorian(date=d) for d in (first, last))
    if precision == "year":
        return _persian(first, locale, "%Y") + ("" if start.year == end.year
                                               else "–" + _persian(last, locale, "%Y"))
    if start.year != end.year:
        return f"{_persian(first, locale, '%B %Y')} – {_persian(last, locale, '%B %Y')}"
    if start.month != end.month:
        return f"{_persian(first, locale, '%B')}–{_persian(last, locale, '%B %Y')}"
    return _persian(first, locale, "%B %Y")


def _cldr_long(value: dt.date, locale: str) -> str:
    """19 October 2021, in the locale's words and order."""
    return format_date(value, "long", locale=babel_locale(locale))


def _cldr_range(start: dt.date, end: dt.date | None, locale: str) -> str:
    """19–20 October 2021; a single date when there is no end or it equals the start.

    CLDR has no full-month interval pattern for most locales (Babel then abbreviates the month),
    so the abbreviated pattern is widened to full month names wherever the locale's own long
    date format spells months out ("octobre"), and kept where it is numeric (zh "10月").
    """
    if end is None or end == start:
        return _cldr_long(start, locale)
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


def _partial_pattern(locale: str, precision: str) -> str:
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


def _partial_range(start: dt.date, end: dt.date, precision: str, locale: str) -> str:
    """June–July 2023, 2021–2023: a range of months or years, in the locale's words."""
    if precision == "day":
        return _cldr_range(start, end, locale)
    skeleton = PARTIAL_SKELETONS[precision]
    if (start.year, start.month if precision == "month" else 0) == \
            (end.year, end.month if precision == "month" else 0):
        return format_date(start, _partial_pattern(locale, precision), locale=babel_locale(locale))
    return format_interval(start, end, skeleton, locale=babel_locale(locale))
