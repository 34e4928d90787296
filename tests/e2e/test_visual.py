"""Visual regression: page one, and the page with a footnote, of every document in every
locale (the sample's six, and he, hi, ja, ko, th, fa from tests/projects/more-scripts),
compared at 50 dpi with reviewed reference images.

After a deliberate change, look at the new pages and refresh the references with
`BRIEFS_UPDATE_REFERENCES=1 pytest tests/e2e/test_visual.py`. A failure writes the actual,
expected and difference images to $BRIEFS_TEST_OUTPUT (or the test's temporary folder) and
names them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

from tests.e2e.pdfpages import page_image

REFERENCES = Path(__file__).parent / "references"
DPI = 50
MEAN_TOLERANCE = 1.0
"""Mean difference per channel (0-255) allowed: anti-aliasing, not a moved line."""
CHANGED_PIXEL_SHARE = 0.004
"""Share of pixels allowed to differ by more than a quarter of the range."""
SAMPLE_LOCALES = ("en", "fr", "es", "ru", "zh", "ar")
SCRIPT_LOCALES = ("he", "hi", "ja", "ko", "th", "fa")
FOOTNOTE_PAGES = {"en": 2, "fr": 3, "es": 3, "ru": 3, "zh": 2, "ar": 2,
                  "he": 2, "hi": 2, "ja": 2, "ko": 2, "th": 2, "fa": 2}
"""The page of the key-messages brief with its footnote (the build checks that the note is
on its call's page; a layout change that moves it shows here as a changed page)."""


def _cases() -> list[tuple[str, str, int]]:
    cases = []
    for locale in SAMPLE_LOCALES + SCRIPT_LOCALES:
        cases += [("forum-key-messages", locale, 1),
                  ("forum-key-messages", locale, FOOTNOTE_PAGES[locale]),
                  ("river-dialogue-flyer", locale, 1),
                  ("urban-water-fact-sheet", locale, 1)]
    cases.append(("water-access-policy-brief", "ar", 1))  # its chart's labels, shaped (svg_text)
    return cases


def _differs(actual: Image.Image, expected: Image.Image) -> tuple[bool, Image.Image, str]:
    difference = ImageChops.difference(actual, expected)
    mean = sum(ImageStat.Stat(difference).mean) / 3
    strong = sum(difference.convert("L").point(lambda v: 255 if v > 64 else 0).histogram()[255:])
    share = strong / (actual.width * actual.height)
    summary = f"mean difference {mean:.2f}, {share:.2%} of pixels changed"
    return mean > MEAN_TOLERANCE or share > CHANGED_PIXEL_SHARE, difference, summary


@pytest.mark.parametrize(("doc", "locale", "page"), _cases())
def test_page_matches_reviewed_reference(built_sample: Path, built_scripts: Path,
                                         tmp_path: Path, doc: str, locale: str,
                                         page: int) -> None:
    root = built_sample if locale in SAMPLE_LOCALES else built_scripts
    name = f"{doc}.{locale}.p{page}"
    actual = page_image(root / "build" / doc / f"{doc}.{locale}.pdf", page,
                        tmp_path / "actual", DPI)
    reference = REFERENCES / f"{name}.png"
    if os.environ.get("BRIEFS_UPDATE_REFERENCES"):
        REFERENCES.mkdir(exist_ok=True)
        actual.save(reference, optimize=True)
        return
    assert reference.exists(), (f"no reference for {name}: look at the page, then write it "
                                "with BRIEFS_UPDATE_REFERENCES=1")
    expected = Image.open(reference).convert("RGB")
    assert actual.size == expected.size, f"{name}: page size changed"
    changed, difference, summary = _differs(actual, expected)
    if changed:
        out = Path(os.environ.get("BRIEFS_TEST_OUTPUT", tmp_path))
        out.mkdir(parents=True, exist_ok=True)
        actual.save(out / f"{name}.actual.png")
        expected.save(out / f"{name}.expected.png")
        difference.point(lambda v: min(255, v * 4)).save(out / f"{name}.diff.png")
        pytest.fail(f"{name} differs from the reviewed reference ({summary}); see "
                    f"{out}/{name}.actual.png, .expected.png and .diff.png")
