"""A row's flex items are not laid out once more for a minimum height that CSS makes zero
(issue 28): the same boxes at the same places, with fewer layouts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

pytestmark = pytest.mark.render

PARAGRAPH = ("Every district council keeps a register of the wells it tested, and "
             "publishes it each spring with the results of the year before. ")
ROWS = {
    "two columns, one shrinking": (
        '<div style="display: flex; gap: 8px">'
        f'<p style="flex: 1 1 0; margin: 0">{PARAGRAPH * 3}</p>'
        f'<aside style="flex: 0 0 120px">{PARAGRAPH}</aside></div>'),
    "stretched, wrapped, reversed": (
        '<ul style="display: flex; flex-flow: row-reverse wrap; align-items: stretch; '
        'padding: 0">'
        + "".join(f'<li style="flex: 0 0 30%; border: 1px solid">{PARAGRAPH[:n]}</li>'
                  for n in (20, 60, 140, 40, 90))
        + "</ul>"),
    "nested rows and a column": (
        '<section style="display: flex">'
        '<div style="display: flex; flex-direction: column; flex: 1">'
        f'<p style="margin: 0">{PARAGRAPH}</p><p>{PARAGRAPH[:30]}</p></div>'
        '<div style="display: flex; flex: 2; align-items: flex-end">'
        f'<span style="flex: 1">{PARAGRAPH * 2}</span><b>{PARAGRAPH[:12]}</b></div>'
        '</section>'),
    "a percentage-wide image and a long word": (
        '<div style="display: flex; align-items: flex-start; width: 240px">'
        '<img style="width: 40%" src="data:image/svg+xml,'
        '%3Csvg xmlns=%22http://www.w3.org/2000/svg%22 width=%2240%22 height=%2220%22/%3E">'
        '<p style="margin: 0">Wasserversorgungsunternehmensverband ' + PARAGRAPH + "</p>"
        '<p style="min-height: 30px; margin: 0">short</p></div>'),
    "an item broken across pages": (
        '<div style="display: flex">'
        f'<p style="flex: 1; margin: 0">{PARAGRAPH * 60}</p>'
        '<p style="flex: 0 0 80px; margin: 0">aside</p></div>'),
}


def geometry(html: str) -> list[tuple[Any, ...]]:
    """Every box of every page: its kind, text, place and size."""
    import weasyprint

    document = weasyprint.HTML(string=f'<body style="font: 12px DejaVu Sans">{html}'
                               "</body>").render()
    return [found for page in document.pages for found in _walk(page._page_box)]


def _walk(box: Any) -> Iterator[tuple[Any, ...]]:
    yield (type(box).__name__, getattr(box, "text", None),
           *(round(getattr(box, name, 0) or 0, 4) for name in
             ("position_x", "position_y", "width", "height")))
    for child in getattr(box, "children", []):
        yield from _walk(child)


@pytest.fixture
def flex_layouts() -> tuple[Any, Any]:
    """WeasyPrint's own `flex_layout` and the wrapper over it."""
    from weasyprint.layout import flex

    from briefs.render.flex_cross_minimum import MARK, install, wrapped

    install()
    assert getattr(flex.flex_layout, MARK)
    original = flex.flex_layout.__wrapped__
    return original, wrapped(original)


@pytest.mark.parametrize("html", list(ROWS.values()), ids=list(ROWS))
def test_a_row_is_laid_out_as_before(html: str, flex_layouts: tuple[Any, Any]) -> None:
    original, wrapper = flex_layouts
    assert laid_out(html, wrapper) == laid_out(html, original)


def test_an_item_shorter_at_its_own_width_is_as_tall_as_its_content(
        flex_layouts: tuple[Any, Any]) -> None:
    """Percentage padding is taller at max-content width: WeasyPrint 70 floored the item's
    height there (136 px); the item is as tall as its content, as in Chromium (92 px)."""
    original, wrapper = flex_layouts
    html = ('<div style="display: flex; width: 400px"><div style="flex: 0 0 100px">'
            '<div style="padding-bottom: 50%"></div>some words in a line that is long enough'
            '</div><p style="margin: 0">x</p></div>')

    def item_height(flex_layout: Any) -> float:
        return next(box[-1] for box in laid_out(html, flex_layout)  # the first 100 px wide
                    if box[0] == "BlockBox" and box[-2] == 100)

    padding, three_lines = 50, 3 * 13.96875
    assert item_height(wrapper) == pytest.approx(padding + three_lines, abs=0.1)
    assert item_height(original) > 130


def test_a_rows_items_are_laid_out_fewer_times(flex_layouts: tuple[Any, Any]) -> None:
    """Without the wrapper, each item of a row is laid out once more (its minimum height)."""
    original, wrapper = flex_layouts
    html = ROWS["two columns, one shrinking"]
    assert block_layouts(html, wrapper) < block_layouts(html, original)


def test_only_an_auto_minimum_height_is_zeroed() -> None:
    from weasyprint.css.properties import Dimension

    from briefs.render.flex_cross_minimum import zero_cross_minimum

    class Item:
        def __init__(self, style: dict[str, Any]) -> None:
            self.style = style

    auto, set_ = Item({"min_height": "auto"}), Item({"min_height": Dimension(5, "px")})
    own_style = auto.style
    zero_cross_minimum([auto, set_, object()])
    assert auto.style["min_height"] == Dimension(0, "px")
    assert own_style["min_height"] == "auto"  # a copy: the element's style untouched
    assert set_.style["min_height"] == Dimension(5, "px")


def test_a_columns_items_keep_their_minimum_height(flex_layouts: tuple[Any, Any]) -> None:
    """In a column, height is the main axis: `min-height: auto` is left to WeasyPrint."""
    _, wrapper = flex_layouts
    seen: list[Any] = []

    def recording(context: Any, box: Any, *rest: Any, **named: Any) -> Any:
        seen.extend(child.style["min_height"] for child in box.children)
        return wrapper.__wrapped__(context, box, *rest, **named)

    from briefs.render.flex_cross_minimum import wrapped

    laid_out('<div style="display: flex; flex-direction: column"><p>one</p><p>two</p></div>',
             wrapped(recording))
    assert seen and all(value == "auto" for value in seen)


def test_installing_twice_wraps_once() -> None:
    from weasyprint.layout import block, flex, inline

    from briefs.render.flex_cross_minimum import install

    install()
    first = flex.flex_layout
    install()
    assert flex.flex_layout is first is block.flex_layout is inline.flex_layout


def laid_out(html: str, flex_layout: Any) -> list[tuple[Any, ...]]:
    """`geometry(html)` with `flex_layout` wherever WeasyPrint's layout calls it."""
    from briefs.render.flex_cross_minimum import CALLERS, put

    with pytest.MonkeyPatch.context() as patch:
        import importlib

        for name in CALLERS:  # put back as they were afterwards
            module = importlib.import_module(f"weasyprint.layout.{name}")
            patch.setattr(module, "flex_layout", module.flex_layout)
        put(flex_layout)
        return geometry(html)


def block_layouts(html: str, flex_layout: Any) -> int:
    """How many times `block_level_layout` runs laying `html` out with `flex_layout`."""
    from weasyprint.layout import block

    calls = 0
    real = block.block_level_layout

    def counting(*args: Any, **named: Any) -> Any:
        nonlocal calls
        calls += 1
        return real(*args, **named)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(block, "block_level_layout", counting)
        laid_out(html, flex_layout)
    return calls
