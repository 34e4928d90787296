"""CSS warnings name their stylesheet: WeasyPrint's "Ignored `colr: red` at 4:5" is found in
the one fetched stylesheet that declares it there."""

from __future__ import annotations

from pathlib import Path

from briefs.render.css_warnings import with_stylesheet


def test_the_stylesheet_that_holds_the_declaration_is_named(tmp_path: Path) -> None:
    kind = tmp_path / "kinds" / "report" / "style.css"
    kind.parent.mkdir(parents=True)
    kind.write_text("h1 { color: red; }\n\np {\n    colr: red;\n}\n")
    brand = tmp_path / "styles" / "b" / "brand.css"
    brand.parent.mkdir(parents=True)
    brand.write_text("p { margin: 0; }\n")
    message = "Ignored `colr: red` at 4:5, unknown property."
    assert with_stylesheet(message, [brand, kind, kind], [tmp_path]) == (
        "kinds/report/style.css:4:5: Ignored `colr: red` at 4:5, unknown property.")
    assert with_stylesheet("Something else", [kind], [tmp_path]) == "Something else"
    assert with_stylesheet("Ignored `gap: x` at 9:1, bad.", [kind], [tmp_path]) == (
        "Ignored `gap: x` at 9:1, bad.")  # found nowhere: left as it was


def test_a_located_warning_is_split_into_its_stylesheet_and_message() -> None:
    from briefs.render.css_warnings import stylesheet_location

    assert stylesheet_location("kinds/report/style.css:4:5: Ignored `colr: red` at 4:5.") == (
        "kinds/report/style.css", 4, 5, "Ignored `colr: red` at 4:5.")
    assert stylesheet_location("Ignored `colr: red` at 4:5, unknown property.") is None
    assert stylesheet_location("page 2: an image at 72 dpi") is None
