"""Screen PDFs fit the e-mail budget in every locale, and font subsets draw the same pages."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pypdfium2
import pytest
from PIL import ImageChops

from briefs.brand import subsets
from tests.conftest import run_cli

EMAIL_BUDGET = 300 * 1024  # docs/printing.md


def test_every_screen_pdf_fits_the_email_budget(built_sample: Path) -> None:
    manifest = json.loads((built_sample / "build" / "manifest.json").read_text())
    screen = [entry for entry in manifest["outputs"] if entry["profile"] == "screen"]
    assert len(screen) == 24
    for entry in screen:
        size = (built_sample / "build" / entry["path"]).stat().st_size
        assert size == entry["bytes"]
        assert size <= EMAIL_BUDGET, f"{entry['path']}: {size // 1024} KB"


def page_images(pdf: Path) -> list:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [document[i].render(scale=1).to_pil().convert("RGB")
                for i in range(len(document))]
    finally:
        document.close()


def test_font_subsets_draw_exactly_the_pages_of_the_whole_font(
        built_sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every Chinese output made with its own font subsets (several rendered by one worker)
    looks exactly like one made with the whole installed fonts (glyphs renumbered, CIDs
    right, no output drawn with another's subset), at a fraction of the bytes."""
    root = tmp_path / "ws"
    shutil.copytree(built_sample, root, symlinks=True)
    shutil.rmtree(root / "build")
    monkeypatch.setattr(subsets, "LARGE_FONT_GLYPHS", 10**9)  # nothing counts as large
    result = run_cli("build", "-l", "zh", "-j", "1", workspace=root)
    assert result.exit_code == 0, result.stderr
    assert not (root / "build" / ".fonts" / "subsets").exists()
    for doc in sorted(path.name for path in (root / "content").iterdir()):
        whole = root / "build" / doc / f"{doc}.zh.pdf"
        subset = built_sample / "build" / doc / f"{doc}.zh.pdf"
        assert subset.stat().st_size * 2 < whole.stat().st_size, doc
        expected, actual = page_images(whole), page_images(subset)
        assert len(expected) == len(actual)
        for number, (want, got) in enumerate(zip(expected, actual, strict=True), start=1):
            assert ImageChops.difference(want, got).getbbox() is None, f"{doc} page {number}"
