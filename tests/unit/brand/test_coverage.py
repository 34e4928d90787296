"""Coverage: every character printed must be in a declared font; the diagnostic names it."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefs.brand.brands import load_brand
from briefs.brand.coverage import check_coverage, check_printed, find_in_files
from briefs.brand.fonts import CoverageCache
from briefs.brand.printed import stylesheet_text, svg_text
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


def test_many_missing_characters_are_one_error_per_script(workspace_copy: Path) -> None:
    """A brand that declares Korean fonts under `Hang` (Hangul) instead of `Kore`: one
    error, naming the script, the count and the key to rename; no error per character."""
    brand_file = workspace_copy / "styles" / "civic-blue" / "brand.yaml"
    brand_file.write_text(brand_file.read_text().replace("  Kore: {", "  Hang: {"))
    diagnostics = Diagnostics()
    brand = load_brand(load_workspace(workspace_copy), "civic-blue", diagnostics)
    assert brand is not None
    assert [d.message for d in diagnostics] == [
        'scripts.Hang: no locale is written in script "Hang", so this stack is unused; '
        "Hangul is written as part of script Kore (Korean): use Kore as the key"]
    content = workspace_copy / "ko.yaml"
    content.write_text("title: 도시와 농촌의 연결을 위한 국제 포럼\n", encoding="utf-8")
    diagnostics = Diagnostics()
    assert not check_coverage(brand, "ko", ["도시와 농촌의 연결을 위한 국제 포럼"], [content],
                              diagnostics, CoverageCache())
    [error] = [d.format(workspace_copy) for d in diagnostics]
    assert error.startswith('ko.yaml:1:8: error: ko: 15 characters in script Hang (Hangul, '
                            'such as "도시와농촌") are in no font of brand "civic-blue"')
    assert error.endswith("declares `scripts: Hang`, but locale \"ko\" is written in script "
                          "Kore (Korean): rename the key to Kore")


def test_a_script_with_no_font_gets_a_package_to_install(built_sample: Path) -> None:
    brand = load_brand(load_workspace(built_sample), "civic-blue", Diagnostics())
    assert brand is not None
    diagnostics = Diagnostics()
    check_coverage(brand, "am", ["ሰላም ለዓለም"], [], diagnostics, CoverageCache())
    [error] = [d.message for d in diagnostics]
    assert "5 characters in script Ethi (Ethiopic" in error
    assert "system: Noto Sans Ethiopic, package: fonts-noto-core" in error
    assert "`scripts: Ethi`" in error


def test_stylesheet_markers_and_svg_text_are_checked_where_written(built_sample: Path,
                                                                  tmp_path: Path) -> None:
    workspace = load_workspace(built_sample)
    brand = load_brand(workspace, "civic-blue", Diagnostics())
    assert brand is not None
    sheet = tmp_path / "lists.css"
    sheet.write_text("p { color: red; }\n.prose-list ul { list-style-type: circle; }\n"
                     ".a::before { content: \"» \"; }\n")
    logo = tmp_path / "logo.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg">\n'
                    '  <text font-family="sans-serif">Civic</text>\n'
                    '  <g style="font-family: Civic Sans"><text>Habitat ◦</text></g>\n</svg>\n')
    printed = stylesheet_text(sheet, [tmp_path]) + svg_text(logo, [tmp_path])
    diagnostics = Diagnostics()
    assert not check_printed(brand, "en", printed, diagnostics, CoverageCache())
    assert [d.format(tmp_path) for d in diagnostics] == [
        'lists.css:2:35: error: generated text prints U+25E6 WHITE BULLET "◦" (en), which is '
        'in no font of brand "civic-blue" (Civic Sans); use a character the fonts have (for '
        'list markers, e.g. list-style-type: "– "), or declare a font that covers it in '
        "styles/civic-blue/brand.yaml",
        'logo.svg:2:1: error: <text> text "Civic" asks for font-family "sans-serif", which '
        'is no font of brand "civic-blue", so the machine\'s font would print it; set '
        "font-family to one of Civic Sans, or convert the text to outlines",
        'logo.svg:3:1: error: <text> text prints U+25E6 WHITE BULLET "◦" (en), which is in '
        'no font of brand "civic-blue" (Civic Sans); use a character the fonts have (for '
        'list markers, e.g. list-style-type: "– "), or declare a font that covers it in '
        "styles/civic-blue/brand.yaml"]


def test_an_unreadable_font_is_reported_at_its_name_not_a_word_of_the_message(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from types import SimpleNamespace

    from briefs.brand import coverage
    from briefs.brand.fonts import FontProblem
    from briefs.core.diagnostics import Diagnostics

    (tmp_path / "brand.yaml").write_text("# the brand\nname: the brand\nfonts:\n"
                                         "  - family: Brand Serif\n")

    def missing(*_args: object) -> frozenset[int]:
        raise FontProblem('the font "Brand Serif" is not installed on this machine; install '
                          "it", "Brand Serif")

    monkeypatch.setattr(coverage, "covered_by", missing)
    diagnostics = Diagnostics()
    brand = SimpleNamespace(folder=tmp_path)
    assert coverage.readable_coverage(brand, "latin", None, diagnostics) is None  # type: ignore[arg-type]
    [error] = diagnostics.errors
    assert error.path == tmp_path / "brand.yaml" and error.position is not None
    assert (error.position.line, error.position.column) == (4, 13)
