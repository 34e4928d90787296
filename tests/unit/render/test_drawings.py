"""Plain SVG drawings are kept by content across renders and replayed, byte for byte."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from briefs.core.paths import WORKSPACE_URL, Mounts
from briefs.render.drawings import is_plain
from briefs.render.engine import Engine, RenderJob, RenderResult

LOGO = ('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" viewBox="0 0 40 20">'
        '<title>Logo</title><g transform="translate(1 1)">'
        '<path d="M0 0L10 0L10 10Z" fill="#0a4f8f"/>'
        '<circle cx="25" cy="8" r="6" fill="#e8772e" fill-opacity="0.5"/></g></svg>')
LOGO_TAG = f'<img alt="Logo" src="{WORKSPACE_URL}logo.svg"'
PAGE = (f'<html lang="en"><body><p>One</p>{LOGO_TAG} style="width: 4cm">'
        f'<p style="break-before: page">Two</p>{LOGO_TAG} style="width: 6cm"></body></html>')


def svg(body: str) -> ET.Element:
    return ET.fromstring(f'<svg xmlns="http://www.w3.org/2000/svg">{body}</svg>')


@pytest.mark.parametrize("body", [
    '<path d="M0 0h5v5z" fill="red" stroke="#000"/>',
    '<g transform="scale(2)"><rect width="3" height="3"/><polygon points="0,0 1,1 0,1"/></g>',
    "<title>A</title><desc>B</desc><metadata><x:rdf xmlns:x='urn:x'><x:y/></x:rdf></metadata>",
])
def test_shapes_groups_and_undrawn_elements_are_plain(body: str) -> None:
    assert is_plain(svg(body))


@pytest.mark.parametrize("body", [
    "<text>Hello</text>",                                       # fonts
    '<image href="photo.png" width="5" height="5"/>',           # another file
    '<use href="#a"/>',
    '<rect fill="url(#gradient)" width="5" height="5"/>',        # a gradient or pattern
    '<rect style="fill: url(#p)" width="5" height="5"/>',
    '<g clip-path="circle(5px)"><rect width="5" height="5"/></g>',
    '<g filter="blur"><rect width="5" height="5"/></g>',
    '<path d="M0 0h5" marker-end="a"/>',
    "<style>rect { fill: red }</style>",
    '<svg:script xmlns:svg="http://www.w3.org/2000/svg">x</svg:script>',
])
def test_anything_else_is_drawn_by_weasyprint_each_time(body: str) -> None:
    assert not is_plain(svg(body))


def render(engine: Engine, root: Path, html: str = PAGE) -> RenderResult:
    return engine.render(RenderJob(html=html, mounts=Mounts.of(root), title="t"))


@pytest.mark.render
def test_a_replayed_drawing_writes_the_same_pdf_as_a_fresh_one(tmp_path: Path) -> None:
    (tmp_path / "logo.svg").write_text(LOGO, encoding="utf-8")
    warm = Engine()
    first, second = render(warm, tmp_path), render(warm, tmp_path)
    fresh = render(Engine(), tmp_path)
    assert first.pdf and first.pdf == second.pdf == fresh.pdf
    assert len(warm.images) == 1  # kept, and drawn at two sizes
    replay = warm.images.kept()[0].draw
    assert len(replay._recorded) == 2 and None not in replay._recorded.values()
    assert second.dependencies == [tmp_path / "logo.svg"]  # still a dependency of the output
    assert b"/a0.5 gs" in _content(second.pdf)  # the alpha state it names is in the page


@pytest.mark.render
def test_a_changed_file_is_drawn_again(tmp_path: Path) -> None:
    logo = tmp_path / "logo.svg"
    logo.write_text(LOGO, encoding="utf-8")
    engine = Engine()
    before = render(engine, tmp_path)
    logo.write_text(LOGO.replace("#0a4f8f", "#123456"), encoding="utf-8")
    os.utime(logo, ns=(0, 0))  # even with the old mtime: kept by content, not by date
    after = render(engine, tmp_path)
    assert before.pdf != after.pdf
    assert after.pdf == render(Engine(), tmp_path).pdf


@pytest.mark.render
def test_a_link_out_of_the_workspace_is_still_refused(tmp_path: Path) -> None:
    """A drawing kept from one workspace is not served under a URL the next one refuses."""
    inside, outside = tmp_path / "a", tmp_path / "b"
    inside.mkdir()
    outside.mkdir()
    (inside / "logo.svg").write_text(LOGO, encoding="utf-8")
    (outside / "logo.svg").symlink_to(inside / "logo.svg")
    engine = Engine()
    assert render(engine, inside).pdf
    refused = render(engine, outside)
    assert refused.pdf is None and "outside the workspace" in refused.refused[0]


def _content(pdf: bytes | None) -> bytes:
    import io

    import pikepdf

    assert pdf is not None
    with pikepdf.open(io.BytesIO(pdf)) as document:
        return b"".join(page.obj.Contents.read_bytes() for page in document.pages)


def test_alpha_state_names_are_what_weasyprint_writes() -> None:
    from briefs.render.drawing_record import ALPHA_STATE

    assert all(ALPHA_STATE.fullmatch(name) for name in ("a1", "A0.5", "a0.25"))
    assert not any(ALPHA_STATE.fullmatch(name) for name in ("s1", "x0", "a", "a1 gs"))
