"""Charts drawn by matplotlib: text kept as text in the brand's families, reproducible bytes,
the SVG check passed, mathtext off, right-to-left axes mirrored."""

from __future__ import annotations

import re

import pytest

from briefs.content.svg import check_svg
from briefs.render.charts import ChartSpec, Series, chart_svg


def spec(kind: str = "column", rtl: bool = False, label: str = "North") -> ChartSpec:
    return ChartSpec(kind, (label, "South"), (Series("2015", (14.8, 20.0)),
                                              Series("2022", (16.2, None))),
                     ("#0a4f8f", "#e8772e"), ("Civic Sans", 'Odd "name"'),
                     lambda value: f"{value:g}".replace(".", ","), rtl=rtl)


def texts(svg: bytes) -> list[str]:
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg.decode())


@pytest.mark.parametrize("kind", ["bar", "column", "line", "stacked-bar"])
def test_every_chart_type_is_text_in_the_brand_fonts(kind: str) -> None:
    svg = chart_svg(spec(kind))
    check_svg(svg)
    assert {"North", "South", "2015", "2022"} <= set(texts(svg))
    assert b"DejaVu" not in svg and b"<path d" in svg
    assert b'font-family: &quot;Civic Sans&quot;, &quot;Odd \\&quot;name\\&quot;&quot;' in svg
    assert b"<!DOCTYPE" not in svg and b"<metadata" not in svg


def test_numbers_on_the_axis_come_from_the_locale_formatter() -> None:
    small = ChartSpec("column", ("a", "b"), (Series("s", (1.4, 2.0)),), ("#000000",),
                      ("Sans",), lambda value: f"{value:g}".replace(".", ","))
    ticks = texts(chart_svg(small))
    assert "0,5" in ticks and "0.5" not in ticks


def test_the_same_chart_gives_the_same_bytes() -> None:
    assert chart_svg(spec()) == chart_svg(spec())


def test_dollar_signs_are_text_not_mathtext() -> None:
    assert "$x$ costs" in texts(chart_svg(spec(label="$x$ costs")))


def test_right_to_left_puts_the_first_category_on_the_right() -> None:
    def first_x(svg: bytes, label: str) -> float:
        match = re.search(rf'<text[^>]*x="([\d.]+)"[^>]*>{label}</text>', svg.decode())
        assert match is not None
        return float(match[1])

    ltr, rtl = chart_svg(spec()), chart_svg(spec(rtl=True))
    assert first_x(ltr, "North") < first_x(ltr, "South")
    assert first_x(rtl, "North") > first_x(rtl, "South")


def test_the_text_of_charts_in_a_page_is_found_for_the_font_subsets() -> None:
    """A chart's labels are printed though they are not in the HTML's text (base64): the
    subsets of large fonts must hold them (a Chinese chart lost its labels' glyphs)."""
    import base64

    from briefs.render.charts import chart_texts

    svg = chart_svg(spec(label="北塞拉诺"))
    html = f'<p>x</p><img src="data:image/svg+xml;base64,{base64.b64encode(svg).decode()}">'
    assert any("北塞拉诺" in text for text in chart_texts(html))


def installed(family: str) -> tuple[str, int] | None:
    import subprocess

    found = subprocess.run(["fc-match", "-f", "%{family}\n%{file}\n%{index}", family],
                           capture_output=True, text=True, check=False).stdout.splitlines()
    if len(found) < 3 or family not in found[0]:
        return None
    return found[1], int(found[2] or 0)


@pytest.mark.parametrize(("family", "label", "per_character"), [
    ("Noto Sans CJK SC", "北部地区", (0.95, 1.05)),      # a CJK face: a full em a character
    ("Noto Naskh Arabic", "الشمال", (0.2, 0.9)),
])
def test_labels_are_measured_with_the_face_the_pdf_sets_them_in(
        family: str, label: str, per_character: tuple[float, float]) -> None:
    """matplotlib measured Chinese labels with DejaVu Sans (which has no Han glyph), so the
    chart was laid out for widths the PDF never printed."""
    from matplotlib import font_manager

    from briefs.render.charts import chart_figure, chart_settings

    face = installed(family)
    latin = installed("Noto Sans")
    if face is None or latin is None:
        pytest.skip(f"{family} is not installed")
    measured = ChartSpec("column", (label, "B"), (Series("s", (1.0, 2.0)),), ("#000000",),
                         ("Civic CJK",), str, fonts=(face, latin))
    with chart_settings(measured):
        figure = chart_figure(measured)
        tick = figure.axes[0].get_xticklabels()[0]
        used = font_manager.findfont(tick.get_fontproperties(), fallback_to_default=False)
        width = tick.get_window_extent(figure._get_renderer()).width
    assert (str(used), getattr(used, "face_index", 0)) == (face[0], face[1])
    em = 8.5 * figure.dpi / 72
    low, high = per_character
    assert low * em * len(label) <= width <= high * em * len(label), width
    svg = chart_svg(measured)
    assert b"font-family: &quot;Civic CJK&quot;" in svg and family.encode() not in svg
