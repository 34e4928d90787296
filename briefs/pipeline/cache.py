"""Incremental builds: a key per output over everything that can change it, kept in build/.

A cache file of the wrong shape (damaged, or from another version) is ignored and rewritten:
the cache heals itself instead of failing every later build.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefs.core.diagnostics import Problem
from briefs.core.paths import file_sha256
from briefs.core.versions import toolkit_versions
from briefs.output.writer import Writer
from briefs.render.layout_record import LayoutRecord, opened, sealed

CACHE_FILE = ".cache/outputs.json"
HASHES_FILE = ".cache/hashes.json"
CACHE_VERSION = 2
SAVE_INTERVAL_SECONDS = 1.0
SAVE_SHARE = 0.05
"""Saving the cache takes at most this share of a build's time: the file grows with the
outputs, so saving it every second was quadratic in them (1,000 outputs: a 4 MB file)."""
OWNER = "the build cache"


def target_key(html: str, settings: dict[str, Any]) -> str:
    """What the output is made from besides files: its HTML, render options, versions."""
    payload = json.dumps({"settings": settings, "versions": toolkit_versions()},
                         sort_keys=True, default=str)
    digest = hashlib.sha256(payload.encode("utf-8"))
    digest.update(html.encode("utf-8"))
    return digest.hexdigest()


def fingerprint(path: Path, known: Any = None) -> dict[str, Any] | None:
    """Size, mtime and sha256 of a file; the hash is reused while size and mtime match."""
    try:
        stat = path.stat()
        if isinstance(known, dict) and known.get("size") == stat.st_size and \
                known.get("mtime_ns") == stat.st_mtime_ns and isinstance(known.get("sha256"), str):
            return known
        return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "sha256": file_sha256(path)}
    except OSError:
        return None


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _dependency_name(path: Path, root: Path) -> str:
    """Workspace files by their path inside it (the same in every checkout); others absolute."""
    resolved = path.resolve()
    return resolved.relative_to(root).as_posix() if resolved.is_relative_to(root) \
        else str(resolved)


@dataclass
class BuildCache:
    """What each output was last built from, in build/.cache/outputs.json."""

    root: Path
    writer: Writer
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)
    hashes: FileHashes | None = None
    """Hashes already known to the session (a font used by every Chinese output is hashed
    once, not once per output)."""
    _saved_at: float = field(default=0.0, repr=False)
    _save_seconds: float = field(default=0.0, repr=False)
    _dirty: bool = field(default=False, repr=False)

    @property
    def path(self) -> Path:
        return self.writer.output_dir / CACHE_FILE

    @classmethod
    def load(cls, root: Path, writer: Writer, hashes: FileHashes | None = None) -> BuildCache:
        cache = cls(root.resolve(), writer, hashes=hashes)
        cache._saved_at = time.monotonic()
        data = _read_json(cache.path)
        if isinstance(data, dict) and data.get("version") == CACHE_VERSION and \
                isinstance(data.get("outputs"), dict):
            cache.entries = {name: entry for name, entry in data["outputs"].items()
                             if _well_formed(entry)}
        return cache

    def fresh_entry(self, output: str, key: str) -> dict[str, Any] | None:
        """The manifest entry of `output` when nothing it depends on changed, else None."""
        entry = self._same_inputs(output, key)
        if entry is None:
            return None
        written = fingerprint(self.writer.output_dir / output, entry.get("output"))
        if written is None or written["sha256"] != entry["manifest"].get("sha256"):
            return None
        return dict(entry["manifest"])

    def _same_inputs(self, output: str, key: str) -> dict[str, Any] | None:
        """The entry of `output` when its key and every file it was made from are unchanged
        (whether or not its file still is)."""
        entry = self.entries.get(output)
        if not entry or entry["key"] != key:
            return None
        for name, known in entry["dependencies"].items():
            current = fingerprint(self.root / name, known)
            if current is None or not isinstance(known, dict) or \
                    current["sha256"] != known.get("sha256"):
                return None
        return entry

    def layout(self, output: str, key: str) -> LayoutRecord | None:
        """What the last render of `output` settled on (`render/layout_record.py`), when it
        was made from the same inputs and the record is signed with this user's key."""
        entry = self._same_inputs(output, key)
        if entry is None or "layout" not in entry:
            return None
        from briefs.render.bytecode import signing_key

        return opened(entry["layout"], key, signing_key())

    def replayed(self, output: str) -> list[Problem]:
        """What the last render of `output` warned about, typed (reported again on a cache
        hit); a cache from before problems were typed kept lines, which come back as
        warnings of code `render.replayed`."""
        replay = self.entries.get(output, {}).get("replay", [])
        found: list[Problem] = []
        for item in replay if isinstance(replay, list) else []:
            problem = Problem.from_plain(item) if isinstance(item, dict) else \
                Problem.warning("render.replayed", str(item))
            if problem is not None:
                found.append(problem)
        return found

    def record(self, output: str, key: str, dependencies: list[Path],
               manifest_entry: dict[str, Any], replay: list[Problem] | None = None,
               layout: LayoutRecord | None = None) -> None:
        """Remember what `output` was built from; saved within a second (a crash loses at
        most that: those outputs are rendered again), and by `flush()` at the end of a build.
        Saving after every output rewrote the whole file each time: quadratic in outputs."""
        previous = self.entries.get(output, {}).get("dependencies", {})
        deps: dict[str, Any] = {}
        for path in sorted(set(dependencies)):
            name = _dependency_name(path, self.root)
            known = previous.get(name)
            found = fingerprint(path, known) if known or self.hashes is None \
                else self.hashes.fingerprint(path)
            if found is not None:
                deps[name] = found
        self.entries[output] = {
            "key": key, "dependencies": deps, "manifest": manifest_entry,
            "output": fingerprint(self.writer.output_dir / output) or {},
            "replay": [problem.as_plain() for problem in replay or []],
        }
        if layout is not None:
            from briefs.render.bytecode import signing_key

            signing = signing_key()
            if signing is not None:
                self.entries[output]["layout"] = sealed(layout, key, signing)
        self._dirty = True
        if time.monotonic() - self._saved_at >= self.save_interval():
            self.save()

    def save_interval(self) -> float:
        """A second, or longer when the last save took more than SAVE_SHARE of that: the
        time spent saving stays a fixed share of the build's however many outputs it has
        (a crash loses what was recorded since: those outputs are rendered again)."""
        if not SAVE_INTERVAL_SECONDS:
            return 0.0
        return max(SAVE_INTERVAL_SECONDS, self._save_seconds / SAVE_SHARE)

    def flush(self) -> None:
        """Save what was recorded since the last save."""
        if self._dirty:
            self.save()

    def save(self) -> None:
        started = time.monotonic()
        data = {"version": CACHE_VERSION, "outputs": self.entries}
        # Compact: an indented dump takes Python's slow encoder (3.7x the time).
        self.writer.write_text(self.path, json.dumps(data, sort_keys=True,
                                                     separators=(",", ":")), OWNER)
        self._saved_at, self._dirty = time.monotonic(), False
        self._save_seconds = self._saved_at - started


