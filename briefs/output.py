"""The one writer of build outputs: atomic file writes and the build manifest."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

MANIFEST_NAME = "manifest.json"
MANIFEST_VERSION = 1


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` so readers see the old file or the new one, never a partial one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_manifest(output_dir: Path) -> dict[str, Any]:
    """The previous manifest, or an empty one when there is none or it is unreadable."""
    try:
        data = json.loads((output_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"version": MANIFEST_VERSION, "outputs": []}
    if not isinstance(data, dict) or not isinstance(data.get("outputs"), list):
        return {"version": MANIFEST_VERSION, "outputs": []}
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


def write_manifest(output_dir: Path, outputs: list[dict[str, Any]]) -> Path:
    """Write the manifest, outputs sorted by path so identical builds give identical bytes."""
    manifest = {
        "version": MANIFEST_VERSION,
        "outputs": sorted(outputs, key=lambda entry: entry["path"]),
    }
    path = output_dir / MANIFEST_NAME
    text = json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    atomic_write(path, text.encode("utf-8"))
    return path
