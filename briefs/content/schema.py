"""Schema building blocks every kind shares: field types, images, links, dates, contacts."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from briefs.content.markdown import checked_markdown

LOCALE_PATTERN = r"^[a-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*$"
NAME_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
EMAIL_PATTERN = r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+$"
SHORT_TEXT_LIMIT = 300
MARKDOWN_LIMIT = 20_000



def known_locale(value: str) -> str:
    """A locale code Babel (CLDR) knows, so that dates, scripts and plurals can be looked up."""
    from babel import Locale as BabelLocale
    from babel.core import UnknownLocaleError

    try:
        BabelLocale.parse(value.replace("-", "_"))
    except (ValueError, UnknownLocaleError) as exc:
        raise ValueError(f'"{value}" is not a locale code briefs knows (CLDR has no data for '
                         "it); use a code such as fr, pt_BR, zh_Hant or sr-Latn") from exc
    return value


Locale = Annotated[str, Field(pattern=LOCALE_PATTERN), AfterValidator(known_locale)]
Slug = Annotated[str, Field(pattern=NAME_PATTERN, max_length=64)]
NonEmpty = Annotated[str, Field(min_length=1, max_length=MARKDOWN_LIMIT)]
ShortText = Annotated[str, Field(min_length=1, max_length=SHORT_TEXT_LIMIT)]
Markdown = Annotated[str, Field(min_length=1, max_length=MARKDOWN_LIMIT),
                     AfterValidator(checked_markdown)]
Email = Annotated[str, Field(pattern=EMAIL_PATTERN, max_length=254)]


class Strict(BaseModel):
    """Base for every schema: unknown keys are errors, text is trimmed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


def checked_url(value: str) -> str:
    """Only web and mail links: no `javascript:`, `file:` or other schemes."""
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", value) and not value.startswith(
        ("https://", "http://", "mailto:")
    ):
        raise ValueError("only https://, http:// and mailto: links are allowed")
    return value


class ImageRef(Strict):
    """An image file inside the document folder (or elsewhere in the workspace)."""

    src: ShortText
    alt: ShortText | None = None
    decorative: bool = False


class ImageText(Strict):
    """What a person reads about an image: alt text, caption, credit."""

    alt: ShortText | None = None
    caption: Markdown | None = None
    credit: ShortText | None = None


SOCIAL_PROFILES = {
    "x": "https://x.com/{}", "twitter": "https://x.com/{}",
    "instagram": "https://www.instagram.com/{}", "threads": "https://www.threads.net/@{}",
    "tiktok": "https://www.tiktok.com/@{}", "youtube": "https://www.youtube.com/@{}",
    "bluesky": "https://bsky.app/profile/{}", "github": "https://github.com/{}",
    "facebook": "https://www.facebook.com/{}",
}
"""Where an `@handle` on a network leads, when `url` does not say."""


class SocialHandle(Strict):
    network: ShortText
    handle: ShortText
    url: ShortText | None = None
    """The profile's address; without it, an `@handle` on a network in SOCIAL_PROFILES (or
    `@user@server` on Mastodon) is linked to its profile, and other handles stay plain text."""

    @field_validator("url")
    @classmethod
    def _web_only(cls, value: str | None) -> str | None:
        return checked_url(value) if value is not None else None

    def link(self) -> str | None:
        """The profile's address, or None when it cannot be known."""
        if self.url:
            return self.url
        mastodon = re.fullmatch(r"@([A-Za-z0-9_]{1,64})@([A-Za-z0-9.-]{1,200}\.[A-Za-z]{2,})",
                                self.handle)
        if mastodon and self.network.strip().lower() == "mastodon":
            return f"https://{mastodon.group(2)}/@{mastodon.group(1)}"
        name = re.fullmatch(r"@([A-Za-z0-9_.-]{1,100})", self.handle)
        pattern = SOCIAL_PROFILES.get(self.network.strip().lower())
        return pattern.format(name.group(1)) if name and pattern else None


class Website(Strict):
    url: ShortText
    social: list[SocialHandle] = Field(default_factory=list)

    @field_validator("url")
    @classmethod
    def _no_scheme_tricks(cls, value: str) -> str:
        return checked_url(value)


class DateRange(Strict):
    start: dt.date
    end: dt.date | None = None

    @model_validator(mode="after")
    def _ordered(self) -> DateRange:
        if self.end is not None and self.end < self.start:
            raise ValueError("end is before start")
        return self


class ContactBlock(Strict):
    """Who to contact: organisational unit, branch, division, e-mail, website."""

    unit: ShortText | None = None
    branch: ShortText | None = None
    division: ShortText | None = None
    email: ShortText | None = None
    website: ShortText | None = None

    @field_validator("website")
    @classmethod
    def _web_only(cls, value: str | None) -> str | None:
        return checked_url(value) if value is not None else None


class CommonSettings(Strict):
    """What every document.yaml may say, whatever its kind."""

    kind: str
    brand: Slug | None = None
    template: ShortText | None = None
    paper: Literal["A4", "letter"] = "A4"
    keywords: list[ShortText] = Field(default_factory=list)
    published: dt.date | None = None
    """Creation date written into the PDF (else SOURCE_DATE_EPOCH, else the last git commit)."""
    locales: list[Locale] | None = Field(default=None, min_length=1)
    """The languages this document is made in (default: every locale in briefs.yaml);
    `[en]` for a document that is only ever in English."""
