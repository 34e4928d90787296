"""Gettext catalogs for template strings: briefs' own, and the workspace's additions.

Built-in templates come with catalogs in the package (`briefs/assets/locales/`). A workspace's
`templates/locales/<lang>/LC_MESSAGES/messages.po` adds strings of its own templates and may
replace a built-in translation; each string is looked up there first, then in the package.
PO files are read directly with Babel, so translators never compile catalogs.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.pofile import write_po

from briefs.content.config import Workspace
from briefs.core.diagnostics import BriefsError, Diagnostic, Diagnostics, Position, Severity
from briefs.core.paths import PACKAGE_DIR, RefusedPath
from briefs.i18n.pofile import CatalogProblem, read_catalog
from briefs.output.writer import write_workspace_file

TEMPLATE_LANGUAGE = "en"
"""The language template strings are written in; it needs no catalog."""
FIXED_DATE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
"""Catalog header dates are fixed so that re-running extract changes nothing."""
METHOD_MAP = [("**.j2", "jinja2.ext:babel_extract"), ("**.html", "jinja2.ext:babel_extract")]
OPTIONS_MAP = {"**.j2": {"extensions": "jinja2.ext.i18n"},
               "**.html": {"extensions": "jinja2.ext.i18n"}}
PACKAGE_TEMPLATES = PACKAGE_DIR / "assets" / "templates"
PACKAGE_LOCALES = PACKAGE_DIR / "assets" / "locales"
MAX_PO_BYTES = 5_000_000


def locales_dir(workspace: Workspace) -> Path:
    return workspace.templates_dir / "locales"


def pot_path(workspace: Workspace) -> Path:
    return locales_dir(workspace) / "messages.pot"


def catalog_path(folder: Path, locale: str) -> Path:
    return folder / locale / "LC_MESSAGES" / "messages.po"


def po_path(workspace: Workspace, locale: str) -> Path:
    """The workspace's own catalog for `locale` (it may not exist)."""
    return catalog_path(locales_dir(workspace), locale)


def needs_catalog(locale: str) -> bool:
    return locale.split("_")[0].split("-")[0] != TEMPLATE_LANGUAGE


@dataclass(frozen=True)
class TemplateSource:
    """Templates to extract strings from: a folder (every template in it) or one file."""

    path: Path
    shown_as: str
    """How locations appear in the POT ("" for the workspace's templates/ folder)."""


def template_sources(workspace: Workspace | None, kind_templates: Iterable[Path]) -> list[
        TemplateSource]:
    """The built-in templates, every kind's template, and the workspace's own templates."""
    sources = [TemplateSource(PACKAGE_TEMPLATES, "briefs/assets/templates/")]
    sources += [TemplateSource(template, shown_name(template, workspace))
                for template in kind_templates]
    if workspace is not None and workspace.templates_dir.is_dir():
        sources.append(TemplateSource(workspace.templates_dir, ""))
    return sources


def shown_name(template: Path, workspace: Workspace | None) -> str:
    """How a kind's template is named in catalog locations: inside briefs, the workspace, or
    by its file name."""
    if template.is_relative_to(PACKAGE_DIR):
        return "briefs/" + template.relative_to(PACKAGE_DIR).as_posix()
    if workspace is not None and template.is_relative_to(workspace.root):
        return template.relative_to(workspace.root).as_posix()
    return template.name


def extract(sources: list[TemplateSource]) -> Catalog:
    """Every translatable string in the templates, with where it is used."""
    catalog = Catalog(project="briefs templates", creation_date=FIXED_DATE,
                      revision_date=FIXED_DATE, fuzzy=False)
    for source in sources:
        if source.path.is_dir():
            found = extract_from_dir(str(source.path), METHOD_MAP, OPTIONS_MAP,
                                     strip_comment_tags=True)
            for filename, lineno, message, comments, context in found:
                catalog.add(message, None, [(f"{source.shown_as}{filename}", lineno)],
                            auto_comments=comments, context=context)
        elif source.path.is_file():
            for lineno, message, comments, context in extract_from_file(
                    "jinja2.ext:babel_extract", str(source.path), options=OPTIONS_MAP["**.j2"],
                    strip_comment_tags=True):
                catalog.add(message, None, [(source.shown_as, lineno)],
                            auto_comments=comments, context=context)
    return catalog


def po_bytes(catalog: Catalog, omit_header: bool = False) -> bytes:
    stream = io.BytesIO()
    write_po(stream, catalog, width=100, sort_output=True, omit_header=omit_header)
    return stream.getvalue()


def write_pot(workspace: Workspace, sources: list[TemplateSource]) -> Path:
    path = pot_path(workspace)
    write_workspace_file(path, po_bytes(extract(sources)), workspace.root)
    return path


def _babel_name(locale: str) -> str:
    return locale.replace("-", "_")


