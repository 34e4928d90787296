"""Schema building blocks every kind shares: field types, images, links, dates, contacts."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from briefs.content.dates import PartialDate
from briefs.content.locale_codes import LOCALE_PATTERN, locale_problem
from briefs.content.markdown import checked_markdown
from briefs.content.wording import describe_pattern

NAME_PATTERN = describe_pattern(
    r"^[a-z0-9][a-z0-9-]*$",
    "may hold only lower-case letters a-z, digits and hyphens, starting with a letter or digit")
MAX_NAME = 64
"""The longest name of a document, brand or kind (it becomes a folder and part of file names)."""


def is_valid_name(name: str) -> bool:
    """Lowercase letters, digits and hyphens, at most `MAX_NAME` of them (`re.fullmatch`: with
    `re.match`, the pattern's `$` also matches before a trailing newline)."""
    return len(name) <= MAX_NAME and re.fullmatch(NAME_PATTERN[1:-1], name) is not None


def shown_name(name: str) -> str:
    """A name as a message quotes it: control characters visible, at most 80 characters."""
    text = name if name.isprintable() else repr(name)[1:-1]
    return f'"{text[:80]}..."' if len(text) > 80 else f'"{text}"'


EMAIL_PATTERN = describe_pattern(
    r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+$",
    "is not an e-mail address; write it as name@example.org")
SHORT_TEXT_LIMIT = 300
MARKDOWN_LIMIT = 20_000



def known_locale(value: object) -> object:
    """A locale code Babel (CLDR) knows, so that dates, scripts and plurals can be looked up;
    checked before the field's pattern so that `french` gets words, not a regular expression."""
    if isinstance(value, str):
        problem = locale_problem(value)
        if problem is not None:
            raise ValueError(problem)
    return value


Locale = Annotated[str, Field(pattern=LOCALE_PATTERN), BeforeValidator(known_locale)]
Slug = Annotated[str, Field(pattern=NAME_PATTERN, max_length=64)]
NonEmpty = Annotated[str, Field(min_length=1, max_length=MARKDOWN_LIMIT)]
ShortText = Annotated[str, Field(min_length=1, max_length=SHORT_TEXT_LIMIT)]
MARKDOWN_TEXT = "markdown"
"""Marks a text field that takes the Markdown subset (for the field reference)."""
Markdown = Annotated[str, Field(min_length=1, max_length=MARKDOWN_LIMIT), MARKDOWN_TEXT,
                     AfterValidator(checked_markdown)]
Email = Annotated[str, Field(pattern=EMAIL_PATTERN, max_length=254)]


class Strict(BaseModel):
    """Base for every schema: unknown keys are errors, text is trimmed.

    The docstring under a field is its description, for the editors' schemas, the starter
    documents and the field reference, which ask for it with `descriptions.described`: not
    pydantic's `use_attribute_docstrings`, which searches the calling frames' source for
    every class as it is made (about 35 ms of every process's start-up)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class Generated(BaseModel):
    """Second base of a model made by `create_model` (kind.yaml kinds, a kind's prose with the
    common texts): it has no source of its own, and its fields carry their descriptions, so
    `descriptions.described` looks for none in it."""


WEB_SCHEMES = ("https://", "http://", "mailto:")
HIDDEN_IN_LINKS = re.compile(r"[\x00-\x20\x7f-\x9f\u00a0\u1680\u2000-\u200f\u2028-\u202f"
                             r"\u205f-\u206f\u3000\ufeff]")
"""Spaces, tabs, control and invisible characters: a reader strips them from a link
(`java\tscript:` is `javascript:`), so a link holding one is refused."""


def checked_url(value: str) -> str:
    """Only web and mail links: no `javascript:`, `file:` or other schemes, however written
    (tabs or control characters inside, other letter case), and no `//host` or `/path`, which
    a PDF resolves against the file it was made from (`file://host/...`)."""
    if HIDDEN_IN_LINKS.search(value):
        raise ValueError("a link may not hold spaces, tabs, line breaks or control characters")
    if value.startswith(("/", "\\")):
        raise ValueError("a link must start with https:// (or be written as printed, "
                         "www.example.org); one that starts with / or // would point at a "
                         "file")
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", value) and not value.lower().startswith(
        WEB_SCHEMES
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
    """What the image shows, for readers who cannot see it."""
    caption: Markdown | None = None
    """Printed under the image."""
    credit: ShortText | None = None
    """Who made it ("Songyang County"): set apart from the caption, as the brand prints
    credits ("Photo: ...", "© ...")."""


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
    """The network's name as printed ("X", "Instagram", "Twitter | Instagram")."""
    handle: ShortText
    """The account: @name, or a channel's name."""
    url: ShortText | None = None
    """The profile's address; without it, an `@handle` on X, Twitter, Instagram, Threads,
    TikTok, YouTube, Bluesky, GitHub or Facebook (or `@user@server` on Mastodon) is linked to
    its profile, and other handles stay plain text."""

    template_methods: ClassVar[tuple[str, ...]] = ("link",)
    """Methods a template may call (see briefs.render.exposure)."""

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


WebLink = Annotated[str, Field(min_length=1, max_length=SHORT_TEXT_LIMIT),
                    AfterValidator(checked_url)]
"""A web address: `https://...`, or written as printed (`www.example.org`)."""


class Website(Strict):
    url: ShortText
    """The address as printed (https://... or www....)."""
    social: list[SocialHandle] = Field(default_factory=list)
    """Any number of social networks for this website."""

    @field_validator("url")
    @classmethod
    def _no_scheme_tricks(cls, value: str) -> str:
        return checked_url(value)


class DateRange(Strict):
    """When something happened: a day, a month or a year, and maybe an end of the same
    precision (`start: 2021-10-19`, `end: 2021-10-20`; `start: 2023-06`)."""

    start: PartialDate
    """The first day (2021-10-19), or the month (2023-06) or year (2023) when that is all
    that is known."""
    end: PartialDate | None = None
    """The last day (or month, or year: the same precision as start); leave out for one."""

    @model_validator(mode="after")
    def _ordered(self) -> DateRange:
        if self.end is None:
            return self
        if self.end.precision != self.start.precision:
            raise ValueError(f"start ({self.start}) is a {self.start.precision} and end "
                             f"({self.end}) a {self.end.precision}; give both to the "
                             f"{self.start.precision}")
        if self.end.first_day < self.start.first_day:
            raise ValueError(f"end is before start ({self.end} < {self.start})")
        return self



class ContactBlock(Strict):
    """Who to contact: a heading, a person, organisational unit, branch, division, e-mail,
    phone, website. A document may give several (a list)."""

    label: ShortText | None = None
    """The heading of the block (default: "For further information, please contact:")."""
    name: ShortText | None = None
    """A person's name."""
    unit: ShortText | None = None
    """The section or unit: "Policy, Legislation and Governance Section"."""
    branch: ShortText | None = None
    division: ShortText | None = None
    email: ShortText | None = None
    phone: ShortText | None = None
    website: ShortText | None = None

    @field_validator("website")
    @classmethod
    def _web_only(cls, value: str | None) -> str | None:
        return checked_url(value) if value is not None else None


Contacts = ContactBlock | list[ContactBlock]
"""One contact block, or several (`- {unit: ...}` items), merged item by item."""


FOCUS = re.compile(r"^(\d{1,3}(?:\.\d+)?)%\s+(\d{1,3}(?:\.\d+)?)%$")
"""`focus: X% Y%`: the point a crop keeps, from the left and the top."""
ChartType = Literal["bar", "column", "line", "stacked-bar"]
Length = Annotated[str, Field(pattern=r"^\d{1,3}(\.\d{1,2})?mm$")]


class FigureSettings(Strict):
    """One figure: a photo (`src`) or data (`data`) shown as a table, a chart, or both."""

    src: ShortText | None = None
    """A photo or drawing in the document folder; `images/<locale>/<name>` wins in a locale
    that has one."""
    focus: str | None = None
    """The point a crop keeps in view, from the left and the top: `50% 30%`."""
    fit: Literal["cover", "contain"] = "contain"
    """`cover` fills the frame and crops (keeping the focus), `contain` shows it whole."""
    height: Length | None = None
    """The frame's height (`60mm`); a photo with `fit: cover` is cropped to it."""
    data: ShortText | None = None
    """A table in the document folder: `data/water.csv` (a header row, numbers as 1647.5),
    or YAML."""
    chart: ChartType | None = None
    """Draw the data as a chart: `bar`, `column`, `line` or `stacked-bar`."""
    x: ShortText | None = None
    """The column of categories (or years) along the chart's axis (default: the first)."""
    series: list[ShortText] = Field(default_factory=list)
    """The number columns to draw (default: every number column)."""
    table: bool | None = None
    """Print the data as a table too (default: yes; a chart is always followed by its data
    for readers unless `table: false`)."""
    decimals: int | None = Field(default=None, ge=0, le=6)
    """Decimals printed for numbers (default: as many as the data file writes)."""

    @field_validator("focus")
    @classmethod
    def _focus(cls, value: str | None) -> str | None:
        match = FOCUS.match(value.strip()) if value is not None else None
        if value is not None and (match is None or float(match[1]) > 100
                                  or float(match[2]) > 100):
            raise ValueError(f'focus "{value}" is not two percentages from the left and the '
                             "top, such as `50% 30%`")
        return value

    @model_validator(mode="after")
    def _one_source(self) -> FigureSettings:
        if (self.src is None) == (self.data is None):
            raise ValueError("a figure shows either an image (`src:`) or data (`data:`)")
        if self.data is None and (self.chart or self.series or self.x):
            raise ValueError("chart, x and series need `data:` (a data file)")
        return self

    @property
    def focus_point(self) -> tuple[float, float]:
        match = FOCUS.match((self.focus or "50% 50%").strip())
        assert match is not None
        return float(match[1]) / 100, float(match[2]) / 100


class FigureText(Strict):
    """What readers read about a figure, in one language."""

    title: ShortText | None = None
    """The title over a chart or table."""
    alt: ShortText | None = None
    """What a photo shows (a chart's alt text is written from its data when left out)."""
    caption: Markdown | None = None
    """Printed under the figure."""
    credit: ShortText | None = None
    """Who made the photo, or where the data come from."""
    labels: dict[Annotated[str, Field(max_length=200)], ShortText] = Field(
        default_factory=dict)
    """Printed names for the data's column names and category values: `{region: Région}`;
    numbers are never translated, they follow the locale by themselves."""


class CommonSettings(Strict):
    """What every document.yaml may say, whatever its kind."""

    kind: str
    brand: Slug | None = None
    template: ShortText | None = None
    paper: Literal["A4", "letter"] = "A4"
    keywords: list[ShortText] = Field(default_factory=list)
    published: dt.date | None = None
    """Creation date written into the PDF (else SOURCE_DATE_EPOCH, else the last git commit)."""
    body_figures: dict[Slug, FigureSettings] = Field(default_factory=dict)
    """Photos, charts and tables placed in the text by a paragraph `[figure: name]`."""
    locales: list[Locale] | None = Field(default=None, min_length=1)
    """The languages this document is made in (default: every locale in briefs.yaml);
    `[en]` for a document that is only ever in English."""
