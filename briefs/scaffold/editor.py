"""Wire a workspace for editors: its JSON Schemas, VS Code's settings and YAML modelines."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefs.content.config import Workspace
from briefs.content.loader import MAX_FILE_BYTES
from briefs.core.diagnostics import BriefsError, Diagnostic, Diagnostics, Severity
from briefs.output.writer import write_workspace_file
from briefs.scaffold.editor_schema import (
    MODELINE,
    SCHEMA_FOLDER,
    SchemaFile,
    schema_json,
    workspace_schemas,
)

VSCODE_SETTINGS = ".vscode/settings.json"
MAX_SETTINGS_BYTES = 1_000_000
RECOMMENDED_EXTENSION = "redhat.vscode-yaml"


@dataclass
class Wired:
    """What `wire_editors` wrote."""

    schemas: list[Path] = field(default_factory=list)
    settings: Path | None = None
    modelines: list[Path] = field(default_factory=list)


def _inside(root: Path, path: Path) -> Path:
    """`path`, refused when it (or a link on the way) leads out of the workspace."""
    resolved = path.parent.resolve() / path.name
    if path.is_symlink() or not resolved.is_relative_to(root.resolve()):
        raise BriefsError([Diagnostic(Severity.ERROR, f"{path} leads out of the workspace "
                                      "(a symbolic link?); nothing was written there", path)])
    return resolved


def wire_editors(workspace: Workspace, *, folder: Path | None = None, vscode: bool = True,
                 modelines: bool = False) -> Wired:
    """Write every schema into `folder` (default .briefs/schemas/); merge the `yaml.schemas`
    of .vscode/settings.json; with `modelines`, name its schema on the first line of each
    workspace YAML file that names none (every YAML language server client reads it)."""
    from briefs.kinds.registry import load_kinds

    root = workspace.root
    target = folder if folder is not None else root / SCHEMA_FOLDER
    diagnostics = Diagnostics()
    kinds = load_kinds(workspace, diagnostics)
    if diagnostics.has_errors():
        raise BriefsError(diagnostics.errors)
    schemas = workspace_schemas(workspace, kinds)
    wired = Wired()
    for schema in schemas:
        path = _inside(root, target / schema.name)
        write_workspace_file(path, schema_json(schema.schema))
        wired.schemas.append(path)
    if vscode:
        wired.settings = _write_vscode(root, target, schemas)
    if modelines:
        wired.modelines = _write_modelines(root, target, schemas)
    return wired


def _write_vscode(root: Path, folder: Path, schemas: list[SchemaFile]) -> Path:
    path = _inside(root, root / VSCODE_SETTINGS)
    settings: dict[str, Any] = {}
    if path.is_file():
        raw = path.read_bytes()[:MAX_SETTINGS_BYTES + 1]
        try:
            loaded = json.loads(raw) if len(raw) <= MAX_SETTINGS_BYTES else None
        except ValueError:
            loaded = None
        if not isinstance(loaded, dict):
            raise BriefsError([Diagnostic(
                Severity.ERROR, "not a JSON object briefs can add its schemas to (comments, "
                "or too large?); add the yaml.schemas entries by hand, or run `briefs schema "
                "--no-vscode --modelines`", path)])
        settings = loaded
    entries = settings.get("yaml.schemas")
    entries = dict(entries) if isinstance(entries, dict) else {}
    ours = {_relative(folder / schema.name, root) for schema in schemas}
    entries = {key: value for key, value in entries.items() if key not in ours}
    for schema in schemas:
        if schema.files:
            entries[_relative(folder / schema.name, root)] = list(schema.files)
    settings["yaml.schemas"] = entries
    write_workspace_file(path, (json.dumps(settings, indent=2, ensure_ascii=False) + "\n")
                         .encode("utf-8"))
    recommended = _inside(root, root / ".vscode/extensions.json")
    if not recommended.exists():
        write_workspace_file(recommended, (json.dumps(
            {"recommendations": [RECOMMENDED_EXTENSION]}, indent=2) + "\n").encode("utf-8"))
    return path


def _relative(path: Path, start: Path) -> str:
    return Path(os.path.relpath(path, start)).as_posix()


def _write_modelines(root: Path, folder: Path, schemas: list[SchemaFile]) -> list[Path]:
    written = []
    for schema in schemas:
        for pattern in schema.files:
            for path in sorted(root.glob(pattern)):
                if not path.is_file() or path.is_symlink() or \
                        path.stat().st_size > MAX_FILE_BYTES:
                    continue  # a link or an oversized file is left as it is
                path = _inside(root, path)
                text = path.read_text(encoding="utf-8")
                if MODELINE in text.split("\n", 1)[0] or "yaml-language-server:" in text[:2000]:
                    continue
                line = f"{MODELINE}{_relative(folder / schema.name, path.parent)}\n"
                write_workspace_file(path, (line + text).encode("utf-8"))
                written.append(path)
    return written
