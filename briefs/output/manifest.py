"""The build manifest (build/manifest.json): every output with its pages, bytes and sha256."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from briefs.output.entries import OutputEntry
from briefs.output.writer import Writer

MANIFEST_NAME = "manifest.json"
MANIFEST_VERSION = 1
OWNER = "the manifest"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_manifest(output_dir: Path) -> dict[str, Any]:
    """The previous manifest, or an empty one when there is none or it is unreadable."""
    empty: dict[str, Any] = {"version": MANIFEST_VERSION, "outputs": []}
    try:
        data = json.loads((output_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return empty
    if not isinstance(data, dict) or not isinstance(data.get("outputs"), list):
        return empty
    data["outputs"] = [entry for entry in data["outputs"]
                       if isinstance(entry, dict) and isinstance(entry.get("path"), str)]
    return data


def read_entries(output_dir: Path) -> list[OutputEntry]:
    """The previous manifest's entries, typed."""
    found = (OutputEntry.from_json(data) for data in read_manifest(output_dir)["outputs"])
    return [entry for entry in found if entry is not None]


def manifest_text(outputs: list[OutputEntry], shard: tuple[int, int] | None = None) -> str:
    """The manifest, outputs sorted by path so identical builds give identical bytes; a
    sharded build's says which shard it is (`manifest merge` finds missing shards by it)."""
    manifest: dict[str, Any] = {
        "version": MANIFEST_VERSION,
        "outputs": [entry.as_json() for entry in sorted(outputs, key=lambda e: e.path)],
    }
    if shard is not None:
        manifest["shard"] = {"index": shard[0], "count": shard[1]}
    return json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_manifest(writer: Writer, outputs: list[OutputEntry],
                   shard: tuple[int, int] | None = None) -> Path:
    path = writer.output_dir / MANIFEST_NAME
    writer.write_text(path, manifest_text(outputs, shard), OWNER)
    return path
