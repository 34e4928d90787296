"""Translation status per document and locale, and refreshing lock files and catalogs."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from babel.messages.catalog import Catalog

from briefs.content.config import Workspace
from briefs.content.loader import KeyPath, LoadedYaml, load_yaml_file
from briefs.content.translations_lock import (
    LocaleState,
    LockEntries,
    compare,
    prose_leaves,
    read_lock,
    refreshed_lock,
    write_lock,
)
from briefs.content.validation import format_key_path
from briefs.core.diagnostics import Diagnostics
from briefs.i18n.catalogs import (
    TemplateSource,
    extract,
    load_translations,
    needs_catalog,
    shown_name,
    update_catalogs,
)
from briefs.i18n.words import word_count

if TYPE_CHECKING:
    from briefs.kinds.kind import Kind
    from briefs.kinds.registry import KindRegistry


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
    new_words: int = 0
    """Words of the source texts with no translation yet (for quoting translation work)."""
    stale_words: int = 0
    """Words of the source texts whose translation is stale."""

    def as_json(self) -> dict[str, object]:
        return {
            "doc": self.doc, "locale": self.locale, "path": self.path, "exists": self.exists,
            "total": self.state.total, "translated": len(self.state.translated),
            "missing": self.state.missing, "stale": self.state.stale, "extra": self.state.extra,
            "mismatched": [message for _, message in self.state.mismatched],
            "percent": self.state.percent,
            "template_strings": self.template_strings,
            "template_missing": self.template_missing,
            "new_words": self.new_words, "stale_words": self.stale_words,
        }

    @property
    def complete(self) -> bool:
        return self.exists and not (self.state.missing or self.state.stale or self.state.extra
                                    or self.state.mismatched or self.template_missing)


@dataclass(frozen=True)
class Scope:
    """What translation status looks at: the workspace, its kinds and its templates."""

    workspace: Workspace
    kinds: KindRegistry
    sources: list[TemplateSource]
    diagnostics: Diagnostics


def document_source(workspace: Workspace, kinds: KindRegistry, doc_id: str,
            diagnostics: Diagnostics) -> tuple[LoadedYaml, Kind, list[str] | None] | None:
    """The document's source prose, its kind, and the locales it lists (None: all)."""
    folder = workspace.content_dir / doc_id
    roots = workspace.read_roots
    settings = load_yaml_file(folder / "document.yaml", diagnostics, roots=roots)
    kind = kinds.get(settings.data.get("kind")) if settings else None
    if kind is None or settings is None:
        return None
    source = load_yaml_file(workspace.text_path(doc_id), diagnostics,
                            roots=roots)
    made_in = settings.data.get("locales")
    return (source, kind, [str(loc) for loc in made_in] if isinstance(made_in, list)
            else None) if source else None


@dataclass
class TranslationFile:
    """One document's translation into one locale, beside its source."""

    doc: str
    kind: Kind
    locale: str
    path: Path
    source: dict[KeyPath, str]
    translation: dict[KeyPath, str] | None
    lock: dict[str, LockEntries]


def _translations(scope: Scope, doc_ids: list[str],
                  locales: list[str]) -> Iterator[TranslationFile]:
    """Every (document, locale) pair but the source locale, with both texts' prose leaves."""
    workspace, kinds, diagnostics = scope.workspace, scope.kinds, scope.diagnostics
    for doc_id in doc_ids:
        loaded = document_source(workspace, kinds, doc_id, diagnostics)
        if loaded is None:
            continue
        source, kind, made_in = loaded
        model = kind.text_model
        source_leaves = prose_leaves(source.data, model)
        folder = workspace.content_dir / doc_id
        lock = read_lock(workspace, folder, diagnostics)
        for locale in locales:
            if locale == workspace.config.source_locale or \
                    (made_in is not None and locale not in made_in):
                continue
            path = folder / f"{locale}.yaml"
            translation = load_yaml_file(path, diagnostics, roots=workspace.read_roots) \
                if path.is_file() else None
            leaves = prose_leaves(translation.data, model) if translation else None
            yield TranslationFile(doc_id, kind, locale, path, source_leaves, leaves, lock)


def translation_status(scope: Scope, doc_ids: list[str], locales: list[str]) -> list[StatusRow]:
    """A row per document and translated locale (the source locale is the reference)."""
    workspace, kinds = scope.workspace, scope.kinds
    catalog = extract(scope.sources)
    rows = []
    for item in _translations(scope, doc_ids, locales):
        state = compare(item.source, item.translation or {}, item.locale,
                        item.lock.get(item.locale, {}))
        row = StatusRow(item.doc, item.locale, item.path.relative_to(workspace.root).as_posix(),
                        item.path.is_file(), state)
        names = {format_key_path(key): text for key, text in item.source.items()}
        row.new_words = sum(word_count(names[name]) for name in state.missing)
        row.stale_words = sum(word_count(names[name]) for name in state.stale)
        if needs_catalog(item.locale):
            template_ids = strings_of_kind(catalog, item.kind, kinds, workspace)
            translations = load_translations(workspace, item.locale, scope.diagnostics)
            row.template_strings = len(template_ids)
            row.template_missing = [m for m in template_ids if translations is None
                                    or not translations.messages.get(m)]
        rows.append(row)
    return rows


def strings_of_kind(catalog: Catalog, kind: Kind, kinds: KindRegistry,
                    workspace: Workspace) -> list[str]:
    """The template strings a document of `kind` can show: every string but those used only
    in other kinds' templates."""
    others = set()
    for other in kinds:
        if other.name != kind.name:
            others |= {f"{other.name}.html.j2", shown_name(other.template_file, workspace)}
    return sorted(str(message.id) for message in catalog if message.id and any(
        filename not in others for filename, _ in message.locations))


def update_translations(scope: Scope, doc_ids: list[str], locales: list[str], *,
                        accept_stale: bool) -> list[Path]:
    """Refresh every document's lock file and every locale's template catalog."""
    changed: dict[Path, dict[str, LockEntries]] = {}
    for item in _translations(scope, doc_ids, locales):
        folder = item.path.parent
        locks = changed.setdefault(folder, item.lock)
        if item.translation is not None:
            locks[item.locale] = refreshed_lock(item.source, item.translation,
                                                locks.get(item.locale, {}),
                                                accept_stale=accept_stale)
    written = [folder / "translations.lock" for folder, locks in changed.items()
               if locks and write_lock(folder, locks)]
    return written + update_catalogs(scope.workspace, scope.sources, locales)
