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
