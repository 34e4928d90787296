"""Shard manifests read as untrusted input and merged: checked shape, confined paths, files
present beside the merged manifest, conflicts naming both manifests, missing shards found."""

from __future__ import annotations

import json
import os
import posixpath
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefs.core.diagnostics import Diagnostic, Severity
from briefs.output.entries import OutputEntry
from briefs.output.manifest import sha256

MAX_MANIFEST_BYTES = 64_000_000
"""A manifest of 100 000 outputs is about 50 MB."""
MAX_OUTPUTS = 200_000
SHA256 = re.compile(r"[0-9a-f]{64}")
UNSAFE_IN_PATH = re.compile(r"[\x00-\x1f\x7f\\:]")


@dataclass
class ShardManifest:
    """One manifest's outputs, and the shard (K, N) that wrote it, if it says."""

    path: Path
    outputs: list[OutputEntry]
    shard: tuple[int, int] | None = None


@dataclass
class Merged:
    outputs: list[OutputEntry] = field(default_factory=list)
    errors: list[Diagnostic] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)


def _error(message: str, path: Path | None) -> Diagnostic:
    return Diagnostic(Severity.ERROR, message, path)


def read_shard_manifest(path: Path, problems: list[Diagnostic]) -> ShardManifest | None:
    """A manifest file checked before it is trusted; every problem is added to `problems`."""
    data = _read_json(path, problems)
    if data is None:
        return None
    if not isinstance(data, dict):
        problems.append(_error(f"not a manifest: the file holds {_kind(data)}, not an object "
                               'with "outputs"', path))
        return None
    outputs = data.get("outputs")
    if not isinstance(outputs, list):
        problems.append(_error('not a manifest: "outputs" must be a list of outputs, not '
                               f"{_kind(outputs)}", path))
        return None
    if len(outputs) > MAX_OUTPUTS:
        problems.append(_error(f"{len(outputs)} outputs; a manifest holds at most "
                               f"{MAX_OUTPUTS}", path))
        return None
    before = len(problems)
    checked = [entry for index, data in enumerate(outputs)
               if (entry := _entry(data, f"outputs[{index}]", path, problems)) is not None]
    shard = _shard(data.get("shard"), path, problems)
    return ShardManifest(path, checked, shard) if len(problems) == before else None


def _read_json(path: Path, problems: list[Diagnostic]) -> Any:
    try:  # non-blocking: opening a FIFO would wait for a writer
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(handle, "rb") as stream:
            if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                problems.append(_error("not a manifest: not a regular file", path))
                return None
            raw = stream.read(MAX_MANIFEST_BYTES + 1)
    except OSError as exc:
        problems.append(_error(f"cannot read the manifest: {exc.strerror}", path))
        return None
    if len(raw) > MAX_MANIFEST_BYTES:
        problems.append(_error(f"not a manifest: over {MAX_MANIFEST_BYTES} bytes", path))
        return None
    try:
        return json.loads(raw.decode("utf-8"))
    except RecursionError:
        problems.append(_error("not a manifest: nested too deeply", path))
    except UnicodeDecodeError:
        problems.append(_error("not a manifest: not UTF-8 text", path))
    except ValueError as exc:
        problems.append(_error(f"not a manifest: {exc}", path))
    return None


def _entry(entry: Any, where: str, path: Path,
           problems: list[Diagnostic]) -> OutputEntry | None:
    """The entry, typed, when its path and digest can be trusted (else a problem)."""
    if not isinstance(entry, dict):
        problems.append(_error(f"{where}: an output must be an object with a path, not "
                               f"{_kind(entry)}", path))
        return None
    target = entry.get("path")
    if not isinstance(target, str) or not target:
        problems.append(_error(f'{where}: an output needs "path", the PDF\'s path inside the '
                               "output folder", path))
        return None
    problem = path_problem(target)
    if problem:
        problems.append(_error(f"{where}: {problem}", path))
        return None
    digest = entry.get("sha256")
    if digest is not None and not (isinstance(digest, str) and SHA256.fullmatch(digest)):
        problems.append(_error(f'{where}: "sha256" must be 64 hexadecimal digits', path))
        return None
    return OutputEntry.from_json(entry)


