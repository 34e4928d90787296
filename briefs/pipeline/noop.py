"""The no-op fast path: if no input file changed since the last clean build, do nothing.

Uses the standard library only, so that an unchanged rebuild never imports pydantic, Jinja2,
fontTools or WeasyPrint. Anything it cannot vouch for sends the build down the normal path,
where the per-output cache decides.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from briefs.content.config_file import ConfigFile
    from briefs.output.writer import Writer
    from briefs.pipeline.request import BuildRequest

STAMP = ".cache/stamp.json"
INPUT_PARTS = ("briefs.yaml", "content", "templates", "styles", "kinds")
OWNER = "the no-op stamp"
SKIPPED_DIRS = {"__pycache__", ".git", ".venv", "node_modules"}


def _walk(path: Path, found: dict[str, list[int]], root: Path) -> None:
    try:
        if path.is_file():
            stat = path.stat()
            found[path.relative_to(root).as_posix()] = [stat.st_size, stat.st_mtime_ns]
            return
        with os.scandir(path) as entries:
            for entry in entries:
                if entry.name in SKIPPED_DIRS:
                    continue
                _walk(Path(entry.path), found, root)
    except OSError:
        return


def input_state(root: Path, extra_files: list[str]) -> dict[str, list[int]]:
    """Size and mtime of every workspace input file, and of outside files a build used."""
    found: dict[str, list[int]] = {}
    for part in INPUT_PARTS:
        _walk(root / part, found, root)
    for name in extra_files:
        try:
            stat = Path(name).stat()
        except OSError:
            found[name] = [-1, -1]
            continue
        found[name] = [stat.st_size, stat.st_mtime_ns]
    return found


def _git_head(root: Path) -> str:
    try:
        result = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True,
                                text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return ""
    return result.stdout.strip() if result.returncode == 0 else ""


def build_key(root: Path, arguments: dict[str, Any]) -> dict[str, Any]:
    """Everything besides files that a build's outputs depend on."""
    return {
        "arguments": arguments,
        "source_date_epoch": os.environ.get("SOURCE_DATE_EPOCH"),
        "git_head": _git_head(root),
        "versions": _toolkit_versions(),
    }


def _toolkit_versions() -> dict[str, str]:
    from briefs.core.versions import toolkit_versions  # importlib.metadata: when needed

    return toolkit_versions()


def _output_state(output_dir: Path, paths: list[str]) -> dict[str, list[int]] | None:
    state = {}
    for relative in paths:
        try:
            stat = (output_dir / relative).stat()
        except OSError:
            return None
        state[relative] = [stat.st_size, stat.st_mtime_ns]
    return state


def noop_outputs(request: BuildRequest, config: ConfigFile) -> list[str] | None:
    """The outputs of an unchanged rebuild, when `request` may take the no-op path (not
    `--force`, not one output copied out with `-o`, briefs.yaml read) and no input changed
    since the last clean build of the same request; None: build."""
    if request.options.force or request.single or config.loaded is None \
            or config.output_dir is None:
        return None
    return up_to_date(config.root, config.output_dir, request.stamp_arguments())


def up_to_date(root: Path, output_dir: Path, arguments: dict[str, Any]) -> list[str] | None:
    """The outputs of the last clean build when nothing changed since, else None."""
    try:
        stamp = json.loads((output_dir / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(stamp, dict):
        return None
    extra = stamp.get("extra_files", [])
    outputs = stamp.get("outputs", {})
    if not isinstance(extra, list) or not isinstance(outputs, dict) or \
            not all(isinstance(name, str) for name in extra):
        return None
    # The files first: after an edit (the everyday rebuild) they differ, and the key's git
    # process and toolkit fingerprint would only delay the build's render worker.
    if stamp.get("inputs") != input_state(root, extra):
        return None
    if _output_state(output_dir, list(outputs)) != outputs:
        return None
    if stamp.get("key") != build_key(root, arguments):
        return None
    return list(outputs)


def write_stamp(writer: Writer, root: Path, arguments: dict[str, Any], outputs: list[str],
                extra_files: list[str]) -> None:
    """Record a clean build (no errors, no warnings) so an unchanged rerun can skip it."""
    state = _output_state(writer.output_dir, outputs)
    if state is None:
        return
    stamp = {"key": build_key(root, arguments), "inputs": input_state(root, extra_files),
             "outputs": state, "extra_files": sorted(extra_files)}
    writer.write_text(writer.output_dir / STAMP, json.dumps(stamp, sort_keys=True), OWNER)


def forget(writer: Writer) -> None:
    """Drop the stamp (a build that was not clean must not be skipped next time)."""
    writer.remove(writer.output_dir / STAMP, OWNER)
