"""`briefs.yaml`: the workspace's schema (locales, brand, output folder, profiles), and the
workspace it describes, loaded."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, model_validator

from briefs.content.config_file import ConfigFile
from briefs.content.schema import Locale, NonEmpty, ShortText, Slug, Strict
from briefs.content.validation import validate
from briefs.content.wording import describe_pattern
from briefs.core.diagnostics import BriefsError, Diagnostic, Diagnostics, Position, Severity
from briefs.core.paths import PACKAGE_DIR, checked, read_bytes
from briefs.core.workspace import (
    CONFIG_NAME,
    DEFAULT_OUTPUT_DIR,
    find_workspace_root,
    output_dir_of,
)

PdfVariant = Literal["pdf/ua-1", "pdf/a-3a+ua-1", "pdf/a-2b", "pdf/a-3b", "pdf/a-2u",
                     "pdf/a-3u", "pdf/x-4"]
PDF_VARIANTS: tuple[str, ...] = PdfVariant.__args__  # type: ignore[attr-defined]
Suffix = Annotated[str, Field(pattern=describe_pattern(
    r"^(\.[a-z0-9-]+)?$", "must be empty or a dot followed by lower-case letters, digits and "
    "hyphens, such as .draft"))]
FormatName = Annotated[str, Field(min_length=1, max_length=80, pattern=describe_pattern(
    r"^[a-z0-9][a-z0-9_-]*(:[!-~]+)?$", "must be an output format's name, such as png, with "
    "any options after a colon (png:1200x630), in letters, digits and punctuation"))]
DigitChoice = Literal["default", "native", "latin", "latn", "arab", "arabext", "deva", "beng",
                      "guru", "gujr", "orya", "taml", "telu", "knda", "mlym", "thai", "laoo",
                      "tibt", "mymr", "khmr", "mong"]
CalendarChoice = Literal["gregorian", "persian", "buddhist"]


class Profile(Strict):
    """How one kind of output is made: images, bleed and marks, PDF standard."""

    suffix: Suffix = ""
    """Added before .pdf: "" -> doc.en.pdf, ".print" -> doc.en.print.pdf."""
    variant_suffix: Suffix | None = None
    """Added after `suffix` when `--pdf-variant` overrides the profile's own PDF standard
    (default: .pdfa for PDF/A, .pdfx for PDF/X, .pdfua for PDF/UA), so that the variant never
    overwrites the profile's usual file. "" writes the variant to the usual file instead."""
    optimize_images: bool = False
    jpeg_quality: Annotated[int, Field(ge=10, le=100)] | None = None
    max_image_dpi: Annotated[int, Field(ge=72, le=2400)] | None = None
    """Images are downsampled to this resolution at their printed size."""
    min_image_dpi: Annotated[int, Field(ge=0, le=2400)] = 0
    """An image printed below this resolution is a warning (0: no check)."""
    pdf_variant: PdfVariant | None = None
    tagged: bool = False
    bleed_mm: Annotated[float, Field(ge=0, le=10)] = 0
    crop_marks: bool = False
    """Crop marks at the corners, outside the bleed, in the slug."""
    registration_marks: bool = False
    """Registration targets at the middle of each side, in the slug."""
    slug_line: bool = False
    """A line in the slug naming the document, locale, profile, date and page."""
    slug_mm: Annotated[float, Field(ge=0, le=30)] | None = None
    """Room outside the bleed for marks (MediaBox = trim + bleed + slug); default 10 mm when
    any mark or the slug line is drawn, else none."""
    output_intent_profile: ShortText | None = None
    """A CMYK ICC profile file (from the printer) for PDF/X-4's output intent."""
    formats: Annotated[list[FormatName], Field(max_length=16)] = Field(default_factory=list)
    """Output formats made of this profile's outputs besides the PDF, named as `--format`
    names them: `png`, `jpeg`, `webp` (page images), `social`, `html`, `email`, a plug-in's,
    with options after a colon (`png:1200x630`). `--format` adds to them."""


