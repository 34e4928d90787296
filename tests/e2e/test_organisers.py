"""Organisers and logos of any number: 1, 5 and 12 keep a legible size, in rows, on the page,
on the flyer's foot and the brief's cover and back cover."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from briefs.kinds.fit_levers import FitAttempt, FitStep
from tests.conftest import run_cli
from tests.e2e.pdfpages import page_texts

FLYER = "river-dialogue-flyer"
BRIEF = "forum-key-messages"
MM = 96 / 25.4
LOGOS = ("lenbrook-water-board.svg", "floodplain-ecology-centre.svg")


def with_logos(root: Path, count: int) -> None:
    """`count` logos on the flyer and the brief, and `count` organisers on the brief."""
    for logo in LOGOS:
        shutil.copy(root / f"content/{FLYER}/images/{logo}", root / f"content/{BRIEF}/images")
    items = "".join(f"  - src: images/{LOGOS[i % 2]}\n    alt: Partner organisation {i + 1}\n"
                    for i in range(count))
    for doc, key in ((FLYER, "logos"), (BRIEF, "organiser_logos")):
        path = root / f"content/{doc}/document.yaml"
        text = re.sub(rf"{key}:\n(  - .*\n    alt: .*\n)+", f"{key}:\n{items}", path.read_text())
        path.write_text(text)
    path = root / f"content/{BRIEF}/en.yaml"
    names = "".join(f"  - Provincial Council for Rivers and Towns, Office {i + 1}\n"
                    for i in range(count))
    path.write_text(re.sub(r"organisers:\n(  - .*\n)+", f"organisers:\n{names}",
                           path.read_text()))


def laid_out(root: Path, doc: str) -> Any:
    """The output's emitted HTML laid out again, with the fit steps its build reported."""
    import weasyprint

    entries = json.loads((root / "build" / "manifest.json").read_text())["outputs"]
    applied = next(e["fit"] for e in entries if e["doc"] == doc and e["locale"] == "en")
    steps = [FitStep.parse(label.replace(" pt", "pt")) for label in applied]
    css = FitAttempt(tuple((step.lever, step.value) for step in steps
                           if step.value is not None)).css
    html = root / "build" / doc / f"{doc}.en.html"
    return weasyprint.HTML(filename=str(html)).render(
        stylesheets=[weasyprint.CSS(string=css)] if css else None)


def boxes(document: Any, predicate: Any) -> list[tuple[int, Any]]:
    found = []
    for number, page in enumerate(document.pages, 1):
        stack = [page._page_box]
        while stack:
            box = stack.pop()
            element = getattr(box, "element", None)
            if element is not None and predicate(element, box):
                found.append((number, box))
            stack.extend(getattr(box, "children", []))
    return found


def logo_cells(document: Any) -> list[tuple[int, Any]]:
    return boxes(document, lambda element, box: "logo" in element.get("class", "").split()
                 and element.tag == "img" and "Replaced" in type(box).__name__)


def overlaps(a: Any, b: Any) -> bool:
    return not (a.position_x + a.width <= b.position_x or b.position_x + b.width <= a.position_x
                or a.position_y + a.height <= b.position_y
                or b.position_y + b.height <= a.position_y)


@pytest.mark.parametrize("count", [1, 5, 12])
def test_logos_and_organisers_lay_out_well(workspace_copy: Path, count: int) -> None:
    with_logos(workspace_copy, count)
    result = run_cli("build", FLYER, BRIEF, "-l", "en", "--emit-html", workspace=workspace_copy)
    assert result.exit_code == 0, result.stderr
    build = workspace_copy / "build"
    flyer, brief = laid_out(workspace_copy, FLYER), laid_out(workspace_copy, BRIEF)
    assert len(flyer.pages) == 1
    for document, logos, least in ((flyer, count, (32, 7.5)),
                                   (brief, count + 2, (24, 8.5))):  # and two partners
        cells = logo_cells(document)
        pages = {len(document.pages)}
        assert len(cells) == logos  # every logo printed, on the page that holds them
        assert {number for number, _box in cells} == pages
        for _number, cell in cells:  # never squeezed below a legible size
            assert cell.width >= least[0] * MM - 1 and cell.height >= least[1] * MM - 1
            assert cell.position_x >= 0 and cell.position_x + cell.width <= document.pages[
                0].width and cell.position_y + cell.height <= document.pages[0].height
        for index, (_n, cell) in enumerate(cells):
            assert not any(overlaps(cell, other) for _m, other in cells[index + 1:])
    # The cover's organisers stay under the photo's caption, never over it.
    cover = brief.pages[0]._page_box
    caption = boxes(brief, lambda element, box: element.tag == "figcaption")[0][1]
    names = boxes(brief, lambda element, box: "Provincial Council" in getattr(box, "text", ""))
    top = min(box.position_y for number, box in names if number == 1)
    assert top >= caption.position_y + caption.height and cover is not None
    text = " ".join(page_texts(build / BRIEF / f"{BRIEF}.en.pdf")[0].split())
    assert f"Provincial Council for Rivers and Towns, Office {count}" in text
