"""A posit brand.yml file as a brand: mapped tokens, refused remote fonts, `brand import`."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from briefs.brand.brands import load_brand
from briefs.content.config import load_workspace
from briefs.core.diagnostics import Diagnostics
from tests.conftest import REPO, run_cli

PROJECT = REPO / "tests/projects/brand-yml"


def brand_folder(target: Path) -> Path:
    """tests/projects/brand-yml/_brand.yml with the files it names."""
    target.mkdir(parents=True)
    shutil.copy2(PROJECT / "_brand.yml", target / "_brand.yml")
    green = REPO / "styles/field-green"
    shutil.copytree(green / "logos", target / "logos")
    (target / "fonts").mkdir()
    for name in ("Lato-Regular.ttf", "Lato-Italic.ttf", "Lato-Bold.ttf"):
        shutil.copy2(green / "fonts" / name, target / "fonts" / name)
    return target


def test_a_brand_yml_folder_is_a_brand(small: Path) -> None:
    brand_folder(small / "styles/riverlands")
    workspace = load_workspace(small)
    assert workspace.brand_ids() == ["riverlands", "team"]
    diagnostics = Diagnostics()
    brand = load_brand(workspace, "riverlands", diagnostics)
    assert brand is not None, [d.format() for d in diagnostics]
    model = brand.model
    assert model.name == "Riverlands Research Alliance"
    assert (model.colors.primary, model.colors.accent, model.colors.tint) == \
        ("#1f5c45", "#8a6100", "#eef4ef")
    assert [(f.family, f.weight, f.style) for f in model.fonts] == [
        ("Lato", 400, "normal"), ("Lato", 400, "italic"), ("Lato", 700, "normal")]
    assert model.typography.body == ["Lato"] and model.typography.heading == ["Lato"]
    assert brand.logo.name == "logo.svg" and brand.logo_inverse is not None
    assert model.slogan == "Science for living rivers"  # from defaults.briefs
    assert model.contact.email == "dialogue@riverlands.example.org"


@pytest.mark.parametrize(("old", "new", "message"), [
    ("  base: Lato", "    - {family: Nowhere Sans, source: google}\n  base: Nowhere Sans",
     'font "Nowhere Sans" comes from Google Fonts, and briefs never downloads anything'),
    ("  primary: forest", "  primary: rebeccapurple",
     'color.primary: "rebeccapurple" is not a hex colour'),
    ("    mark: logos/logo.svg", "    mark: https://example.org/logo.svg",
     "a logo must be a file next to _brand.yml"),
    ("    slogan: Science", "    slogn: Science", 'unknown key "slogn"'),
])
def test_problems_name_the_line_of_brand_yml(small: Path, old: str, new: str,
                                             message: str) -> None:
    folder = brand_folder(small / "styles/riverlands")
    path = folder / "_brand.yml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))
    diagnostics = Diagnostics()
    assert load_brand(load_workspace(small), "riverlands", diagnostics) is None
    [found] = [d for d in diagnostics if message in d.message]
    assert found.path == path and found.position is not None
    line = path.read_text().splitlines()[found.position.line - 1]
    assert new.split("\n")[0].strip().split(":")[0] in line, line


def test_brand_import_copies_the_file_and_what_it_names(small: Path, tmp_path: Path) -> None:
    source = brand_folder(tmp_path / "downloaded")
    result = run_cli("brand", "import", str(source / "_brand.yml"), "riverlands",
                     workspace=small)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == "styles/riverlands/"
    copied = sorted(p.relative_to(small / "styles/riverlands").as_posix()
                    for p in (small / "styles/riverlands").rglob("*") if p.is_file())
    assert copied == ["_brand.yml", "fonts/Lato-Bold.ttf", "fonts/Lato-Italic.ttf",
                      "fonts/Lato-Regular.ttf", "logos/logo-white.svg", "logos/logo.svg"]
    again = run_cli("brand", "import", str(source / "_brand.yml"), "riverlands",
                    workspace=small)
    assert again.exit_code == 1 and "styles/riverlands already exists" in again.stderr


def test_a_failed_import_leaves_nothing(small: Path, tmp_path: Path) -> None:
    source = brand_folder(tmp_path / "downloaded")
    (source / "fonts/Lato-Bold.ttf").unlink()
    result = run_cli("brand", "import", str(source / "_brand.yml"), "riverlands",
                     workspace=small)
    assert result.exit_code == 1
    assert re.search(r'"fonts/Lato-Bold.ttf" does not exist', result.stderr)
    assert not (small / "styles/riverlands").exists()
