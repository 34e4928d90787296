"""Import translators' files back into `<locale>.yaml`: comments and key order kept (ruamel.yaml
round trip), every file checked before anything is written, then the lock refreshed."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefs.content.loader import KeyPath, LoadedYaml, load_yaml_text
from briefs.content.overlay import overlay
from briefs.content.translations_lock import (
    current_lock_text,
    fingerprint,
    lock_path,
    lock_text,
    prose_leaves,
    read_lock,
    refreshed_lock,
    structure_problems,
)
from briefs.content.validation import format_key_path, validate
from briefs.core.diagnostics import Diagnostics, Position
from briefs.i18n.status import Scope, document_source
from briefs.i18n.translated_files import TranslatedFile, read_translated

MAX_DRAFT_WARNINGS = 20
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
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
    """Check every file, then write every locale file and its lock together; on any error
    nothing is written and the errors are in `scope.diagnostics`."""
    from briefs.output.writer import write_workspace_files

    workspace, diagnostics = scope.workspace, scope.diagnostics
    errors_before = len(diagnostics.errors)
    updates = []
    for path in paths:
        read = read_translated(path, diagnostics, workspace.read_roots)
        update = _prepare(scope, read) if read is not None else None
        if update is not None:
            updates.append(update)
    if len(diagnostics.errors) > errors_before:
        return []
    files: dict[Path, bytes] = {}
    locks: dict[Path, dict[str, Any]] = {}
    for update in updates:
        files[update.path] = update.text.encode("utf-8")
        folder = update.path.parent
        if folder not in locks:
            locks[folder] = read_lock(workspace, folder, diagnostics)
        locks[folder][update.file.locale] = _lock_entries(update, locks[folder])
    if len(diagnostics.errors) > errors_before:
        return []
    for folder, locales in locks.items():
        text = lock_text(locales)
        if current_lock_text(lock_path(folder)) != text:
            files[lock_path(folder)] = text.encode("utf-8")
    write_workspace_files(list(files.items()), workspace.root)
    return list(files)


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
    errors = len(diagnostics.errors)
    for unit in file.units:
        if unit.key not in leaves:
            diagnostics.error(f'"{format_key_path(unit.key)}" is not a text of '
                              f"{source.path.relative_to(workspace.root).as_posix()}; was the "
                              "file exported from another version?", file.path,
                              Position(unit.line, 1))
        elif unit.confirmed and unit.target and unit.target.strip():  # drafts stay out
            for problem in damaged(leaves[unit.key], unit.target):
                diagnostics.error(f'unit "{format_key_path(unit.key)}": the translation '
                                  f"{problem}; keep every paragraph and code of the source "
                                  "(the file's inline tags)", file.path, Position(unit.line, 1))
    if len(diagnostics.errors) > errors:
        return None
    path = workspace.content_dir / file.doc / f"{file.locale}.yaml"
    readable, existing = _existing(workspace, path, diagnostics)
    if not readable:
        return None
    file = _without_drafts(file, existing, diagnostics)
    text = merged_yaml(path, file, config.source_locale, existing)
    update = Update(file, path, text, source, leaves, kind.text_model)
    return update if _valid(update, diagnostics) else None


def _existing(workspace: Any, path: Path, diagnostics: Diagnostics) -> tuple[bool, str | None]:
    """Whether the locale file can be used, and its text (None when there is none); not
    usable after an error (a link out of the workspace, over the content limit, not UTF-8)."""
    from briefs.content.loader import MAX_FILE_BYTES, decode_text
    from briefs.core.paths import RefusedPath, TooLarge

    if not path.exists() and not path.is_symlink():
        return True, None
    try:
        raw = workspace.read_bytes(path, MAX_FILE_BYTES)
    except TooLarge as exc:
        diagnostics.error(f"{exc.name} is over the {exc.limit}-byte limit for content files",
                          path, Position(1, 1))
        return False, None
    except RefusedPath as exc:
        diagnostics.error(str(exc), path, Position(1, 1))
        return False, None
    except OSError as exc:
        diagnostics.error(f"cannot read the file: {exc.strerror or exc}", path, Position(1, 1))
        return False, None
    text = decode_text(raw, path, diagnostics)
    if text is None:
        return False, None
    content = any(line.strip() and not line.lstrip().startswith("#")
                  for line in text.splitlines())
    if content and load_yaml_text(text, path, diagnostics) is None:
        return False, None  # briefs' own loader first: its limits, aliases refused
    return True, text


def damaged(source: str, target: str) -> list[str]:
    """What a translation lost or gained of its source's structure: paragraphs, links,
    footnotes, placeholders."""
    problems = []
    paragraphs = len(PARAGRAPH_BREAK.split(source.strip()))
    found = len(PARAGRAPH_BREAK.split(target.strip()))
    if paragraphs != found:
        problems.append(f"has {found} paragraph{'s' * (found != 1)} where the source has "
                        f"{paragraphs}")
    problems += [problem.replace(" compared with the source text", "")
                 for problem in structure_problems(source, target)]
    return problems


def _without_drafts(file: TranslatedFile, existing: str | None,
                    diagnostics: Diagnostics) -> TranslatedFile:
    """The file's units without the drafts (XLIFF `initial`, PO `fuzzy`): they are not
    imported as final; each one that would change the text is reported."""
    kept = [unit for unit in file.units if unit.confirmed]
    current: dict[KeyPath, str] = {}
    if existing:
        loaded = load_yaml_text(existing, file.path, Diagnostics())
        current = _leaves(loaded.data) if loaded is not None else {}
    drafts = [unit for unit in file.units if not unit.confirmed and unit.target and
              unit.target.strip() and current.get(unit.key) != unit.target]
    if len(drafts) > MAX_DRAFT_WARNINGS:
        diagnostics.warning(f"{len(drafts)} units are drafts (XLIFF state initial, PO fuzzy) "
                            "and were not imported; the first ones follow", file.path,
                            Position(drafts[0].line, 1))
    for unit in drafts[:MAX_DRAFT_WARNINGS]:
        what = "still fuzzy" if unit.state == "fuzzy" else f'in state "{unit.state}" (a draft)'
        diagnostics.warning(f'unit "{format_key_path(unit.key)}" is {what}: not imported; '
                            "mark it translated (XLIFF) or remove the fuzzy flag (PO) when "
                            "it is done", file.path, Position(unit.line, 1))
    return TranslatedFile(file.path, file.doc, file.locale, kept)


def _leaves(data: Any, key_path: KeyPath = ()) -> dict[KeyPath, str]:
    if isinstance(data, dict):
        return {k: v for key, value in data.items()
                for k, v in _leaves(value, (*key_path, key)).items()}
    if isinstance(data, list):
        return {k: v for index, value in enumerate(data)
                for k, v in _leaves(value, (*key_path, index)).items()}
    return {key_path: data} if isinstance(data, str) else {}


def merged_yaml(path: Path, file: TranslatedFile, source_locale: str,
                existing: str | None) -> str:
    """The locale file (`existing`, read and checked by the caller) with the file's
    translations set; its comments and order kept."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    if existing is None or _indented_lists(existing):
        yaml.indent(mapping=2, sequence=4, offset=2)
    data = yaml.load(existing) if existing else None
    if not isinstance(data, CommentedMap):
        data = CommentedMap()
    current = _leaves(data)
    for unit in file.units:
        if unit.target and unit.target.strip() and not (
                unit.key in current and same_source(unit.target, current[unit.key])):
            _set(data, unit.key, unit.target)  # the text as it was, when only wraps differ
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


