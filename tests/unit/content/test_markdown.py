"""Markdown: raw HTML escaped, unsafe links dropped, footnotes become page footnotes."""

from __future__ import annotations

from briefs.content.markdown import render_block, render_inline


def test_raw_html_is_escaped() -> None:
    html = render_block("Hi <script>alert(1)</script> <b>x</b>")
    assert "<script>" not in html and "&lt;script&gt;" in html and "<b>" not in html


def test_javascript_links_are_not_links() -> None:
    html = render_block("[a](javascript:alert(1)) [b](https://example.org) [c](mailto:x@y.z)")
    assert 'href="javascript' not in html
    assert '<a href="https://example.org">b</a>' in html
    assert '<a href="mailto:x@y.z">c</a>' in html


def test_images_are_not_allowed_in_prose() -> None:
    assert "<img" not in render_block("![x](file:///etc/passwd)")


def test_footnote_becomes_a_floating_span_at_the_reference() -> None:
    html = render_block("Claim.[^1]\n\n[^1]: The **source**, 2021.")
    assert html == '<p>Claim.<span class="footnote">The <strong>source</strong>, 2021.</span></p>'


def test_inline_has_no_paragraphs() -> None:
    assert render_inline("A *b*") == "A <em>b</em>"
