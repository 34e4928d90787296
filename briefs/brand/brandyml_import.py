"""`briefs brand import`: a posit `_brand.yml` and the files it names copied into
styles/<name>/, then loaded as a build loads it (above both `brandyml.py` and `brands.py`)."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path
from typing import Any

from briefs.brand.brands import load_brand
from briefs.brand.brandyml import BRAND_YML, Mapped, find_value, read_brand_yml
from briefs.content.config import Workspace
from briefs.content.loader import KeyPath, load_yaml_file
from briefs.content.schema import MAX_NAME, is_valid_name, shown_name
from briefs.core.diagnostics import Diagnostics, Position
from briefs.core.paths import RefusedPath, read_regular, resolve_inside
from briefs.output.writer import WriteError, confined, write_workspace_files


def referenced_files(mapped: Mapped) -> list[str]:
    """The files a brand.yml brand names (fonts, logos, stylesheets), relative to it."""
    data = mapped.data
    files = [face["file"] for face in data.get("fonts", []) if isinstance(face, dict)
             and isinstance(face.get("file"), str)]
    files += [data[key] for key in ("logo", "logo_inverse") if isinstance(data.get(key), str)]
    return files + [sheet for sheet in data.get("stylesheets", []) if isinstance(sheet, str)]


def import_brand_file(workspace: Workspace, source: Path, name: str,
                      diagnostics: Diagnostics) -> Path | None:
    """Copy a `_brand.yml` and the files it names into styles/<name>/, then load the brand
    as a build would; on any problem nothing is left behind."""
    if not is_valid_name(name):
        diagnostics.error(f"{shown_name(name)} is not a valid brand name; use lowercase "
                          f"letters, digits and hyphens, at most {MAX_NAME} of them")
        return None
    folder = workspace.styles_dir / name
    if folder.is_symlink() and not folder.exists():
        diagnostics.error(f"styles/{name} is a link to nothing; remove it, or choose another "
                          "name", folder)
        return None
    if folder.exists() or folder.is_symlink():
        diagnostics.error(f"styles/{name} already exists; choose another name", folder)
        return None
    source = source.resolve()
    first = Diagnostics()  # its warnings come again, at the copy, when the brand is loaded
    mapped = read_brand_yml(source, first, (source.parent,))
    diagnostics.extend(first.errors)
    if mapped is None:
        return None
    try:
        _copy_brand(source, folder, referenced_files(mapped), diagnostics,
                    workspace.root)
        if diagnostics.has_errors():
            return None
        found = Diagnostics()
        brand = load_brand(workspace, name, found)
        diagnostics.extend(_at_source(found, folder, source.parent) if brand is None
                           else found)
        if brand is not None:
            return folder
    finally:
        if diagnostics.has_errors() and folder.is_dir() and not folder.is_symlink():
            shutil.rmtree(folder, ignore_errors=True)
    return None


MAX_COPIED_BYTES = 50_000_000
"""The largest file `brand import` copies (a CJK font runs to about 20 MB)."""


def _at_source(found: Diagnostics, folder: Path, origin: Path) -> list[Any]:
    """Problems found in the brand's copy, pointed at the files they were copied from (the
    copy is removed when the import fails)."""
    moved = []
    for diagnostic in found:
        path = diagnostic.path
        if path is not None and path.is_relative_to(folder):
            path = origin / path.relative_to(folder)
        moved.append(dataclasses.replace(diagnostic, path=path))
    return moved


def _copy_brand(source: Path, folder: Path, files: list[str], diagnostics: Diagnostics,
                root: Path) -> None:
    """Copy the brand file and the files it names into `folder`, every destination below it
    (never through `..` or a link: the reference is the destination's name, so it must be a
    plain path below the brand file's folder), every read bounded and of a regular file."""
    copies: list[tuple[Path, bytes]] = []
    for relative in files:
        where = find_value(_loaded_data(source), relative) or ()
        parts = Path(relative).parts
        if Path(relative).is_absolute() or ".." in parts or not parts:
            diagnostics.error(f'"{relative}": give a path below the folder of {source.name} '
                              "(no .. and not absolute); the brand's copy keeps the same path",
                              source, _position(source, where))
            continue
        try:
            origin = resolve_inside(source.parent, source.parent, relative)
            copies.append((confined(folder / relative, folder),
                           read_regular(origin, MAX_COPIED_BYTES, shown_as=relative)))
        except (RefusedPath, WriteError) as exc:
            message = exc.message if isinstance(exc, WriteError) else str(exc)
            diagnostics.error(f"{relative}: {message}", source, _position(source, where))
        except OSError as exc:
            diagnostics.error(f"{relative}: cannot read the file: {exc.strerror or exc}",
                              source, _position(source, where))
    if diagnostics.has_errors():
        return
    try:
        confined(folder / BRAND_YML, root)  # styles/ itself must not lead out
    except WriteError as exc:
        diagnostics.error(exc.message, folder)
        return
    brand_text = read_regular(source, MAX_COPIED_BYTES)
    folder.mkdir(parents=True)
    write_workspace_files([(folder / BRAND_YML, brand_text), *copies], folder)


def _loaded_data(source: Path) -> Any:
    loaded = load_yaml_file(source, Diagnostics(), roots=(source.parent,))
    return loaded.data if loaded is not None else None


def _position(source: Path, key_path: KeyPath) -> Position:
    loaded = load_yaml_file(source, Diagnostics(), roots=(source.parent,))
    return loaded.position_of(key_path, value=True) if loaded is not None and key_path \
        else Position(1, 1)
