"""Plain SVG images (logos, QR codes, simple charts) drawn once per process and replayed.

WeasyPrint parses an SVG file and every path's data again for each render, and draws the
image again at each place it appears: the logos on every page and the QR codes were about a
sixth of the sample's rendering time. An engine keeps, across its renders, the SVG images
that are *plain*: shapes and paths with colours and transforms only (no text, no images or
links to other files, no gradients, patterns, clips, masks, filters, markers or style
sheets). Such a drawing depends only on the file's bytes and the size it is drawn at, so its
PDF operators are recorded the first time and appended as they are the next times.

An engine finds them by content (see `shared_images`). Correctness:

- a drawing is recorded only when it changed nothing but the page's operators and the
  alpha states it names (checked after drawing: resources, fonts, images, tags, the
  transformation stack); anything else is drawn again every time;
- the stream's current colour and alpha are forgotten before each drawing, recorded or
  replayed, so both write the same bytes whatever was drawn before (reproducible output).
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from briefs.render.drawing_record import ALPHA_STATE, Drawing
from briefs.render.kept_drawings import current

MAX_SIZES_PER_IMAGE = 16
PLAIN_TAGS = frozenset({"svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline",
                        "polygon"})
"""Elements a plain SVG may hold (besides title, desc and metadata, which are not drawn)."""
UNDRAWN_TAGS = frozenset({"title", "desc", "metadata"})
REFERENCING_ATTRIBUTES = frozenset({"clip-path", "mask", "filter", "marker", "marker-start",
                                    "marker-mid", "marker-end", "href"})
STATE_OPERATOR = b" gs"


def _local(name: str) -> str:
    """A tag or attribute name without its namespace."""
    return name.rsplit("}", 1)[-1]


def is_plain(element: Any) -> bool:
    """Whether an SVG element tree holds only shapes, groups and presentation attributes."""
    tag = _local(str(element.tag))
    if tag in UNDRAWN_TAGS:
        return True
    if tag not in PLAIN_TAGS:
        return False
    for name, value in element.attrib.items():
        if _local(name) in REFERENCING_ATTRIBUTES or "url(" in value:
            return False
    return all(is_plain(child) for child in element)


class _Replay:
    """The draw method of one shared SVG image: records each size's operators, replays them."""

    def __init__(self, image: Any, content: tuple[str, str]) -> None:
        self._image_draw = image.draw
        self._svg = image._svg
        self._content = content
        """What the drawing is made from: the kind of URL and the digest of its bytes."""
        self._recorded: OrderedDict[tuple[float, float], Drawing | None] = OrderedDict()

    def weight(self) -> int:
        """The bytes of the operators recorded so far."""
        return sum(len(operator) for drawing in self._recorded.values() if drawing is not None
                   for operator in drawing.operators)

    def _draw(self, stream: Any, width: float, height: float, style: Any) -> None:
        """WeasyPrint's drawing (the SVG then lets go of the page it drew on)."""
        try:
            self._image_draw(stream, width, height, style)
        finally:
            self._svg.stream = None

    def __call__(self, stream: Any, width: float, height: float, style: Any) -> None:
        _forget_state(stream)
        size = (width, height)
        if size not in self._recorded:
            drawn = self._first(stream, size, style)
            while len(self._recorded) > MAX_SIZES_PER_IMAGE:
                self._recorded.popitem(last=False)
            if drawn:
                return
        self._recorded.move_to_end(size)
        drawing = self._recorded[size]
        if drawing is None:  # drawing it had other effects: draw it every time
            self._draw(stream, width, height, style)
            return
        states = stream._resources["ExtGState"]
        for name, state in drawing.states:
            states.setdefault(name, state)
        stream.stream.extend(drawing.operators)

    def _first(self, stream: Any, size: tuple[float, float], style: Any) -> bool:
        """Take this size's drawing from those an earlier build kept, or draw and record it
        (and give it to the build to keep); whether it was drawn on `stream` now."""
        kept = current()
        parts = ("svg drawing", *self._content, *size)
        found = kept.find(parts) if kept is not None else None
        if found is not None:
            self._recorded[size] = found
            return False
        drawing = _record(self._draw, stream, size, style)
        self._recorded[size] = drawing
        if drawing is not None and kept is not None:
            kept.add(parts, drawing)
        return True


def _forget_state(stream: Any) -> None:
    stream._current_color = stream._current_color_stroke = None
    stream._current_alpha = stream._current_alpha_stroke = None


def _record(draw: Any, stream: Any, size: tuple[float, float], style: Any) -> Drawing | None:
    """Draw, and return what was written when the drawing had no other effect."""
    before = _effects(stream)
    start = len(stream.stream)
    draw(stream, *size, style)
    operators = stream.stream[start:]
    if _effects(stream) != before or stream._current_color is not None:
        return None
    if not all(isinstance(operator, bytes) for operator in operators):
        return None
    states = stream._resources["ExtGState"]
    named = {op[1:-len(STATE_OPERATOR)].decode("ascii", "replace")
             for op in operators if op.endswith(STATE_OPERATOR)}
    if not all(ALPHA_STATE.fullmatch(name) and name in states for name in named):
        return None
    return Drawing(tuple(operators), tuple((name, states[name]) for name in sorted(named)))


def _effects(stream: Any) -> tuple[object, ...]:
    """What a drawing could change besides the page's operators and its alpha states."""
    resources = stream._resources
    return (tuple(len(resources.get(name) or ()) for name in ("XObject", "Pattern", "Shading")),
            len(stream._fonts), len(stream._images), len(stream._tags or ()),
            len(stream._ctm_stack), stream.ctm.values)


def share_drawing(image: Any, content: tuple[str, str]) -> bool:
    """Make a loaded SVG image record and replay its drawings, if it is plain (and say so);
    what tied it to the render that loaded it, never used by a plain drawing, is let go.
    `content` names what it is drawn from (the kind of URL, the digest of its bytes): a
    drawing recorded in an earlier build is replayed (`kept_drawings`)."""
    svg = getattr(image, "_svg", None)
    if svg is None or not is_plain(svg.tree._etree_node):
        return False
    image.draw = _Replay(image, content)
    image._context = image._url_fetcher = svg.url_fetcher = None
    return True
