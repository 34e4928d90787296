"""SVG images: parsed, an allow-list of elements and attributes, nothing outside the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefs.content.svg import SvgProblem, check_svg

REPO = Path(__file__).resolve().parents[3]
SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"{}>{}</svg>'


@pytest.mark.parametrize(("body", "words"), [
    ('<script>alert(1)</script>', "<script> element"),
    ('<svg:script xmlns:svg="http://www.w3.org/2000/svg">x</svg:script>', "<script> element"),
    ('<x:script xmlns:x="urn:other">x</x:script>', "<script> element"),
    ('<foreignObject><p>x</p></foreignObject>', "<foreignObject> element"),
    ('<set attributeName="href" to="file:///etc/passwd"/>', "<set> element"),
    ('<animate attributeName="x"/>', "<animate> element"),
    ('<rect onclick="x()" width="1" height="1"/>', "event handler"),
    ('<image href="file:///etc/passwd" width="1" height="1"/>', '"file:///etc/passwd"'),
    ('<image xlink:href="../../secret.png"/>', '"../../secret.png"'),
    ('<image href="http://127.0.0.1:9/x.png"/>', '"http://127.0.0.1:9/x.png"'),
    ('<image href="data:image/svg+xml;base64,PHN2Zz4="/>', '"data:image/svg+xml'),
    ('<use href="other.svg#shape"/>', '"other.svg#shape"'),
    ('<style>@import url(other.css);</style>', "@import"),
    ('<style>rect { fill: url(http://127.0.0.1:9/p) }</style>', '"http://127.0.0.1:9/p"'),
    ('<rect style="fill: url(&quot;/etc/passwd&quot;)"/>', '"/etc/passwd"'),
    ('<rect fill="url(file:///etc/passwd#x)"/>', '"file:///etc/passwd#x"'),
    ('<a href="javascript:alert(1)"><rect/></a>', '"javascript:alert(1)"'),
    ('<rect width="1" formaction="x"/>', "formaction"),
])
def test_dangerous_svgs_are_refused_naming_what(body: str, words: str) -> None:
    with pytest.raises(SvgProblem, match=None) as caught:
        check_svg(SVG.format("", body).encode())
    assert words in str(caught.value)


@pytest.mark.parametrize("data", [
    b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    b'<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>',
    b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]>'
    b'<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>',
])
def test_entities_and_dtds_are_refused(data: bytes) -> None:
    with pytest.raises(SvgProblem, match="DTD or entities"):
        check_svg(data)


def test_broken_xml_and_other_roots_are_refused() -> None:
    with pytest.raises(SvgProblem, match="not well-formed"):
        check_svg(b'<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>')
    with pytest.raises(SvgProblem, match="root element is <html>"):
        check_svg(b"<html><svg></svg></html>")


def test_ordinary_drawings_and_editor_metadata_pass() -> None:
    body = ('<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient>'
            '</defs><sodipodi:namedview xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/'
            'sodipodi-0.dtd" inkscape:zoom="1" xmlns:inkscape="http://www.inkscape.org/'
            'namespaces/inkscape"/><rect fill="url(#g)" width="10" height="10"/>'
            '<use xlink:href="#g"/><image href="data:image/png;base64,iVBORw0KGgo="/>'
            '<style>rect { fill: url(#g) }</style><text font-family="Lato">Hi</text>')
    check_svg(SVG.format(' viewBox="0 0 10 10"', body).encode())


def test_every_svg_briefs_ships_passes() -> None:
    svgs = [p for p in REPO.rglob("*.svg") if ".venv" not in p.parts and "build" not in p.parts]
    assert svgs
    for path in svgs:
        check_svg(path.read_bytes())


def test_what_illustrator_writes_passes_and_scripts_still_do_not() -> None:
    logo = (REPO / "tests/projects/brand-yml-posit/posit-logo-fullcolor.svg").read_bytes()
    assert b'data-name="' in logo and b'class="' in logo
    check_svg(logo)
    check_svg(SVG.format("", '<g data-name="Layer 1" id="a" class="b"><rect/></g>').encode())
    for body, words in (('<g data-x="url(http://127.0.0.1:9/x)"/>', "127.0.0.1"),
                        ('<g data-name="a" onload="x()"/>', "event handler"),
                        ('<g data-="x"/>', 'data-="..."')):
        with pytest.raises(SvgProblem) as caught:
            check_svg(SVG.format("", body).encode())
        assert words in str(caught.value)
