"""`briefs doctor` fails where `briefs build` would: an output folder that cannot be written."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefs.cli.doctor import output_writable
from tests.conftest import run_cli


@pytest.fixture
def read_only(small: Path, tmp_path: Path) -> Iterator[Path]:
    """The workspace seen through a read-only bind mount (tests run as root, for whom
    permission bits are no obstacle; a read-only mount is, as for anyone)."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("a read-only mount needs root")
    view = tmp_path / "read-only"
    view.mkdir()
    made = subprocess.run(["mount", "--bind", "-o", "ro", str(small), str(view)],
                          capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"cannot mount here: {made.stderr.strip()}")
    try:
        yield view
    finally:
        subprocess.run(["umount", str(view)], check=False)


def test_doctor_fails_on_a_read_only_workspace_as_build_does(read_only: Path) -> None:
    result = run_cli("doctor", workspace=read_only)
    assert result.exit_code == 1, result.stdout
    assert ("missing  output folder build/ cannot be written (Read-only file system)"
            in result.stdout)
    assert "set output_dir in briefs.yaml to a folder that is" in result.stdout
    assert "1 problem: a build would fail." in result.stdout
    build = run_cli("build", workspace=read_only)
    assert build.exit_code == 1


def test_a_folder_that_refuses_files_is_reported(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("tempfile.mkstemp", refuse)
    found = output_writable(tmp_path / "build")
    assert not found.ok
    assert found.what == "output folder build/ cannot be written (Permission denied)"


def test_a_writable_output_folder_is_probed_without_leaving_a_file(tmp_path: Path) -> None:
    found = output_writable(tmp_path / "build" / "deeper")  # not made yet: its parent is probed
    assert found.ok and found.what == "output folder deeper/ can be written"
    assert list(tmp_path.iterdir()) == []
