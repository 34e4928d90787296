"""What overflows, measured after layout: a document a line too long is told to cut a line's
words, not the block a keep moved nor the back cover after it (issue 23)."""

from __future__ import annotations

import pytest

from briefs.render.overflow import measure_overflow
from briefs.render.page_space import line_metrics, page_space

pytestmark = pytest.mark.render

WORDS = "water flows from the springs to the town and back to the fields again"
STYLE = """<style>
@page { size: 120mm 90mm; margin: 10mm; }
body { font: 10pt/14pt sans-serif; margin: 0; }
p { margin: 0; }
.kept { break-inside: avoid; }
.back { break-before: page; }
</style>"""


def lay_out(html: str) -> object:
    import weasyprint

    return weasyprint.HTML(string=STYLE + html).render()


def words(count: int) -> str:
    return " ".join((WORDS.split() * (count // 14 + 1))[:count])


def test_a_page_one_line_too_long_is_told_to_cut_a_lines_words_not_the_moved_block() -> None:
    def document(first: int) -> str:
        return (f'<section data-field="body"><p>{words(first)}</p>'
                f'<p class="kept" data-field="last">{words(80)}</p></section>'
                f'<section class="back" data-field="back"><h2>Back cover</h2>'
                f'<p>{words(110)}</p></section>')

    fits = None
    for first in range(10, 200, 4):  # the longest first paragraph whose kept block still fits
        if len(lay_out(document(first)).pages) > 2:
            break
        fits = first
    assert fits is not None
    laid_out = lay_out(document(fits + 4))  # now the kept block moves to page 2
    assert len(laid_out.pages) == 3
    overflow = measure_overflow(laid_out, 1)
    # Before: every word of the moved block (some 70) and of the back cover (some 110).
    assert overflow.lines <= 3, overflow
    assert 1 <= overflow.words <= 30, overflow
    assert overflow.millimetres <= 15, overflow
    assert overflow.field == "last" and not overflow.own_page


def test_a_page_measures_its_fill_above_its_footnotes_and_its_lines() -> None:
    laid_out = lay_out(f"<p>{words(50)}</p>")
    space = page_space(laid_out.pages[0])
    assert 0.1 < space.fill < 0.5, space
    metrics = line_metrics(laid_out.pages)
    assert metrics is not None
    assert metrics.height == pytest.approx(14 * 96 / 72, rel=0.05)  # 14 pt in CSS px
    assert 7 <= metrics.words <= 12, metrics
    assert metrics.words_for(metrics.height * 2.5) == (3, round(3 * metrics.words + 0.49))


def test_the_step_a_brand_held_back_is_proposed_first_when_it_fits(tmp_path: object) -> None:
    from pathlib import Path

    from briefs.core.paths import Mounts
    from briefs.kinds.fit_levers import parse_steps, plan_fit
    from briefs.render.engine import Engine, RenderJob

    sized = ("<style>@page { size: 120mm 90mm; margin: 10mm; } body { margin: 0; "
             "font: var(--fit-body, 12pt)/1.3 sans-serif; }</style>")
    plan = plan_fit(parse_steps(["body 11pt", "body 9pt"]), {"body": 11.0}, "screen")
    engine = Engine()

    def render(count: int) -> object:
        return engine.render(RenderJob(html=f'{sized}<p data-field="body">{words(count)}</p>',
                                       mounts=Mounts.of(Path(str(tmp_path))), title="t",
                                       max_pages=1, fit=plan, layout_only=True))

    for count in range(60, 400, 10):  # the first text too long at 11 pt
        result = render(count)
        if result.overflowed is not None:  # type: ignore[attr-defined]
            break
    overflow = result.overflowed  # type: ignore[attr-defined]
    assert overflow is not None and overflow.one_more == "body 9 pt", overflow
    assert overflow.words < 30, overflow
