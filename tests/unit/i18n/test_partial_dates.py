"""Dates known to the month or the year, and ranges of them, in six languages and three
calendars: as CLDR writes them, never with an invented day or weekday."""

from __future__ import annotations

import pytest

from briefs.content.dates import DateSpan, PartialDate
from briefs.i18n.numbering import LocaleFormat

JUNE = PartialDate(2023, 6)
THIN = str.maketrans({"\u2009": " ", "\u202f": " ", "\xa0": " "})
"""CLDR sets thin and no-break spaces around some dashes; expectations use plain ones."""
YEAR = PartialDate(2023)


@pytest.mark.parametrize(("locale", "options", "month", "year", "months", "years"), [
    ("en", {"format_locale": "en_GB"}, "June 2023", "2023", "June – July 2023", "2021 – 2023"),
    ("fr", {}, "juin 2023", "2023", "juin – juillet 2023", "2021–2023"),
    ("es", {}, "junio de 2023", "2023", "junio–julio de 2023", "2021–2023"),
    ("ru", {}, "июнь 2023 г.", "2023", "июнь — июль 2023 г.", "2021—2023"),
    ("zh", {}, "2023年6月", "2023年", "2023年6月 – 7月", "2021–2023年"),
    ("ar", {"digits": "native"}, "يونيو ٢٠٢٣", "٢٠٢٣", "يونيو – يوليو ٢٠٢٣", "٢٠٢١–٢٠٢٣"),
])
def test_months_years_and_their_ranges_per_locale(locale: str, options: dict[str, str],
                                                  month: str, year: str, months: str,
                                                  years: str) -> None:
    fmt = LocaleFormat.of(locale, **options)
    assert fmt.date_long(JUNE).translate(THIN) == month
    assert fmt.date_long(YEAR) == year
    assert fmt.date_long(DateSpan.parse("2023-06/2023-07")).translate(THIN) == months
    assert fmt.date_range(PartialDate(2021), YEAR).translate(THIN) == years
    assert fmt.date_full(JUNE).translate(THIN) == month  # no weekday for a month


def test_a_day_keeps_its_weekday_and_a_span_of_days_is_a_range() -> None:
    fmt = LocaleFormat.of("en", "en_GB")
    assert fmt.date_full(DateSpan.parse("2026-06-11")) == "Thursday, 11 June 2026"
    assert fmt.date_long(DateSpan.parse("2026-06-11/2026-06-12")).translate(THIN) == \
        "11 – 12 June 2026"
    assert fmt.date_long(DateSpan.parse("2023-11/2024-02")).translate(THIN) == \
        "November 2023 – February 2024"


def test_a_gregorian_month_in_the_solar_hijri_calendar_is_the_months_it_overlaps() -> None:
    fmt = LocaleFormat.of("fa", calendar="persian")
    assert fmt.date_long(JUNE) == "خرداد–تیر ۱۴۰۲"     # 1 June = 11 Khordad, 30 June = 9 Tir
    assert fmt.date_long(YEAR) == "۱۴۰۱–۱۴۰۲"
    assert fmt.date_full(JUNE) == "خرداد–تیر ۱۴۰۲"


def test_the_buddhist_era_changes_only_the_year() -> None:
    fmt = LocaleFormat.of("th", digits="native", calendar="buddhist")
    assert fmt.date_long(JUNE) == "มิถุนายน พ.ศ. ๒๕๖๖"
    assert fmt.date_long(YEAR) == "พ.ศ. ๒๕๖๖"
    assert fmt.date_long(DateSpan.parse("2023-06/2023-07")) == "มิถุนายน – กรกฎาคม พ.ศ. ๒๕๖๖"
