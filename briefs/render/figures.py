"""The figures of one output as its templates see them: a photo (its locale's variant first)
with its crop, or data as a table with the locale's numbers and translated labels, and as a
chart drawn from the same data, with an alt text written from it."""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefs.content.data import Cell, DataTable
from briefs.content.documents import DocumentSource
from briefs.content.schema import FigureSettings, FigureText
from briefs.i18n.numbering import LocaleFormat

if TYPE_CHECKING:
    from briefs.render.charts import ChartSpec

YEAR_RANGE = range(1000, 3000)


@dataclass(frozen=True)
class TableView:
    caption: str | None
    headers: tuple[tuple[str, bool], ...]
    """(printed label, holds numbers) per column."""
    rows: tuple[tuple[tuple[str, bool], ...], ...]
    """(printed cell, is a number) per cell; the first cell of a row heads it when it is text."""
    row_headers: bool


@dataclass(frozen=True)
class FigureView:
    """A figure as the template `partials/figure.html.j2` lays it out."""

    name: str
    kind: str
    """`image` or `data`."""
    title: str | None = None
    caption: str | None = None
    credit: str | None = None
    alt: str = ""
    url: str | None = None
    fit: str = "contain"
    focus: str = "50% 50%"
    focus_given: bool = False
    height: str | None = None
    chart: str | None = None
    """The chart as a data: URI (SVG), or None."""
    table: TableView | None = None


@dataclass(frozen=True)
class Look:
    """What a chart takes from the brand and the locale."""

    colors: tuple[str, ...]
    families: tuple[str, ...]
    text_color: str
    grid_color: str
    rtl: bool
    fonts: tuple[tuple[str, int], ...] = ()
    """The regular face (file, index) of each body family for the script, in stack order:
    what a chart's labels are measured with."""


