"""Create workspaces (`briefs init`) and documents (`briefs new`) from bundled starters."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

from .diagnostics import BriefsError, Diagnostic, Severity
from .models import NAME_PATTERN
from .workspace import CONFIG_NAME, Workspace

PACKAGE_DIR = Path(__file__).resolve().parent
STARTERS_DIR = PACKAGE_DIR / "starters"
WORKSPACE_PARTS = (CONFIG_NAME, "content", "templates", "styles")
GITIGNORE = "/build/\n"


def sample_workspace() -> Path:
    """Where the sample workspace lives: bundled in the wheel, or the source checkout itself."""
    for candidate in (PACKAGE_DIR / "sample_workspace", PACKAGE_DIR.parent):
        if all((candidate / part).exists() for part in WORKSPACE_PARTS):
            return candidate
    raise BriefsError([Diagnostic(Severity.ERROR, "the sample workspace is not installed with "
                                  "this copy of briefs; reinstall it")])


def _fail(message: str, path: Path | None = None) -> BriefsError:
    return BriefsError([Diagnostic(Severity.ERROR, message, path)])


def init_workspace(directory: Path) -> Path:
    """Copy the sample workspace (config, content, templates, styles) into `directory`."""
    target = directory.resolve()
    if (target / CONFIG_NAME).exists():
        raise _fail(f"{target} already holds a workspace ({CONFIG_NAME}); nothing was changed",
                    target / CONFIG_NAME)
    clashes = [part for part in WORKSPACE_PARTS if (target / part).exists()]
    if clashes:
        raise _fail(f"{target} already has {', '.join(clashes)}; choose an empty folder")
    source = sample_workspace()
    target.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".*")
    for part in WORKSPACE_PARTS:
        origin = source / part
        if origin.is_dir():
            shutil.copytree(origin, target / part, ignore=ignore)
        else:
            shutil.copy2(origin, target / part)
    if not (target / ".gitignore").exists():
        (target / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
    return target


def new_document(workspace: Workspace, doc_id: str, kind: str) -> Path:
    """Create content/<doc_id>/ from the starter of `kind`; refuse to overwrite anything."""
    if not re.match(NAME_PATTERN, doc_id) or len(doc_id) > 64:
        raise _fail(f'"{doc_id}" is not a valid document name; use lowercase letters, digits '
                    "and hyphens, e.g. climate-forum-2026")
    folder = workspace.content_dir / doc_id
    if folder.exists():
        raise _fail(f'document "{doc_id}" already exists; nothing was changed', folder)
    starter = STARTERS_DIR / kind
    today = dt.date.today()
    replacements = {
        "{{doc_id}}": doc_id,
        "{{brand}}": workspace.config.default_brand,
        "{{date}}": (today + dt.timedelta(days=60)).isoformat(),
        "{{date_end}}": (today + dt.timedelta(days=61)).isoformat(),
    }
    for origin in sorted(starter.rglob("*")):
        if origin.is_dir():
            continue
        relative = origin.relative_to(starter)
        if relative.name == "source.yaml":
            relative = relative.with_name(f"{workspace.config.source_locale}.yaml")
        destination = folder / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        if origin.suffix == ".yaml":
            text = origin.read_text(encoding="utf-8")
            for key, value in replacements.items():
                text = text.replace(key, value)
            destination.write_text(text, encoding="utf-8")
        else:
            shutil.copy2(origin, destination)
    return folder
