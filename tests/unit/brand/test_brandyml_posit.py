"""posit's own example `_brand.yml` and other real brand.yml files as briefs brands: every
field optional, Google/Bunny families found installed, CSS stacks, unused fields named."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefs.brand.brands import load_brand
from briefs.brand.css import brand_css
from briefs.content.config import load_workspace
from briefs.core.diagnostics import Diagnostics
from tests.conftest import PROJECTS

POSIT = PROJECTS / "brand-yml-posit"


def posit_brand(root: Path, text: str | None = None) -> Path:
    folder = root / "styles/posit"
    shutil.copytree(POSIT, folder)
    if text is not None:
        (folder / "_brand.yml").write_text(text, encoding="utf-8")
    return folder / "_brand.yml"


def loaded(root: Path) -> tuple[object, Diagnostics]:
    diagnostics = Diagnostics()
    return load_brand(load_workspace(root), "posit", diagnostics), diagnostics


def line_of(path: Path, text: str) -> int:
    return next(number for number, line in enumerate(path.read_text().splitlines(), 1)
                if text in line)


def test_posits_example_is_a_brand(small: Path) -> None:
    path = posit_brand(small)
    brand, diagnostics = loaded(small)
    assert brand is not None, [d.format() for d in diagnostics]
    model = brand.model  # type: ignore[attr-defined]
    assert (model.colors.primary, model.colors.secondary, model.colors.accent,
            model.colors.text) == ("#447099", "#404041", "#ee6331", "#151515")
    assert model.typography.body == ["Open Sans"]
    assert {(f.family, f.system, f.weight, f.style) for f in model.fonts} >= {
        ("Open Sans", "Open Sans", 400, "normal"), ("Open Sans", "Open Sans", 700, "normal")}
    assert model.name == "Posit Software, PBC"
    warnings = [d for d in diagnostics if d.severity.name == "WARNING"]
    [unused] = [d for d in warnings if "does not use" in d.message]
    assert "meta.link" in unused.message and "typography.monospace" in unused.message
    assert "color.palette" not in unused.message
    [weight] = [d for d in warnings if "headings.weight" in d.message]
    assert weight.position.line == line_of(path, "weight: light")


def test_every_colour_is_optional(small: Path) -> None:
    posit_brand(small, "color:\n  primary: \"#123456\"\n  foreground: \"#111111\"\n"
                       "  background: \"#fefefe\"\ntypography:\n  base: Open Sans\n"
                       "logo: posit-logo.svg\nmeta:\n  name: Minimal\n")
    brand, diagnostics = loaded(small)
    assert brand is not None, [d.format() for d in diagnostics]
    colors = brand.model.colors  # type: ignore[attr-defined]
    assert (colors.primary, colors.accent, colors.text, colors.paper) == \
        ("#123456", "#123456", "#111111", "#fefefe")
    assert colors.secondary == "#6c757d"  # Bootstrap's, as posit's tools use


def test_a_css_stack_is_a_list_of_families(small: Path) -> None:
    posit_brand(small, "typography:\n  base: \"'No Such Face', sans-serif\"\n"
                       "logo: posit-logo.svg\nmeta:\n  name: Stack\n")
    brand, diagnostics = loaded(small)
    assert brand is not None, [d.format() for d in diagnostics]
    body = brand.model.typography.body  # type: ignore[attr-defined]
    assert len(body) == 1 and body[0] not in ("No Such Face", "sans-serif")
    [warning] = [d for d in diagnostics if "No Such Face" in d.message]
    assert "next family of the stack is used" in warning.message


def test_a_remote_family_not_installed_is_an_error_at_its_line(small: Path) -> None:
    text = (POSIT / "_brand.yml").read_text().replace(
        "family: Open Sans\n      source: bunny", "family: Open Sans Nowhere\n      source: bunny"
    ).replace("base: Open Sans", "base: Open Sans Nowhere")
    path = posit_brand(small, text)
    brand, diagnostics = loaded(small)
    assert brand is None
    [error] = diagnostics.errors
    assert error.path == path and error.position.line == line_of(path, "Open Sans Nowhere")
    assert 'font "Open Sans Nowhere" comes from Bunny Fonts' in error.message
    assert "brew install --cask font-open-sans-nowhere" in error.message


@pytest.mark.parametrize(("family", "package"), [("Open Sans", "fonts-open-sans")])
def test_the_debian_package_is_named(small: Path, family: str, package: str) -> None:
    text = (POSIT / "_brand.yml").read_text().replace("base: Open Sans", "base: Nope Sans")
    posit_brand(small, text)
    _, diagnostics = loaded(small)
    [error] = diagnostics.errors
    assert 'font "Nope Sans" is not installed' in error.message
    from briefs.brand.brandyml_fonts import _packages

    assert package in _packages(family)


def test_a_face_without_u2010_hyphenates_with_u002d(small: Path) -> None:
    posit_brand(small)
    brand, _ = loaded(small)
    assert brand is not None
    css = brand_css(brand, lambda face: "font.ttf", None)  # type: ignore[arg-type]
    assert 'hyphenate-character: "-"' in css
    diagnostics = Diagnostics()
    team = load_brand(load_workspace(small), "team", diagnostics)
    assert team is not None
    assert "hyphenate-character" not in brand_css(team, lambda face: "f.ttf", None)


def test_a_brand_without_a_contact_is_warned(small: Path) -> None:
    posit_brand(small)
    _, diagnostics = loaded(small)
    assert any("no contact" in d.message and "left out" in d.message for d in diagnostics)


def test_import_errors_point_at_the_source_file(small: Path, tmp_path: Path) -> None:
    from tests.conftest import run_cli

    source = tmp_path / "downloaded"
    shutil.copytree(POSIT, source)
    path = source / "_brand.yml"
    path.write_text(path.read_text() + "defaults:\n  briefs:\n    slogan: " + "x" * 400 + "\n")
    result = run_cli("brand", "import", str(path), "posit", workspace=small)
    assert result.exit_code == 1
    line = line_of(path, "slogan:")
    assert f"{path}:{line}:" in result.stderr, result.stderr
    assert not (small / "styles/posit").exists()


def test_a_logo_is_all_a_brand_yml_needs(small: Path) -> None:
    posit_brand(small, "logo: posit-logo.svg\n")
    brand, diagnostics = loaded(small)
    assert brand is not None, [d.format() for d in diagnostics]
    model = brand.model  # type: ignore[attr-defined]
    assert model.name == "posit" and model.colors.primary == "#0d6efd"
    assert len(model.typography.body) == 1  # fontconfig's sans-serif
    path = posit_brand(small / "other", "color:\n  primary: \"#123456\"\n")
    (small / "other/briefs.yaml").write_text((small / "briefs.yaml").read_text())
    _, diagnostics = loaded(small / "other")
    [error] = diagnostics.errors
    assert error.path == path and "no logo" in error.message
