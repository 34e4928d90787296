"""Schemas for the workspace, brands, document settings and the prose of each kind."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

LOCALE_PATTERN = r"^[a-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*$"
COLOR_PATTERN = r"^(#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}|device-cmyk\([^)]*\))$"
NAME_PATTERN = r"^[a-z0-9][a-z0-9-]*$"

Locale = Annotated[str, Field(pattern=LOCALE_PATTERN)]
Slug = Annotated[str, Field(pattern=NAME_PATTERN, max_length=64)]
NonEmpty = Annotated[str, Field(min_length=1, max_length=20_000)]
ShortText = Annotated[str, Field(min_length=1, max_length=300)]
Markdown = Annotated[str, Field(min_length=1, max_length=20_000)]
Color = Annotated[str, Field(pattern=COLOR_PATTERN)]


class Strict(BaseModel):
    """Base for every schema: unknown keys are errors, text is trimmed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


# ---------------------------------------------------------------- output profiles


PDF_VARIANTS = Literal["pdf/ua-1", "pdf/a-2b", "pdf/a-3b", "pdf/a-3u", "pdf/a-2u", "pdf/x-4"]


class Profile(Strict):
    """How one kind of output is made: images, bleed and marks, PDF standard."""

    suffix: Annotated[str, Field(pattern=r"^(\.[a-z0-9-]+)?$")] = ""
    """Added before .pdf: "" -> doc.en.pdf, ".print" -> doc.en.print.pdf."""
    optimize_images: bool = False
    jpeg_quality: Annotated[int, Field(ge=10, le=100)] | None = None
    max_image_dpi: Annotated[int, Field(ge=72, le=2400)] | None = None
    """Images are downsampled to this resolution at their printed size."""
    min_image_dpi: Annotated[int, Field(ge=0, le=2400)] = 0
    """An image printed below this resolution is a warning (0: no check)."""
    pdf_variant: PDF_VARIANTS | None = None
    tagged: bool = False
    bleed_mm: Annotated[float, Field(ge=0, le=10)] = 0
    crop_marks: bool = False
    output_intent_profile: ShortText | None = None
    """A CMYK ICC profile file (from the printer) for PDF/X-4's output intent."""


# ---------------------------------------------------------------- workspace (briefs.yaml)


class WorkspaceConfig(Strict):
    """`briefs.yaml`: what the workspace is and which locales it builds."""

    name: NonEmpty
    source_locale: Locale = "en"
    locales: list[Locale] = Field(default_factory=lambda: ["en"], min_length=1)
    default_brand: Slug
    output_dir: str = "build"
    formats: dict[Locale, Locale] = Field(default_factory=dict)
    """Locale whose conventions format dates and numbers, per locale (e.g. en: en_GB)."""
    profile: Slug = "screen"
    """The profile `briefs build` uses when --profile is not given."""
    profiles: dict[Slug, Profile] = Field(default_factory=dict)
    """Profiles added to, or replacing, the built-in screen and print profiles."""

    @model_validator(mode="after")
    def _source_is_built(self) -> WorkspaceConfig:
        if self.source_locale not in self.locales:
            raise ValueError(f'source_locale "{self.source_locale}" must be listed in locales')
        if len(set(self.locales)) != len(self.locales):
            raise ValueError("locales lists a locale twice")
        return self


# ---------------------------------------------------------------- brand (styles/<brand>/brand.yaml)


class BrandColors(Strict):
    """Colour tokens; each becomes a CSS custom property `--color-<name>`."""

    primary: Color
    secondary: Color
    accent: Color
    text: Color = "#1d1d1b"
    muted: Color = "#5f6368"
    tint: Color = "#eef3f8"
    paper: Color = "#ffffff"


class FontFace(Strict):
    """One font face, loaded with @font-face and always embedded.

    Either `file`, a font file in the brand folder, or `system`, the family name of a font the
    set-up installs (with `package`, the Debian package that provides it).
    """

    family: ShortText
    file: ShortText | None = None
    system: ShortText | None = None
    package: ShortText | None = None
    weight: Annotated[int, Field(ge=100, le=900)] = 400
    style: Literal["normal", "italic"] = "normal"

    @model_validator(mode="after")
    def _one_source(self) -> FontFace:
        if (self.file is None) == (self.system is None):
            raise ValueError("give either file (a font file in the brand folder) or system "
                             "(the name of an installed font), not both or neither")
        return self


