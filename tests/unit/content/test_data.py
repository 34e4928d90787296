"""Data files: CSV or YAML tables read through the checked read, bounded, with errors at the
file's line (a link out of the workspace, a huge file, bad CSV, ragged rows)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from briefs.content.data import MAX_DATA_BYTES, load_data
from briefs.core.diagnostics import Diagnostics


def load(tmp_path: Path, name: str, text: str | bytes) -> tuple[object, Diagnostics]:
    path = tmp_path / "ws" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    diagnostics = Diagnostics()
    return load_data(path, (tmp_path / "ws",), diagnostics), diagnostics


def messages(diagnostics: Diagnostics) -> list[str]:
    return [f"{d.position.line if d.position else 0}: {d.message}" for d in diagnostics.errors]


def test_a_csv_table_with_numbers_and_text(tmp_path: Path) -> None:
    table, diagnostics = load(tmp_path, "water.csv",
                              'region,2015,2022\nNorth,14.8,16\n"South, coast",1647.5,\n')
    assert not diagnostics.errors
    assert table.columns == ("region", "2015", "2022")
    assert table.rows[1] == ("South, coast", Decimal("1647.5"), None)
    assert table.numeric == (False, True, True) and table.decimals == (0, 1, 0)


def test_a_yaml_table_in_either_shape(tmp_path: Path) -> None:
    rows, _ = load(tmp_path, "a.yaml", "rows:\n- {region: North, share: 14.8}\n"
                                       "- {region: South, share: 2}\n")
    grid, _ = load(tmp_path, "b.yaml", "columns: [region, share]\nrows:\n  - [North, 14.8]\n")
    assert rows.columns == grid.columns == ("region", "share")
    assert rows.rows[0] == grid.rows[0] == ("North", Decimal("14.8"))


@pytest.mark.parametrize(("name", "text", "expected"), [
    ("bad.csv", 'a,b\n1,2\n3,"4\n', "3: not valid CSV"),
    ("ragged.csv", "a,b\n1,2\n3\n", "3: 1 cells where the header has 2"),
    ("empty.csv", "\n\n", "1: the data file is empty"),
    ("twice.csv", "a,a\n1,2\n", "1: every column needs a name of its own"),
    ("deep.yaml", "rows:\n- {a: [1, 2]}\n", "1: a cell holds a list or a mapping"),
    ("shape.yaml", "title: x\n", "1: a YAML data file holds"),
    ("table.txt", "a\n1\n", "1: table.txt: a data file is .csv, .yaml or .yml"),
    ("long.csv", "a\n" + "x" * 300 + "\n", "2: a cell of 300 characters"),
])
def test_bad_data_is_an_error_at_its_line(tmp_path: Path, name: str, text: str,
                                          expected: str) -> None:
    table, diagnostics = load(tmp_path, name, text)
    assert table is None
    assert messages(diagnostics)[0].startswith(expected), messages(diagnostics)


def test_a_huge_file_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    table, diagnostics = load(tmp_path, "huge.csv", b"a\n" + b"1\n" * MAX_DATA_BYTES)
    assert table is None
    assert "over the 256000-byte limit" in messages(diagnostics)[0]


def test_too_many_rows_are_refused(tmp_path: Path) -> None:
    table, diagnostics = load(tmp_path, "rows.csv", "a\n" + "1\n" * 600)
    assert table is None and "more than 500 rows" in messages(diagnostics)[0]


def test_a_link_out_of_the_workspace_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.csv"
    secret.write_text("password\nhunter2\n")
    link = tmp_path / "ws" / "data" / "water.csv"
    link.parent.mkdir(parents=True)
    link.symlink_to(secret)
    diagnostics = Diagnostics()
    assert load_data(link, (tmp_path / "ws",), diagnostics) is None
    assert "hunter2" not in " ".join(messages(diagnostics))
    assert "outside" in messages(diagnostics)[0]
