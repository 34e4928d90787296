"""WCAG 2.2 AA text contrast measured after layout, against the background drawn under it."""

from __future__ import annotations

import pytest

from briefs.render.contrast import brand_tokens, contrast_warnings, low_contrast

pytestmark = pytest.mark.render

TOKENS = ":root { --color-primary: #1f5c45; --color-accent: #D9A21B; --color-paper: #fff; }"


def lay_out(body: str, css: str = "") -> tuple[object, str]:
    import weasyprint

    html = f"<html><head><style>{TOKENS} {css}</style></head><body>{body}</body></html>"
    return weasyprint.HTML(string=html).render(), html


def test_small_text_below_four_and_a_half_is_named_by_its_token() -> None:
    document, html = lay_out('<p class="date">Thursday 11 June</p>',
                             ".date { color: var(--color-accent); font-size: 7pt; }")
    [warning] = contrast_warnings(document, html)
    assert "2.30:1" in warning and "4.5:1" in warning and "--color-accent #d9a21b" in warning
    assert "p.date" in warning and "7 pt" in warning


def test_large_text_needs_three_to_one() -> None:
    document, _ = lay_out('<h1 style="color: #5b8fc7; font-size: 24pt">Large</h1>'
                          '<p style="color: #5b8fc7; font-size: 14pt; font-weight: 700">Bold</p>'
                          '<p style="color: #5b8fc7; font-size: 13pt; font-weight: 700">Small</p>')
    assert [finding.sample for finding in low_contrast(document)] == ["Small"]


def test_the_background_is_the_one_drawn_under_the_text() -> None:
    document, _ = lay_out(
        '<header style="background: var(--color-primary); color: var(--color-accent)">'
        '<p>Kicker</p></header><p style="color: #767676">Grey on white passes</p>'
        '<div style="background: rgba(0, 0, 0, 0.5)"><p style="color: #777">Half dark</p></div>'
        '<div style="background: linear-gradient(red, blue)"><p style="color: #fff">Unknown'
        '</p></div>')
    found = {finding.sample: finding for finding in low_contrast(document)}
    assert set(found) == {"Kicker", "Half dark"}
    assert found["Kicker"].background == "#1f5c45" and found["Kicker"].ratio == 3.41
    assert found["Half dark"].background == "#808080"


def test_an_accent_equal_to_the_main_colour_is_invisible() -> None:
    document, html = lay_out('<header style="background: #1f5c45"><p style="color: #1f5c45">'
                             "Science-policy dialogue</p></header>")
    [warning] = contrast_warnings(document, html)
    assert "1.00:1" in warning and "--color-primary #1f5c45 on --color-primary" in warning


def test_tokens_are_read_from_the_custom_properties() -> None:
    assert brand_tokens(TOKENS) == {"#1f5c45": "--color-primary", "#d9a21b": "--color-accent",
                                    "#ffffff": "--color-paper"}


def test_device_cmyk_colours_are_measured_too() -> None:
    document, _ = lay_out('<p style="color: device-cmyk(0 0.55 0.85 0)">Print accent</p>'
                          '<p style="color: device-cmyk(0 0 0 1)">Black</p>')
    [finding] = low_contrast(document)
    assert finding.sample == "Print accent" and finding.color == "#ff7326"
