"""CSS snippets: strings cannot break out of <style>; page counters are localizable."""

from __future__ import annotations

from briefs.brand.css import counter_content, css_string


def test_css_string_escapes_quotes_and_markup() -> None:
    assert css_string('a "b"') == '"a \\"b\\""'
    assert "</style>" not in css_string("</style><script>")


def test_counter_content_keeps_word_order() -> None:
    assert counter_content("Page {page} of {pages}") == \
        '"Page " counter(page) " of " counter(pages)'
    assert counter_content("第 {page} 页，共 {pages} 页") == \
        '"第 " counter(page) " 页，共 " counter(pages) " 页"'


def test_colour_channels_for_alpha_colours() -> None:
    """`rgb(var(--color-paper-rgb) / 0.8)` lightens text without `opacity`, which WeasyPrint
    draws through a transparency group."""
    from briefs.brand.colors import rgb_channels

    assert rgb_channels("#0a4f8f") == "10 79 143"
    assert rgb_channels("#ffffff80") == "255 255 255"
    assert rgb_channels("device-cmyk(0 0 0 0)") == "255 255 255"
    assert rgb_channels("device-cmyk(0 1 1 0)") == "255 0 0"
