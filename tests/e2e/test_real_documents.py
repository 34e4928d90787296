"""The real documents briefs exists for, entered as they are (docs/examples/: our wording,
placeholder organisations) in a workspace made with `briefs init`: nothing invented."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from briefs.scaffold.new_workspace import init_workspace
from tests.conftest import REPO, run_cli
from tests.e2e.pdfpages import page_texts

EXAMPLES = REPO / "docs" / "examples"
FLYER = "wetland-dialogue-flyer"
BRIEF = "edge-forum-brief"


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("examples") / "ws"
    init_workspace(root)
    for name in (FLYER, BRIEF):
        shutil.copytree(EXAMPLES / name, root / "content" / name)
    result = run_cli("build", FLYER, BRIEF, workspace=root)
    assert result.exit_code == 0, result.stderr
    return root, result.stderr


def pdf(root: Path, doc: str) -> Path:
    return root / "build" / doc / f"{doc}.en.pdf"


def test_they_build_as_they_are_and_the_flyer_is_fitted(examples: tuple[Path, str]) -> None:
    root, stderr = examples
    assert re.search(rf"{FLYER}\.en: fitted with body 8\.5 pt", stderr), stderr
    assert "photo" not in stderr  # no photo: no photo step is claimed
    assert "warning" not in stderr, stderr
    assert len(page_texts(pdf(root, FLYER))) == 1


def test_a_month_prints_as_a_month_and_nothing_unknown_is_printed(
        examples: tuple[Path, str]) -> None:
    page = " ".join(page_texts(pdf(examples[0], FLYER))[0].split())
    assert "DATE June 2027" in page
    assert not re.search(r"\d+ June 2027|Monday|Tuesday|Wednesday|Thursday|Friday", page)
    assert "PLACE" not in page and "TIME" not in page and "QR" not in page
    assert "Closing Workshop of the Planning Phase Early in 2026" in page  # teaser, no date
    assert "Organised by Northbank–Southvale Research Consortium" in page
    assert "Register for the event" in page


def test_the_brief_keeps_its_short_name_credit_and_contact(examples: tuple[Path, str]) -> None:
    pages = [" ".join(text.split()) for text in page_texts(pdf(examples[0], BRIEF))]
    assert "ETC2 KEY MESSAGES" in pages[0]
    assert "Photo: Greenmoor District" in pages[0]  # the small brand prints "Photo: ..."
    assert "the forum A speaker" not in pages[0]    # the credit is not run on after the caption
    assert "ETC2 ETC2 key messages Page 2 of 4" in pages[1]  # the running header: short name
    back = pages[-1]
    assert "Town and Country Network, Land and Governance Section" in back
    assert "Local Practice Branch, Global Programmes Division" in back
    assert "Mastodon | Bluesky TOWNANDCOUNTRY" in back


def test_someone_elses_event_shows_its_own_website_and_logo(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    init_workspace(root)
    folder = root / "content" / FLYER
    shutil.copytree(EXAMPLES / FLYER, folder)
    (folder / "images").mkdir()
    logo = root / "styles" / "team" / "logos" / "logo.svg"
    shutil.copy(logo, folder / "images" / "consortium.svg")
    settings = folder / "document.yaml"
    settings.write_text(settings.read_text() + (
        "website: https://dialogue.consortium.example\n"
        "organiser_logo: {src: images/consortium.svg, alt: Northbank–Southvale Consortium}\n"))
    result = run_cli("build", FLYER, workspace=root)
    assert result.exit_code == 0, result.stderr
    page = " ".join(page_texts(pdf(root, FLYER))[0].split())
    assert "dialogue.consortium.example" in page
    assert "www.example.org" not in page  # not the brand's own website
    html_result = run_cli("build", FLYER, "--emit-html", "--force", workspace=root)
    assert html_result.exit_code == 0
    html = (root / "build" / FLYER / f"{FLYER}.en.html").read_text()
    assert 'alt="Northbank–Southvale Consortium"' in html