def path_problem(target: str) -> str | None:
    """Why an output's path may not be merged, or None: it must be a plain relative path
    inside the output folder."""
    shown = json.dumps(target[:120])
    if len(target) > 1000 or UNSAFE_IN_PATH.search(target):
        return f"path {shown} holds characters an output's path never has"
    if target.startswith("/") or posixpath.isabs(target):
        return f"path {shown} is absolute; an output's path is inside the output folder"
    if ".." in target.split("/") or posixpath.normpath(target) != target:
        return f"path {shown} leaves or wanders in the output folder (.., ./ or //)"
    return None


def _shard(value: Any, path: Path, problems: list[Diagnostic]) -> tuple[int, int] | None:
    if value is None:
        return None
    if isinstance(value, dict):
        index, count = value.get("index"), value.get("count")
        if type(index) is int and type(count) is int and 1 <= index <= count <= 1000:
            return index, count
    problems.append(_error('"shard" must be {"index": K, "count": N} with 1 <= K <= N', path))
    return None


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a text", bool: "true or false",
            int: "a number", float: "a number", type(None): "null"}.get(type(value), "a value")


def merge(manifests: list[ShardManifest], output_dir: Path) -> Merged:
    """Every output of every manifest once; a path built differently by two manifests is an
    error naming both; an output whose file is not in `output_dir` (or differs from what its
    manifest says) is an error; a shard missing from a split is a warning."""
    result = Merged()
    merged: dict[str, tuple[OutputEntry, Path]] = {}
    for manifest in manifests:
        for entry in manifest.outputs:
            target = entry.path
            if target in merged:
                first, source = merged[target]
                if first.sha256 != entry.sha256:
                    result.errors.append(_error(
                        f"{target}: two different builds, in {source} (sha256 "
                        f"{str(first.sha256)[:12]}…) and in {manifest.path} (sha256 "
                        f"{str(entry.sha256)[:12]}…): build both shards with the same "
                        "briefs, fonts and content", manifest.path))
                continue
            merged[target] = (entry, manifest.path)
    root = output_dir.resolve() if output_dir.exists() else None
    for target, (entry, source) in sorted(merged.items()):
        problem = _file_problem(output_dir, root, target, entry)
        if problem:
            result.errors.append(_error(f"{target}: {problem} (listed in {source})",
                                        output_dir / target))
    result.outputs = [entry for entry, _source in merged.values()]
    result.warnings += _missing_shards(manifests)
    return result


def _file_problem(output_dir: Path, root: Path | None, target: str,
                  entry: OutputEntry) -> str | None:
    file = output_dir / target
    try:
        info = os.lstat(file)
    except OSError:
        return f"no such file in {output_dir}; copy every shard's PDFs there before merging"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file (a link, a folder or a device)"
    if root is None or not file.resolve().is_relative_to(root):
        return f"leads out of {output_dir}"
    size = entry.bytes
    if size is not None and size != info.st_size:
        return f"{info.st_size} bytes, but the manifest says {size}"
    digest = entry.sha256
    if digest is not None and sha256(file.read_bytes()) != digest:
        return "its content differs from what the manifest says (sha256)"
    return None


def _missing_shards(manifests: list[ShardManifest]) -> list[Diagnostic]:
    shards = [m.shard for m in manifests if m.shard is not None]
    if not shards:
        return []
    counts = sorted({count for _index, count in shards})
    if len(counts) > 1:
        return [Diagnostic(Severity.WARNING, "the manifests come from different splits ("
                           + ", ".join(f"N={count}" for count in counts) + ")", None)]
    count = counts[0]
    seen = {index for index, _count in shards}
    missing = [index for index in range(1, count + 1) if index not in seen]
    if not missing:
        return []
    return [Diagnostic(Severity.WARNING, f"{len(seen)} of {count} shards merged; missing: "
                       + ", ".join(f"{index}/{count}" for index in missing)
                       + " (their outputs are not in the merged manifest)", None)]
