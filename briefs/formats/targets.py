"""What a build makes: targets (a document in a locale, with a profile and maybe a variant),
each with a typed key, and where its file goes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # keys and names stay light: build events (and the build server's
    # client, which only draws them) import this module without pydantic or Babel
    from briefs.brand.brands import LoadedBrand, ResolvedFace
    from briefs.content.config import Profile
    from briefs.content.documents import DocumentSource
    from briefs.kinds.kind import Kind


@dataclass(frozen=True, order=True)
class TargetKey:
    """Which output: a document, a locale, a profile, and the PDF variant forced on it."""

    document: str
    locale: str
    profile: str
    variant: str | None = None

    def describe(self) -> str:
        """How messages name the output: `forum (en, screen)`, `forum (en, screen, pdf/a-3b)`."""
        extra = f", {self.variant}" if self.variant else ""
        return f"{self.document} ({self.locale}, {self.profile}{extra})"


@dataclass(frozen=True)
class OutputName:
    """Where a target's file goes (relative to the output folder), and its short id."""

    id: str
    """`<doc>.<locale><suffix>`: the name of the PDF without `.pdf` (reports, shards)."""
    path: str
    """`<doc>/<doc>.<locale><suffix>.pdf` (or the output format's suffix), forward slashes."""

    @classmethod
    def of(cls, key: TargetKey, profile: Profile, extension: str = ".pdf") -> OutputName:
        """The name of `key`'s file of one output format (`extension`: `.pdf`, `.html`)."""
        from briefs.render.profiles import output_suffix

        stem = f"{key.document}.{key.locale}{output_suffix(profile, key.variant)}"
        return cls(stem, f"{key.document}/{stem}{extension}")


@dataclass
class Target:
    """One output to produce, with everything validated that it is made from."""

    key: TargetKey
    name: OutputName
    document: DocumentSource[Kind]
    brand: LoadedBrand
    profile: Profile
    dates: tuple[str | None, str | None] = (None, None)
    warnings: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.name.id

    @property
    def locale(self) -> str:
        return self.key.locale

    @property
    def title(self) -> str:
        return self.key.describe()

    @property
    def template_name(self) -> str:
        return self.document.settings.template or self.document.kind.template_name

    @property
    def pdf_variant(self) -> str | None:
        from briefs.render.profiles import pdf_variant

        return pdf_variant(self.profile, self.key.variant)

    @property
    def faces(self) -> tuple[ResolvedFace, ...]:
        """The brand's font faces for the script this target's locale is written in."""
        from briefs.i18n.scripts import locale_script

        return self.brand.faces_for(locale_script(self.locale))
