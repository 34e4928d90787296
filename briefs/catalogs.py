"""Gettext catalogs for template strings: extract a POT, update PO files, read them directly."""

from __future__ import annotations

import datetime as dt
import gettext
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from .diagnostics import Diagnostics
from .output import atomic_write
from .workspace import Workspace

TEMPLATE_LANGUAGE = "en"
"""The language template strings are written in; it needs no catalog."""
FIXED_DATE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
"""Catalog header dates are fixed so that re-running extract changes nothing."""
METHOD_MAP = [("**.j2", "jinja2.ext:babel_extract"), ("**.html", "jinja2.ext:babel_extract")]
OPTIONS_MAP = {"**.j2": {"extensions": "jinja2.ext.i18n"},
               "**.html": {"extensions": "jinja2.ext.i18n"}}


def locales_dir(workspace: Workspace) -> Path:
    return workspace.templates_dir / "locales"


def pot_path(workspace: Workspace) -> Path:
    return locales_dir(workspace) / "messages.pot"


def po_path(workspace: Workspace, locale: str) -> Path:
    return locales_dir(workspace) / locale / "LC_MESSAGES" / "messages.po"


def needs_catalog(locale: str) -> bool:
    return locale.split("_")[0].split("-")[0] != TEMPLATE_LANGUAGE


def extract(workspace: Workspace) -> Catalog:
    """Every translatable string in the templates, with where it is used."""
    catalog = Catalog(project="briefs templates", creation_date=FIXED_DATE,
                      revision_date=FIXED_DATE, fuzzy=False)
    found = extract_from_dir(str(workspace.templates_dir), METHOD_MAP, OPTIONS_MAP,
                             strip_comment_tags=True)
    for filename, lineno, message, comments, context in found:
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def _po_bytes(catalog: Catalog, omit_header: bool = False) -> bytes:
    stream = io.BytesIO()
    write_po(stream, catalog, width=100, sort_output=True, omit_header=omit_header)
    return stream.getvalue()


def write_pot(workspace: Workspace) -> Path:
    path = pot_path(workspace)
    atomic_write(path, _po_bytes(extract(workspace), omit_header=False))
    return path


def update_catalogs(workspace: Workspace, locales: list[str]) -> list[Path]:
    """Create or update each locale's PO file from the templates; keeps existing translations."""
    template = extract(workspace)
    written = []
    for locale in locales:
        if not needs_catalog(locale):
            continue
        path = po_path(workspace, locale)
        if path.is_file():
            with path.open("rb") as stream:
                catalog = read_po(stream, locale=_babel_name(locale))
            catalog.update(template, update_creation_date=False)
            catalog.obsolete.clear()
        else:
            catalog = Catalog(locale=_babel_name(locale), project="briefs templates",
                              creation_date=FIXED_DATE, revision_date=FIXED_DATE, fuzzy=False)
            catalog.update(template, update_creation_date=False)
        catalog.revision_date = FIXED_DATE
        data = _po_bytes(catalog)
        if not path.is_file() or path.read_bytes() != data:
            atomic_write(path, data)
            written.append(path)
    return written


def _babel_name(locale: str) -> str:
    return locale.replace("-", "_")


@dataclass
class CatalogTranslations(gettext.NullTranslations):
    """Translations read straight from a PO file; records template strings it lacks."""

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


def load_translations(workspace: Workspace, locale: str,
                      diagnostics: Diagnostics) -> CatalogTranslations | None:
    """The locale's catalog, or None when the locale needs none (template language)."""
    if not needs_catalog(locale):
        return None
    path = po_path(workspace, locale)
    translations = CatalogTranslations()
    if not path.is_file():
        return translations
    try:
        with path.open("rb") as stream:
            catalog = read_po(stream, locale=_babel_name(locale), abort_invalid=True)
    except Exception as exc:  # Babel raises PoFileError and others for broken files
        line = getattr(exc, "lineno", None)
        from .diagnostics import Position

        diagnostics.error(f"cannot read the catalog: {exc}", path,
                          Position(line, 1) if line else None)
        return translations
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, tuple | list):
            translations.messages[message.id[0]] = tuple(message.string or ())
        else:
            translations.messages[message.id] = str(message.string or "")
    translations.plural = gettext.c2py(catalog.plural_expr)
    return translations