def _lock_entries(update: Update, locks: dict[str, Any]) -> dict[str, dict[str, str]]:
    """The lock's entries for the update's locale: each confirmed unit recorded as translated
    from the source text in the file (so a source that changed since the export still shows
    as stale), with its state when the translator marked it reviewed or final."""
    locale = update.file.locale
    loaded = load_yaml_text(update.text, update.path, Diagnostics())
    translated = prose_leaves(loaded.data, update.model) if loaded is not None else {}
    entries = refreshed_lock(update.leaves, translated, locks.get(locale, {}),
                             accept_stale=False)
    for unit in update.file.units:
        if unit.confirmed and unit.target and unit.key in translated:
            current = update.leaves.get(unit.key, "")
            made_from = current if same_source(unit.source, current) else unit.source
            record = {"source": fingerprint(made_from),
                      "translation": fingerprint(translated[unit.key])}
            if unit.state in ("reviewed", "final"):
                record["state"] = unit.state
            record["text"] = made_from  # shown to the translator when the source changes
            entries[format_key_path(unit.key)] = record
    return entries


def same_source(exported: str, current: str) -> bool:
    """Whether the source text a file carries is the current one (the export joins a
    paragraph's YAML line wraps, so texts are compared paragraph by paragraph)."""
    return exported == current or _unwrapped(exported) == _unwrapped(current)


def _unwrapped(text: str) -> list[str]:
    return [" ".join(paragraph.split()) for paragraph in PARAGRAPH_BREAK.split(text.strip())]