def _well_formed(entry: Any) -> bool:
    return (isinstance(entry, dict) and isinstance(entry.get("key"), str)
            and isinstance(entry.get("dependencies"), dict)
            and isinstance(entry.get("manifest"), dict))


@dataclass
class FileHashes:
    """sha256 of files, remembered by size and mtime in build/.cache/hashes.json."""

    writer: Writer | None
    known: dict[str, Any] = field(default_factory=dict)
    changed: bool = False

    @classmethod
    def load(cls, output_dir: Path, writer: Writer | None) -> FileHashes:
        data = _read_json(output_dir / HASHES_FILE)
        return cls(writer, data if isinstance(data, dict) else {})

    def tag(self, file: Path) -> str:
        """A short content tag for `file` (hashed again only when size or mtime change)."""
        found = self.fingerprint(file)
        return "missing" if found is None else str(found["sha256"])[:16]

    def fingerprint(self, file: Path) -> dict[str, Any] | None:
        """Size, mtime and sha256 of `file`, hashed again only when size or mtime change."""
        key = str(file)
        found = fingerprint(file, self.known.get(key))
        if found is not None and found is not self.known.get(key):
            self.known[key] = found
            self.changed = True
        return found

    def save(self) -> None:
        if self.changed and self.writer is not None:
            self.writer.write_text(self.writer.output_dir / HASHES_FILE,
                                   json.dumps(self.known, sort_keys=True), OWNER)
            self.changed = False
