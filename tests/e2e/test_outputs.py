"""Every output has its own file, and writing files fails clearly: the one writer at work."""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from briefs.output import writer
from tests.conftest import add_profiles, run_cli

FLYER = "river-dialogue-flyer"


def test_two_profiles_claiming_one_file_fail_before_rendering(workspace_copy: Path,
                                                              snapshot: Callable) -> None:
    """Regression: `web` with no suffix and `screen` both wrote flyer.en.pdf, silently."""
    before = snapshot(workspace_copy)
    add_profiles(workspace_copy, "  web: {suffix: \"\", jpeg_quality: 60}\n")
    result = run_cli("build", FLYER, "-l", "en", "--profile", "all", "--json",
                     workspace=workspace_copy)
    assert result.exit_code == 1
    assert ("briefs.yaml: error: river-dialogue-flyer (en, screen) and river-dialogue-flyer "
            "(en, web) would both be written to build/river-dialogue-flyer/"
            'river-dialogue-flyer.en.pdf; give profile "web" its own suffix') in result.stderr
    report = json.loads(result.stdout)
    # the other profiles still build
    assert sorted(report["rendered"]) == [f"{FLYER}.en.press", f"{FLYER}.en.print"]
    assert sorted(report["failed"]) == [f"{FLYER}.en", f"{FLYER}.en"]
    after = snapshot(workspace_copy)
    assert after[f"{FLYER}/{FLYER}.en.pdf"] == before[f"{FLYER}/{FLYER}.en.pdf"]
    manifest = json.loads(after["manifest.json"])
    paths = [entry["path"] for entry in manifest["outputs"]]
    assert len(paths) == len(set(paths))


def test_a_variant_never_overwrites_another_profile(workspace_copy: Path) -> None:
    add_profiles(workspace_copy, "  archive: {suffix: .pdfa, pdf_variant: pdf/a-3b}\n")
    result = run_cli("build", FLYER, "-l", "en", "--profile", "all", "--pdf-variant",
                     "pdf/a-3b", workspace=workspace_copy)
    assert result.exit_code == 1
    assert "river-dialogue-flyer (en, archive, pdf/a-3b) and river-dialogue-flyer (en, " \
           "screen, pdf/a-3b) would both be written to" in result.stderr or \
           "(en, screen, pdf/a-3b) and river-dialogue-flyer (en, archive, pdf/a-3b)" \
           in result.stderr


@pytest.mark.parametrize(("code", "message"), [
    (errno.ENOSPC, "the disk is full (no space left on device)"),
    (errno.EROFS, "the output folder is read-only or not writable"),
])
def test_a_failing_disk_is_a_clear_error_and_loses_nothing(
        workspace_copy: Path, snapshot: Callable, monkeypatch: pytest.MonkeyPatch,
        code: int, message: str) -> None:
    before = snapshot(workspace_copy)
    path = workspace_copy / "content" / FLYER / "en.yaml"
    path.write_text(path.read_text().replace("kicker: ", "kicker: New ", 1))

    def failing_replace(source: object, destination: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(writer.os, "replace", failing_replace)
    result = run_cli("build", FLYER, "-l", "en", "-j", "1", workspace=workspace_copy)
    monkeypatch.undo()
    assert result.exit_code == 1, result.stderr
    assert message in result.stderr and "internal error" not in result.stderr
    assert snapshot(workspace_copy) == before
    leftovers = [p for p in (workspace_copy / "build").rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_build_leaves_no_temporary_fonts_behind(workspace_copy: Path, tmp_path: Path,
                                                  jobs: str) -> None:
    """WeasyPrint copies fonts into a temporary folder per font configuration; render workers
    ended without removing them, and every build left megabytes in /tmp."""
    import subprocess
    import sys

    temporary = tmp_path / "tmp"
    temporary.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "briefs", "build", "--force", "-q", "-j", jobs, "-l", "en",
         "-l", "zh", FLYER], cwd=workspace_copy, capture_output=True, text=True,
        env={**os.environ, "TMPDIR": str(temporary)})
    assert result.returncode == 0, result.stderr
    assert sorted(path.name for path in temporary.iterdir()) == []
