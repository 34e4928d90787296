"""Translation status per document and locale, and refreshing lock files and catalogs."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .catalogs import extract, load_translations, needs_catalog, update_catalogs
from .diagnostics import Diagnostics
from .loader import LoadedYaml, load_yaml_file
from .models import TEXT_MODELS
from .translation_state import (
    LocaleState,
    compare,
    prose_leaves,
    read_lock,
    refreshed_lock,
    write_lock,
)
from .workspace import Workspace


@dataclass
class StatusRow:
    """One document in one locale: how much is translated, missing, stale or extra."""

    doc: str
    locale: str
    path: str
    exists: bool
    state: LocaleState
    template_strings: int = 0
    template_missing: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return {
            "doc": self.doc, "locale": self.locale, "path": self.path, "exists": self.exists,
            "total": self.state.total, "translated": len(self.state.translated),
            "missing": self.state.missing, "stale": self.state.stale, "extra": self.state.extra,
            "mismatched": [message for _, message in self.state.mismatched],
            "percent": self.state.percent,
            "template_strings": self.template_strings,
            "template_missing": self.template_missing,
        }

    @property
    def complete(self) -> bool:
        return self.exists and not (self.state.missing or self.state.stale or self.state.extra
                                    or self.state.mismatched or self.template_missing)


def _source(workspace: Workspace, doc_id: str,
            diagnostics: Diagnostics) -> tuple[LoadedYaml, type] | None:
    folder = workspace.content_dir / doc_id
    settings = load_yaml_file(folder / "document.yaml", diagnostics)
    kind = settings.data.get("kind") if settings else None
    if kind not in TEXT_MODELS:
        return None
    source = load_yaml_file(folder / f"{workspace.config.source_locale}.yaml", diagnostics)
    return (source, TEXT_MODELS[kind]) if source else None


def translation_status(workspace: Workspace, doc_ids: list[str], locales: list[str],
                       diagnostics: Diagnostics) -> list[StatusRow]:
    """A row per document and translated locale (the source locale is the reference)."""
    template_ids = sorted(str(m.id) for m in extract(workspace) if m.id)
    rows = []
    for doc_id in doc_ids:
        loaded = _source(workspace, doc_id, diagnostics)
        if loaded is None:
            continue
        source, model = loaded
        source_leaves = prose_leaves(source.data, model)
        folder = workspace.content_dir / doc_id
        lock = read_lock(folder)
        for locale in locales:
            if locale == workspace.config.source_locale:
                continue
            path = folder / f"{locale}.yaml"
            translation = load_yaml_file(path, diagnostics) if path.is_file() else None
            leaves = prose_leaves(translation.data, model) if translation else {}
            row = StatusRow(doc_id, locale, path.relative_to(workspace.root).as_posix(),
                            path.is_file(), compare(source_leaves, leaves, locale,
                                                    lock.get(locale, {})))
            if needs_catalog(locale):
                catalog = load_translations(workspace, locale, diagnostics)
                row.template_strings = len(template_ids)
                row.template_missing = [m for m in template_ids
                                        if catalog is None or not catalog.messages.get(m)]
            rows.append(row)
    return rows


def update_translations(workspace: Workspace, doc_ids: list[str], locales: list[str],
                        diagnostics: Diagnostics, *, accept_stale: bool) -> list[Path]:
    """Refresh every document's lock file and every locale's template catalog."""
    written: list[Path] = []
    for doc_id in doc_ids:
        loaded = _source(workspace, doc_id, diagnostics)
        if loaded is None:
            continue
        source, model = loaded
        source_leaves = prose_leaves(source.data, model)
        folder = workspace.content_dir / doc_id
        lock = read_lock(folder)
        for locale in locales:
            path = folder / f"{locale}.yaml"
            if locale == workspace.config.source_locale or not path.is_file():
                continue
            translation = load_yaml_file(path, diagnostics)
            if translation is None:
                continue
            lock[locale] = refreshed_lock(source_leaves, prose_leaves(translation.data, model),
                                          lock.get(locale, {}), accept_stale=accept_stale)
        if lock and write_lock(folder, lock):
            written.append(folder / "translations.lock")
    written += update_catalogs(workspace, locales)
    return written
