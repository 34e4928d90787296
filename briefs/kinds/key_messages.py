"""The built-in key-messages brief: cover, introduction, numbered messages, back cover."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field

from briefs.content.schema import (
    CommonSettings,
    Contacts,
    DateRange,
    ImageRef,
    ImageText,
    Markdown,
    ShortText,
    Strict,
    Website,
)
from briefs.kinds.fit import parse_steps
from briefs.kinds.kind import Kind, PageRule

BUILTIN = Path(__file__).resolve().parent / "builtin"


class KeyMessagesSettings(CommonSettings):
    """document.yaml of a key-messages brief: everything that is not prose."""

    kind: Literal["key-messages"]
    event: DateRange
    cover_image: ImageRef
    websites: list[Website] = Field(default_factory=list)
    organiser_logos: list[ImageRef] = Field(default_factory=list)
    partner_logos: list[ImageRef] = Field(default_factory=list)
    contact: Contacts | None = None
    """One contact block, or a list of them; merged item by item with the prose's."""
    max_pages: Annotated[int, Field(ge=1, le=200)] | None = None


FIXED: dict[str, Any] = {"translate": False}


class KeyMessage(Strict):
    title: ShortText | None = None
    text: Markdown
    optional: bool = Field(default=False, json_schema_extra=FIXED)
    """May be left out when the brief does not fit its page limit otherwise."""


class PullQuote(Strict):
    text: Markdown
    attribution: ShortText | None = None
    optional: bool = Field(default=False, json_schema_extra=FIXED)


class KeyMessagesText(Strict):
    """The prose of a key-messages brief in one language."""

    title: ShortText
    event_name: ShortText
    short_name: Annotated[str, Field(min_length=1, max_length=40)] | None = None
    """The event's short name or acronym ("IFURL2"), used in the running header."""
    theme: ShortText | None = None
    place: ShortText | None = None
    organisers: list[ShortText] = Field(default_factory=list)
    introduction: Markdown
    cover_image: ImageText = ImageText()
    messages: list[KeyMessage] = Field(min_length=1)
    pull_quote: PullQuote | None = None
    slogan: ShortText | None = None
    contact: Contacts | None = None


KIND = Kind(
    name="key-messages",
    description="A brief of several pages: cover, introduction, numbered key messages with "
                "footnotes, back cover with contacts and logos",
    settings_model=KeyMessagesSettings,
    text_model=KeyMessagesText,
    folder=BUILTIN / "key-messages",
    title_field="event_name",
    pages=PageRule(setting="max_pages"),
    cost=4.0,
    fit=parse_steps(["space 80%", "leading 1.38", "body 9.5pt", "space 60%", "leading 1.32",
                     "body 9pt", "optional"]),
    optional_blocks="a message or the pull quote",
)
