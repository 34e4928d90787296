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


def test_a_pipe_table_with_caption_source_alignment_and_numbers() -> None:
    html = render_block(": Use by *region*\n\n| Region | Share | Note |\n|:--|--|:-:|\n"
                        "| North | 1 647 | a |\n| South | 14,8 % | – |\n\n: Source: a survey\n\n"
                        "After.")
    assert html.startswith('<div class="table-block"><table class="prose-table">\n'
                           "<caption>Use by <em>region</em></caption>")
    assert '<th scope="col" class="align-start">Region</th>' in html
    assert '<th scope="col" class="num">Share</th>' in html
    assert '<td class="num">1 647</td>' in html and '<td class="num">14,8 %</td>' in html
    assert '<td class="align-center">a</td>' in html and "style=" not in html
    assert html.endswith('<p class="table-source">Source: a survey</p></div><p>After.</p>')


def test_a_colon_paragraph_away_from_tables_stays_a_paragraph() -> None:
    assert render_block(": not a caption") == "<p>: not a caption</p>"
    assert "<script>" not in render_block("| <script> |\n|--|\n| x |")


def test_a_note_written_over_several_lines_is_one_line_of_text() -> None:
    """WeasyPrint breaks a footnote at each newline of its source: the lines are joined as
    Markdown joins them, with a space, or with nothing between Chinese characters."""
    html = render_block("Claim.[^1] Más.[^2]\n\n[^1]: The survey of\n    2023, page 4.\n\n"
                        "[^2]: 统计\n    年鉴, *and*\n    more.")
    assert '<span class="footnote">The survey of 2023, page 4.</span>' in html
    assert '<span class="footnote">统计年鉴, <em>and</em> more.</span>' in html


def test_a_korean_note_over_two_lines_keeps_the_space_between_its_words() -> None:
    html = render_block("글.[^1]\n\n[^1]: 나라에 있으며, 대개\n    지방자치단체가 맡는다.")
    assert "대개 지방자치단체가" in html
