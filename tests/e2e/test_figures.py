"""Figures in the body of a brief, built end to end: a chart and a table from one data file
(numbers, digits and labels per locale; the chart's text is text), a photo with a focus and
its French variant, crop warnings, and a reference to a figure that does not exist."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from briefs.scaffold.new_workspace import init_workspace
from tests.conftest import run_cli
from tests.tagged import read_tagged

DOC = "first-brief"
FIGURES = """
body_figures:
  water:
    data: data/water.csv
    chart: column
    x: region
  river:
    src: images/river.png
    fit: cover
    height: 45mm
  portrait:
    src: images/portrait.png
    fit: cover
    height: 40mm
"""
WORDS = """
body_figures:
  water:
    title: {title}
    credit: "{credit}"
    labels: {{region: {region}, North: {north}}}
  river:
    alt: A river
  portrait:
    alt: A speaker
"""


def write_figures(root: Path) -> None:
    folder = root / "content" / DOC
    (folder / "data").mkdir()
    (folder / "data" / "water.csv").write_text(
        "region,2015,2022\nNorth,14.8,16.2\nSouth,1647.5,1702.3\nEast,7,9.5\n")
    Image.new("RGB", (900, 300), "#2a6f4f").save(folder / "images" / "river.png")
    (folder / "images" / "fr").mkdir()
    Image.new("RGB", (600, 400), "#8f2a2a").save(folder / "images" / "fr" / "river.png")
    Image.new("RGB", (300, 600), "#444444").save(folder / "images" / "portrait.png")
    with (folder / "document.yaml").open("a") as stream:
        stream.write(FIGURES)
    for locale, words in (("en", dict(title="Water use", credit="Source: survey",
                                      region="Region", north="North side")),
                          ("fr", dict(title="Consommation d’eau", credit="Source : enquête",
                                      region="Région", north="Nord"))):
        path = folder / f"{locale}.yaml"
        text = path.read_text().replace(
            "introduction: |\n", "introduction: |\n  [figure: water]\n\n  [figure: river]\n\n"
            "  [figure: portrait]\n\n", 1)
        path.write_text(text + WORDS.format(**words))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = init_workspace(tmp_path_factory.mktemp("figures") / "ws")
    write_figures(root)
    result = run_cli("build", DOC, workspace=root)
    assert result.exit_code == 0, result.stderr
    return root, result.stderr


def text_of(root: Path, locale: str) -> str:
    pdf = root / "build" / DOC / f"{DOC}.{locale}.pdf"
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_the_chart_text_is_text_in_the_locale(built: tuple[Path, str]) -> None:
    root, _ = built
    english, french = text_of(root, "en"), text_of(root, "fr")
    assert "North side" in english and "1,000" in english and "1,647.5" in english
    assert "Nord" in french and "1 000" in french and "1 647,5" in french
    assert "1,647.5" not in french and "Région" in french


def test_the_data_table_is_tagged_with_row_and_column_headers(built: tuple[Path, str]) -> None:
    root, _ = built
    document = read_tagged(root / "build" / DOC / f"{DOC}.fr.pdf")
    (table,) = document.root.find("Table")
    headers = table.find("TH")
    assert [document.text(cell) for cell in headers[:3]] == ["Région", "2015", "2022"]
    scopes = {document.text(cell): str(cell.obj.A.Scope) for cell in headers}
    assert scopes["Région"] == "/Column" and scopes["Nord"] == "/Row"
    assert [document.text(cell) for cell in table.find("TD")][:2] == ["14,8", "16,2"]
    alts = [str(figure.obj.get("/Alt", "")) for figure in document.root.find("Figure")]
    (alt,) = [text for text in alts if text.startswith("Consommation")]
    assert alt.startswith("Consommation d’eau. Nord: 2015 14,8, 2022 16,2; ")


def test_each_locale_gets_its_own_photo(built: tuple[Path, str]) -> None:
    root, _ = built

    def sizes(locale: str) -> set[tuple[int, int]]:
        with pikepdf.open(root / "build" / DOC / f"{DOC}.{locale}.pdf") as pdf:
            return {(int(image.Width), int(image.Height)) for page in pdf.pages
                    for image in page.get_images().values()}

    assert (900, 300) in sizes("en") and (900, 300) not in sizes("fr")
    assert (600, 400) in sizes("fr")


def test_hard_crops_are_reported(built: tuple[Path, str]) -> None:
    _, stderr = built
    assert re.search(r'figure "portrait" \(content/first-brief/images/portrait.png\) on page '
                     r"\d+: its frame cuts away \d+% of the photo", stderr), stderr
    assert re.search(r'figure "river" .* cropped by \d+% around the centre; give `focus',
                     stderr), stderr


def test_a_reference_to_no_figure_is_an_error(built: tuple[Path, str], tmp_path: Path) -> None:
    root = init_workspace(tmp_path / "ws")
    path = root / "content" / DOC / "en.yaml"
    path.write_text(path.read_text().replace("introduction: |\n",
                                             "introduction: |\n  [figure: wter]\n\n", 1))
    result = run_cli("check", DOC, workspace=root)
    assert result.exit_code == 1
    assert re.search(r"content/first-brief/en.yaml:\d+:\d+: error: \[figure: wter\]: no "
                     r'figure "wter" in document.yaml', result.stderr), result.stderr
