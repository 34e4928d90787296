"""A brand imported from a posit brand.yml builds both kinds of the small workspace."""

from __future__ import annotations

import subprocess
from pathlib import Path

from briefs.scaffold.new_workspace import init_workspace
from tests.conftest import PROJECTS, run_cli
from tests.unit.brand.test_brandyml import brand_folder


def test_an_imported_brand_yml_builds_a_brief_and_a_flyer(tmp_path: Path) -> None:
    root = init_workspace(tmp_path / "ws")
    source = brand_folder(tmp_path / "downloaded")
    imported = run_cli("brand", "import", str(source / "_brand.yml"), "riverlands",
                       workspace=root)
    assert imported.exit_code == 0, imported.stderr
    config = root / "briefs.yaml"
    config.write_text(config.read_text().replace("default_brand: team",
                                                 "default_brand: riverlands"))
    result = run_cli("build", "--json", "--strict", workspace=root)
    assert result.exit_code == 0, result.stderr
    for pdf, pages in (("first-brief/first-brief.en.pdf", 3),
                       ("first-flyer/first-flyer.fr.pdf", 1)):
        path = root / "build" / pdf
        fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                               check=True).stdout
        assert "Lato" in fonts and "Noto" not in fonts, fonts
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                              check=True).stdout
        assert f"Pages:           {pages}" in info
    back = subprocess.run(["pdftotext", str(root / "build/first-brief/first-brief.en.pdf"),
                           "-"], capture_output=True, text=True, check=True).stdout
    assert "dialogue@riverlands.example.org" in back  # briefs-only tokens (defaults.briefs)


def test_posits_own_brand_yml_builds_a_brief_and_a_flyer(tmp_path: Path) -> None:
    """posit's example _brand.yml (Bunny fonts, no accent, `headings: weight: light`,
    Illustrator logos) imports and builds with the installed Open Sans; French hyphenation
    uses U+002D where Open Sans has no U+2010."""
    root = init_workspace(tmp_path / "ws")
    imported = run_cli("brand", "import", str(PROJECTS / "brand-yml-posit/_brand.yml"),
                       "posit", workspace=root)
    assert imported.exit_code == 0, imported.stderr
    config = root / "briefs.yaml"
    config.write_text(config.read_text().replace("default_brand: team", "default_brand: posit"))
    for document in (root / "content").glob("*/document.yaml"):
        document.write_text(document.read_text().replace("brand: team", "brand: posit"))
    result = run_cli("build", "--json", workspace=root)
    assert result.exit_code == 0, result.stderr
    for pdf in ("first-brief/first-brief.fr.pdf", "first-flyer/first-flyer.fr.pdf",
                "first-brief/first-brief.en.pdf"):
        fonts = subprocess.run(["pdffonts", str(root / "build" / pdf)], capture_output=True,
                               text=True, check=True).stdout
        assert "Open-Sans" in fonts and "Noto" not in fonts, fonts


def test_a_brand_with_a_css_font_stack_builds(tmp_path: Path) -> None:
    """`base: "Arial, sans-serif"`: Arial is not installed here, so the stack's generic family
    (fontconfig's sans-serif) sets the text, with a warning naming Arial."""
    import shutil

    root = init_workspace(tmp_path / "ws")
    source = tmp_path / "downloaded"
    shutil.copytree(PROJECTS / "brand-yml-posit", source)
    path = source / "_brand.yml"
    text = path.read_text()
    start = text.index("typography:")
    path.write_text(text[:start] + 'typography:\n  base: "Arial, sans-serif"\n')
    imported = run_cli("brand", "import", str(path), "stacked", workspace=root)
    assert imported.exit_code == 0, imported.stderr
    arial = subprocess.run(["fc-list", ":family=Arial"], capture_output=True, text=True,
                           check=True).stdout.strip()
    assert arial or 'font "Arial" is not installed' in imported.stderr
    config = root / "briefs.yaml"
    config.write_text(config.read_text().replace("default_brand: team", "default_brand: stacked"))
    for document in (root / "content").glob("*/document.yaml"):
        document.write_text(document.read_text().replace("brand: team", "brand: stacked"))
    result = run_cli("build", workspace=root)
    assert result.exit_code == 0, result.stderr
    assert (root / "build/first-flyer/first-flyer.fr.pdf").is_file()
    assert (root / "build/first-brief/first-brief.en.pdf").is_file()
