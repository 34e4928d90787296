"""Data files of a document (`data/*.csv`, or YAML): read through the checked read with a size
limit, parsed by the standard `csv` module or the content YAML loader, and checked to be one
table of text and numbers; a problem is an error at the file's line."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from briefs.content.loader import load_yaml_text, read_checked_text
from briefs.core.diagnostics import Diagnostics, Position

MAX_DATA_BYTES = 256_000
MAX_ROWS = 500
MAX_COLUMNS = 24
MAX_CELL = 200
PLAIN_NUMBER = re.compile(r"^-?\d{1,15}(\.\d{1,10})?$")
"""Numbers are written in data files as a machine writes them (1647.5): the locale's digits
and separators are the output's business, never the translator's."""

Cell = str | Decimal | None


@dataclass(frozen=True)
class DataTable:
    """One table: column names, rows of cells (text, a number, or empty), which columns hold
    numbers, and the most decimals each number column is written with."""

    path: Path
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    numeric: tuple[bool, ...]
    decimals: tuple[int, ...]

    def column(self, name: str) -> int | None:
        return self.columns.index(name) if name in self.columns else None


class DataProblem(ValueError):
    """A data file that cannot be used: what and where (a 1-based line)."""

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.line = max(1, line)


def load_data(path: Path, roots: tuple[Path, ...], diagnostics: Diagnostics) -> DataTable | None:
    """The table in `path` (CSV, or YAML), or None with the problem in `diagnostics`."""
    text = read_checked_text(path, roots, MAX_DATA_BYTES, diagnostics,
                             f"data file is over the {MAX_DATA_BYTES}-byte limit; a table in a "
                             "brief holds a few dozen rows: summarise the data first")
    if text is None:
        return None
    try:
        if path.suffix.lower() == ".csv":
            header, rows = _csv_rows(text)
        elif path.suffix.lower() in (".yaml", ".yml"):
            loaded = load_yaml_text(text, path, diagnostics)
            if loaded is None:
                return None
            header, rows = _yaml_rows(loaded.data)
        else:
            raise DataProblem(f"{path.name}: a data file is .csv, .yaml or .yml")
        return _table(path, header, rows)
    except DataProblem as exc:
        diagnostics.error(str(exc), path, Position(exc.line, 1))
        return None


def _csv_rows(text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, list[str]]] = []
    try:
        for record in reader:
            if len(rows) > MAX_ROWS:
                raise DataProblem(f"more than {MAX_ROWS} rows; summarise the data first",
                                  reader.line_num)
            if any(cell.strip() for cell in record):
                rows.append((reader.line_num, [cell.strip() for cell in record]))
    except csv.Error as exc:
        raise DataProblem(f"not valid CSV: {exc}; quote a cell that holds a comma or a "
                          'quote ("a, b"; "say ""yes""")', reader.line_num) from exc
    if not rows:
        raise DataProblem("the data file is empty; write a header row, then one row per line")
    (_, header), body = rows[0], rows[1:]
    return header, body


def _yaml_rows(data: object) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """YAML: `columns: [...]` with `rows: [[...], ...]`, or `rows:` a list of mappings."""
    rows = data.get("rows") if isinstance(data, dict) else None
    columns = data.get("columns") if isinstance(data, dict) else None
    if isinstance(data, dict) and set(data) <= {"columns", "rows"} and isinstance(rows, list):
        if isinstance(columns, list) and all(isinstance(row, list) for row in rows):
            return ([_scalar(c) for c in columns],
                    [(0, [_scalar(cell) for cell in row]) for row in rows])
        if columns is None and rows and all(isinstance(row, dict) for row in rows):
            names = list(dict.fromkeys(str(key) for row in rows for key in row))
            return names, [(0, [_scalar(row.get(c)) for c in names]) for row in rows]
    raise DataProblem("a YAML data file holds `columns: [...]` and `rows: [[...], ...]`, or "
                      "`rows:` as a list of mappings (`- {region: North, 2015: 14.8}`)")


def _scalar(value: object) -> str:
    if isinstance(value, dict | list):
        raise DataProblem("a cell holds a list or a mapping; write one value per cell")
    return "" if value is None else str(value).strip()


def _table(path: Path, header: list[str], rows: list[tuple[int, list[str]]]) -> DataTable:
    if len(header) > MAX_COLUMNS:
        raise DataProblem(f"{len(header)} columns, over the limit of {MAX_COLUMNS}")
    if len(rows) > MAX_ROWS:
        raise DataProblem(f"{len(rows)} rows, over the limit of {MAX_ROWS}; summarise first")
    if any(not name for name in header) or len(set(header)) != len(header):
        raise DataProblem("every column needs a name of its own in the header row")
    parsed: list[tuple[Cell, ...]] = []
    for line, row in rows:
        if len(row) != len(header):
            raise DataProblem(f"{len(row)} cells where the header has {len(header)}", line)
        parsed.append(tuple(_cell(cell, line) for cell in row))
    numeric = tuple(
        all(row[i] is None or isinstance(row[i], Decimal) for row in parsed)
        and any(isinstance(row[i], Decimal) for row in parsed)
        for i in range(len(header)))
    decimals = tuple(max((_decimals(row[i]) for row in parsed), default=0)
                     for i in range(len(header)))
    return DataTable(path, tuple(header), tuple(parsed), numeric, decimals)


def _cell(text: str, line: int) -> Cell:
    if len(text) > MAX_CELL:
        raise DataProblem(f"a cell of {len(text)} characters, over the limit of {MAX_CELL}",
                          line)
    if text == "":
        return None
    if PLAIN_NUMBER.match(text):
        try:
            return Decimal(text)
        except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
            return text
    return text


def _decimals(cell: Cell) -> int:
    if not isinstance(cell, Decimal):
        return 0
    exponent = cell.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0
