"""The files a document's figures use, checked before anything renders: each photo (and its
per-locale variants, `images/<locale>/<name>`), each data file, the columns a chart names,
and every `[figure: name]` the prose places."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefs.content.config import Workspace
from briefs.content.data import DataTable, load_data
from briefs.content.figures import figure_references
from briefs.content.images import ImageInfo, ImageProblem, inspect_image
from briefs.content.loader import LoadedYaml
from briefs.content.schema import FigureSettings
from briefs.core.diagnostics import Diagnostics, did_you_mean
from briefs.core.kept import KeptFacts
from briefs.core.paths import RefusedPath, resolve_inside


@dataclass
class FigureFiles:
    """What the figures of one document read: images by (figure, locale or None), data."""

    images: dict[tuple[str, str | None], tuple[Path, ImageInfo]] = field(default_factory=dict)
    data: dict[str, DataTable] = field(default_factory=dict)

    def image(self, name: str, locale: str) -> tuple[Path, ImageInfo] | None:
        """The locale's own variant of a figure's image, else the common one."""
        return self.images.get((name, locale)) or self.images.get((name, None))


def check_figures(workspace: Workspace, folder: Path, figures: dict[str, FigureSettings],
                  report: tuple[LoadedYaml, Diagnostics], locales: list[str],
                  facts: KeptFacts | None = None) -> FigureFiles:
    """The figures' image and data files, checked, problems reported to `report` (the
    document.yaml, the diagnostics); `facts`: see `inspect_image`."""
    found = FigureFiles()
    for name, figure in figures.items():
        if figure.src is not None:
            _image(workspace, folder, (name, figure.src), report, found, (locales, facts))
        elif figure.data is not None:
            _data(workspace, folder, (name, figure), report, found)
    return found


def _image(workspace: Workspace, folder: Path, named: tuple[str, str],
           report: tuple[LoadedYaml, Diagnostics], found: FigureFiles,
           scope: tuple[list[str], KeptFacts | None]) -> None:
    """A figure's image (and its locales' variants), checked (`scope`: the locales, and the
    build's kept facts)."""
    name, src = named
    loaded, diagnostics = report
    locales, facts = scope
    position = loaded.position_of(("body_figures", name, "src"), value=True)
    try:
        path = resolve_inside(workspace.root, folder, src)
        found.images[(name, None)] = (path, inspect_image(path, facts=facts))
    except (RefusedPath, ImageProblem) as exc:
        diagnostics.error(f"body_figures.{name}.src: {exc}", loaded.path, position)
        return
    relative = Path(src)
    if relative.parts[:1] != ("images",):
        return
    for locale in locales:
        variant = folder / "images" / locale / Path(*relative.parts[1:])
        if not variant.is_file() and not variant.is_symlink():
            continue
        try:
            checked = resolve_inside(workspace.root, folder, variant.relative_to(folder)
                                     .as_posix())
            found.images[(name, locale)] = (checked, inspect_image(checked, facts=facts))
        except (RefusedPath, ImageProblem) as exc:
            diagnostics.error(f"body_figures.{name}.src ({locale}): {exc}", loaded.path, position)


def _data(workspace: Workspace, folder: Path, named: tuple[str, FigureSettings],
          report: tuple[LoadedYaml, Diagnostics], found: FigureFiles) -> None:
    name, figure = named
    loaded, diagnostics = report
    assert figure.data is not None
    try:
        path = resolve_inside(workspace.root, folder, figure.data)
    except RefusedPath as exc:
        diagnostics.error(f"body_figures.{name}.data: {exc}", loaded.path,
                          loaded.position_of(("body_figures", name, "data"), value=True))
        return
    if not path.is_file():
        diagnostics.error(f"body_figures.{name}.data: no file {figure.data} in the document's "
                          "folder", loaded.path,
                          loaded.position_of(("body_figures", name, "data"), value=True))
        return
    table = load_data(path, workspace.read_roots, diagnostics)
    if table is None:
        return
    named_columns: list[tuple[tuple[str | int, ...], str]] = (
        [(("x",), figure.x)] if figure.x else [])
    named_columns += [(("series", index), column) for index, column in enumerate(figure.series)]
    for key, column in named_columns:
        key_path = ("body_figures", name, *key)
        index = table.column(column)
        if index is None:
            diagnostics.error(f'body_figures.{name}: no column "{column}" in {figure.data}'
                              f"{did_you_mean(column, list(table.columns))}; columns: "
                              f"{', '.join(table.columns)}", loaded.path,
                              loaded.position_of(key_path, value=True))
            return
        if key != ("x",) and not table.numeric[index]:
            diagnostics.error(f'body_figures.{name}: column "{column}" of {figure.data} does not '
                              "hold numbers only (write them as 1647.5, without separators)",
                              loaded.path, loaded.position_of(key_path, value=True))
            return
    if figure.chart and not any(table.numeric):
        diagnostics.error(f"body_figures.{name}: {figure.data} has no column of numbers to chart",
                          loaded.path, loaded.position_of(("body_figures", name, "chart")))
        return
    found.data[name] = table


def check_references(figures: dict[str, FigureSettings], source: LoadedYaml,
                     diagnostics: Diagnostics) -> None:
    """Every `[figure: name]` in the prose names a figure of document.yaml."""
    for key_path, value in _strings(source.data, ()):
        for name in figure_references(value):
            if name not in figures:
                known = list(figures)
                diagnostics.error(
                    f'[figure: {name}]: no figure "{name}" in document.yaml'
                    f"{did_you_mean(name, known)}; add it under `body_figures:` there"
                    + (f" (body_figures: {', '.join(known)})" if known else ""),
                    source.path, source.position_of(key_path, value=True))


def _strings(data: Any, key_path: tuple[Any, ...]) -> list[tuple[tuple[Any, ...], str]]:
    if isinstance(data, str):
        return [(key_path, data)]
    if isinstance(data, dict):
        return [found for key, value in data.items()
                for found in _strings(value, (*key_path, key))]
    if isinstance(data, list):
        return [found for index, value in enumerate(data)
                for found in _strings(value, (*key_path, index))]
    return []
