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


def test_a_phrase_in_another_language() -> None:
    """`[words]{lang=xx}` (mdit-py-plugins attrs) marks the language of a phrase; nothing but
    `lang` passes, and a value that is no language code is left out."""
    html = render_block("The county of [Songyang]{lang=zh}, [x]{#id .big onclick=y lang=fr} "
                        'and [y]{lang="x y"}.')
    assert html == ('<p>The county of <span lang="zh">Songyang</span>, <span lang="fr">x</span> '
                    "and <span>y</span>.</p>")
    assert render_inline("[عربي]{lang=ar} *b*") == '<span lang="ar">عربي</span> <em>b</em>'
    assert "lang" in render_block("A note.[^1]\n\n[^1]: In [Latin]{lang=la}.")


def test_bad_language_codes_are_reported() -> None:
    from briefs.content.markdown import checked_markdown, language_problems

    assert language_problems("[a]{lang=pt-BR} [b]{lang=sr-Latn}") == []
    assert language_problems('[a]{lang="en gb"}') == [
        '"en gb" in {lang=en gb} is not a language code; write one such as zh, pt-BR or '
        "sr-Latn"]
    import pytest

    with pytest.raises(ValueError, match="is not a language code"):
        checked_markdown("[a]{lang=1}")


def test_hidden_and_protocol_relative_schemes_are_not_links() -> None:
    for url in ("//evil.example/x", "<java\tscript:alert(1)>", "<\x01javascript:alert(1)>",
"java%09script:alert(1)", "JaVaScRiPt:alert(1)"):
        html = render_inline(f"[click]({url})")
        assert "href" not in html, (url, html)
    assert 'href="HTTPS://ok.example/"' in render_inline("[ok](HTTPS://ok.example/)")