class BrandTypography(Strict):
    """Which declared families set body text and headings."""

    body: list[ShortText] = Field(min_length=1)
    heading: list[ShortText] = Field(min_length=1)


class ContactBlock(Strict):
    """Who to contact: organisational unit, branch, division, e-mail, website."""

    unit: ShortText | None = None
    branch: ShortText | None = None
    division: ShortText | None = None
    email: ShortText | None = None
    website: ShortText | None = None


class Brand(Strict):
    """A brand: tokens, font files, logo, slogan and contact defaults."""

    name: ShortText
    colors: BrandColors
    fonts: list[FontFace] = Field(min_length=1)
    typography: BrandTypography
    scripts: dict[Annotated[str, Field(pattern=r"^[A-Z][a-z]{3}$")], BrandTypography] = Field(
        default_factory=dict)
    native_digits: bool = False
    logo: ShortText
    logo_inverse: ShortText | None = None
    logo_alt: ShortText
    slogan: ShortText | None = None
    contact: ContactBlock = ContactBlock()
    stylesheets: list[ShortText] = Field(default_factory=lambda: ["brand.css"])

    @model_validator(mode="after")
    def _families_declared(self) -> Brand:
        declared = {face.family for face in self.fonts}
        stacks = [("typography", self.typography)]
        stacks += [(f"scripts.{script}", stack) for script, stack in self.scripts.items()]
        for where, stack in stacks:
            for role in ("body", "heading"):
                for family in getattr(stack, role):
                    if family not in declared:
                        raise ValueError(f'{where}.{role} uses "{family}", which no entry in '
                                         "fonts declares")
        return self

    def stack(self, role: str, script: str | None) -> list[str]:
        """The font families for `role` in a locale written in `script` (ISO 15924)."""
        first = getattr(self.scripts[script], role) if script in self.scripts else []
        return first + [family for family in getattr(self.typography, role)
                        if family not in first]


# ---------------------------------------------------------------- document settings (document.yaml)


class ImageRef(Strict):
    """An image file inside the document folder (or elsewhere in the workspace)."""

    src: ShortText
    alt: ShortText | None = None
    decorative: bool = False


class SocialHandle(Strict):
    network: ShortText
    handle: ShortText


class Website(Strict):
    url: ShortText
    social: list[SocialHandle] = Field(default_factory=list)

    @field_validator("url")
    @classmethod
    def _no_scheme_tricks(cls, value: str) -> str:
        return _checked_url(value)


def _checked_url(value: str) -> str:
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", value) and not value.startswith(
        ("https://", "http://", "mailto:")
    ):
        raise ValueError("only https://, http:// and mailto: links are allowed")
    return value


class DateRange(Strict):
    start: dt.date
    end: dt.date | None = None

    @model_validator(mode="after")
    def _ordered(self) -> DateRange:
        if self.end is not None and self.end < self.start:
            raise ValueError("end is before start")
        return self


class CommonSettings(Strict):
    brand: Slug | None = None
    template: ShortText | None = None
    paper: Literal["A4", "letter"] = "A4"
    keywords: list[ShortText] = Field(default_factory=list)
    published: dt.date | None = None
    """Creation date written into the PDF (else SOURCE_DATE_EPOCH, else the last git commit)."""


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


DocumentSettings = KeyMessagesSettings | FlyerSettings


SETTINGS_MODELS: dict[str, type[CommonSettings]] = {
    "key-messages": KeyMessagesSettings,
    "flyer": FlyerSettings,
}
# ---------------------------------------------------------- prose (content/<doc>/<locale>.yaml)


class ImageText(Strict):
    """What a person reads about an image: alt text, caption, credit."""

    alt: ShortText | None = None
    caption: Markdown | None = None
    credit: ShortText | None = None


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


TEXT_MODELS: dict[str, type[Strict]] = {
    "key-messages": KeyMessagesText,
    "flyer": FlyerText,
}
