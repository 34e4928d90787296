"""CSS warnings name their stylesheet: WeasyPrint's "Ignored `colr: red` at 4:5" is found in
the one fetched stylesheet that declares it there, as a typed place (reported there once per
build, not once per output)."""

from __future__ import annotations

from pathlib import Path

from briefs.core.diagnostics import SourceSpot
from briefs.render.css_warnings import stylesheet_spot


def test_the_stylesheet_that_holds_the_declaration_is_named(tmp_path: Path) -> None:
    kind = tmp_path / "kinds" / "report" / "style.css"
    kind.parent.mkdir(parents=True)
    kind.write_text("h1 { color: red; }\n\np {\n    colr: red;\n}\n")
    brand = tmp_path / "styles" / "b" / "brand.css"
    brand.parent.mkdir(parents=True)
    brand.write_text("p { margin: 0; }\n")
    message = "Ignored `colr: red` at 4:5, unknown property."
    assert stylesheet_spot(message, [brand, kind, kind], [tmp_path]) == (
        SourceSpot("kinds/report/style.css", 4, 5))
    assert stylesheet_spot("Something else", [kind], [tmp_path]) is None
    assert stylesheet_spot("Ignored `gap: x` at 9:1, bad.", [kind], [tmp_path]) is None
