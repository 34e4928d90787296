"""One build session: the workspace, options, kinds, caches, the writer and the listeners.

Everything one build (or one `briefs check`, or one rebuild of the preview) needs is owned
here and passed explicitly; no module keeps state another module sets. Two sessions of two
workspaces in one process share nothing but the process's WeasyPrint engine.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import jinja2

from briefs.brand.brands import LoadedBrand, load_brand
from briefs.brand.colors import kept_readable
from briefs.brand.fonts import CoverageCache
from briefs.brand.printed import Printed, stylesheet_text, svg_text
from briefs.content.config import Profile, Workspace
from briefs.core.diagnostics import Diagnostics
from briefs.formats.checks import CheckRegistry
from briefs.formats.format import OutputFormat
from briefs.formats.registry import FormatRegistry, load_checks, load_formats
from briefs.formats.targets import OutputName, TargetKey
from briefs.i18n.catalogs import (
    CatalogTranslations,
    TemplateSource,
    load_translations,
    template_sources,
)
from briefs.i18n.numbering import LocaleFormat
from briefs.i18n.status import Scope
from briefs.kinds.registry import KindRegistry, load_kinds
from briefs.output.writer import Writer
from briefs.pipeline.cache import FileHashes
from briefs.pipeline.events import EventBus, Listener, OutputRef
from briefs.pipeline.profile_formats import formats_of
from briefs.pipeline.request import BuildOptions
from briefs.render.assets import Assets
from briefs.render.bytecode import (
    MemoryBytecodeCache,
    StoredBytecodeCache,
    given_key_problem,
    signing_key,
)
from briefs.render.chart_store import KeptCharts
from briefs.render.kept_drawings import FOLDER as DRAWINGS
from briefs.render.kept_drawings import SUFFIX as DRAWING_SUFFIX
from briefs.render.kept_drawings import DrawingStore
from briefs.render.profiles import select_profiles
from briefs.render.signed_store import SignedStore
from briefs.render.stylesheets import check_stylesheet
from briefs.render.templating import (
    QrCodes,
    TemplateLoader,
)

CACHE_DIR = ".cache"
__all__ = ["BuildOptions", "BuildSession"]


class BuildSession:
    """The state of one build, created at its start and dropped at its end."""

    def __init__(self, workspace: Workspace, options: BuildOptions | None = None,
                 listeners: Iterable[Listener] = (),
                 diagnostics: Diagnostics | None = None) -> None:
        self.workspace = workspace
        self.options = options or BuildOptions()
        self.diagnostics = diagnostics if diagnostics is not None else Diagnostics()
        self.events = EventBus(listeners)
        self.profiles: dict[str, Profile] = select_profiles(workspace.config,
                                                            self.options.profiles)
        self.kinds: KindRegistry = load_kinds(workspace, self.diagnostics)
        self.formats: FormatRegistry = load_formats(self.diagnostics)
        self.formats.select(self.options.formats)  # UnknownFormat: before anything is built
        self._outputs: dict[str, tuple[OutputFormat, ...]] = {}
        self.checks: CheckRegistry = load_checks(self.diagnostics)
        self.assets = Assets.of(workspace, self.kinds)
        self.writer = Writer(workspace.output_dir)
        writer = self.writer if self.options.writes else None
        cache = workspace.output_dir / CACHE_DIR
        self.coverage = CoverageCache(cache / "coverage", writer, workspace.output_dir)
        self.file_hashes = FileHashes.load(workspace.output_dir, writer)
        self.compiled_templates: jinja2.BytecodeCache = (
            StoredBytecodeCache(cache / "jinja", self.writer) if self.options.writes
            else MemoryBytecodeCache())
        if writer is not None and (problem := given_key_problem()):
            self.diagnostics.warning(problem)
        self.charts = KeptCharts(SignedStore(cache / "charts", writer, signing_key(), ".svg"))
        self.colors = SignedStore(cache / "colors", writer, signing_key(), ".txt")
        """Brand colours made readable (`kept_readable`), kept as charts are."""
        self.drawings = SignedStore(cache / DRAWINGS, writer, signing_key(), DRAWING_SUFFIX)
        """Plain SVG drawings the render workers recorded (`render/kept_drawings.py`)."""
        self.drawing_store = DrawingStore(cache / DRAWINGS, workspace.output_dir) \
            if writer is not None and signing_key() else None
        """Where a render worker reads them (None: each render draws its own)."""
        self.facts = SignedStore(cache / "facts", writer, signing_key(), ".json")
        """What a cold build would otherwise ask again, kept as charts are: fontconfig's
        answers (`brand.fonts`) and the images' verdicts (`content.images`)."""
        self.qr_codes = QrCodes()
        self.template_loader: TemplateLoader = self.assets.loader()
        self._brands: dict[str, LoadedBrand | None] = {}
        self._printed: dict[Path, list[Printed]] = {}
        self._translations: dict[str, CatalogTranslations | None] = {}
        self._broken_catalogs: set[str] = set()
        self._stylesheets: dict[Path, bool] = {}

    @property
    def output_dir(self) -> Path:
        return self.workspace.output_dir

    def output_name(self, key: TargetKey) -> OutputName:
        return OutputName.of(key, self.profiles[key.profile])

    def output_ref(self, key: TargetKey) -> OutputRef:
        return OutputRef(key, self.output_name(key))

    def outputs_of(self, profile: str) -> tuple[OutputFormat, ...]:
        """The output formats made of each output of `profile`: the PDF first, then the
        profile's `formats:` and `--format`'s (`pipeline/profile_formats.py`)."""
        if profile not in self._outputs:
            self._outputs[profile] = formats_of(self.formats, self.profiles[profile],
                                                self.options.formats)
        return self._outputs[profile]

    def keys(self, doc_id: str, locale: str) -> list[TargetKey]:
        """The outputs of one document in one locale: one per selected profile."""
        return [TargetKey(doc_id, locale, name, self.options.variant) for name in self.profiles]

    def brand(self, brand_id: str) -> LoadedBrand | None:
        """A brand, loaded and checked once per session (its problems reported once)."""
        if brand_id not in self._brands:
            self._brands[brand_id] = load_brand(self.workspace, brand_id, self.diagnostics,
                                                self.facts)
        return self._brands[brand_id]

    def readable_on(self, foreground: str, background: str, ends: tuple[str, ...]) -> str:
        """`brand.colors.readable_on`, its answers kept between builds."""
        return kept_readable(self.colors.kept, foreground, background, ends)

    def printed_in(self, path: Path) -> list[Printed]:
        """What a stylesheet or an SVG image prints, read once per session (every locale of
        every document using it asks)."""
        if path not in self._printed:
            reader = svg_text if path.suffix.lower() == ".svg" else stylesheet_text
            self._printed[path] = reader(path, self.assets.mounts.folders)
        return self._printed[path]

    def locale_format(self, locale: str) -> LocaleFormat:
        """How the locale writes dates and numbers: conventions, digits, calendar."""
        config = self.workspace.config
        return LocaleFormat.of(locale, config.formats.get(locale), config.digits.get(locale),
                               config.calendars.get(locale))

    def translations(self, locale: str) -> CatalogTranslations | None:
        """The locale's template strings, read once per session (problems reported once)."""
        if locale not in self._translations:
            errors_before = len(self.diagnostics.errors)
            self._translations[locale] = load_translations(self.workspace, locale,
                                                           self.diagnostics)
            if len(self.diagnostics.errors) > errors_before:
                self._broken_catalogs.add(locale)
        return self._translations[locale]

    def stylesheets_usable(self, sheets: Iterable[Path]) -> bool:
        """Every url() and @import of these stylesheets names an allowed file (each stylesheet
        checked, and its problems reported, once per session)."""
        for sheet in sheets:
            if sheet not in self._stylesheets:
                self._stylesheets[sheet] = check_stylesheet(sheet, self.assets.mounts,
                                                            self.diagnostics)
        return all(self._stylesheets[sheet] for sheet in sheets)

    def catalog_usable(self, locale: str) -> bool:
        """False when the locale's template catalog has errors (its outputs then fail)."""
        self.translations(locale)
        return locale not in self._broken_catalogs

    def translation_scope(self) -> Scope:
        """What `briefs i18n` and the preview's translation states look at."""
        return Scope(self.workspace, self.kinds, self.template_sources(), self.diagnostics)

    def template_sources(self) -> list[TemplateSource]:
        """Where template strings come from: built-in, kinds', and the workspace's templates."""
        return template_sources(self.workspace, self.assets.template_files())
