"""Names given on the command line (issue 20): `brand import` and `new` refuse a name with a
trailing newline, a control character or over 64 characters, and a dangling link in the
folder's place, with exit 1 and nothing written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefs.scaffold.new_workspace import init_workspace
from tests.conftest import run_cli
from tests.unit.brand.test_brandyml import brand_folder

BAD_NAMES = {
    "trailing-newline": "river\n",
    "inner-newline": "river\nside",
    "control": "river\x01",
    "tab": "river\t",
    "too-long": "r" * 65,
    "far-too-long": "r" * 200,
    "dot-dot": "..",
    "slash": "a/b",
    "upper": "River",
}


def _files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*")}


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    return init_workspace(tmp_path / "ws")


@pytest.mark.parametrize("name", sorted(BAD_NAMES))
def test_brand_import_refuses_a_bad_name(name: str, workspace: Path, tmp_path: Path) -> None:
    source = brand_folder(tmp_path / "downloaded")
    before = _files(workspace)
    result = run_cli("brand", "import", str(source / "_brand.yml"), BAD_NAMES[name],
                     workspace=workspace)
    assert result.exit_code == 1, result.stderr
    assert "error: " in result.stderr and "not a valid brand name" in result.stderr
    assert "\n" not in result.stderr.split("error: ", 1)[1].strip()  # the name shown escaped
    assert _files(workspace) == before


@pytest.mark.parametrize("name", sorted(BAD_NAMES))
def test_new_refuses_a_bad_name(name: str, workspace: Path) -> None:
    before = _files(workspace)
    result = run_cli("new", BAD_NAMES[name], "--kind", "flyer", workspace=workspace)
    assert result.exit_code == 1, result.stderr
    assert "not a valid document name" in result.stderr
    assert _files(workspace) == before


def test_a_64_character_name_is_fine(workspace: Path) -> None:
    result = run_cli("new", "r" * 64, "--kind", "flyer", workspace=workspace)
    assert result.exit_code == 0, result.stderr


def test_brand_import_onto_a_dangling_link_is_refused(workspace: Path, tmp_path: Path) -> None:
    source = brand_folder(tmp_path / "downloaded")
    outside = tmp_path / "outside"
    outside.mkdir()
    (workspace / "styles" / "riverlands").symlink_to(outside / "gone")
    result = run_cli("brand", "import", str(source / "_brand.yml"), "riverlands",
                     workspace=workspace)
    assert result.exit_code == 1, result.stderr
    assert "styles/riverlands is a link to nothing" in result.stderr
    assert list(outside.iterdir()) == []


def test_new_onto_a_dangling_link_is_refused(workspace: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (workspace / "content" / "leaflet").symlink_to(outside / "gone")
    result = run_cli("new", "leaflet", "--kind", "flyer", workspace=workspace)
    assert result.exit_code == 1, result.stderr
    assert "content/leaflet is a link to nothing" in result.stderr
    assert list(outside.iterdir()) == []


def test_a_brand_folder_that_is_a_dangling_link_is_exit_1(workspace: Path,
                                                          tmp_path: Path) -> None:
    shutil.rmtree(workspace / "styles" / "team")
    (workspace / "styles" / "team").symlink_to(tmp_path / "gone")
    for command in ("check", "build"):
        result = run_cli(command, workspace=workspace)
        assert result.exit_code == 1, result.stderr
        assert 'briefs.yaml: error: default_brand: no brand "team"' in result.stderr
        assert "internal error" not in result.stderr
