"""The build manifest (build/manifest.json): every output with its pages, bytes and sha256."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

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


def merge_manifests(manifests: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[str]]:
    """All outputs of several (sharded) manifests; a path built differently twice is a conflict."""
    merged: dict[str, dict[str, Any]] = {}
    conflicts = []
    for manifest in manifests:
        for entry in manifest.get("outputs", []):
            path = entry.get("path")
            if path in merged and merged[path].get("sha256") != entry.get("sha256"):
                first, second = str(merged[path].get("sha256"))[:12], str(entry.get("sha256"))[:12]
                conflicts.append(f"{path}: two different builds (sha256 {first}… and {second}…)")
                continue
            merged[path] = entry
    return list(merged.values()), conflicts


def manifest_text(outputs: list[dict[str, Any]]) -> str:
    """The manifest, outputs sorted by path so identical builds give identical bytes."""
    manifest = {
        "version": MANIFEST_VERSION,
        "outputs": sorted(outputs, key=lambda entry: entry["path"]),
    }
    return json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_manifest(writer: Writer, outputs: list[dict[str, Any]]) -> Path:
    path = writer.output_dir / MANIFEST_NAME
    writer.write_text(path, manifest_text(outputs), OWNER)
    return path
