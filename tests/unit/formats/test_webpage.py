"""The web page made of a target's HTML: structure, files beside it, and hostile input."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from briefs.core.paths import WORKSPACE_URL, Mounts
from briefs.formats.webpage import CSP, MAX_FONT_BYTES, WebPageError, web_page

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")
SVG = (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1">'
       b'<rect width="1" height="1"/></svg>')


def page(body: str, head: str = "") -> str:
    return (f'<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">'
            f'<title>T</title><link rel="stylesheet" href="{WORKSPACE_URL}print.css">'
            f"<style>@page {{ size: A4; }}\n:root {{ --color-primary: #123456; --bleed: 0mm; "
            f'--font-body: "Brand Sans"; }}\n{head}</style></head>'
            f'<body class="kind-flyer">{body}</body></html>')


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    (root / "images").mkdir(parents=True)
    (root / "images" / "photo.png").write_bytes(PNG)
    (root / "images" / "logo.svg").write_bytes(SVG)
    (root / "fonts").mkdir()
    (root / "fonts" / "Brand.ttf").write_bytes(b"\0\1\0\0font")
    return root


def made(html: str, root: Path) -> tuple[lxml.html.HtmlElement, dict[str, bytes]]:
    result = web_page(html, Mounts.of(root), "doc.ar.files", lambda n: "٠١٢٣"[n])
    return lxml.html.document_fromstring(result.html), result.files


def test_language_direction_viewport_csp_and_one_main(workspace: Path) -> None:
    tree, _files = made(page("<article><h1>عنوان</h1></article>"), workspace)
    assert tree.get("lang") == "ar" and tree.get("dir") == "rtl"
    assert tree.xpath("//meta[@name='viewport']")
    assert tree.xpath("//meta[@http-equiv='Content-Security-Policy']/@content") == [CSP]
    assert len(tree.xpath("//main")) == 1 and tree.xpath("//main/article/h1")
    assert not tree.xpath("//link")


def test_print_styles_go_brand_tokens_and_web_css_stay(workspace: Path) -> None:
    tree, _files = made(page("<p>x</p>"), workspace)
    css = "".join(tree.xpath("//style/text()"))
    assert "--color-primary: #123456" in css and '--font-body: "Brand Sans"' in css
    assert "@page" not in css and "--bleed" not in css
    assert "@media (min-width: 48rem)" in css


def test_images_are_copied_beside_and_named_by_content(workspace: Path) -> None:
    url = f"{WORKSPACE_URL}images/photo.png"
    tree, files = made(page(f'<figure><img src="{url}" alt="A river"></figure>'
                            f'<img src="{url}" alt="Again">'
                            f'<img src="{WORKSPACE_URL}images/logo.svg" alt="Logo">'), workspace)
    sources = tree.xpath("//img/@src")
    assert sources[0] == sources[1] and sources[0].startswith("doc.ar.files/")
    assert sources[0].endswith(".png") and sources[2].endswith(".svg")
    assert files[sources[0]] == PNG and len(files) == 2
    assert tree.xpath("//img/@alt") == ["A river", "Again", "Logo"]


def test_fonts_are_copied_and_a_whole_cjk_font_is_left_to_the_reader(workspace: Path) -> None:
    (workspace / "fonts" / "Huge.otf").write_bytes(b"x" * (MAX_FONT_BYTES + 1))
    faces = "".join(f'@font-face {{ font-family: "F"; src: url("{WORKSPACE_URL}fonts/{name}'
                    f'?v=1"); }}\n' for name in ("Brand.ttf", "Huge.otf"))
    result = web_page(page("<p>x</p>", faces), Mounts.of(workspace), "doc.ar.files")
    css = result.html.decode()
    assert css.count("@font-face") == 1 and "doc.ar.files/" in css and "Huge" not in css
    assert list(result.files.values()) == [b"\0\1\0\0font"]
    assert "Huge.otf" in result.warnings[0]


def test_footnotes_become_links_to_notes_and_back(workspace: Path) -> None:
    body = ('<section><p>One<span class="footnote">First <em>note</em>.</span> and two'
            '<span class="footnote">Second.</span> end.</p></section><section>After</section>')
    tree, _files = made(page(body), workspace)
    calls = tree.xpath("//sup[@class='footnote-call']/a")
    assert [(a.get("href"), a.text) for a in calls] == [("#note-1", "١"), ("#note-2", "٢")]
    notes = tree.xpath("//section[@role='doc-endnotes']/ol/li")
    assert [li.get("id") for li in notes] == ["note-1", "note-2"]
    assert notes[0].xpath("em/text()") == ["note"]
    assert notes[0].xpath("a[@role='doc-backlink']/@href") == ["#call-1"]
    assert "One" in tree.xpath("//p")[0].text_content() and "end." in \
        tree.xpath("//p")[0].text_content()
    sections = tree.xpath("//main/section")
    assert sections[1].get("role") == "doc-endnotes"  # right after the text that calls them


def test_a_running_footer_goes_last_and_asides_are_not_nested_landmarks(
        workspace: Path) -> None:
    tree, _files = made(page("<article><footer>Logos</footer><header><h1>T</h1></header>"
                             "<aside>Facts</aside></article>"), workspace)
    assert [child.tag for child in tree.xpath("//article")[0]] == ["header", "div", "footer"]


def test_footnotes_and_lists_take_the_print_layouts_digits(workspace: Path) -> None:
    html = page('<p>a<span class="footnote">n</span></p><ol><li>x</li></ol>',
                "::footnote-call { content: counter(footnote, arabic-indic); }")
    result = web_page(html, Mounts.of(workspace), "f")
    tree = lxml.html.document_fromstring(result.html)
    assert tree.xpath("//sup/a/text()") == ["١"]
    assert "ol { list-style-type: arabic-indic; }" in result.html.decode()
    latin = web_page(page('<p>a<span class="footnote">n</span></p>'), Mounts.of(workspace), "f")
    assert lxml.html.document_fromstring(latin.html).xpath("//sup/a/text()") == ["1"]
    assert b"list-style-type: decimal" not in latin.html


def test_print_numbered_items_keep_their_numbers(workspace: Path) -> None:
    tree, _files = made(page(
        '<ol><li><span data-pdf-tag="Lbl"></span>a</li><li>quote</li>'
        '<li><span data-pdf-tag="Lbl"></span>b</li></ol>'), workspace)
    items = tree.xpath("//ol/li")
    assert [li.get("value") for li in items] == ["1", None, "2"]
    assert items[1].get("class") == "unnumbered"


# ---------------------------------------------------------------------------- hostile


def test_no_script_handler_or_script_link_survives(workspace: Path) -> None:
    body = ('<script>alert(1)</script><p onclick="alert(2)" style="background:url(http://x)">'
            '<a href="javascript:alert(3)">j</a><a href=" JAVASCRIPT:x">k</a>'
            '<a href="https://example.org">ok</a></p><iframe src="https://x"></iframe>'
            '<object data="x.swf"></object><embed src="x"><form action="https://x"></form>'
            '<svg><script>alert(4)</script></svg><base href="https://evil.example/">')
    result = web_page(page(body, "</style><script>alert(5)</script><style>"),
                      Mounts.of(workspace), "f")
    text = result.html.decode().lower()
    for needle in ("<script", "onclick", "javascript:", "<iframe", "<object", "<embed",
                   "<form", "<base", "http://x", "alert("):
        assert needle not in text, needle
    assert 'href="https://example.org"' in text


@pytest.mark.parametrize("url", [
    "https://example.org/tracker.png", "http://127.0.0.1/x.png", "file:///etc/passwd",
    "file://remote/share/x.png", f"{WORKSPACE_URL}../../etc/passwd",
    f"{WORKSPACE_URL}images/missing.png", "ftp://x/y.png", "//example.org/x.png",
])
def test_an_image_from_outside_the_workspace_is_an_error(workspace: Path, url: str) -> None:
    with pytest.raises(WebPageError):
        web_page(page(f'<img src="{url}" alt="x">'), Mounts.of(workspace), "f")


def test_a_symlink_out_of_the_workspace_is_refused(workspace: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(PNG)
    (workspace / "images" / "link.png").symlink_to(secret)
    with pytest.raises(WebPageError, match="outside"):
        web_page(page(f'<img src="{WORKSPACE_URL}images/link.png" alt="x">'),
                 Mounts.of(workspace), "f")


def test_an_svg_that_could_run_script_is_not_copied(workspace: Path) -> None:
    (workspace / "images" / "bad.svg").write_bytes(
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    with pytest.raises(WebPageError, match=r"bad\.svg"):
        web_page(page(f'<img src="{WORKSPACE_URL}images/bad.svg" alt="x">'),
                 Mounts.of(workspace), "f")


def test_data_urls_other_than_images_are_dropped(workspace: Path) -> None:
    tree, files = made(page('<img src="data:text/html,<script>alert(1)</script>" alt="x">'
                            '<img src="data:image/png;base64,iVBORw0KGgo=" alt="qr">'),
                       workspace)
    assert tree.xpath("//img/@src") == ["", "data:image/png;base64,iVBORw0KGgo="]
    assert files == {}


def test_huge_html_is_refused(workspace: Path) -> None:
    with pytest.raises(WebPageError, match="over"):
        web_page("<p>" + "x" * 6_000_000, Mounts.of(workspace), "f")
