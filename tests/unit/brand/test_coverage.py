"""Coverage: every character printed must be in a declared font; the diagnostic names it."""

from __future__ import annotations

from pathlib import Path

from briefs.brand.brands import load_brand
from briefs.brand.coverage import check_coverage, find_in_files
from briefs.brand.fonts import CoverageCache
from briefs.content.config import load_workspace
from briefs.core.diagnostics import Diagnostics


def test_uncovered_character_is_named_with_file_and_line(built_sample: Path,
                                                         tmp_path: Path) -> None:
    workspace = load_workspace(built_sample)
    brand = load_brand(workspace, "field-green", Diagnostics())
    assert brand is not None
    content = tmp_path / "fr.yaml"
    content.write_text("title: Rivières\nkicker: Ⰰ dialogue\n", encoding="utf-8")
    diagnostics = Diagnostics()
    ok = check_coverage(brand, "fr", ["Rivières", "Ⰰ dialogue"], [content], diagnostics,
                          CoverageCache())
    assert not ok
    assert [d.format(tmp_path) for d in diagnostics] == [
        'fr.yaml:2:9: error: character U+2C00 GLAGOLITIC CAPITAL LETTER AZU "Ⰰ" (fr) is in no '
        'font of brand "field-green" (Field Sans); rewrite it, or declare a font that covers '
        "it in styles/field-green/brand.yaml"]


def test_script_stack_covers_its_locale(built_sample: Path) -> None:
    workspace = load_workspace(built_sample)
    brand = load_brand(workspace, "civic-blue", Diagnostics())
    assert brand is not None
    diagnostics = Diagnostics()
    assert check_coverage(brand, "zh", ["城乡联系 Civic"], [], diagnostics,
                          CoverageCache())
    assert check_coverage(brand, "ar", ["الروابط بين المدن"], [], diagnostics,
                          CoverageCache())
    assert not check_coverage(brand, "fr", ["城乡"], [], diagnostics,
                          CoverageCache())  # no CJK stack for fr


def test_find_in_files_reports_the_first_holder(tmp_path: Path) -> None:
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text("x: y\n")
    second.write_text("a: b\nc: dé\n")
    path, position = find_in_files("é", [first, second])
    assert path == second and (position.line, position.column) == (2, 5)
