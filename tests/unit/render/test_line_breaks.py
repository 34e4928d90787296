"""A word is not left alone on a line before an inline element (issue 23: "far" beside the
policy brief's key-facts box): the text before the element fits but for its trailing space."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.render


def lines(html: str) -> list[str]:
    import weasyprint

    found: list[str] = []

    def text(box: object) -> str:
        if type(box).__name__ == "TextBox":
            return str(box.text)  # type: ignore[attr-defined]
        return "".join(text(child) for child in getattr(box, "children", []))

    def walk(box: object) -> None:
        if type(box).__name__ == "LineBox":
            found.append(text(box))
            return
        for child in getattr(box, "children", []):
            walk(child)

    walk(weasyprint.HTML(string=html).render().pages[0]._page_box)
    return found


def test_the_text_before_a_span_keeps_its_line_when_only_its_space_is_too_wide() -> None:
    """The minimal reproduction in docs/decisions.md: WeasyPrint 70 alone set "The" /
    "quick brown fox" / "jumps" at 162 to 166 px."""
    from briefs.render.line_breaks import install

    install()
    for width in range(100, 260, 2):
        found = lines(f'<p style="font: 16px DejaVu Sans; width: {width}px; margin: 0">'
                      "The quick brown fox <span>jumps</span></p>")
        assert all(len(line.split()) > 1 for line in found[:-1]), (width, found)
        assert " ".join(found) == "The quick brown fox jumps"


def test_installing_twice_wraps_once() -> None:
    from weasyprint.layout import inline

    from briefs.render.line_breaks import install

    install()
    first = inline.split_first_line
    install()
    assert inline.split_first_line is first
