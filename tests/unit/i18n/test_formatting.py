"""Formatting: dates, ranges and times in each locale's words; text direction."""

from __future__ import annotations

import datetime as dt

import pytest

from briefs.i18n.formatting import date_long, date_range, language_name, text_direction, time_range

START, END = dt.date(2021, 10, 19), dt.date(2021, 10, 20)


@pytest.mark.parametrize(("locale", "expected"), [
    ("fr", "19 octobre 2021"),
    ("es", "19 de octubre de 2021"),
    ("ru", "19 октября 2021\u202fг."),  # Babel uses narrow no-break spaces
    ("zh", "2021年10月19日"),
])
def test_long_dates(locale: str, expected: str) -> None:
    assert date_long(START, locale) == expected


def test_ranges_and_single_days() -> None:
    assert date_range(START, END, "es") == "19–20 de octubre de 2021"
    assert date_range(START, None, "fr") == "19 octobre 2021"
    assert date_range(START, START, "fr") == "19 octobre 2021"
    assert time_range(dt.time(9, 30), dt.time(13, 0), "fr") == "09:30\u2009–\u200913:00"


def test_direction_and_language_names() -> None:
    assert text_direction("ar") == "rtl" and text_direction("fr") == "ltr"
    assert language_name("fr") == "français"


@pytest.mark.parametrize(("locale", "expected"), [
    ("en_GB", "19\u2009–\u200920 October 2021"),
    ("fr", "19–20 octobre 2021"),
    ("es", "19–20 de octubre de 2021"),
    ("ru", "19—20 октября 2021\u202fг."),
    ("zh", "2021年10月19日\u2009–\u200920日"),
    ("ar", "19–20 أكتوبر 2021"),
])
def test_date_ranges_in_the_six_languages(locale: str, expected: str) -> None:
    assert date_range(START, END, locale) == expected


def test_range_across_months_spells_both() -> None:
    assert date_range(dt.date(2021, 10, 30), dt.date(2021, 11, 2), "fr") == \
        "30 octobre\u2009–\u20092 novembre 2021"
