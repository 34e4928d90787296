"""A workaround for a WeasyPrint 70 line-breaking defect: a word left alone on a line before
an inline element (a link, emphasis, a word the typesetting pass keeps whole).

WeasyPrint lays out the text before an inline element as one text box that ends with a
space. When that text fits the line but for its trailing space (which the line drops at its
end anyway), `split_first_line` measures the space with it, finds the text too wide, and
falls back to "the first word, hyphenated if it can be": the line holds one word ("far"),
the rest of the text the next line, and the inline element the one after. The English
policy brief's summary showed it beside its key-facts box; any paragraph with a span can.

The wrapper lays such a text out again without the width limit when it fits once its
trailing spaces are left out, so that the line keeps the whole text and the inline element
moves on, as the CSS Text rules on hanging spaces say. docs/decisions.md has a minimal
reproduction for an upstream report; remove this once WeasyPrint fixes it (the test in
tests/unit/render/test_line_breaks.py then passes without it).
"""

from __future__ import annotations

from typing import Any

COLLAPSING = ("normal", "pre-line")
"""`white-space` values whose trailing spaces are dropped at the end of a line."""
NARROWEST_CHARACTER = 0.2
"""No text averages under this many ems a character: longer texts cannot fit a line."""
MARK = "briefs_trailing_space_fix"


def install() -> None:
    """Wrap WeasyPrint's `split_first_line` as the inline layout calls it (once a process)."""
    from weasyprint.layout import inline

    original = inline.split_first_line
    if getattr(original, MARK, False):
        return

    def split_first_line(text: str, style: Any, context: Any, max_width: float | None,
                         *rest: Any, **named: Any) -> Any:
        """`split_first_line(text, style, context, max_width, justification_spacing,
        is_line_start, minimum)`, without the first word left alone."""
        found = original(text, style, context, max_width, *rest, **named)
        if not _worth_another_look(found, text, style, max_width):
            return found
        assert max_width is not None
        stripped = original(text.rstrip(" "), style, context, None, *rest, **named)
        if stripped[2] is not None or stripped[3] > max_width:
            return found
        return original(text, style, context, None, *rest, **named)

    setattr(split_first_line, MARK, True)
    inline.split_first_line = split_first_line


def _worth_another_look(found: Any, text: str, style: Any, max_width: float | None) -> bool:
    """Whether a split text may in fact fit but for its trailing spaces: it was split, it
    ends with a collapsible space, and it is short enough to fit a line at all."""
    if found[2] is None or max_width is None or not text.endswith(" ") or \
            style["white_space"] not in COLLAPSING:
        return False
    stripped = text.rstrip(" ")
    return bool(stripped) and \
        len(stripped) * (style["font_size"] or 0) * NARROWEST_CHARACTER <= max_width