def _read_catalog(path: Path, locale: str, read: Callable[[Path], bytes]) -> Catalog:
    """A PO file, strictly; a problem is a BriefsError naming the file and line."""
    try:
        return read_catalog(path, locale, read)
    except CatalogProblem as exc:
        raise BriefsError([Diagnostic(Severity.ERROR, exc.message, path, exc.position,
                                      exc.source)]) from exc
    except RefusedPath as exc:
        raise BriefsError([Diagnostic(Severity.ERROR, str(exc), path, Position(1, 1))]) from exc
    except OSError as exc:
        raise BriefsError([Diagnostic(Severity.ERROR, f"cannot read the catalog: "
                                      f"{exc.strerror or exc}", path)]) from exc


def _translated(catalog: Catalog | None) -> set[str]:
    if catalog is None:
        return set()
    return {str(m.id) for m in catalog if m.id and not m.fuzzy and _has_translation(m.string)}


def _has_translation(string: object) -> bool:
    if isinstance(string, tuple | list):
        return bool(string) and all(string)
    return bool(string)


def update_catalogs(workspace: Workspace, sources: list[TemplateSource],
                    locales: list[str]) -> list[Path]:
    """Create or update the workspace's PO files: one entry for every template string the
    built-in catalog does not translate, and every entry the workspace translated itself.

    No file is created for a locale whose strings briefs translates already.
    """
    template = extract(sources)
    written = []
    for locale in locales:
        if not needs_catalog(locale):
            continue
        path = po_path(workspace, locale)
        package = catalog_path(PACKAGE_LOCALES, locale)
        built_in = _translated(_read_catalog(package, locale, Path.read_bytes)
                               if package.is_file() else None)
        if path.is_file():
            catalog = _read_catalog(path, locale,
                                    lambda found: workspace.read_bytes(found, MAX_PO_BYTES))
        else:
            catalog = Catalog(locale=_babel_name(locale), project="briefs templates",
                              creation_date=FIXED_DATE, revision_date=FIXED_DATE, fuzzy=False)
        own = _translated(catalog)
        wanted = Catalog(locale=_babel_name(locale), fuzzy=False)
        for message in template:
            if message.id and (str(message.id) not in built_in or str(message.id) in own):
                wanted.add(message.id, None, message.locations,
                           auto_comments=message.auto_comments, context=message.context)
        if not path.is_file() and not len(wanted):
            continue
        catalog.update(wanted, update_creation_date=False)
        catalog.obsolete.clear()
        catalog.revision_date = FIXED_DATE
        data = po_bytes(catalog)
        if not path.is_file() or path.read_bytes() != data:
            write_workspace_file(path, data)
            written.append(path)
    return written


@dataclass
class CatalogTranslations(gettext.NullTranslations):
    """Translations read straight from PO files; records template strings they lack."""

    messages: dict[str, str | tuple[str, ...]] = field(default_factory=dict)
    plural: Callable[[int], int] = field(default=lambda n: int(n != 1))
    missing: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        super().__init__()

    def gettext(self, message: str) -> str:
        found = self.messages.get(message)
        if isinstance(found, str) and found:
            return found
        self.missing.add(message)
        return message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        found = self.messages.get(singular)
        if isinstance(found, tuple) and all(found):
            index = self.plural(n)
            return found[min(index, len(found) - 1)]
        self.missing.add(singular)
        return singular if n == 1 else plural

    def pgettext(self, context: str, message: str) -> str:
        return self.gettext(message)

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return self.ngettext(singular, plural, n)

    def add(self, catalog: Catalog) -> None:
        """Take every translated entry of `catalog` (later catalogs win)."""
        for message in catalog:
            if not message.id or message.fuzzy or not _has_translation(message.string):
                continue
            if isinstance(message.id, tuple | list):
                strings = message.string if isinstance(message.string, tuple | list) else ()
                self.messages[str(message.id[0])] = tuple(str(s) for s in strings)
            else:
                self.messages[str(message.id)] = str(message.string)
        self.plural = gettext.c2py(catalog.plural_expr)


def load_translations(workspace: Workspace, locale: str,
                      diagnostics: Diagnostics) -> CatalogTranslations | None:
    """The locale's template strings: built in, then the workspace's own (which win).

    None when the locale needs no catalog (the language templates are written in).
    """
    if not needs_catalog(locale):
        return None
    translations = CatalogTranslations()
    package = catalog_path(PACKAGE_LOCALES, locale)
    def read_workspace_po(path: Path) -> bytes:
        return workspace.read_bytes(path, MAX_PO_BYTES)

    for path, read in ((package, Path.read_bytes), (po_path(workspace, locale),
                                                     read_workspace_po)):
        if not path.is_file() and not path.is_symlink():
            continue
        try:
            translations.add(_read_catalog(path, locale, read))
        except BriefsError as exc:
            diagnostics.extend(exc.diagnostics)
    return translations
