"""Digits and calendars per locale: CLDR's default, the workspace's choice, one rule for all."""

from __future__ import annotations

import datetime as dt

import pytest

from briefs.i18n.numbering import LocaleFormat, numbering_system

JUNE_11 = dt.date(2026, 6, 11)


@pytest.mark.parametrize(("locale", "choice", "system"), [
    ("fa", None, "arabext"),     # CLDR: Persian prints Extended Arabic-Indic digits
    ("ar", None, "latn"),        # CLDR: Arabic prints Latin digits by default
    ("ar", "native", "arab"),
    ("hi", None, "latn"),
    ("hi", "native", "deva"),
    ("th", "native", "thai"),
    ("fa", "latin", "latn"),
    ("en", "native", "latn"),    # no native digits: Latin
    ("ar", "deva", "deva"),
])
def test_numbering_system(locale: str, choice: str | None, system: str) -> None:
    assert numbering_system(locale, choice) == system


def test_digits_apply_to_dates_times_and_numbers() -> None:
    fmt = LocaleFormat.of("ar", digits="native")
    assert fmt.date_long(JUNE_11) == "١١ يونيو ٢٠٢٦"
    assert fmt.time_range(dt.time(9, 30), dt.time(13, 0)) == "٠٩:٣٠–١٣:٠٠"
    assert fmt.digits(12) == "١٢"
    assert fmt.counter_style == "arabic-indic"
    assert LocaleFormat.of("ar").digits(12) == "12"
    assert LocaleFormat.of("ar").counter_style == "decimal"


def test_persian_solar_hijri_calendar() -> None:
    fmt = LocaleFormat.of("fa", calendar="persian")
    assert fmt.counter_style == "persian"
    assert fmt.date_long(JUNE_11) == "۲۱ خرداد ۱۴۰۵"
    assert fmt.date_full(JUNE_11).endswith("۲۱ خرداد ۱۴۰۵")
    assert fmt.date_range(JUNE_11, dt.date(2026, 6, 12)) == "۲۱–۲۲ خرداد ۱۴۰۵"
    assert fmt.date_range(JUNE_11, dt.date(2026, 7, 2)) == "۲۱ خرداد – ۱۱ تیر ۱۴۰۵"
    gregorian = LocaleFormat.of("fa")
    assert gregorian.date_long(JUNE_11) == "۱۱ ژوئن ۲۰۲۶"


def test_buddhist_era() -> None:
    fmt = LocaleFormat.of("th", digits="native", calendar="buddhist")
    assert fmt.date_long(JUNE_11) == "๑๑ มิถุนายน พ.ศ. ๒๕๖๙"
    assert fmt.date_range(JUNE_11, dt.date(2026, 6, 12)) == "๑๑–๑๒ มิถุนายน พ.ศ. ๒๕๖๙"
    latin = LocaleFormat.of("th", calendar="buddhist")
    assert latin.date_full(JUNE_11) == "วันพฤหัสบดีที่ 11 มิถุนายน พ.ศ. 2569"
    assert "2569" in latin.date_range(dt.date(2026, 12, 30), dt.date(2027, 1, 2))


def test_formatting_locale_is_kept() -> None:
    assert LocaleFormat.of("en", "en_GB").date_long(JUNE_11) == "11 June 2026"


def test_numbers_from_data_follow_the_locale() -> None:
    """Data files write 1647.5; each output writes it its locale's way (never a translator's
    job): group and decimal separators, digits, a true minus; years in the locale's era."""
    from decimal import Decimal

    from briefs.i18n.numbering import LocaleFormat

    value = Decimal("1647.5")
    assert LocaleFormat.of("en").decimal(value, 1) == "1,647.5"
    assert LocaleFormat.of("fr").decimal(value, 2) == "1\u202f647,50"
    assert LocaleFormat.of("es").decimal(Decimal("14.8"), 1) == "14,8"
    assert LocaleFormat.of("ru").decimal(value, 1) == "1\xa0647,5"
    assert LocaleFormat.of("ar", digits="native").decimal(value, 1) == "١٬٦٤٧٫٥"
    assert LocaleFormat.of("fa").decimal(Decimal("-2"), 0) == "\u2212۲"
    assert LocaleFormat.of("en").decimal(Decimal("3.0"), 2, trim=True) == "3"
    assert LocaleFormat.of("th", calendar="buddhist").year(2022) == "2565"
    assert LocaleFormat.of("ar", digits="native").year(2022) == "٢٠٢٢"


def test_english_dates_are_international_by_default() -> None:
    """README and docs/fields.md promise "19–20 October 2021" for a bare `en`; a workspace
    may still ask for US dates with `formats: {en: en_US}`."""
    import datetime as dt

    from briefs.i18n.numbering import LocaleFormat

    start, end = dt.date(2021, 10, 19), dt.date(2021, 10, 20)
    def plain(text: str) -> str:
        return text.replace("\u2009", "")  # CLDR's thin spaces around the dash

    assert plain(LocaleFormat.of("en").date_range(start, end)) == "19–20 October 2021"
    assert plain(LocaleFormat.of("en", "en_US").date_range(start, end)) == "October 19–20, 2021"


# Dates in each locale's words, as the templates print them (moved from test_formatting.py
# when i18n/formatting.py was folded into numbering.py and scripts.py).
START, END = dt.date(2021, 10, 19), dt.date(2021, 10, 20)


@pytest.mark.parametrize(("locale", "expected"), [
    ("fr", "19 octobre 2021"),
    ("es", "19 de octubre de 2021"),
    ("ru", "19 октября 2021\u202fг."),  # Babel uses narrow no-break spaces
    ("zh", "2021年10月19日"),
])
def test_long_dates(locale: str, expected: str) -> None:
    assert LocaleFormat.of(locale).date_long(START) == expected


def test_ranges_and_single_days() -> None:
    assert LocaleFormat.of("es").date_range(START, END) == "19–20 de octubre de 2021"
    assert LocaleFormat.of("fr").date_range(START, None) == "19 octobre 2021"
    assert LocaleFormat.of("fr").date_range(START, START) == "19 octobre 2021"
    assert LocaleFormat.of("fr").time_range(dt.time(9, 30), dt.time(13, 0)) == \
        "09:30\u2009–\u200913:00"


@pytest.mark.parametrize(("locale", "expected"), [
    ("en_GB", "19\u2009–\u200920 October 2021"),
    ("fr", "19–20 octobre 2021"),
    ("es", "19–20 de octubre de 2021"),
    ("ru", "19—20 октября 2021\u202fг."),
    ("zh", "2021年10月19日\u2009–\u200920日"),
    ("ar", "19–20 أكتوبر 2021"),
])
def test_date_ranges_in_the_six_languages(locale: str, expected: str) -> None:
    assert LocaleFormat.of(locale).date_range(START, END) == expected


def test_range_across_months_spells_both() -> None:
    assert LocaleFormat.of("fr").date_range(dt.date(2021, 10, 30), dt.date(2021, 11, 2)) == \
        "30 octobre\u2009–\u20092 novembre 2021"
