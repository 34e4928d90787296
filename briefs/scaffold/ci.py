"""CI for a workspace repository: the GitHub Actions or GitLab CI pipeline `briefs init --ci`
writes. It installs briefs by its package name (pinned to this version), checks and builds
with `--strict` in N shards, merges the shards' manifests and keeps the PDFs as an artifact."""

from __future__ import annotations

from pathlib import Path

from briefs import __version__
from briefs.core.diagnostics import BriefsError, Diagnostic, Severity
from briefs.output.writer import write_workspace_file

PACKAGE = "briefs-publish"
SYSTEM_PACKAGES = ("libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig "
                   "fonts-noto-core fonts-noto-cjk")
"""What WeasyPrint and the Noto fonts of the six UN scripts need on Debian and Ubuntu."""

PIPELINE_DIR = Path(__file__).resolve().parent / "ci"
PIPELINES = {"github": (".github/workflows/briefs.yml", "github.yml"),
             "gitlab": (".gitlab-ci.yml", "gitlab.yml")}


def pipeline_text(service: str) -> str:
    """The pipeline for `service`, for this version of briefs."""
    text = (PIPELINE_DIR / PIPELINES[service][1]).read_text(encoding="utf-8")
    return (text.replace("@VERSION@", __version__).replace("@PACKAGE@", PACKAGE)
            .replace("@SYSTEM_PACKAGES@", SYSTEM_PACKAGES))


def refuse_existing(root: Path, service: str) -> None:
    """Stop before anything is made when the pipeline's file is already there."""
    relative = PIPELINES[service][0]
    if (root / relative).exists() or (root / relative).is_symlink():
        raise BriefsError([Diagnostic(Severity.ERROR, f"{relative} already exists; nothing was "
                                      "written (remove it, or merge the pipeline by hand from "
                                      "docs/ci.md)", root / relative)])


def write_ci(root: Path, service: str) -> Path:
    """Write the pipeline for `service` (github, gitlab) into the workspace; never over a file
    that is already there."""
    relative, text = PIPELINES[service][0], pipeline_text(service)
    path = root / relative
    refuse_existing(root, service)
    resolved = path.parent.resolve() / path.name
    if path.is_symlink() or not resolved.is_relative_to(root.resolve()):
        raise BriefsError([Diagnostic(Severity.ERROR, f"{relative} leads out of the workspace; "
                                      "nothing was written", path)])
    write_workspace_file(resolved, text.encode("utf-8"))
    return resolved
