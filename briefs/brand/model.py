"""The schema of `styles/<brand>/brand.yaml`: colours, fonts, typography, logos, contact."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, model_validator

from briefs.brand.colors import normalized_color
from briefs.content.schema import ContactBlock, ShortText, Strict
from briefs.content.wording import describe_pattern

SCRIPT_CODE = describe_pattern(
    r"^[A-Z][a-z]{3}$",
    "is not a script code; write a four-letter ISO 15924 code such as Arab, Hans or Deva")

Color = Annotated[str, Field(max_length=200), AfterValidator(normalized_color)]
"""A CSS colour, parsed and normalised: only `#rrggbb[aa]` or `device-cmyk(...)` is written."""
TOKEN_NAME = re.compile(r"[a-z][a-z0-9-]*")
CSS_COLOR_WORDS = {"transparent", "currentcolor", "black", "white", "red", "green", "blue"}
"""Colour keywords are colours, not token names (they go through the colour parser)."""


def token_or_color(value: str) -> str:
    """A colour token's name (`accent`, written as `var(--color-accent)`), or a colour,
    normalised like every brand colour."""
    return value if TOKEN_NAME.fullmatch(value) and value not in CSS_COLOR_WORDS \
        else normalized_color(value)



def _measure(unit: str) -> Any:
    """A number, maybe written with its unit ("8.5pt", "60%")."""

    def parse(value: object) -> object:
        if isinstance(value, str) and unit and value.strip().endswith(unit):
            return value.strip()[: -len(unit)].strip()
        return value

    return BeforeValidator(parse)


class BrandFit(Strict):
    """How far copyfitting may go for this brand's documents (each lever's least value).

    Legibility floors hold whatever this says: body text is never set under 7.5 pt in print
    or 8 pt on screen.
    """

    body: Annotated[float, _measure("pt"), Field(gt=0, le=72)] | None = None
    """The smallest body text size, in points ("8.5pt")."""
    leading: Annotated[float, Field(gt=0.5, le=4)] | None = None
    """The tightest line height, as a factor of the type size (1.25)."""
    photo: Annotated[float, _measure("%"), Field(gt=0, le=100)] | None = None
    """The least height of a photo, as a share of its designed height ("60%")."""
    space: Annotated[float, _measure("%"), Field(ge=0, le=100)] | None = None
    """The least space between blocks, as a share of the designed space ("50%")."""
    optional: bool = True
    """Whether blocks the content marks `optional: true` may be left out to make it fit."""

    def limits(self) -> dict[str, Any]:
        return {name: value for name, value in self.model_dump().items() if value is not None}


class BrandColors(Strict):
    """Colour tokens; each becomes a CSS custom property `--color-<name>`."""

    primary: Color
    secondary: Color
    accent: Color
    text: Color = Field(default="#1d1d1b", validate_default=True)
    muted: Color = Field(default="#5f6368", validate_default=True)
    tint: Color = Field(default="#eef3f8", validate_default=True)
    paper: Color = Field(default="#ffffff", validate_default=True)


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


class Emphasis(Strict):
    """How `*emphasis*` is set: italics only where the script has them (and the brand a
    real italic face), otherwise another weight or a colour."""

    style: Literal["normal", "italic"] = "normal"
    weight: Annotated[int, Field(ge=100, le=900)] | None = None
    color: Annotated[str, Field(max_length=200), AfterValidator(token_or_color)] | None = None
    """A colour token (`accent`, `primary`...) or a colour (`#0a4f8f`)."""


class BrandTypography(Strict):
    """Which declared families set body text and headings, and how emphasis is set."""

    body: list[ShortText] = Field(min_length=1)
    heading: list[ShortText] = Field(min_length=1)
    emphasis: Emphasis | None = None


class Brand(Strict):
    """A brand: tokens, font files, logo, slogan and contact defaults."""

    name: ShortText
    colors: BrandColors
    fonts: list[FontFace] = Field(min_length=1)
    typography: BrandTypography
    scripts: dict[Annotated[str, Field(pattern=SCRIPT_CODE)], BrandTypography] = Field(
        default_factory=dict)
    native_digits: bool | None = None
    """No longer used: digits follow the locale (`digits:` in briefs.yaml)."""
    logo: ShortText
    logo_inverse: ShortText | None = None
    logo_alt: ShortText
    slogan: ShortText | None = None
    contact: ContactBlock = ContactBlock()
    stylesheets: list[ShortText] = Field(default_factory=lambda: ["brand.css"])
    image_credit: Literal["plain", "photo", "copyright"] = "plain"
    """How an image's credit is printed after its caption: as written (`plain`), as
    "Photo: <credit>" (`photo`) or as "© <credit>" (`copyright`), in the output's language."""
    fit: BrandFit = BrandFit()

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
