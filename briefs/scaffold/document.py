"""Create a document (`briefs new`): the kind's starter files, or a starter made from its
schema when the kind has none (every field, with its help text as a comment)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import types
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from briefs.content.config import Workspace
from briefs.content.dates import DateSpan, PartialDate
from briefs.content.descriptions import described
from briefs.content.schema import MAX_NAME, CommonSettings, ImageRef, is_valid_name, shown_name
from briefs.core.paths import RefusedPath, checked, read_regular
from briefs.kinds.kind import Kind
from briefs.scaffold.new_workspace import BUILTIN_KINDS, all_or_nothing, fail, first_missing

PLACEHOLDER_IMAGE = BUILTIN_KINDS / "key-messages" / "starter" / "images" / "cover.svg"
INDENT = "  "
MAX_STARTER_BYTES = 20_000_000


def new_document(workspace: Workspace, doc_id: str, kind: Kind) -> Path:
    """Create content/<doc_id>/ for a document of `kind`; refuse to overwrite anything."""
    if not is_valid_name(doc_id):
        raise fail(f"{shown_name(doc_id)} is not a valid document name; use lowercase "
                   f"letters, digits and hyphens (at most {MAX_NAME}), e.g. climate-forum-2026")
    folder = workspace.content_dir / doc_id
    if folder.is_symlink() and not folder.exists():
        raise fail(f"content/{doc_id} is a link to nothing; remove it, or choose another name; "
                   "nothing was changed", folder)
    if folder.exists() or folder.is_symlink():
        raise fail(f'document "{doc_id}" already exists; nothing was changed', folder)
    today = dt.date.today()
    replacements = {
        "{{doc_id}}": doc_id,
        "{{brand}}": workspace.config.default_brand,
        "{{date}}": (today + dt.timedelta(days=60)).isoformat(),
        "{{date_end}}": (today + dt.timedelta(days=61)).isoformat(),
    }
    source_name = workspace.text_path(doc_id).name
    files = starter_files(kind) if not kind.starter_dir.is_dir() else \
        starter_copies(kind, workspace)
    with all_or_nothing([first_missing(folder) or folder], f'create document "{doc_id}"'):
        for relative, origin in files.items():
            destination = folder / (source_name if relative == "source.yaml" else relative)
            destination.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(origin, str):
                text = origin
            elif origin.suffix == ".yaml":
                text = read_regular(origin, MAX_STARTER_BYTES).decode("utf-8", "replace")
            else:
                shutil.copy2(origin, destination)  # checked by starter_copies: no link
                continue
            for key, value in replacements.items():
                text = text.replace(key, value)
            destination.write_text(text, encoding="utf-8")
    return folder


def starter_copies(kind: Kind, workspace: Workspace) -> dict[str, str | Path]:
    """The files of the kind's starter folder, by path; a link (to a file or a folder) is
    refused, so nothing from outside the kind is copied into the workspace."""
    starter = kind.starter_dir
    roots = (kind.folder,) if kind.origin == "built in" or not kind.folder.is_relative_to(
        workspace.root) else workspace.read_roots
    files: dict[str, str | Path] = {}
    for folder, names, found in os.walk(starter):  # does not follow links
        for name in sorted([*names, *found]):
            path = Path(folder) / name
            relative = path.relative_to(starter).as_posix()
            if path.is_symlink():
                raise fail(f"starter file {relative} of kind {kind.name} is a link; starters "
                           "are copied into the workspace, so they must be plain files (copy "
                           "the file into the kind's starter folder)", path)
            if name in found:
                try:
                    checked(path, roots)
                except RefusedPath as exc:
                    raise fail(f"starter file {relative} of kind {kind.name}: {exc}",
                               path) from exc
                if not path.is_file():
                    raise fail(f"starter file {relative} of kind {kind.name} is not a "
                               "regular file", path)
                files[relative] = path
    return dict(sorted(files.items()))


def starter_files(kind: Kind) -> dict[str, str | Path]:
    """document.yaml and source.yaml for `kind`, written from its schemas."""
    files: dict[str, str | Path] = {}
    described(kind.settings_model)
    described(kind.text_model)
    own = {name: info for name, info in kind.settings_model.model_fields.items()
           if name not in CommonSettings.model_fields}
    settings = [f"# Settings of a document of kind {kind.name}: everything that is not prose.",
                "# Translators never edit this file. Dates: a day YYYY-MM-DD, a month YYYY-MM or",
                "# a year YYYY (a range: two of one precision, 2026-06-11/2026-06-12).",
                f"kind: {kind.name}", "brand: {{brand}}", "paper: A4",
                *_fields(own, 0, files)]
    prose = [f"# The prose of a document of kind {kind.name} in the source language.",
             "# Translations copy this file to <locale>.yaml and translate the values, keeping",
             "# the keys. Text fields accept Markdown (*emphasis*, [links](https://...)).",
             *_fields({name: info for name, info in kind.text_model.model_fields.items()
                       if name not in ("body_figures", "keywords")}, 0, None),
             "# body_figures:            # titles, captions, credits of the figures placed in",
             "#   water: {title: ..., caption: ..., labels: {region: Region}}   # the text"]
    settings += ["# body_figures:            # photos, charts and tables placed in the text by a",
                 "#   water: {data: data/water.csv, chart: column}   # paragraph [figure: water]"]
    setting = kind.pages.setting
    if setting in own:  # a page limit of 1 (the sample of any number) failed the starter
        limit = _starter_page_limit(kind, own[setting])
        settings = [f"{setting}: {limit}" if line == f"{setting}: 1" else line
                    for line in settings]
    files["document.yaml"] = "\n".join(settings) + "\n"
    files["source.yaml"] = "\n".join(prose) + "\n"
    return files


STARTER_PAGES = 6
"""The page limit a starter written from a kind's schema gets when the kind sets no default:
room for its sample text, which the writer then tightens."""


def _starter_page_limit(kind: Kind, info: Any) -> int:
    limit = kind.pages.default or STARTER_PAGES
    for item in [*getattr(info, "metadata", ()), *_metadata(info.annotation)]:
        maximum = getattr(item, "le", None)
        limit = min(limit, maximum) if isinstance(maximum, int) else limit
    return limit


def _metadata(annotation: Any) -> list[Any]:
    """The constraints inside an annotation (`Optional[Annotated[int, Le(3)]]`)."""
    found = list(getattr(annotation, "__metadata__", ()))
    for arg in typing.get_args(annotation):
        found += _metadata(arg)
    for item in list(found):
        found += list(getattr(item, "metadata", ()))
    return found


def _fields(fields: dict[str, Any], depth: int, images: dict[str, str | Path] | None,
            ) -> list[str]:
    """One commented entry per field, indented `depth` levels."""
    lines = []
    for name, info in fields.items():
        pad = INDENT * depth
        lines += [f"{pad}# {note}" for note in _notes(info)]
        lines += _value(name, info.annotation, depth, images)
    return lines


def _notes(info: Any) -> list[str]:
    """What a writer needs to know about a field: its help, its limit, whether it is needed."""
    base, is_list = _unwrap(info.annotation)
    parts = [" ".join(info.description.split())] if info.description else []
    limit = _limit(info)
    if limit and is_list:
        parts.append(f"at most {limit} items")
    elif limit and not _is_model(base):
        parts.append(f"at most {limit} characters")
    if not info.is_required():
        parts.append("optional")
    return ["; ".join(parts)] if parts else []


def _value(name: str, annotation: Any, depth: int,
           images: dict[str, str | Path] | None) -> list[str]:
    pad = INDENT * depth
    base, is_list = _unwrap(annotation)
    if _is_model(base) and issubclass(base, ImageRef):
        path = f"images/{name}.svg"
        if images is not None:
            images[path] = PLACEHOLDER_IMAGE
        if is_list:  # logos: the organisation's name is their alt text, here
            return [f"{pad}{name}:", f"{pad}  - src: {path}", f"{pad}    alt: Organisation name"]
        return [f"{pad}{name}:", f"{pad}{INDENT}src: {path}"]
    if _is_model(base):
        inner = _fields(base.model_fields, depth + (2 if is_list else 1), images)
        if not is_list:
            return [f"{pad}{name}:", *inner]
        first = next(index for index, line in enumerate(inner) if not line.lstrip()
                     .startswith("#"))
        inner[first] = f"{pad}  - {inner[first].lstrip()}"
        return [f"{pad}{name}:", *inner]
    sample = _sample(base, name)
    return [f"{pad}{name}:", f"{pad}  - {sample}"] if is_list else [f"{pad}{name}: {sample}"]


def _sample(base: Any, name: str) -> str:
    if base in (dt.date, PartialDate, DateSpan):
        return "{{date}}"
    if base is int:
        return "1"
    if base is bool:
        return "false"
    if "url" in name or "website" in name or "link" in name:
        return "https://example.org"
    if "email" in name:
        return "team@example.org"
    words = name.replace("_", " ")
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


def _is_model(base: Any) -> bool:
    return isinstance(base, type) and issubclass(base, BaseModel)


def _limit(info: Any) -> int | None:
    """The max_length a field declares, on the field or inside its annotation."""
    found = [getattr(meta, "max_length", None) for meta in info.metadata]
    annotation = info.annotation
    while annotation is not None:
        found += [getattr(meta, "max_length", None)
                  for meta in getattr(annotation, "__metadata__", ())]
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        annotation = args[0] if args and typing.get_origin(annotation) in (
            typing.Union, types.UnionType, typing.Annotated) else None
    return next((int(value) for value in found if value), None)
