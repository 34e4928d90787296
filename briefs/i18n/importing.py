"""Import translators' files back into `<locale>.yaml`: comments and key order kept (ruamel.yaml
round trip), every file checked before anything is written, then the lock refreshed."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefs.content.loader import KeyPath, LoadedYaml, load_yaml_text
from briefs.content.validation import format_key_path, validate
from briefs.core.diagnostics import Diagnostics, Position
from briefs.i18n.lock import fingerprint, prose_leaves, read_lock, refreshed_lock, write_lock
from briefs.i18n.overlay import overlay
from briefs.i18n.status import Scope, document_source
from briefs.i18n.translated_files import TranslatedFile, read_translated

HEADER = "# Translated with `briefs i18n import`; same keys as {source}.\n"


@dataclass
class Update:
    """A locale file's new text, ready to write, and what it was made from."""

    file: TranslatedFile
    path: Path
    text: str
    source: LoadedYaml
    leaves: dict[KeyPath, str]
    """The source's translatable texts, by key."""
    model: Any


class Located:
    """The merged translation for validation: problems point at the translator's file."""

    def __init__(self, merged: Any, file: TranslatedFile) -> None:
        self.merged = merged
        self.data = merged.data
        self.file = file

    def locate(self, key_path: KeyPath, *, value: bool = False) -> tuple[Path, Position]:
        for length in range(len(key_path), 0, -1):
            if any(unit.key == key_path[:length] for unit in self.file.units):
                return self.file.path, Position(self.file.line_of(key_path[:length]), 1)
        return self.merged.locate(key_path, value=value)


def import_translations(scope: Scope, paths: list[Path]) -> list[Path]:
    """Check every file, then write every locale file and refresh the locks; on any error
    nothing is written and the errors are in `scope.diagnostics`."""
    diagnostics = scope.diagnostics
    errors_before = len(diagnostics.errors)
    updates = []
    for path in paths:
        read = read_translated(path, diagnostics)
        update = _prepare(scope, read) if read is not None else None
        if update is not None:
            updates.append(update)
    if len(diagnostics.errors) > errors_before:
        return []
    from briefs.output.writer import write_workspace_file

    written = []
    for update in updates:
        write_workspace_file(update.path, update.text.encode("utf-8"))
        written.append(update.path)
        if _refresh_lock(scope, update):
            written.append(update.path.parent / "translations.lock")
    return list(dict.fromkeys(written))


def _prepare(scope: Scope, file: TranslatedFile) -> Update | None:
    workspace, diagnostics = scope.workspace, scope.diagnostics
    config = workspace.config
    if file.doc not in workspace.document_ids():
        diagnostics.error(f'the file is for document "{file.doc}", which this workspace does '
                          "not have", file.path, Position(1, 1))
        return None
    if file.locale not in config.locales or file.locale == config.source_locale:
        diagnostics.error(f'the file translates into "{file.locale}", which is not a '
                          f"translated locale of briefs.yaml ({', '.join(config.locales)})",
                          file.path, Position(1, 1))
        return None
    loaded = document_source(workspace, scope.kinds, file.doc, diagnostics)
    if loaded is None:
        return None
    source, kind, _ = loaded
    leaves = prose_leaves(source.data, kind.text_model)
    for unit in file.units:
        if unit.key not in leaves:
            diagnostics.error(f'"{format_key_path(unit.key)}" is not a text of '
                              f"{source.path.relative_to(workspace.root).as_posix()}; was the "
                              "file exported from another version?", file.path,
                              Position(unit.line, 1))
    path = workspace.content_dir / file.doc / f"{file.locale}.yaml"
    text = merged_yaml(path, file, config.source_locale)
    update = Update(file, path, text, source, leaves, kind.text_model)
    return update if _valid(update, diagnostics) else None


def merged_yaml(path: Path, file: TranslatedFile, source_locale: str) -> str:
    """The locale file with the file's translations set; its comments and order kept."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    existing = path.read_text(encoding="utf-8") if path.is_file() else None
    if existing is None or _indented_lists(existing):
        yaml.indent(mapping=2, sequence=4, offset=2)
    data = yaml.load(existing) if existing else None
    if not isinstance(data, CommentedMap):
        data = CommentedMap()
    for unit in file.units:
        if unit.target and unit.target.strip():
            _set(data, unit.key, unit.target)
    stream = io.StringIO()
    yaml.dump(data, stream)
    return (HEADER.format(source=f"{source_locale}.yaml") if existing is None else "") + \
        stream.getvalue()


def _indented_lists(text: str) -> bool:
    """Whether the file indents list items under their key (`  - item`), as briefs' own
    files do; ruamel.yaml writes the style it is told, so it is read from the file."""
    parent = -1
    for line in text.splitlines():
        stripped = line.lstrip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(line) - len(stripped)
        if stripped.startswith("- "):
            return indent > parent >= 0
        parent = indent if stripped.rstrip().endswith(":") else -1
    return True


def _set(data: Any, key: KeyPath, text: str) -> None:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import LiteralScalarString

    node: Any = data
    for part, following in zip(key, [*key[1:], None], strict=True):
        if isinstance(node, list):
            node.extend([None] * (int(part) + 1 - len(node)))
        if following is None:
            node[part] = LiteralScalarString(text) if "\n" in text else text
            return
        child = node[int(part)] if isinstance(node, list) else node.get(part)
        if not isinstance(child, dict | list):
            child = CommentedSeq() if isinstance(following, int) else CommentedMap()
            node[part] = child
        node = child


def _valid(update: Update, diagnostics: Diagnostics) -> bool:
    """The new text, laid over the source, passes the kind's schema."""
    found = Diagnostics()
    loaded = load_yaml_text(update.text, update.path, found)
    if loaded is not None:
        merged = overlay(update.source, loaded)
        located = Located(merged, update.file)
        for key_path, message in merged.extra:
            found.error(message, *located.locate(key_path))
        validate(update.model, located, found)
    diagnostics.extend(found)
    return not found.has_errors()


def _refresh_lock(scope: Scope, update: Update) -> bool:
    """Record each confirmed unit as translated from the source text in the file (so a
    source that changed since the export still shows as stale)."""
    folder = update.path.parent
    locks = read_lock(scope.workspace, folder, scope.diagnostics)
    locale = update.file.locale
    loaded = load_yaml_text(update.text, update.path, Diagnostics())
    translated = prose_leaves(loaded.data, update.model) if loaded is not None else {}
    entries = refreshed_lock(update.leaves, translated, locks.get(locale, {}),
                             accept_stale=False)
    for unit in update.file.units:
        if unit.confirmed and unit.target and unit.key in translated:
            entries[format_key_path(unit.key)] = {
                "source": fingerprint(unit.source),
                "translation": fingerprint(translated[unit.key])}
    locks[locale] = entries
    return write_lock(folder, locks)