@dataclass
class FigureMaker:
    document: DocumentSource
    text: Any
    locale: str
    fmt: LocaleFormat
    look: Look
    url: Callable[[Path], str]
    draw: Callable[[ChartSpec], bytes]
    made: dict[str, FigureView] = field(default_factory=dict)

    def views(self) -> dict[str, FigureView]:
        for name, settings in self.document.settings.body_figures.items():
            words = (getattr(self.text, "body_figures", None) or {}).get(name) or FigureText()
            view = (self._image(name, settings, words) if settings.src
                    else self._data(name, settings, words))
            if view is not None:
                self.made[name] = view
        return self.made

    def _image(self, name: str, settings: FigureSettings, words: FigureText) -> FigureView | None:
        found = self.document.figures.image(name, self.locale)
        if found is None:
            return None
        return FigureView(name, "image", words.title, words.caption, words.credit,
                          words.alt or "", self.url(found[0]), settings.fit,
                          settings.focus or "50% 50%", settings.focus is not None,
                          settings.height)

    def _data(self, name: str, settings: FigureSettings, words: FigureText) -> FigureView | None:
        table = self.document.figures.data.get(name)
        if table is None:
            return None
        x = table.column(settings.x) if settings.x else 0
        series = ([c for c in (table.column(s) for s in settings.series) if c is not None]
                  or [i for i, numeric in enumerate(table.numeric) if numeric and i != x])
        label = _labeller(words.labels)
        chart, alt = None, words.alt or ""
        if settings.chart:
            svg = self.draw(self._chart_spec(settings, table, (x or 0, series), label))
            chart = "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
            alt = alt or self._alt(words, table, (x or 0, series), label)
        shown = settings.table if settings.table is not None else True
        view = self._table(settings, table, (x or 0, label), words) if shown else None
        return FigureView(name, "data", words.title, words.caption, words.credit, alt,
                          chart=chart, table=view)

    def number(self, value: Cell | float, decimals: int) -> str:
        if value is None:
            return "–"
        if isinstance(value, str):
            return value
        return self.fmt.decimal(Decimal(str(value)), decimals)

    def category(self, value: Cell, label: Callable[[str], str]) -> str:
        """A category as printed: translated, or a year in the locale's calendar."""
        if isinstance(value, Decimal) and value == value.to_integral() and int(value) in \
                YEAR_RANGE:
            return self.fmt.year(int(value))
        return label(str(value)) if value is not None else ""

    def _table(self, settings: FigureSettings, table: DataTable,
               labelled: tuple[int, Callable[[str], str]], words: FigureText) -> TableView:
        """The data as a table; the categories' column (x) heads its rows."""
        x, label = labelled
        numeric = [flag and i != x for i, flag in enumerate(table.numeric)]
        headers = tuple((self._column_label(name, label), numeric[i])
                        for i, name in enumerate(table.columns))
        rows = []
        for row in table.rows:
            cells = []
            for i, cell in enumerate(row):
                decimals = settings.decimals if settings.decimals is not None else \
                    table.decimals[i]
                if numeric[i]:
                    cells.append((self.number(cell, decimals), True))
                else:
                    cells.append((self.category(cell, label), False))
            rows.append(tuple(cells))
        return TableView(words.title, headers, tuple(rows), x == 0)

    def _column_label(self, name: str, label: Callable[[str], str]) -> str:
        if name.isdigit() and int(name) in YEAR_RANGE and name not in (
                getattr(label, "names", ())):
            return self.fmt.year(int(name))
        return label(name)

    def _chart_spec(self, settings: FigureSettings, table: DataTable,
                    columns: tuple[int, list[int]], label: Callable[[str], str]) -> Any:
        from briefs.render.charts import ChartSpec, Series

        x, series = columns
        decimals = settings.decimals if settings.decimals is not None else max(
            (table.decimals[i] for i in series), default=0)
        categories = tuple(self.category(row[x], label) for row in table.rows)
        drawn = tuple(Series(self._column_label(table.columns[i], label),
                             tuple(_float(row[i]) for row in table.rows)) for i in series)
        look, places = self.look, min(decimals, 2)
        return ChartSpec(str(settings.chart), categories, drawn, look.colors, look.families,
                         lambda value: self.fmt.decimal(Decimal(f"{float(value):.6f}"),
                                                        places, trim=True),
                         look.rtl, look.text_color, look.grid_color, look.fonts,
                         number_key=repr((self.fmt, places)))

    def _alt(self, words: FigureText, table: DataTable, columns: tuple[int, list[int]],
             label: Callable[[str], str]) -> str:
        """The chart in words, from its data: "Title: North: 2015 14.8, 2022 16.2; ..."."""
        x, series = columns
        parts = []
        for row in table.rows[:40]:
            values = ", ".join(
                f"{self._column_label(table.columns[i], label)} "
                f"{self.number(row[i], table.decimals[i])}" for i in series)
            parts.append(f"{self.category(row[x], label)}: {values}")
        lead = words.title or ""
        return (f"{lead}. " if lead else "") + "; ".join(parts)


def _float(cell: Cell) -> float | None:
    return float(cell) if isinstance(cell, Decimal) else None


def _labeller(labels: dict[str, str]) -> Callable[[str], str]:
    """A data name as printed: its translation in the prose's `labels`, else as written."""

    def label(name: str) -> str:
        return labels.get(name, name)

    label.names = tuple(labels)  # type: ignore[attr-defined]
    return label


def figure_views(document: DocumentSource, text: Any, fmt: tuple[str, LocaleFormat],
                 look: Look, url: Callable[[Path], str],
                 draw: Callable[[ChartSpec], bytes]) -> dict[str, FigureView]:
    """Every figure of the document in one locale (those whose files failed are left out:
    their errors have been reported): images by `url`, charts drawn by `draw` (`chart_svg`,
    or a `KeptCharts`')."""
    if not document.settings.body_figures:
        return {}
    locale, locale_format = fmt
    return FigureMaker(document, text, locale, locale_format, look, url, draw).views()
