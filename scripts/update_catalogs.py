"""Maintainers: refresh briefs' own catalogs (briefs/assets/locales/) from its templates.

    .venv/bin/python scripts/update_catalogs.py

Writes messages.pot from the built-in templates and every built-in kind's template, and adds
new strings (untranslated) to each locale's messages.po, keeping existing translations.
"""

from __future__ import annotations

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from briefs.i18n.catalogs import (
    FIXED_DATE,
    PACKAGE_LOCALES,
    catalog_path,
    extract,
    po_bytes,
    template_sources,
)
from briefs.kinds.registry import BUILTIN_DIR


def main() -> None:
    templates = sorted(BUILTIN_DIR.glob("*/template.html.j2"))
    template = extract(template_sources(None, templates))
    (PACKAGE_LOCALES / "messages.pot").write_bytes(po_bytes(template))
    for folder in sorted(path for path in PACKAGE_LOCALES.iterdir() if path.is_dir()):
        path = catalog_path(PACKAGE_LOCALES, folder.name)
        with path.open("rb") as stream:
            catalog: Catalog = read_po(stream, locale=folder.name)
        catalog.update(template, no_fuzzy_matching=True, update_creation_date=False)
        catalog.obsolete.clear()
        catalog.revision_date = FIXED_DATE
        path.write_bytes(po_bytes(catalog))
        missing = [m.id for m in catalog if m.id and not m.string]
        print(f"{path.relative_to(PACKAGE_LOCALES.parent.parent.parent)}: "
              f"{len(missing)} untranslated")


if __name__ == "__main__":
    main()
