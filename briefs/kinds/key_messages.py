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
from briefs.kinds.fit_levers import parse_steps
from briefs.kinds.kind import Kind, PageRule

BUILTIN = Path(__file__).resolve().parent / "builtin"


class KeyMessagesSettings(CommonSettings):
    """document.yaml of a key-messages brief: everything that is not prose."""

    kind: Literal["key-messages"]
    event: DateRange
    """When the event took place: `start` and maybe `end` (days, months or years)."""
    cover_image: ImageRef
    """The cover photo (`src`; its alt text, caption and credit are prose)."""
    websites: list[Website] = Field(default_factory=list)
    """Web addresses on the back cover, each with its social networks."""
    organiser_logos: list[ImageRef] = Field(default_factory=list)
    """Organisers' logos on the back cover (`src`, and `alt`: the name)."""
    partner_logos: list[ImageRef] = Field(default_factory=list)
    """Partners' logos on the back cover."""
    contact: Contacts | None = None
    """One contact block, or a list of them; merged item by item with the prose's."""
    max_pages: Annotated[int, Field(ge=1, le=200)] | None = None
    """The most pages the brief may have (copyfitting tries first, then the build fails)."""


FIXED: dict[str, Any] = {"translate": False}


class KeyMessage(Strict):
    title: ShortText | None = None
    """A short title over the message (optional)."""
    text: Markdown
    """The message: one paragraph or a few, with footnotes where a source is named."""
    optional: bool = Field(default=False, json_schema_extra=FIXED)
    """May be left out when the brief does not fit its page limit otherwise."""


class PullQuote(Strict):
    text: Markdown
    attribution: ShortText | None = None
    optional: bool = Field(default=False, json_schema_extra=FIXED)


class KeyMessagesText(Strict):
    """The prose of a key-messages brief in one language."""

    title: ShortText
    """The brief's title on the cover: "Key messages", "IFURL2 key messages"."""
    event_name: ShortText
    """The event's full name, on the cover."""
    short_name: Annotated[str, Field(min_length=1, max_length=40)] | None = None
    """The event's short name or acronym ("IFURL2"), used in the running header."""
    theme: ShortText | None = None
    """The theme line under the event's name."""
    place: ShortText | None = None
    """Where it took place."""
    organisers: list[ShortText] = Field(default_factory=list)
    """The organisers' names, at the foot of the cover (any number)."""
    introduction: Markdown
    """The introduction; its first paragraph is set larger."""
    cover_image: ImageText = ImageText()
    """The cover photo's alt text, caption and credit (the brand sets how credits print)."""
    messages: list[KeyMessage] = Field(min_length=1)
    """The key messages, numbered in order."""
    pull_quote: PullQuote | None = None
    """A sentence set large halfway through the messages."""
    slogan: ShortText | None = None
    """On the back cover (default: the brand's slogan)."""
    contact: Contacts | None = None
    """Contact blocks (unit, branch, division...), one or a list; merged with document.yaml's."""


KIND = Kind(
    name="key-messages",
    description="A brief of several pages: cover, introduction, numbered key messages with "
                "footnotes, back cover with contacts and logos",
    settings_model=KeyMessagesSettings,
    text_model=KeyMessagesText,
    folder=BUILTIN / "key-messages",
    title_field="event_name",
    pages=PageRule(setting="max_pages"),
    cost=1.3,
    fit=parse_steps(["space 80%", "leading 1.38", "body 9.5pt", "space 60%", "leading 1.32",
                     "body 9pt", "optional"]),
    optional_blocks="a message or the pull quote",
)
