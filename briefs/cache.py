"""Incremental builds: a key per output over everything that can change it, kept in build/."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .output import atomic_write
from .versions import toolkit_versions

CACHE_FILE = ".cache/outputs.json"
CACHE_VERSION = 1


def target_key(html: str, settings: dict[str, Any]) -> str:
    """What the output is made from besides files: its HTML, render options, versions."""
    payload = json.dumps({"settings": settings, "versions": toolkit_versions()},
                         sort_keys=True, default=str)
    digest = hashlib.sha256(payload.encode("utf-8"))
    digest.update(html.encode("utf-8"))
    return digest.hexdigest()


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def fingerprint(path: Path, known: dict[str, Any] | None = None) -> dict[str, Any] | None:
    """Size, mtime and sha256 of a file; the hash is reused while size and mtime match."""
    try:
        stat = path.stat()
    except OSError:
        return None
    if known and known.get("size") == stat.st_size and known.get("mtime_ns") == stat.st_mtime_ns:
        return known
    return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "sha256": file_sha256(path)}


@dataclass
class BuildCache:
    """What each output was last built from, in build/.cache/outputs.json."""

    root: Path
    output_dir: Path
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(cls, root: Path, output_dir: Path) -> BuildCache:
        cache = cls(root, output_dir)
        try:
            data = json.loads((output_dir / CACHE_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cache
        if isinstance(data, dict) and data.get("version") == CACHE_VERSION:
            cache.entries = data.get("outputs", {})
        return cache

    def fresh_entry(self, output: str, key: str) -> dict[str, Any] | None:
        """The manifest entry of `output` when nothing it depends on changed, else None."""
        entry = self.entries.get(output)
        if not entry or entry.get("key") != key:
            return None
        written = fingerprint(self.output_dir / output, entry.get("output"))
        if written is None or written["sha256"] != entry["manifest"]["sha256"]:
            return None
        for relative, known in entry.get("dependencies", {}).items():
            current = fingerprint(self.root / relative, known)
            if current is None or current["sha256"] != known.get("sha256"):
                return None
        return dict(entry["manifest"])

    def record(self, output: str, key: str, dependencies: list[Path],
               manifest_entry: dict[str, Any], replay: list[str] | None = None) -> None:
        """Remember what `output` was built from, and save at once (a crash keeps it)."""
        previous = self.entries.get(output, {}).get("dependencies", {})
        deps: dict[str, Any] = {}
        for path in sorted(set(dependencies)):
            try:
                relative = path.resolve().relative_to(self.root.resolve()).as_posix()
            except ValueError:
                continue
            found = fingerprint(path, previous.get(relative))
            if found is not None:
                deps[relative] = found
        self.entries[output] = {
            "key": key, "dependencies": deps, "manifest": manifest_entry,
            "output": fingerprint(self.output_dir / output) or {},
            "replay": replay or [],
        }
        self.save()

    def save(self) -> None:
        data = {"version": CACHE_VERSION, "outputs": self.entries}
        text = json.dumps(data, indent=1, sort_keys=True)
        atomic_write(self.output_dir / CACHE_FILE, text.encode("utf-8"))


@dataclass
class FileHashes:
    """sha256 of files, remembered by size and mtime in build/.cache/hashes.json."""

    path: Path
    known: dict[str, dict[str, Any]] = field(default_factory=dict)
    changed: bool = False

    @classmethod
    def load(cls, output_dir: Path) -> FileHashes:
        memo = cls(output_dir / ".cache" / "hashes.json")
        try:
            memo.known = json.loads(memo.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            memo.known = {}
        return memo

    def tag(self, file: Path) -> str:
        """A short content tag for `file` (hashed again only when size or mtime change)."""
        key = str(file)
        found = fingerprint(file, self.known.get(key))
        if found is None:
            return "missing"
        if found is not self.known.get(key):
            self.known[key] = found
            self.changed = True
        return str(found["sha256"])[:16]

    def save(self) -> None:
        if self.changed:
            atomic_write(self.path, json.dumps(self.known, sort_keys=True).encode("utf-8"))
            self.changed = False
