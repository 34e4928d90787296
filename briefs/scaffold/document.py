"""Create a document (`briefs new`): the kind's starter files, or a starter made from its
schema when the kind has none (every field, with its help text as a comment)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import types
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from briefs.content.schema import NAME_PATTERN, CommonSettings, ImageRef
from briefs.core.workspace import Workspace
from briefs.kinds.kind import Kind
from briefs.scaffold.workspace import BUILTIN_KINDS, fail

PLACEHOLDER_IMAGE = BUILTIN_KINDS / "key-messages" / "starter" / "images" / "cover.svg"
INDENT = "  "


def new_document(workspace: Workspace, doc_id: str, kind: Kind) -> Path:
    """Create content/<doc_id>/ for a document of `kind`; refuse to overwrite anything."""
    if not re.match(NAME_PATTERN, doc_id) or len(doc_id) > 64:
        raise fail(f'"{doc_id}" is not a valid document name; use lowercase letters, digits '
                   "and hyphens, e.g. climate-forum-2026")
    folder = workspace.content_dir / doc_id
    if folder.exists():
        raise fail(f'document "{doc_id}" already exists; nothing was changed', folder)
    today = dt.date.today()
    replacements = {
        "{{doc_id}}": doc_id,
        "{{brand}}": workspace.config.default_brand,
        "{{date}}": (today + dt.timedelta(days=60)).isoformat(),
        "{{date_end}}": (today + dt.timedelta(days=61)).isoformat(),
    }
    source_name = f"{workspace.config.source_locale}.yaml"
    files = starter_files(kind) if not kind.starter_dir.is_dir() else {
        path.relative_to(kind.starter_dir).as_posix(): path
        for path in sorted(kind.starter_dir.rglob("*")) if path.is_file()}
    for relative, origin in files.items():
        destination = folder / (source_name if relative == "source.yaml" else relative)
        destination.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(origin, str):
            text = origin
        elif origin.suffix == ".yaml":
            text = origin.read_text(encoding="utf-8")
        else:
            shutil.copy2(origin, destination)
            continue
        for key, value in replacements.items():
            text = text.replace(key, value)
        destination.write_text(text, encoding="utf-8")
    return folder


def starter_files(kind: Kind) -> dict[str, str | Path]:
    """document.yaml and source.yaml for `kind`, written from its schemas."""
    settings = [f"# Settings of a {kind.name} document: everything that is not prose.",
                "# Translators never edit this file. Dates are YYYY-MM-DD.",
                f"kind: {kind.name}", "brand: {{brand}}", "paper: A4"]
    files: dict[str, str | Path] = {}
    own = {name: info for name, info in kind.settings_model.model_fields.items()
           if name not in CommonSettings.model_fields}
    settings += _fields(own, 0, images=files)
    prose = [f"# The prose of a {kind.name} document in the source language. Translations",
             "# copy this file to <locale>.yaml and translate the values, keeping the keys.",
             *_fields(kind.text_model.model_fields, 0, images=None)]
    files["document.yaml"] = "\n".join(settings) + "\n"
    files["source.yaml"] = "\n".join(prose) + "\n"
    return files


def _fields(fields: dict[str, Any], depth: int, images: dict[str, str | Path] | None) -> list[
        str]:
    lines = []
    for name, info in fields.items():
        for line in _describe(info):
            lines.append(f"{INDENT * depth}# {line}")
        lines += _value(name, info.annotation, info.is_required(), depth, images)
    return lines


def _describe(info: Any) -> list[str]:
    parts = [info.description] if info.description else []
    limit = _max_length(info.annotation) or next(
        (m.max_length for m in info.metadata if getattr(m, "max_length", None)), None)
    if limit and not _inner_model(info.annotation):
        parts.append(f"at most {limit} characters")
    if not info.is_required():
        parts.append("optional")
    return ["; ".join(parts)] if parts else []


def _value(name: str, annotation: Any, required: bool, depth: int,
           images: dict[str, str | Path] | None) -> list[str]:
    pad = INDENT * depth
    base, is_list = _unwrap(annotation)
    if isinstance(base, type) and issubclass(base, ImageRef):
        path = f"images/{name}.svg"
        if images is not None:
            images[path] = PLACEHOLDER_IMAGE
        item = [f"{pad}{INDENT}src: {path}", f"{pad}{INDENT}alt: Describe the picture"]
        if is_list:
            return [f"{pad}{name}:", f"{pad}  - src: {path}",
                    f"{pad}    alt: Describe the picture"]
        return [f"{pad}{name}:", *item]
    if isinstance(base, type) and issubclass(base, BaseModel):
        inner = _fields(base.model_fields, depth + (2 if is_list else 1), images)
        if is_list:
            first, rest = inner[0].lstrip(), inner[1:]
            return [f"{pad}{name}:", f"{pad}  - {first}", *rest]
        return [f"{pad}{name}:", *inner]
    sample = _sample(base, name)
    if is_list:
        return [f"{pad}{name}:", f"{pad}  - {sample}"]
    return [f"{pad}{name}: {sample}"]


def _sample(base: Any, name: str) -> str:
    if base is dt.date:
        return "{{date}}"
    if base is int:
        return "1"
    if base is bool:
        return "false"
    words = name.replace("_", " ")
    if "url" in name or "website" in name:
        return "https://example.org"
    if "email" in name:
        return "team@example.org"
    return f"{words[:1].upper()}{words[1:]}"


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """The core type of a field (inside Optional, Annotated, list) and whether it is a list."""
    is_list = False
    while True:
        origin = typing.get_origin(annotation)
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if origin is typing.Annotated or origin in (typing.Union, types.UnionType):
            annotation = args[0]
        elif origin is list:
            is_list, annotation = True, args[0]
        else:
            return annotation, is_list


def _inner_model(annotation: Any) -> bool:
    base, _ = _unwrap(annotation)
    return isinstance(base, type) and issubclass(base, BaseModel)


def _max_length(annotation: Any) -> int | None:
    for arg in typing.get_args(annotation):
        for meta in getattr(arg, "__metadata__", ()):
            if getattr(meta, "max_length", None):
                return int(meta.max_length)
        for meta in typing.get_args(arg)[1:]:
            if getattr(meta, "max_length", None):
                return int(meta.max_length)
    return None
