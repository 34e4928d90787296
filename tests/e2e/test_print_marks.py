"""Print PDFs as a printer expects them: TrimBox = paper, BleedBox = trim + 3 mm, MediaBox
larger on every side (the slug), crop marks and the slug line out there, outside the bleed
(seen on the page rendered to PNG), registration marks on request; reproducible bytes."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from briefs.render.preflight import check_pdf
from tests.conftest import add_profiles, run_cli

BRIEF = "forum-key-messages"
FLYER = "river-dialogue-flyer"
A4 = (595.28, 841.89)
MM = 72 / 25.4
DPI = 200
SCALE = DPI / 72


@pytest.fixture(scope="module")
def printed(built_sample: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The brief and the flyer in English and Arabic, print profile."""
    root = tmp_path_factory.mktemp("print") / "ws"
    shutil.copytree(built_sample, root, symlinks=True)
    result = run_cli("build", BRIEF, FLYER, "-l", "en", "-l", "ar", "--profile", "print",
                     workspace=root)
    assert result.exit_code == 0, result.stderr
    return root


def boxes(page: pikepdf.Page) -> dict[str, list[float]]:
    return {name: [float(v) for v in page.obj[f"/{name}"]]
            for name in ("MediaBox", "BleedBox", "TrimBox")}


def test_boxes_on_every_page(printed: Path) -> None:
    for doc in (BRIEF, FLYER):
        for locale in ("en", "ar"):
            pdf = pikepdf.open(printed / "build" / doc / f"{doc}.{locale}.print.pdf")
            for page in pdf.pages:
                box = boxes(page)
                assert box["TrimBox"] == pytest.approx([0, 0, *A4], abs=0.01)
                bleed = [-3 * MM, -3 * MM, A4[0] + 3 * MM, A4[1] + 3 * MM]
                assert box["BleedBox"] == pytest.approx(bleed, abs=0.01)
                media, bleed_box = box["MediaBox"], box["BleedBox"]
                assert media[0] < bleed_box[0] and media[1] < bleed_box[1]
                assert media[2] > bleed_box[2] and media[3] > bleed_box[3]
                assert media[2] - bleed_box[2] == pytest.approx(10 * MM, abs=0.01)
            findings = check_pdf(printed / "build" / doc / f"{doc}.{locale}.print.pdf",
                                 print_ready=True)
            assert findings.errors == [] and findings.warnings == []


def render_page(pdf_path: Path, page: int, folder: Path) -> Image.Image:
    prefix = folder / f"{pdf_path.stem}-{page}"
    subprocess.run(["pdftoppm", "-r", str(DPI), "-f", str(page), "-l", str(page), "-png",
                    "-singlefile", str(pdf_path), str(prefix)], check=True)
    return Image.open(f"{prefix}.png").convert("RGB")


def grey(pixel: tuple[int, int, int]) -> bool:
    """A mark's pixel: dark and without colour (the registration colour shows as black)."""
    return max(pixel) < 170 and max(pixel) - min(pixel) < 40


def corner_marks(image: Image.Image, trim_x: tuple[float, float],
                 trim_y: tuple[float, float], corner: tuple[int, int]) -> list[tuple[int, int]]:
    """The grey pixels between one corner of the page and the trim's corner (plus the width
    of a mark on the trim lines), as (x, y)."""
    width, height = image.size
    edge_x, edge_y = trim_x[corner[0]], trim_y[corner[1]]
    xs = range(0, int(edge_x) + 3) if corner[0] == 0 else range(int(edge_x) - 2, width)
    ys = range(0, int(edge_y) + 3) if corner[1] == 0 else range(int(edge_y) - 2, height)
    return [(x, y) for x in xs for y in ys if grey(image.getpixel((x, y)))]


