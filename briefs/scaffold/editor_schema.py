"""JSON Schemas of a workspace's YAML files, made from the pydantic models, for editors.

The YAML language server (VS Code's YAML extension, Neovim's yamlls, Helix, Zed...) completes
fields and underlines mistakes as one types when a file names its schema. Editors read YAML 1.2,
where `2026` is a number and `yes` a string; briefs reads every scalar as text and lets the model
convert it, so the schemas accept what briefs accepts: a number where text is asked for, `yes`
or `no` for a flag.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from briefs.content.descriptions import described

if TYPE_CHECKING:
    from briefs.content.config import Workspace
    from briefs.kinds.registry import KindRegistry

DRAFT = "https://json-schema.org/draft/2020-12/schema"
FLAG_WORDS = ["true", "false", "yes", "no", "on", "off", "True", "False", "Yes", "No"]
"""What pydantic reads as a flag, written as YAML 1.2 strings."""
SCHEMA_FOLDER = ".briefs/schemas"
MODELINE = "# yaml-language-server: $schema="


@dataclass(frozen=True)
class SchemaFile:
    """One schema: its file name, the JSON, and the workspace files (globs) it describes."""

    name: str
    schema: dict[str, Any]
    files: tuple[str, ...]


def model_schema(model: type[BaseModel], title: str, *, partial: bool = False) -> dict[str, Any]:
    """The JSON Schema of `model` as briefs reads YAML; `partial`: nothing required (a
    translation, whose missing keys fall back to the source)."""
    schema = described(model).model_json_schema(mode="validation")
    schema = _lenient(schema, partial=partial)
    return {"$schema": DRAFT, **schema, "title": title}


def _lenient(node: Any, *, partial: bool) -> Any:
    if isinstance(node, list):
        return [_lenient(item, partial=partial) for item in node]
    if not isinstance(node, dict):
        return node
    result = {key: _lenient(value, partial=partial) for key, value in node.items()
              if not (partial and key in {"required", "minItems"})}
    kind = result.get("type")
    if kind == "string" and not ({"format", "enum", "const", "pattern"} & result.keys()):
        result["type"] = ["string", "number", "boolean"]  # `place: 2026` is text to briefs
    elif kind == "boolean":
        del result["type"]
        result["anyOf"] = [{"type": "boolean"}, {"enum": FLAG_WORDS}]
    elif kind in {"integer", "number"}:
        result["type"] = [kind, "string"]  # "6" is read as 6 (its value is checked by briefs)
    return result


def document_schema(kinds: Iterable[tuple[str, type[BaseModel]]]) -> dict[str, Any]:
    """document.yaml: `kind:` chooses the rest (every kind's settings, in one file)."""
    defs: dict[str, Any] = {}
    branches = []
    names = []
    for name, model in kinds:
        names.append(name)
        body = _lenient(described(model).model_json_schema(mode="validation"), partial=False)
        inner = body.pop("$defs", {})
        prefix = f"{name}."
        defs.update({prefix + key: _renamed(value, prefix) for key, value in inner.items()})
        defs[name] = _renamed(body, prefix)
        branches.append({"if": {"properties": {"kind": {"const": name}}, "required": ["kind"]},
                         "then": {"$ref": f"#/$defs/{name}"}})
    return {"$schema": DRAFT, "title": "document.yaml", "type": "object",
            "required": ["kind"],
            "properties": {"kind": {"enum": names, "description": "The kind of document."}},
            "allOf": branches, "$defs": defs}


def _renamed(node: Any, prefix: str) -> Any:
    if isinstance(node, list):
        return [_renamed(item, prefix) for item in node]
    if not isinstance(node, dict):
        return node
    result = {key: _renamed(value, prefix) for key, value in node.items()}
    ref = result.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        result["$ref"] = "#/$defs/" + prefix + ref.removeprefix("#/$defs/")
    return result


def workspace_schemas(workspace: Workspace, kinds: KindRegistry) -> list[SchemaFile]:
    """Every schema of the workspace, each with the files it describes."""
    from briefs.brand.model import Brand
    from briefs.content.config import WorkspaceConfig

    source = workspace.config.source_locale
    translations = [locale for locale in workspace.config.locales if locale != source]
    documents: dict[str, list[str]] = {}
    for doc_id in workspace.document_ids():
        documents.setdefault(_kind_of(workspace, doc_id) or "", []).append(doc_id)
    found = [
        SchemaFile("briefs.schema.json", model_schema(WorkspaceConfig, "briefs.yaml"),
                   ("briefs.yaml",)),
        SchemaFile("brand.schema.json", model_schema(Brand, "brand.yaml"),
                   ("styles/*/brand.yaml",)),
        SchemaFile("document.schema.json",
                   document_schema((kind.name, kind.settings_model) for kind in kinds),
                   ("content/*/document.yaml",)),
    ]
    for kind in kinds:
        docs = documents.get(kind.name, [])
        found.append(SchemaFile(
            f"{kind.name}.source.schema.json",
            model_schema(kind.text_model, f"{kind.name}: {source}.yaml (the source text)"),
            tuple(f"content/{doc}/{source}.yaml" for doc in docs)))
        found.append(SchemaFile(
            f"{kind.name}.translation.schema.json",
            model_schema(kind.text_model, f"{kind.name}: a translation (missing keys fall "
                         "back to the source)", partial=True),
            tuple(f"content/{doc}/{locale}.yaml" for doc in docs for locale in translations)))
    return found


def _kind_of(workspace: Workspace, doc_id: str) -> str | None:
    from briefs.content.loader import load_yaml_file
    from briefs.core.diagnostics import Diagnostics

    loaded = load_yaml_file(workspace.content_dir / doc_id / "document.yaml", Diagnostics(),
                            roots=workspace.read_roots)
    data = loaded.data if loaded is not None else None
    kind = data.get("kind") if isinstance(data, dict) else None
    return kind if isinstance(kind, str) else None


def schema_json(schema: dict[str, Any]) -> bytes:
    return (json.dumps(copy.deepcopy(schema), indent=2, ensure_ascii=False, sort_keys=True)
            + "\n").encode("utf-8")
