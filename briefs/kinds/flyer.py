"""The built-in one-page event flyer: header, photo, context, facts, registration, teasers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator

from briefs.content.schema import (
    CommonSettings,
    ImageRef,
    ImageText,
    Markdown,
    ShortText,
    Strict,
)
from briefs.kinds.kind import Kind, PageRule

BUILTIN = Path(__file__).resolve().parent / "builtin"


class EventTime(Strict):
    date: dt.date
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    timezone: ShortText | None = None


class Registration(Strict):
    url: ShortText
    deadline: dt.date | None = None

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
    registration: Registration
    image: ImageRef | None = None
    logos: list[ImageRef] = Field(default_factory=list)
    max_pages: Literal[1] = 1
    """A flyer is one page; kept so that documents which say so stay valid."""


class Teaser(Strict):
    title: ShortText
    date: dt.date = Field(json_schema_extra={"translate": False})
    summary: ShortText


class FlyerText(Strict):
    """The prose of an event flyer in one language."""

    kicker: ShortText
    title: ShortText
    programme: ShortText
    place: ShortText
    context: Markdown
    focus_areas: list[ShortText] = Field(default_factory=list)
    call_to_action: ShortText
    consent: list[ShortText] = Field(default_factory=list)
    notes: Markdown | None = None
    more_events: list[Teaser] = Field(default_factory=list, max_length=4)
    image: ImageText = ImageText()


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
)
