"""The built-in key-messages brief: cover, introduction, numbered messages, back cover."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field

from briefs.content.schema import (
    CommonSettings,
    ContactBlock,
    DateRange,
    ImageRef,
    ImageText,
    Markdown,
    ShortText,
    Strict,
    Website,
)
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
    contact: ContactBlock | None = None
    max_pages: Annotated[int, Field(ge=1, le=200)] | None = None


class KeyMessage(Strict):
    title: ShortText | None = None
    text: Markdown


class PullQuote(Strict):
    text: Markdown
    attribution: ShortText | None = None


class KeyMessagesText(Strict):
    """The prose of a key-messages brief in one language."""

    title: ShortText
    event_name: ShortText
    theme: ShortText
    place: ShortText
    organisers: list[ShortText] = Field(default_factory=list)
    introduction: Markdown
    cover_image: ImageText = ImageText()
    messages: list[KeyMessage] = Field(min_length=1)
    pull_quote: PullQuote | None = None
    slogan: ShortText | None = None
    contact: ContactBlock | None = None


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
)
