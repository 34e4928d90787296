"""Stylesheets parsed once per process: the same PDFs, warnings and refusals as parsing them
at every render, and a changed file parsed again."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from briefs.core.paths import WORKSPACE_URL, Mounts
from briefs.render.engine import Engine, RenderJob, RenderResult

pytestmark = pytest.mark.render
FONTS = Path(__file__).resolve().parents[3] / "styles" / "civic-blue" / "fonts"
HTML = (f'<html lang="en"><head><title>t</title>'
        f'<meta name=dcterms.created content=2020-01-01T00:00:00+00:00>'
        f'<meta name=dcterms.modified content=2020-01-01T00:00:00+00:00>'
        f'<link rel="stylesheet" href="{WORKSPACE_URL}a.css">'
        f'<style>@font-face {{ font-family: "T"; src: url("{WORKSPACE_URL}t.ttf"); }}'
        f' body {{ font-family: "T"; }}</style></head>'
        f'<body><h1>Title</h1><ol class="x"><li>one</li><li>two</li></ol>'
        f'<p style="break-before: page">Second page</p></body></html>')
SHEET = """
@page { size: A5; margin: 20mm; @top-center { content: "Head"; } }
@page :first { margin-top: 30mm; }
@counter-style thumbs { system: cyclic; symbols: "*" "+"; suffix: " "; }
ol.x { list-style: thumbs; }
p { colr: red; }
:root { --accent: #b34a22; --broken: nonsense; }
h1 { color: var(--accent); margin: var(--broken); font-weight: normal; }
"""


def _engine(kept: bool) -> Engine:
    engine = Engine()
    if not kept:
        engine.stylesheets.active = lambda log: contextlib.nullcontext()  # type: ignore
    return engine


def _render(engine: Engine, root: Path, html: str = HTML) -> RenderResult:
    return engine.render(RenderJob(html=html, mounts=Mounts.of(root), title="t",
                                   options={"pdf_tags": True, "pdf_variant": "pdf/ua-1"}))


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "t.ttf").write_bytes((FONTS / "NotoSans-Regular.ttf").read_bytes())
    (tmp_path / "a.css").write_text(SHEET)
    return tmp_path


def _same(first: RenderResult, second: RenderResult) -> None:
    assert first.pdf is not None and first.pdf == second.pdf
    assert (first.problems, first.errors, first.refused) == (
        second.problems, second.errors, second.refused)
    assert sorted(set(first.dependencies)) == sorted(set(second.dependencies))


def test_a_kept_parse_gives_the_pdf_and_warnings_of_a_new_parse(root: Path) -> None:
    """Page rules (size, margin boxes, :first), a counter style, custom properties, a
    font face and a warning, all from kept parses in the second and third renders."""
    kept, plain = _engine(True), _engine(False)
    results = [(_render(kept, root), _render(plain, root)) for _ in range(3)]
    assert kept.stylesheets.hits == 4 and kept.stylesheets.misses == 2  # link and style
    for with_cache, without in results:
        _same(with_cache, without)
    assert results[0][0].pages == 2
    warnings = results[2][0].log_warnings
    assert any("Ignored `margin: nonsense" in warning for warning in warnings), warnings
    assert any("Ignored `colr: red`" in warning for warning in warnings), warnings


def test_a_changed_stylesheet_is_parsed_again(root: Path) -> None:
    kept, plain = _engine(True), _engine(False)
    before = _render(kept, root)
    _render(plain, root)
    (root / "a.css").write_text(SHEET.replace("#b34a22", "#0a4f8f"))
    after = _render(kept, root)
    assert after.pdf != before.pdf
    _same(after, _render(plain, root))


def test_an_imported_stylesheet_is_read_at_every_render(root: Path) -> None:
    """The key covers the linked file's bytes, not what it imports: a sheet with @import
    is never kept."""
    (root / "b.css").write_text("h1 { color: #b34a22; }")
    (root / "a.css").write_text('@import "b.css";\n' + SHEET.replace("var(--accent)", "x"))
    kept, plain = _engine(True), _engine(False)
    before = _render(kept, root)
    _render(plain, root)
    (root / "b.css").write_text("h1 { color: #0a4f8f; }")
    after = _render(kept, root)
    assert after.pdf != before.pdf
    assert root / "b.css" in after.dependencies
    _same(after, _render(plain, root))


def test_a_refused_import_is_refused_at_every_render(root: Path) -> None:
    (root / "a.css").write_text('@import url("file:///etc/hostname");\n' + SHEET)
    kept = _engine(True)
    for _ in range(2):
        result = _render(kept, root)
        assert result.pdf is None
        assert result.refused == ["file:///etc/hostname: outside the workspace"]
