"""Tables in the PDF: pipe tables from the prose tagged Table/THead/TBody/TR/TH/TD, header
cells with their scope, the caption inside the table, and a long table's header repeated on
every page but read once."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefs.content.markdown import render_block
from tests.tagged import TaggedPdf
from tests.unit.render.test_tagging import tagged_pdf

pytestmark = pytest.mark.render
BASE_CSS = (Path(__file__).resolve().parents[3] / "briefs" / "assets" / "styles"
            / "base.css").read_text()

TABLE = """: Water use by region

| Region | 2015 | 2022 |
|:--|--|--|
{rows}

: Source: our survey
"""


def table_pdf(tmp_path: Path, rows: int, lang: str = "en") -> TaggedPdf:
    body = "\n".join(f"| Region {n} | {n * 100} | {n}.5 |" for n in range(1, rows + 1))
    html = str(render_block(TABLE.format(rows=body)))
    return tagged_pdf(tmp_path, html, BASE_CSS.replace("var(--", "var(--x-"))


def test_a_pipe_table_is_tagged_as_a_table(tmp_path: Path) -> None:
    document = table_pdf(tmp_path, 2)
    (table,) = document.root.find("Table")
    assert [kid.role for kid in table.kids] == ["Caption", "THead", "TBody"]
    assert document.text(table.kids[0]) == "Water use by region"
    head, body = table.kids[1], table.kids[2]
    headers = head.find("TH")
    assert [document.text(cell) for cell in headers] == ["Region", "2015", "2022"]
    assert {str(cell.obj.A.Scope) for cell in headers} == {"/Column"}
    assert [[document.text(cell) for cell in row.find("TD")] for row in body.kids] == [
        ["Region 1", "100", "1.5"], ["Region 2", "200", "2.5"]]
    (source,) = [p for p in document.root.find("P") if "survey" in document.text(p)]
    assert document.text(source) == "Source: our survey"


def test_a_long_table_repeats_its_header_and_reads_it_once(tmp_path: Path) -> None:
    document = table_pdf(tmp_path, 40)
    assert len(document.pdf.pages) >= 2
    (table,) = document.root.find("Table")
    assert table.pages() >= {0, 1}
    headers = table.find("TH")
    assert [document.text(cell) for cell in headers] == ["Region", "2015", "2022"]
    repeated = [text for page, _kind, text in document.artifacts if page > 0]
    assert any("Region" in text for text in repeated), "the header shows again on page 2"
    assert len(table.find("TR")) == 41
