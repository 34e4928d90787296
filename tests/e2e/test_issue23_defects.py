"""Regression tests for the defects listed in issue 23, each at its mechanism, on a new
workspace (`briefs init`)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.conftest import run_cli

FLYER = "first-flyer"


def flyer_text(root: Path) -> str:
    pdf = root / "build" / FLYER / f"{FLYER}.en.pdf"
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_the_flyer_leaves_out_the_publishers_website_on_someone_elses_event(
        small: Path) -> None:
    result = run_cli("build", FLYER, "-l", "en", workspace=small)
    assert result.exit_code == 0, result.stderr
    assert "www.example.org" in flyer_text(small)  # the brand's own event: its website
    path = small / "content" / FLYER / "en.yaml"
    path.write_text(path.read_text() + "\norganiser: Riverside Residents' Trust\n")
    result = run_cli("build", FLYER, "-l", "en", workspace=small)
    assert result.exit_code == 0, result.stderr
    text = flyer_text(small)
    assert "Riverside Residents" in text and "www.example.org" not in text


def test_pdf_keywords_are_translated(small: Path) -> None:
    """`keywords:` in the prose (like any prose key: in the source first) are translated
    and replace document.yaml's in that locale's PDF."""
    from pypdf import PdfReader

    brief = "first-brief"
    source = small / "content" / brief / "en.yaml"
    source.write_text(source.read_text() + "\nkeywords: [key messages, team planning]\n")
    path = small / "content" / brief / "fr.yaml"
    path.write_text(path.read_text() + "\nkeywords: [messages clés, planification]\n")
    result = run_cli("build", brief, workspace=small)
    assert result.exit_code == 0, result.stderr

    def keywords(locale: str) -> str:
        reader = PdfReader(small / "build" / brief / f"{brief}.{locale}.pdf")
        return str(reader.metadata.get("/Keywords"))

    assert keywords("fr") == "messages clés, planification"
    assert keywords("en") == "key messages, team planning"


def test_a_consent_line_with_a_link_and_emphasis_is_one_line_of_text(small: Path) -> None:
    """Each run of a consent line (text, link, emphasis) was a flex item: five columns."""
    path = small / "content" / FLYER / "en.yaml"
    line = ("I agree to *be photographed* under the [privacy notice](https://example.org/p) "
            "of the day.")
    path.write_text(path.read_text() + f'\nconsent:\n  - "{line}"\n')
    result = run_cli("build", FLYER, "-l", "en", workspace=small)
    assert result.exit_code == 0, result.stderr
    text = flyer_text(small)
    start = text.index("I agree")
    block = text[start:text.index("of the day.", start) + len("of the day.")]
    assert " ".join(block.split()) == ("I agree to be photographed under the privacy notice "
                                       "of the day.")
    assert len(block.splitlines()) <= 2, block  # the column's width, not five columns


def test_a_cover_without_organisers_gives_their_room_to_the_photo(small: Path) -> None:
    """Without organisers the cover left some 70 mm empty under the photo's caption."""
    import re

    brief = "first-brief"
    path = small / "content" / brief / "en.yaml"
    path.write_text(re.sub(r"organisers:.*\n(  - .*\n)+", "", path.read_text()))
    result = run_cli("build", brief, "-l", "en", workspace=small)
    assert result.exit_code == 0, result.stderr
    pdf = small / "build" / brief / f"{brief}.en.pdf"
    boxes = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout
    height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', boxes)[1])
    caption_top = float(re.search(r'yMin="([\d.]+)"[^>]*>Participants<', boxes)[1])
    assert caption_top > 0.82 * height  # the caption near the foot, not 70 mm above it
