"""A speed-up for WeasyPrint 70's flex layout: no layout of a row's items to find a minimum
height that CSS says is zero.

For every in-flow item whose `min-height` is `auto`, WeasyPrint's `flex_layout` lays the
item out once more at its max-content width (a whole block layout: every line of every
paragraph in it, the max-content width measured first) to find a content-based minimum
height, whatever the direction. CSS Flexible Box Layout (section 4.5) gives an item that
automatic minimum only in the *main* axis; in a row, height is the cross axis, where `auto`
is zero. In WeasyPrint the value found acts as a floor under the item's own height in its
later layouts. An item's height at its real width is almost always at least its height at
max-content width (narrower: more lines; wider: the same lines), so the floor does not bind
and the extra layout changes nothing but the time: 12-15% of a render worker's CPU over the
sample's outputs, whose briefs, flyers and fact sheets are rows of flex items. Where it does
bind (content whose height shrinks with its width: percentage padding or margins), WeasyPrint
70 makes the item too tall; without the floor the item is as tall as its content, as in
browsers (Chromium: 92 px for the test's case, WeasyPrint 70 136 px).

The wrapper gives each item of a row whose `min-height` is `auto` a style whose
`min-height` is `0px` (a copy: the element's own style is left alone), which every other
reader of the property treats as `auto` (box sizes, the replaced-box ratio clamp, table
percentages), so WeasyPrint skips that layout. Columns are left as they are: there height
is the main axis. PDFs byte-identical (the sample, the 13-script workspace, the real
examples, every profile); docs/upstream/weasyprint-flex-cross-minimum.patch is the upstream
fix. Remove once WeasyPrint computes the automatic minimum in the main axis only.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

MARK = "briefs_flex_cross_minimum"
CALLERS = ("flex", "block", "inline")
"""The `weasyprint.layout` modules that call `flex_layout` by that name: block and inline
imported it by name; float and absolute import it from `flex` when they call it."""


def install() -> None:
    """Wrap WeasyPrint's `flex_layout` wherever its layout calls it (once a process)."""
    from weasyprint.layout import flex

    if not getattr(flex.flex_layout, MARK, False):
        put(wrapped(flex.flex_layout))


def wrapped(original: Callable[..., Any]) -> Callable[..., Any]:
    """`original` (WeasyPrint's `flex_layout`), a row's items' `min-height: auto` given as
    zero."""

    @functools.wraps(original)
    def flex_layout(context: Any, box: Any, *rest: Any, **named: Any) -> Any:
        if box.style["flex_direction"].startswith("row"):
            zero_cross_minimum(box.children)
        return original(context, box, *rest, **named)

    setattr(flex_layout, MARK, True)
    return flex_layout


def put(function: Callable[..., Any]) -> None:
    """`function` as `flex_layout` wherever WeasyPrint's layout calls it."""
    import importlib

    for name in CALLERS:
        setattr(importlib.import_module(f"weasyprint.layout.{name}"),  # noqa: B010 (mypy:
                # a module has no such attribute to assign)
                "flex_layout", function)


def zero_cross_minimum(children: list[Any]) -> None:
    """Give each child whose `min-height` is `auto` its own style with `min-height: 0px`."""
    from weasyprint.css.properties import Dimension

    for child in children:
        style = getattr(child, "style", None)
        if style is not None and style["min_height"] == "auto":
            child.style = style.copy()
            child.style["min_height"] = Dimension(0, "px")
