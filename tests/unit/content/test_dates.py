"""Partial dates: a year, a month or a day, and ranges of one precision; never completed."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from briefs.content.dates import DateSpan, PartialDate
from briefs.content.schema import DateRange
from briefs.kinds.flyer import EventTime, Teaser


@pytest.mark.parametrize(("text", "precision", "first", "last"), [
    ("2023", "year", dt.date(2023, 1, 1), dt.date(2023, 12, 31)),
    ("2023-06", "month", dt.date(2023, 6, 1), dt.date(2023, 6, 30)),
    ("2024-02", "month", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
    ("2023-06-19", "day", dt.date(2023, 6, 19), dt.date(2023, 6, 19)),
])
def test_each_precision_covers_its_days(text: str, precision: str, first: dt.date,
                                        last: dt.date) -> None:
    date = PartialDate.parse(text)
    assert (date.precision, date.first_day, date.last_day) == (precision, first, last)
    assert date.isoformat() == text  # kept as written: a month stays a month


@pytest.mark.parametrize(("text", "message"), [
    ("2023-13", "there is no month 13"),
    ("2023-02-30", "is not a day of the calendar"),
    ("19/06/2023", "not a date"),
    ("June 2023", "not a date"),
    ("0000", "out of range"),
])
def test_impossible_dates_say_how_to_write_one(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message) as caught:
        PartialDate.parse(text)
    assert "YYYY-MM" in str(caught.value)


def test_a_full_date_object_is_a_day() -> None:
    assert PartialDate.parse(dt.date(2026, 6, 11)).precision == "day"
    with pytest.raises(ValueError, match="without a time"):
        PartialDate.parse(dt.datetime(2026, 6, 11, 9, 30))


def test_ranges_are_of_one_precision_and_in_order() -> None:
    span = DateSpan.parse("2023-06/2023-07")
    assert span.precision == "month" and span.end == PartialDate(2023, 7)
    assert DateSpan.parse("2023-06-19/2023-06-19").end is None  # one day
    with pytest.raises(ValueError, match="mixes a year and a month"):
        DateSpan.parse("2023/2023-07")
    with pytest.raises(ValueError, match="ends before it starts"):
        DateSpan.parse("2023-07/2023-06")


def test_a_brief_may_give_only_a_month_and_its_range_is_checked() -> None:
    assert DateRange(start="2023-06").start.precision == "month"  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"start \(2023-06\) is a month and end"):
        DateRange(start="2023-06", end="2023-06-20")  # type: ignore[arg-type]


def test_times_need_a_day() -> None:
    assert EventTime(date="2026-06-11", start_time="09:30")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="has no day, so it cannot have a start"):
        EventTime(date="2023-06", start_time="09:30")  # type: ignore[arg-type]


def test_a_teaser_may_have_no_date() -> None:
    teaser = Teaser(title="First conference", summary="x" * 345)
    assert teaser.date is None and not teaser.optional
    with pytest.raises(ValidationError, match="at most 400"):
        Teaser(title="Too long", summary="x" * 401)
