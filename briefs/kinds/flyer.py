"""The built-in one-page event flyer: header, photo, context, facts, registration, teasers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, field_validator, model_validator

from briefs.content.dates import DateSpan, PartialDate
from briefs.content.schema import (
    CommonSettings,
    ImageRef,
    ImageText,
    Markdown,
    ShortText,
    Strict,
    WebLink,
)
from briefs.kinds.fit_levers import parse_steps
from briefs.kinds.kind import Kind, PageRule

BUILTIN = Path(__file__).resolve().parent / "builtin"


FIXED: dict[str, Any] = {"translate": False}
"""A prose field translators leave as it is (a date, a flag)."""
TEASER_SUMMARY_LIMIT = 400


class EventTime(Strict):
    """When the event is: a day, a month or a year (`2023-06`), or a range of them
    (`2026-06-11/2026-06-12`); times only with a day."""

    date: DateSpan
    """The day (2026-06-11), month (2023-06) or year; or a range (2026-06-11/2026-06-12)."""
    start_time: dt.time | None = None
    """When it starts (only with a day)."""
    end_time: dt.time | None = None
    timezone: ShortText | None = None
    """Printed after the times: CEST, UTC+2."""

    @model_validator(mode="after")
    def _times_need_a_day(self) -> EventTime:
        if (self.start_time or self.end_time) and self.date.precision != "day":
            raise ValueError(f"date: {self.date} has no day, so it cannot have a start or end "
                             "time; give the day (YYYY-MM-DD) or leave the times out")
        return self


class Registration(Strict):
    url: ShortText
    """The registration page (https://...): printed, and as a QR code."""
    deadline: PartialDate | None = None
    """"Register by ..." (a day, or a month)."""

    @field_validator("url")
    @classmethod
    def _web_link(cls, value: str) -> str:
        if not value.startswith(("https://", "http://")):
            raise ValueError("registration url must start with https:// or http://")
        return value


class FlyerSettings(CommonSettings):
    """document.yaml of a one-page event flyer."""

    kind: Literal["flyer"]
    event: EventTime
    registration: Registration | None = None
    """Where to register (shown as text and as a QR code); leave out when there is none."""
    website: WebLink | None = None
    """The event's own website, printed at the foot (default: the brand's website, on the
    brand's own events only: none when `organiser` or `organiser_logo` says it is someone
    else's)."""
    organiser_logo: ImageRef | None = None
    """The logo of the organisation holding the event, when it is not the brand's."""
    image: ImageRef | None = None
    """The photo under the header (`src`; its alt text, caption and credit are prose)."""
    logos: list[ImageRef] = Field(default_factory=list, max_length=24)
    """Partners' logos at the foot (`src`, and `alt`: the organisation's name)."""
    max_pages: Literal[1] = 1
    """A flyer is one page; kept so that documents which say so stay valid."""


class Teaser(Strict):
    """Another event: its title, when (if known) and a summary."""

    title: ShortText
    """The other event's title."""
    date: DateSpan | None = Field(default=None, json_schema_extra=FIXED)
    summary: Annotated[str, Field(min_length=1, max_length=TEASER_SUMMARY_LIMIT)]
    """A few lines about it (400 characters at most)."""
    optional: bool = Field(default=False, json_schema_extra=FIXED)
    """May be left out when the flyer does not fit on its page otherwise."""


class FlyerImageText(ImageText):
    """The photo's alt text, caption and credit; `optional: true` lets copyfitting leave the
    photo out when nothing else makes the flyer fit."""

    optional: bool = Field(default=False, json_schema_extra=FIXED)


class FlyerText(Strict):
    """The prose of an event flyer in one language."""

    kicker: ShortText | None = None
    """A short label above the title: "Science-Policy Dialogue"."""
    title: ShortText
    """The event's title."""
    programme: ShortText | None = None
    """The programme or series it belongs to."""
    organiser: ShortText | None = None
    """Who holds the event, when it is not the brand ("Organised by ..." at the foot)."""
    place: ShortText | None = None
    """Where: venue and town, "online"; left out when not known yet."""
    context: Markdown
    """Why the event matters and who it is for (a few paragraphs)."""
    focus_areas: list[ShortText] = Field(default_factory=list)
    """The topics, one line each."""
    call_to_action: ShortText | None = None
    """The heading over the registration: "Register for the event"."""
    consent: list[ShortText] = Field(default_factory=list)
    """Lines with a box to tick (photos, side events)."""
    notes: Markdown | None = None
    """Small print under the columns."""
    more_events: list[Teaser] = Field(default_factory=list, max_length=4)
    """Up to four other events, each with a title, maybe a date, and a summary."""
    image: FlyerImageText = FlyerImageText()
    """The photo's alt text, caption and credit."""


KIND = Kind(
    name="flyer",
    description="A one-page event flyer: title, photo, context, focus areas, date and place, "
                "registration with a QR code, more events",
    settings_model=FlyerSettings,
    text_model=FlyerText,
    folder=BUILTIN / "flyer",
    title_field="title",
    pages=PageRule(fixed=1),
    cost=1.0,
    fit=parse_steps(["photo 80%", "body 8.5pt", "space 75%", "photo 60%", "leading 1.3",
                     "body 8pt", "leading 1.25", "space 50%", "body 7.5pt", "optional"]),
    optional_blocks="a teaser",
    optional_images=("image",),
)
