"""Where a workspace is: the folder holding `briefs.yaml`, found from any folder inside it,
and where its output folder is (no pydantic: the no-op path uses it; the loaded workspace is
`briefs.content.config.Workspace`)."""

from __future__ import annotations

from pathlib import Path

from briefs.core.diagnostics import BriefsError, Diagnostic, Severity

CONFIG_NAME = "briefs.yaml"
DEFAULT_OUTPUT_DIR = "build"


def output_dir_of(root: Path, configured: str) -> Path | None:
    """The output folder that `output_dir: <configured>` in the briefs.yaml of `root` (a
    resolved path) names, resolved; None unless it is a folder inside the workspace. The one
    place the output folder is worked out (the workspace, its loading, the no-op path)."""
    output = (root / configured).resolve()
    return output if output.is_relative_to(root) and output != root else None


def find_workspace_root(start: Path) -> Path:
    """Walk up from `start` to the first folder with a briefs.yaml."""
    found = quick_root(start)
    if found is None:
        raise BriefsError([Diagnostic(
            Severity.ERROR,
            f"no {CONFIG_NAME} found in {start.resolve()} or any parent folder; run "
            "`briefs init` to create a workspace, or pass --workspace DIR")])
    return found


def quick_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` holding a briefs.yaml, or None."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    return None