def test_crop_marks_are_outside_the_bleed(printed: Path, tmp_path: Path) -> None:
    """Rendered to PNG: at each corner of the cover (its colour band runs into the bleed) and
    of the back cover (blue all over), every mark pixel lies outside the BleedBox, and there
    are marks on both trim lines."""
    path = printed / "build" / BRIEF / f"{BRIEF}.en.print.pdf"
    pdf = pikepdf.open(path)
    for number in (1, len(pdf.pages)):
        box = boxes(pdf.pages[number - 1])
        media, bleed, trim = box["MediaBox"], box["BleedBox"], box["TrimBox"]
        image = render_page(path, number, tmp_path)
        inside = (int((bleed[0] - media[0]) * SCALE), int((media[3] - bleed[3]) * SCALE),
                  int((bleed[2] - media[0]) * SCALE), int((media[3] - bleed[1]) * SCALE))
        trim_x = ((trim[0] - media[0]) * SCALE, (trim[2] - media[0]) * SCALE)
        trim_y = ((media[3] - trim[3]) * SCALE, (media[3] - trim[1]) * SCALE)
        for corner in ((0, 0), (1, 0), (0, 1), (1, 1)):
            marks = corner_marks(image, trim_x, trim_y, corner)
            assert marks, f"page {number}: no crop marks at corner {corner}"
            for x, y in marks:
                assert not (inside[0] <= x < inside[2] and inside[1] <= y < inside[3]), \
                    f"page {number}: a mark pixel at {x},{y} is inside the bleed"
            on_x = [p for p in marks if abs(p[0] - trim_x[corner[0]]) <= 2]
            on_y = [p for p in marks if abs(p[1] - trim_y[corner[1]]) <= 2]
            assert on_x and on_y, f"page {number}: corner {corner} lacks a mark on a trim line"
        image.crop((0, 0, int(trim_x[0] + 8 * MM * SCALE), int(trim_y[0] + 8 * MM * SCALE)))\
            .save(tmp_path / f"corner-{number}.png")


def test_slug_line_names_the_output_outside_the_bleed(printed: Path, tmp_path: Path) -> None:
    path = printed / "build" / FLYER / f"{FLYER}.ar.print.pdf"
    pdf = pikepdf.open(path)
    box = boxes(pdf.pages[0])
    media, bleed = box["MediaBox"], box["BleedBox"]
    image = render_page(path, 1, tmp_path)
    below = int((media[3] - bleed[1]) * SCALE) + 2
    slug = image.crop((int((5 * MM - media[0]) * SCALE), below,
                       int((60 * MM - media[0]) * SCALE), image.size[1]))
    assert any(grey(pixel) for pixel in slug.get_flattened_data())
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert f"{FLYER}  ar  print" not in text  # drawn as outlines, not text a reader extracts


def test_registration_marks_and_a_tagged_print_profile(printed: Path, tmp_path: Path) -> None:
    add_profiles(printed, (
        "  proof:\n    suffix: .proof\n    bleed_mm: 3\n    crop_marks: true\n"
        "    registration_marks: true\n    slug_line: true\n    tagged: true\n"
        "    pdf_variant: pdf/ua-1\n"))
    result = run_cli("build", FLYER, "-l", "en", "--profile", "proof", workspace=printed)
    assert result.exit_code == 0, result.stderr
    path = printed / "build" / FLYER / f"{FLYER}.en.proof.pdf"
    assert check_pdf(path, print_ready=True).errors == []  # the marks are /Artifact /Page
    pdf = pikepdf.open(path)
    box = boxes(pdf.pages[0])
    media, bleed = box["MediaBox"], box["BleedBox"]
    image = render_page(path, 1, tmp_path)
    middle = int((A4[0] / 2 - media[0]) * SCALE)
    above = int((media[3] - bleed[3]) * SCALE)
    target = image.crop((middle - 30, 0, middle + 30, above - 1))
    assert sum(grey(pixel) for pixel in target.get_flattened_data()) > 20


def test_print_pdfs_are_reproducible(printed: Path) -> None:
    path = printed / "build" / BRIEF / f"{BRIEF}.en.print.pdf"
    digests = [hashlib.sha256(path.read_bytes()).hexdigest()]
    result = run_cli("build", BRIEF, "-l", "en", "--profile", "print", "--force",
                     workspace=printed)
    assert result.exit_code == 0, result.stderr
    digests.append(hashlib.sha256(path.read_bytes()).hexdigest())
    assert digests[0] == digests[1]