class WorkspaceConfig(Strict):
    """`briefs.yaml`: what the workspace is and which locales it builds."""

    name: NonEmpty
    source_locale: Locale = "en"
    locales: list[Locale] = Field(default_factory=lambda: ["en"], min_length=1)
    default_brand: Slug
    output_dir: str = DEFAULT_OUTPUT_DIR
    formats: dict[Locale, Locale] = Field(default_factory=dict)
    """Locale whose conventions format dates and numbers, per locale (e.g. en: en_GB)."""
    digits: dict[Locale, DigitChoice] = Field(default_factory=dict)
    """Digits per locale, where not CLDR's default for it: `native` (ar: ١٢٣), `latin`, or a
    numbering system (`arab`, `arabext`, `deva`, `thai`...). Dates, times, page, message and
    footnote numbers all follow it."""
    calendars: dict[Locale, CalendarChoice] = Field(default_factory=dict)
    """Calendar per locale, where not Gregorian: `persian` (Solar Hijri) or `buddhist`."""
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


@dataclass(frozen=True)
class Workspace:
    """A loaded workspace: its root, its validated `briefs.yaml`, and where things live."""

    root: Path
    config: WorkspaceConfig
    positions: Mapping[tuple[str | int, ...], Position] = field(
        default_factory=dict, compare=False, repr=False)
    """Where each value of briefs.yaml stands (key path -> line and column), for problems
    found after loading (a profile's unknown output format)."""

    @property
    def config_path(self) -> Path:
        return self.root / CONFIG_NAME

    def position_of(self, key_path: tuple[str | int, ...]) -> Position | None:
        """Where the value at `key_path` in briefs.yaml is, else its nearest parent's."""
        for depth in range(len(key_path), 0, -1):
            if key_path[:depth] in self.positions:
                return self.positions[key_path[:depth]]
        return None

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    def text_path(self, doc_id: str, locale: str | None = None) -> Path:
        """A document's prose in `locale`, by default its source text (the one place the
        name `content/<doc>/<locale>.yaml` is made)."""
        return self.content_dir / doc_id / f"{locale or self.config.source_locale}.yaml"

    @property
    def templates_dir(self) -> Path:
        """Templates that replace or add to the built-in ones (optional)."""
        return self.root / "templates"

    @property
    def styles_dir(self) -> Path:
        return self.root / "styles"

    @property
    def kinds_dir(self) -> Path:
        """Document kinds the workspace defines itself (optional)."""
        return self.root / "kinds"

    @property
    def output_dir(self) -> Path:
        found = output_dir_of(self.root, self.config.output_dir)
        if found is None:  # load_workspace refuses such a briefs.yaml
            raise ValueError(f"output_dir {self.config.output_dir!r} is not inside {self.root}")
        return found

    @property
    def read_roots(self) -> tuple[Path, ...]:
        """The folders files may be read from: the workspace, and briefs' own package."""
        return (self.root, PACKAGE_DIR)

    def check(self, path: Path) -> Path:
        """`path` resolved, if it stays inside the workspace (or the package); else refused."""
        return checked(path, self.read_roots)

    def read_bytes(self, path: Path, limit: int | None = None) -> bytes:
        """Read a file after checking where it really is (symlinks resolved first)."""
        return read_bytes(path, self.read_roots, limit)

    def document_ids(self) -> list[str]:
        """Every folder under content/ that holds a document.yaml, sorted."""
        if not self.content_dir.is_dir():
            return []
        return sorted(
            entry.name for entry in self.content_dir.iterdir()
            if entry.is_dir() and (entry / "document.yaml").is_file()
        )

    def brand_ids(self) -> list[str]:
        if not self.styles_dir.is_dir():
            return []
        return sorted(
            entry.name for entry in self.styles_dir.iterdir()
            if (entry / "brand.yaml").is_file() or (entry / "_brand.yml").is_file()
        )


def load_workspace(start: Path, read: ConfigFile | None = None) -> Workspace:
    """Load briefs.yaml from `start` or a parent (or validate the one already `read`, so
    that a build parses it once); raise BriefsError with every problem."""
    if read is None:
        read = ConfigFile.read(find_workspace_root(start))
    root, loaded, diagnostics = read.root, read.loaded, Diagnostics(list(read.diagnostics.items))
    config = validate(WorkspaceConfig, loaded, diagnostics) if loaded else None
    if config is None or loaded is None:
        raise BriefsError(diagnostics)
    if output_dir_of(root, config.output_dir) is None:
        raise BriefsError([Diagnostic(
            Severity.ERROR, "output_dir must be a folder inside the workspace",
            root / CONFIG_NAME, loaded.position_of(("output_dir",), value=True))])
    return Workspace(root=root, config=config, positions=dict(loaded.value_positions))
