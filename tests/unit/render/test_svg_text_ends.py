"""Where each SVG `<text>` element starts and ends is noted on the stream as it is drawn
(render/svg_text_ends.py), for the spaces pdf.js keeps between chart labels."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from briefs.render import svg_text_ends
from briefs.render.svg_text_ends import ENDS, TextEnd, first_part, last_part

ARABIC = "\u0623\u0648\u0631\u0641\u0627\u0646"  # أورفان


class _Node(SimpleNamespace):
    """An SVG node as WeasyPrint's `Node` answers: tag, text, display, visible, children."""

    def __init__(self, tag: str, text: str | None, *children: Any, visible: bool = True):
        super().__init__(tag=tag, text=text, display=True, visible=visible,
                         children=list(children))

    def __iter__(self) -> Any:
        return iter(self.children)


def _drawn(svg: Any, node: Any, direction: str | None) -> None:
    """What svg_text.py's wrapper does around drawing one text node."""
    before = svg_text_ends.start(svg, node)
    svg.stream.stream.extend([b"q", b"BT", b"[<0001>] TJ", b"ET", b"Q"])
    svg_text_ends.end(svg, node, before, direction)


def test_a_label_is_noted_at_both_ends_of_its_text_object() -> None:
    svg = SimpleNamespace(stream=SimpleNamespace(stream=[b"q"]))
    _drawn(svg, _Node("text", "Orvanne"), "ltr")
    _drawn(svg, _Node("text", ARABIC), "rtl")
    assert getattr(svg.stream, ENDS) == [
        TextEnd(4, "left", "ltr"), TextEnd(4, "right", "ltr"),
        TextEnd(9, "right", "rtl"), TextEnd(9, "left", "rtl")]


def test_tspans_inside_a_label_are_not_its_ends() -> None:
    """`H<tspan>2</tspan>O`: the element starts in its own text and ends in the last part;
    the tspan between gets nothing (a space there would split the word)."""
    middle, tail = _Node("tspan", "2"), _Node("tspan", "O")
    root = _Node("text", "H", middle, tail)
    assert first_part(root) is root and last_part(root) is tail
    svg = SimpleNamespace(stream=SimpleNamespace(stream=[]))
    for node in (root, middle, tail):
        _drawn(svg, node, "ltr")
    assert getattr(svg.stream, ENDS) == [TextEnd(3, "left", "ltr"), TextEnd(13, "right", "ltr")]


def test_hidden_parts_and_texts_drawn_in_no_one_direction_are_not_noted() -> None:
    hidden = _Node("tspan", "x", visible=False)
    root = _Node("text", "a", hidden)
    assert last_part(root) is root and first_part(_Node("text", "")) is None
    svg = SimpleNamespace(stream=SimpleNamespace(stream=[]))
    _drawn(svg, _Node("text", ARABIC), None)  # right to left, character by character
    assert getattr(svg.stream, ENDS, None) is None


@pytest.mark.render
def test_pdfjs_reads_chart_labels_apart(tmp_path: Path) -> None:
    """Category labels anchored in their middle, each drawn by WeasyPrint in a form XObject
    of its own: pdf.js read `OrvanneValle Alto` and `أورفانالوادي الأعلى`; poppler reads
    them as before."""
    import weasyprint

    from briefs.render.svg_text import install
    from briefs.render.tagging.retag import retag
    from tests.textlayer.engines import available, poppler

    install()
    labels = (("Orvanne", "Valle Alto"), (ARABIC, "\u0627\u0644\u0648\u0627\u062f\u064a"))
    texts = "".join(
        f'<text x="{x}" y="{y}" style="font-size: 14px; font-family: Noto Sans Arabic; '
        f'text-anchor: middle">{label}</text>'
        for y, pair in ((40, labels[0]), (90, labels[1]))
        for x, label in zip((100, 250) if pair is labels[0] else (250, 100), pair, strict=True))
    (tmp_path / "chart.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="120">' + texts + "</svg>",
        encoding="utf-8")
    target = tmp_path / "labels.pdf"
    weasyprint.HTML(string="<html lang='en'><img src='chart.svg' alt='chart'></html>",
                    base_url=str(tmp_path) + "/").write_pdf(
        target, pdf_variant="pdf/ua-1", finisher=lambda document, pdf: retag(document, pdf))
    text = " ".join(poppler(target).split())
    assert "Orvanne" in text and "Valle Alto" in text and ARABIC in text
    engine = available().get("pdfjs")
    if engine is None:
        pytest.skip("pdf.js is not installed (npm ci in tests/textlayer)")
    words = engine(target).replace("\u200e", "").replace("\u200f", "").split()
    assert {"Orvanne", "Valle", "Alto", ARABIC, labels[1][1]} <= set(words), words


@pytest.mark.render
def test_a_word_split_by_a_tspan_reads_whole(tmp_path: Path) -> None:
    """`H<tspan>2</tspan>O` is three text objects; only the element's two ends get spacers,
    so no engine reads a space inside the word."""
    import weasyprint

    from briefs.render.svg_text import install
    from briefs.render.tagging.retag import retag
    from tests.textlayer.engines import available

    install()
    (tmp_path / "formula.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="60"><text x="10" y="40" '
        'style="font-size: 20px; font-family: DejaVu Sans">Water H<tspan font-weight="bold">'
        "2</tspan>O here</text></svg>", encoding="utf-8")
    target = tmp_path / "formula.pdf"
    weasyprint.HTML(string="<html lang='en'><img src='formula.svg' alt='formula'></html>",
                    base_url=str(tmp_path) + "/").write_pdf(
        target, pdf_variant="pdf/ua-1", finisher=lambda document, pdf: retag(document, pdf))
    for name, engine in available().items():
        text = " ".join(engine(target).replace("\u200e", "").split())
        assert "Water H2O here" in text, (name, text)


@pytest.mark.render
@pytest.mark.parametrize("texts", [
    '<text x="10" y="20"></text><text x="10" y="40">   </text>',
    '<text x="10" y="20" display="none">a<tspan>b</tspan></text>',
    '<text x="10" y="20"><tspan visibility="hidden">a</tspan>'
    '<tspan display="none">b</tspan></text>',
    '<text x="10" y="20">' + "<tspan>a" * 150 + "</tspan>" * 150 + "</text>",
    "".join(f'<text x="{i % 300}" y="{10 + i % 50}" text-anchor="middle">t{i}</text>'
            for i in range(600)),
    f'<text x="10 20 30" y="20" style="font-family: Noto Sans Arabic">{ARABIC}</text>'])
def test_odd_and_hostile_svg_text_renders_and_keeps_its_text_layer(tmp_path: Path,
                                                                   texts: str) -> None:
    """A workspace's SVG is untrusted: empty, hidden, deeply nested and many texts, and a
    right-to-left text positioned per character (not noted), render as before."""
    import weasyprint

    from briefs.render.svg_text import install
    from briefs.render.tagging.retag import retag

    install()
    (tmp_path / "odd.svg").write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="300" height="60">{texts}</svg>',
        encoding="utf-8")
    target = tmp_path / "odd.pdf"
    weasyprint.HTML(string="<html lang='en'><img src='odd.svg' alt='odd'></html>",
                    base_url=str(tmp_path) + "/").write_pdf(
        target, pdf_variant="pdf/ua-1", finisher=lambda document, pdf: retag(document, pdf))
    assert target.read_bytes().startswith(b"%PDF")
