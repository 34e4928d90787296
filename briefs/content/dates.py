"""Dates as precise as the facts: a year, a month or a day, alone or as a range."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import GetCoreSchemaHandler
from pydantic_core import core_schema

Precision = Literal["year", "month", "day"]
DATE_TEXT = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
HOW_TO_WRITE = ("write YYYY (2023), YYYY-MM (2023-06) or YYYY-MM-DD (2023-06-19); a range as "
                "two of the same precision with a slash between them (2023-06-19/2023-06-20)")


class _WrittenAsText:
    """A value YAML gives as text: pydantic reads it with `parse`, writes it `isoformat()`."""

    def isoformat(self) -> str:
        raise NotImplementedError

    def __str__(self) -> str:
        return self.isoformat()

    @classmethod
    def parse(cls, value: object) -> Any:
        raise NotImplementedError

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any,
                                     handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls.parse, json_schema_input_schema=core_schema.str_schema(),
            serialization=core_schema.plain_serializer_function_ser_schema(
                lambda value: value.isoformat()))


@dataclass(frozen=True)
class PartialDate(_WrittenAsText):
    """A date known to the year, the month or the day: `2023`, `2023-06`, `2023-06-19`.

    It is never completed: a month stays a month ("June 2023"), so that no day or weekday is
    printed that the content did not give.
    """

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        """From `YYYY`, `YYYY-MM`, `YYYY-MM-DD` text, a date, or a whole number (a year)."""
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.datetime):
            raise ValueError(f"a date without a time is expected; {HOW_TO_WRITE}")
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        text = str(value).strip() if isinstance(value, str | int) else ""
        found = DATE_TEXT.match(text)
        if found is None:
            raise ValueError(f"not a date; {HOW_TO_WRITE}")
        year, month, day = (int(part) if part else None for part in found.groups())
        assert year is not None
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"there is no month {month:02d}; {HOW_TO_WRITE}")
        if day is not None and month is not None and not \
                1 <= day <= calendar.monthrange(year, month)[1]:
            raise ValueError(f"{text} is not a day of the calendar; {HOW_TO_WRITE}")
        if year < 1:
            raise ValueError(f"year {year} is out of range; {HOW_TO_WRITE}")
        return cls(year, month, day)

    @property
    def precision(self) -> Precision:
        return "day" if self.day is not None else "month" if self.month is not None else "year"

    @property
    def first_day(self) -> dt.date:
        """The first day the date covers (1 June for June): for ordering, never for printing."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        """The last day the date covers (30 June for June)."""
        month = self.month or 12
        return dt.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def isoformat(self) -> str:
        """`2023`, `2023-06` or `2023-06-19`: also a valid HTML `datetime` value."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text


@dataclass(frozen=True)
class DateSpan(_WrittenAsText):
    """One partial date, or a range of two of the same precision (`2023-06/2023-07`)."""

    start: PartialDate
    end: PartialDate | None = None

    @classmethod
    def parse(cls, value: object) -> DateSpan:
        if isinstance(value, DateSpan):
            return value
        if isinstance(value, str) and "/" in value:
            first, _, second = value.partition("/")
            return cls.of(PartialDate.parse(first), PartialDate.parse(second))
        return cls(PartialDate.parse(value))

    @classmethod
    def of(cls, start: PartialDate, end: PartialDate | None) -> DateSpan:
        """A range, checked: both ends of one precision, the end not before the start."""
        if end is None or end == start:
            return cls(start)
        if end.precision != start.precision:
            raise ValueError(f"the range {start}/{end} mixes a {start.precision} and a "
                             f"{end.precision}; give both ends to the {start.precision}")
        if end.first_day < start.first_day:
            raise ValueError(f"the range {start}/{end} ends before it starts")
        return cls(start, end)

    @property
    def precision(self) -> Precision:
        return self.start.precision

    def isoformat(self) -> str:
        return self.start.isoformat() + (f"/{self.end.isoformat()}" if self.end else "")
