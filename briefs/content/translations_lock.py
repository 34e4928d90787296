"""What each translation is made from: the lock file, stale keys, and Markdown structure checks."""

from __future__ import annotations

import hashlib
import json
import re
import typing
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from briefs.content.config import Workspace
from briefs.content.loader import KeyPath
from briefs.content.validation import field_extra, format_key_path
from briefs.core.diagnostics import Diagnostics, Position
from briefs.core.paths import RefusedPath, read_regular
from briefs.output.writer import write_workspace_file

LOCK_NAME = "translations.lock"
LOCK_VERSION = 1
MAX_LOCK_BYTES = 5_000_000
LINK = re.compile(r"\]\(\s*([^)\s]+)[^)]*\)")
FOOTNOTE_REFERENCE = re.compile(r"\[\^([^\]\s]+)\](?!:)")
FOOTNOTE_DEFINITION = re.compile(r"^\s*\[\^([^\]\s]+)\]:", re.MULTILINE)
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}|%\([A-Za-z_][A-Za-z0-9_]*\)[sd]")

REPAIR = "delete it and run `briefs i18n update` to record the translations again"

LockEntries = dict[str, dict[str, str]]


def fingerprint(text: str) -> str:
    """A short, stable hash of a text, recorded in the lock file."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def prose_leaves(data: Any, model: type[BaseModel], key_path: KeyPath = ()) -> dict[KeyPath, str]:
    """Every translatable text value, by key path (dates and other fixed values left out)."""
    leaves: dict[KeyPath, str] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            leaves.update(prose_leaves(value, model, (*key_path, key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            leaves.update(prose_leaves(value, model, (*key_path, index)))
    elif isinstance(data, str) and data.strip() and \
            field_extra(model, key_path).get("translate", True):
        leaves[key_path] = data
    return leaves


def lock_path(folder: Path) -> Path:
    return folder / LOCK_NAME


def read_lock(workspace: Workspace, folder: Path,
              diagnostics: Diagnostics) -> dict[str, LockEntries]:
    """Locale -> key -> {"source": hash, "translation": hash}; empty when there is no lock.

    A lock that cannot be used (outside the workspace, not JSON, not the shape briefs writes)
    is an error naming it, and is then treated as empty.
    """
    path = lock_path(folder)
    if not path.is_file() and not path.is_symlink():
        return {}
    try:
        text = workspace.read_bytes(path, MAX_LOCK_BYTES).decode("utf-8")
        data = json.loads(text)
    except RefusedPath as exc:
        diagnostics.error(str(exc), path, Position(1, 1))
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        diagnostics.error(f"cannot read the lock file: {exc}", path, Position(1, 1))
        return {}
    except json.JSONDecodeError as exc:
        diagnostics.error(f"not a lock file briefs wrote: {exc.msg}; {REPAIR}", path,
                          Position(exc.lineno, exc.colno))
        return {}
    locales = data.get("locales") if isinstance(data, dict) else None
    if not _lock_shaped(locales):
        diagnostics.error("not a lock file briefs wrote (expected {\"version\": 1, \"locales\": "
                          "{locale: {key: {\"source\": hash, \"translation\": hash}}}}); "
                          + REPAIR, path, Position(1, 1))
        return {}
    return typing.cast(dict[str, LockEntries], locales)


def _lock_shaped(locales: Any) -> bool:
    return isinstance(locales, dict) and all(
        isinstance(entries, dict) and all(
            isinstance(key, str) and isinstance(record, dict)
            and all(isinstance(v, str) for v in record.values())
            for key, record in entries.items())
        for entries in locales.values())


def lock_text(locales: dict[str, LockEntries]) -> str:
    """The lock file's text for `locales` (sorted, so that it only changes with its data)."""
    return json.dumps({"version": LOCK_VERSION, "locales": locales}, indent=2,
                      ensure_ascii=False, sort_keys=True) + "\n"


def current_lock_text(path: Path) -> str | None:
    """The lock file's text as it is, if it is a regular file briefs may read (not a link)."""
    if path.is_symlink() or not path.is_file():
        return None
    try:
        return read_regular(path, MAX_LOCK_BYTES).decode("utf-8")
    except (OSError, RefusedPath, UnicodeDecodeError):
        return None


def write_lock(folder: Path, locales: dict[str, LockEntries]) -> bool:
    """Write the lock file when its content changes; True when it was written."""
    text = lock_text(locales)
    path = lock_path(folder)
    if current_lock_text(path) == text:
        return False
    write_workspace_file(path, text.encode("utf-8"))
    return True


@dataclass
class LocaleState:
    """How complete and current one translation is."""

    locale: str
    total: int
    translated: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    mismatched: list[tuple[KeyPath, str]] = field(default_factory=list)
    stale_paths: list[KeyPath] = field(default_factory=list)

    @property
    def percent(self) -> int:
        """Share of source texts translated and current, rounded down."""
        if not self.total:
            return 100
        return (len(self.translated) - len(self.stale)) * 100 // self.total


def compare(source: dict[KeyPath, str], translation: dict[KeyPath, str], locale: str,
            lock: LockEntries) -> LocaleState:
    """Translated, missing, stale (source changed since), extra and mismatched keys."""
    state = LocaleState(locale=locale, total=len(source))
    for key_path, text in source.items():
        name = format_key_path(key_path)
        if key_path not in translation:
            state.missing.append(name)
            continue
        state.translated.append(name)
        record = lock.get(name)
        if record and record.get("source") != fingerprint(text) and \
                record.get("translation") == fingerprint(translation[key_path]):
            state.stale.append(name)
            state.stale_paths.append(key_path)
        for problem in structure_problems(text, translation[key_path]):
            state.mismatched.append((key_path, f"{name}: {problem}"))
    state.extra = [format_key_path(k) for k in translation if k not in source]
    return state


def refreshed_lock(source: dict[KeyPath, str], translation: dict[KeyPath, str],
                   lock: LockEntries, *, accept_stale: bool) -> LockEntries:
    """Record what each translated key was made from; stale keys keep their old record."""
    entries: LockEntries = {}
    for key_path, text in source.items():
        if key_path not in translation:
            continue
        name = format_key_path(key_path)
        current = {"source": fingerprint(text),
                   "translation": fingerprint(translation[key_path])}
        old = lock.get(name)
        stale = old and old.get("source") != current["source"] and \
            old.get("translation") == current["translation"]
        if old and old.get("source") == current["source"] and \
                old.get("translation") == current["translation"]:
            current = {**old, **current}  # its state (reviewed, final) and source text kept
        entries[name] = old if stale and not accept_stale and old else current
    return entries


def structure_problems(source: str, translation: str) -> list[str]:
    """Links, footnotes and placeholders a translation dropped or added."""
    problems = []
    checks = (
        ("link", lambda text: Counter(LINK.findall(text))),
        ("footnote reference", lambda text: Counter(FOOTNOTE_REFERENCE.findall(text))),
        ("footnote", lambda text: Counter(FOOTNOTE_DEFINITION.findall(text))),
        ("placeholder", lambda text: Counter(PLACEHOLDER.findall(text))),
    )
    for what, find in checks:
        expected, found = find(source), find(translation)
        if expected != found:
            lost = sorted((expected - found).elements())
            added = sorted((found - expected).elements())
            parts = []
            if lost:
                parts.append(f"missing {what} {', '.join(map(repr, lost))}")
            if added:
                parts.append(f"unexpected {what} {', '.join(map(repr, added))}")
            problems.append("; ".join(parts) + " compared with the source text")
    return problems
