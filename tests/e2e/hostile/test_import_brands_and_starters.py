"""`briefs brand import` and `briefs new --kind` against hostile folders: paths that lead out
through a link or `..`, starters with links out, names that are not names. Each case: exit 1
with a message, nothing read or written outside the workspace, nothing left half-made."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefs.scaffold.new_workspace import init_workspace
from tests.conftest import REPO, run_cli

TOKEN = "CANARY-brand-2b7a"
BRAND_YML = REPO / "tests/projects/brand-yml/_brand.yml"
GREEN = REPO / "styles/field-green"
CUSTOM_KIND = REPO / "tests/projects/custom-kind/kinds/event-report"


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() if p.is_file() else b"<dir>"
            for p in sorted(folder.rglob("*"))}


def brand_source(folder: Path) -> Path:
    folder.mkdir(parents=True)
    shutil.copy2(BRAND_YML, folder / "_brand.yml")
    shutil.copytree(GREEN / "logos", folder / "logos")
    (folder / "fonts").mkdir()
    for name in ("Lato-Regular.ttf", "Lato-Italic.ttf", "Lato-Bold.ttf"):
        shutil.copy2(GREEN / "fonts" / name, folder / "fonts" / name)
    return folder / "_brand.yml"


@pytest.fixture
def places(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A new workspace, a downloaded brand folder beside it, and a folder outside both."""
    root = init_workspace(tmp_path / "ws")
    source = brand_source(tmp_path / "downloaded")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(TOKEN, encoding="utf-8")
    return root, source, outside


def test_a_font_path_through_a_link_and_dot_dot_is_not_written_outside(
        places: tuple[Path, Path, Path], tmp_path: Path) -> None:
    root, source, outside = places
    deep = source.parent / "a/b/c/d"
    deep.mkdir(parents=True)
    (source.parent / "x").symlink_to(deep, target_is_directory=True)
    (source.parent / "outside").mkdir()
    shutil.copy2(source.parent / "fonts/Lato-Bold.ttf", source.parent / "outside/F.ttf")
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("path: fonts/Lato-Bold.ttf",
                                   "path: x/../../../../outside/F.ttf"), encoding="utf-8")
    before, around = tree(root), tree(outside)
    result = run_cli("brand", "import", str(source), "evil", workspace=root)
    assert result.exit_code == 1, result.stderr
    assert "internal error" not in result.stderr
    assert "_brand.yml:35:17: error:" in result.stderr and "no .." in result.stderr
    assert tree(root) == before and tree(outside) == around
    assert not (tmp_path / "outside/F.ttf").exists()


def test_a_font_linked_out_of_the_brand_folder_is_refused(
        places: tuple[Path, Path, Path]) -> None:
    root, source, outside = places
    font = source.parent / "fonts/Lato-Bold.ttf"
    font.unlink()
    font.symlink_to(outside / "secret.txt")
    before = tree(root)
    result = run_cli("brand", "import", str(source), "evil", workspace=root)
    assert result.exit_code == 1, result.stderr
    assert "points outside" in result.stderr and TOKEN not in result.stderr
    assert tree(root) == before


def test_a_font_that_is_a_device_is_refused(places: tuple[Path, Path, Path]) -> None:
    root, source, _ = places
    font = source.parent / "fonts/Lato-Bold.ttf"
    font.unlink()
    (source.parent / "fonts/zero").symlink_to("/dev/zero")
    source.write_text(source.read_text().replace("fonts/Lato-Bold.ttf", "fonts/zero"))
    before = tree(root)
    result = run_cli("brand", "import", str(source), "evil", workspace=root)
    assert result.exit_code == 1, result.stderr
    assert "internal error" not in result.stderr
    assert tree(root) == before


def test_styles_linked_out_is_not_written(places: tuple[Path, Path, Path]) -> None:
    root, source, outside = places
    shutil.rmtree(root / "styles")
    (root / "styles").symlink_to(outside, target_is_directory=True)
    around = tree(outside)
    result = run_cli("brand", "import", str(source), "evil", workspace=root)
    assert result.exit_code == 1, result.stderr
    assert "internal error" not in result.stderr
    assert tree(outside) == around


@pytest.mark.parametrize("name", ["evil\n", "e" * 200, "Evil", "../evil", ""])
def test_brand_names_are_names(places: tuple[Path, Path, Path], name: str) -> None:
    root, source, _ = places
    before = tree(root)
    result = run_cli("brand", "import", str(source), name, workspace=root)
    assert result.exit_code == 1, result.stderr
    assert "not a valid brand name" in result.stderr
    assert tree(root) == before


def test_a_dangling_link_in_styles_is_an_error(places: tuple[Path, Path, Path]) -> None:
    root, source, _ = places
    (root / "styles/evil").symlink_to(root / "nowhere")
    result = run_cli("brand", "import", str(source), "evil", workspace=root)
    assert result.exit_code == 1, result.stderr
    assert "styles/evil is a link to nothing" in result.stderr


def workspace_kind(root: Path) -> Path:
    kind = root / "kinds/event-report"
    shutil.copytree(CUSTOM_KIND, kind)
    return kind


@pytest.mark.parametrize("linked", ["file", "folder"])
def test_a_starter_linked_out_is_not_copied(places: tuple[Path, Path, Path],
                                            linked: str) -> None:
    root, _, outside = places
    kind = workspace_kind(root)
    result = run_cli("new", "plain", "--kind", "event-report", workspace=root)
    assert result.exit_code == 0, result.stderr  # a kind without a starter: from its schema
    (kind / "starter").mkdir()
    shutil.copy2(root / "content/plain/document.yaml", kind / "starter/document.yaml")
    shutil.copy2(root / "content/plain/en.yaml", kind / "starter/source.yaml")
    if linked == "file":
        (kind / "starter/secret.txt").symlink_to(outside / "secret.txt")
    else:
        (kind / "starter/images").symlink_to(outside, target_is_directory=True)
    before = tree(root / "content")
    result = run_cli("new", "leaky", "--kind", "event-report", workspace=root)
    assert result.exit_code == 1, result.stderr
    assert "is a link" in result.stderr and "internal error" not in result.stderr
    assert tree(root / "content") == before
    assert not (root / "content/leaky").exists()


@pytest.mark.parametrize("name", ["doc\n", "d" * 200])
def test_document_names_are_names(places: tuple[Path, Path, Path], name: str) -> None:
    root, _, _ = places
    result = run_cli("new", name, "--kind", "flyer", workspace=root)
    assert result.exit_code == 1, result.stderr
    assert "not a valid document name" in result.stderr
