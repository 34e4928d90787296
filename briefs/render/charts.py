"""Charts from a document's data, drawn by matplotlib's SVG backend as vector graphics whose
text stays text (`svg.fonttype: none`), so that it is set in the brand's fonts, shaped for
its script and extractable from the PDF. matplotlib is imported only when a chart is drawn.

matplotlib measures and lays out the labels with the faces the PDF sets them in: the brand's
body faces for the locale's script, in the order of its stack (Noto Sans CJK SC, then the
Latin face, for Chinese), registered with its font manager (a face of a collection by its
index); the SVG then names the brand's families, which WeasyPrint sets. Without faces (a
test's spec) it measures with its own DejaVu Sans. The bytes are reproducible: a fixed hash
salt for ids, no date in the metadata.
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from briefs.brand.css import css_string

MEASURING_FAMILY = "DejaVu Sans"
WIDTH_INCHES = 6.3
HEIGHT_INCHES = 2.3
CHART_URI = re.compile(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)")
FONT_FAMILY = re.compile(rb"font-family: [^;\"]*")
PROLOG = re.compile(rb"^.*?(?=<svg)", re.DOTALL)
METADATA = re.compile(rb"<metadata>.*?</metadata>\s*", re.DOTALL)


@dataclass(frozen=True)
class Series:
    label: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class ChartSpec:
    """What to draw, already in the output's language: printed category labels, series with
    printed labels, and how numbers are written (the locale's digits and separators)."""

    kind: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    colors: tuple[str, ...]
    families: tuple[str, ...]
    number: Callable[[float], str]
    rtl: bool = False
    text_color: str = "#1d1d1b"
    grid_color: str = "#cccccc"
    fonts: tuple[tuple[str, int], ...] = ()
    """The font files (and face index in a collection) the PDF sets the labels in, the
    script's own first: matplotlib measures with them."""
    number_key: str = ""
    """What `number` depends on (the locale's format, the decimals): the chart cache's key
    (`chart_store.py`) holds it in place of the function."""


def chart_svg(spec: ChartSpec) -> bytes:
    """The chart as SVG bytes, the same for the same spec."""
    stream = io.BytesIO()
    with chart_settings(spec):
        figure = chart_figure(spec)
        figure.savefig(stream, format="svg", metadata={"Date": None, "Creator": None},
                       transparent=True)
    return _with_families(stream.getvalue(), spec.families)


@contextmanager
def chart_settings(spec: ChartSpec) -> Iterator[None]:
    """matplotlib's settings for drawing `spec`: text as text, in the measuring faces."""
    import matplotlib as mpl

    mpl.use("svg", force=False)
    settings: dict[Any, Any] = {
        "svg.fonttype": "none", "svg.hashsalt": "briefs",
        "font.family": measuring_families(spec.fonts) or [MEASURING_FAMILY],
        "text.parse_math": False, "font.size": 8.5, "axes.unicode_minus": True,
        "text.color": spec.text_color, "axes.labelcolor": spec.text_color,
        "xtick.color": spec.text_color, "ytick.color": spec.text_color}
    with mpl.rc_context(settings), warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # glyphs no measuring face has
        yield


def chart_figure(spec: ChartSpec) -> Any:
    """The chart as a laid-out matplotlib figure (inside `chart_settings(spec)`)."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH_INCHES, HEIGHT_INCHES))
    axes = figure.subplots()
    _draw(axes, spec)
    _style(axes, spec)
    figure.tight_layout(pad=0.4)
    return figure


def measuring_families(fonts: Sequence[tuple[str, int]]) -> list[str]:
    """The family names matplotlib knows `fonts` by, each file registered with its font
    manager once a process (the registry is matplotlib's own, shared by the process)."""
    names: list[str] = []
    for path, index in fonts:
        name = _REGISTERED.get((path, index))
        if name is None:
            name = _register(path, index)
            if name is None:
                continue
            _REGISTERED[(path, index)] = name
        if name not in names:
            names.append(name)
    return names


_REGISTERED: dict[tuple[str, int], str] = {}
"""Font files registered with matplotlib's (process-wide) font manager, and their names."""


def _register(path: str, index: int) -> str | None:
    from matplotlib import font_manager, ft2font

    try:
        name = font_manager.ttfFontProperty(ft2font.FT2Font(path, face_index=index)).name
        font_manager.fontManager.addfont(path)
    except (OSError, RuntimeError, ValueError):  # unreadable: measured with the next face
        return None
    return str(name)


def _draw(axes: Any, spec: ChartSpec) -> None:
    positions = list(range(len(spec.categories)))
    count = max(1, len(spec.series))
    horizontal = spec.kind in ("bar", "stacked-bar")
    stacked = spec.kind == "stacked-bar"
    bottoms = [0.0] * len(positions)
    width = 0.8 / (1 if stacked else count)
    for index, series in enumerate(spec.series):
        color = spec.colors[index % len(spec.colors)]
        values = [value if value is not None else 0.0 for value in series.values]
        if spec.kind == "line":
            axes.plot(positions, [v if v is not None else float("nan") for v in series.values],
                      color=color, linewidth=1.8, marker="o", markersize=3.5,
                      label=series.label)
            continue
        offsets = positions if stacked else [p - 0.4 + width * (index + 0.5)
                                             for p in positions]
        draw = axes.barh if horizontal else axes.bar
        extra = {"left": bottoms} if horizontal else {"bottom": bottoms}
        draw(offsets, values, width * 0.92, color=color, label=series.label,
             **(extra if stacked else {}))
        if stacked:
            bottoms = [b + v for b, v in zip(bottoms, values, strict=True)]
    category_axis = axes.yaxis if horizontal else axes.xaxis
    category_axis.set_ticks(positions, list(spec.categories))
    if horizontal:
        axes.invert_yaxis()  # the first row of the data at the top, as in its table


def _style(axes: Any, spec: ChartSpec) -> None:
    from matplotlib.ticker import FuncFormatter

    horizontal = spec.kind in ("bar", "stacked-bar")
    value_axis = axes.xaxis if horizontal else axes.yaxis
    value_axis.set_major_formatter(FuncFormatter(lambda value, _pos: spec.number(value)))
    axes.grid(axis="x" if horizontal else "y", color=spec.grid_color, linewidth=0.5)
    axes.set_axisbelow(True)
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    axes.spines["bottom"].set_color(spec.grid_color)
    axes.tick_params(length=0, pad=4)
    if spec.rtl:  # right to left: categories (or values) run from the right
        axes.invert_xaxis()
        axes.yaxis.tick_right()
    if len(spec.series) > 1:
        axes.legend(frameon=False, loc="upper left" if not spec.rtl else "upper right",
                    ncols=min(4, len(spec.series)), bbox_to_anchor=(0, 1.12) if not spec.rtl
                    else (1, 1.12), borderaxespad=0, handlelength=1.2,
                    alignment="right" if spec.rtl else "left")


def _with_families(svg: bytes, families: Sequence[str]) -> bytes:
    """The brand's families in place of the measuring one; no XML prolog or metadata (no
    DTD for the SVG check, nothing that varies)."""
    svg = METADATA.sub(b"", PROLOG.sub(b"", svg, count=1))
    stack = ", ".join(css_string(family) for family in families) or "sans-serif"
    stack = stack.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    return FONT_FAMILY.sub(b"font-family: " + stack.encode().replace(b"\\", b"\\\\"), svg)


def chart_texts(html: str) -> list[str]:
    """The text of every chart an HTML page holds (as data: URIs), for the font subsets:
    a chart's labels are printed too, though no character of them is in the HTML's text."""
    import base64

    return [base64.b64decode(match[1]).decode("utf-8", "replace")
            for match in CHART_URI.finditer(html)]
