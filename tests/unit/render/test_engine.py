"""Render: page limits, refused resources, missing glyphs, font fallbacks become errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from briefs.core.paths import WORKSPACE_URL, Mounts
from briefs.render.engine import Engine, RenderJob, RenderResult

pytestmark = pytest.mark.render
ENGINE = Engine()


def render_pdf(html: str, root: Path, *, title: str, **options: Any) -> RenderResult:
    return ENGINE.render(RenderJob(html=html, mounts=Mounts.of(root), title=title, **options))


def test_renders_and_counts_pages(tmp_path: Path) -> None:
    result = render_pdf("<p>Hello</p>", tmp_path, title="t")
    assert result.pdf and result.pdf.startswith(b"%PDF") and result.pages == 1
    assert result.errors == [] and result.refused == []


def test_page_limit(tmp_path: Path) -> None:
    html = "<p style='break-after: page'>1</p><p>2</p>"
    result = render_pdf(html, tmp_path, title="doc (fr)", max_pages=1)
    assert result.pdf is None and result.overflow == 1
    assert result.errors == ["doc (fr): the content needs 2 pages but the limit is 1"]
    assert result.overflowed is not None and result.overflowed.words == 1  # the "2"
    assert result.proof is not None and result.proof.startswith(b"%PDF")


def test_refused_resource_means_no_pdf(tmp_path: Path) -> None:
    result = render_pdf('<img src="file:///etc/hostname">', tmp_path, title="t")
    assert result.pdf is None
    assert result.refused == ["file:///etc/hostname: outside the workspace"]


def test_missing_workspace_file_is_refused(tmp_path: Path) -> None:
    result = render_pdf(f'<img src="{WORKSPACE_URL}missing.png">', tmp_path, title="t")
    assert result.pdf is None and "file not found" in result.refused[0]


def test_notdef_glyph_is_an_error(tmp_path: Path) -> None:
    # U+E000 is a private-use character no installed font draws.
    result = render_pdf("<p>\ue000</p>", tmp_path, title="doc (en)")
    assert result.pdf is None
    assert any(".notdef glyph" in error for error in result.errors)


def test_font_outside_the_declared_families_is_an_error(tmp_path: Path) -> None:
    result = render_pdf("<p style='font-family: serif'>x</p>", tmp_path, title="doc (en)",
                        font_families=frozenset({"Brand Sans"}))
    assert result.pdf is None
    assert "some characters are not covered by the brand's fonts" in result.errors[0]


def test_pdf_x_document_id_is_derived_not_random(tmp_path: Path) -> None:
    """Two renders of the same PDF/X give the same bytes: no random XMP DocumentID."""
    options = {"pdf_variant": "pdf/x-4", "output_intent": "srgb"}
    html = ("<html><head><meta name=dcterms.created content=2020-01-01T00:00:00+00:00>"
            "<meta name=dcterms.modified content=2020-01-01T00:00:00+00:00></head>"
            "<body><p>x</p></body></html>")
    first = render_pdf(html, tmp_path, title="t", options=options)
    second = render_pdf(html, tmp_path, title="t", options=options)
    assert first.pdf and first.pdf == second.pdf


def test_a_render_does_not_depend_on_the_fonts_of_earlier_renders(tmp_path: Path) -> None:
    """Two files of one family and weight (two outputs' subsets, a changed font) must not
    share a font configuration: the second render would draw with the first one's file."""
    import shutil

    fonts = Path(__file__).resolve().parents[3] / "styles"
    shutil.copy(fonts / "civic-blue/fonts/NotoSans-Regular.ttf", tmp_path / "a.ttf")
    shutil.copy(fonts / "field-green/fonts/Lato-Regular.ttf", tmp_path / "b.ttf")

    def html(font: str) -> str:
        return (f"<style>@font-face {{ font-family: Brand; src: url({WORKSPACE_URL}{font}); }}"
                "p { font-family: Brand }</style><p>Water for every town</p>")

    def job(font: str) -> RenderJob:
        return RenderJob(html=html(font), mounts=Mounts.of(tmp_path), title="t",
                         font_families=frozenset({"Brand"}))

    alone = Engine().render(job("b.ttf")).pdf
    engine = Engine()
    assert engine.render(job("a.ttf")).pdf
    after = engine.render(job("b.ttf")).pdf
    assert alone and after == alone


PALE = "<p style='color: #d9d9d9; font-size: 8pt'>Pale words</p>"


def test_layout_checks_come_from_the_job_not_the_engine(tmp_path: Path) -> None:
    """Contrast is a registered check of stage "layout": the job's selection runs, nothing
    else, not even the built-in checks when it names none (a plug-in's layout check sees
    the laid-out pages)."""
    from briefs.core.diagnostics import Problem
    from briefs.formats.checks import Check, Layout
    from briefs.formats.pdf import PDF_CONTRAST
    from briefs.formats.registry import builtin_checks

    class Pages(Check):
        name, stage = "pages", "layout"

        def check_layout(self, layout: Layout) -> list[Problem]:
            return [Problem.warning("toy.pages", f"{len(layout.document.pages)} page(s)",
                                    page=1)]

    builtin = render_pdf(PALE, tmp_path, title="t", checks=tuple(builtin_checks()))
    assert [p.code for p in builtin.problems] == ["wcag.contrast", "pdf.title", "pdf.lang"]
    assert builtin.pdf
    assert builtin.problems[0].page == 1 and builtin.problems[0].hint
    none = render_pdf(PALE, tmp_path, title="t")
    assert none.problems == [] and none.pdf
    chosen = render_pdf(PALE, tmp_path, title="t", checks=(Pages(),))
    assert [(p.code, p.message) for p in chosen.problems] == [("toy.pages", "1 page(s)")]
    both = render_pdf(PALE, tmp_path, title="t", checks=(PDF_CONTRAST, Pages()),
                      layout_only=True)
    assert [p.code for p in both.problems] == ["wcag.contrast", "toy.pages"]
    assert both.pdf is None and both.preflight_warnings[0].startswith("text contrast")


def test_render_problems_are_typed(tmp_path: Path) -> None:
    limit = render_pdf("<p style='break-after: page'>1</p><p>2</p>", tmp_path, title="d",
                       max_pages=1)
    assert [p.code for p in limit.failures] == ["render.page-limit"]
    notdef = render_pdf("<p>\ue000</p>", tmp_path, title="d")
    assert {(p.code, p.subject) for p in notdef.failures} == {("render.notdef", "\ue000")}
    stranger = render_pdf("<p style='font-family: serif'>xy</p>", tmp_path, title="d",
                          font_families=frozenset({"Brand Sans"}))
    [uncovered] = stranger.failures
    assert (uncovered.code, uncovered.subject) == ("render.uncovered", "xy")
    refused = render_pdf('<img src="file:///etc/hostname">', tmp_path, title="d")
    assert [(p.code, p.subject) for p in refused.refusals] == [
        ("render.refused", "file:///etc/hostname")] and not refused.failures
