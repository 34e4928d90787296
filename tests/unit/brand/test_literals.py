"""A brand's CSS should use its tokens: colours it writes out that a token holds are found."""

from __future__ import annotations

from pathlib import Path

from briefs.brand.literals import token_literals

TOKENS = {"primary": "#0a4f8f", "accent": "#e8772e", "paper": "#ffffff"}
SAMPLE_BRANDS = Path(__file__).resolve().parents[3] / "styles"


def test_written_out_tokens_are_found_with_their_position() -> None:
    css = (".message-number { color: #0a4f8f; }\n"
           "@media print { .x { border: 1pt solid rgb(232 119 46); } }\n"
           ".y { background: linear-gradient(#FFF, var(--color-tint)); }\n")
    found = [(f.line, f.token, f.written) for f in token_literals(css, TOKENS)]
    assert found == [(1, "primary", "#0a4f8f"), (2, "accent", "rgb(232 119 46)"),
                     (3, "paper", "#FFF")]


def test_other_colours_selectors_and_tokens_are_left_alone() -> None:
    css = ("#0a4f8f { color: var(--color-primary); }\n"  # a selector, not a colour
           ".z { color: #123456; }\n")                    # the brand's own choice
    assert token_literals(css, TOKENS) == []


def test_the_sample_brands_use_only_their_tokens() -> None:
    for sheet in SAMPLE_BRANDS.glob("*/brand.css"):
        assert token_literals(sheet.read_text(), {
            "primary": "#0a4f8f", "accent": "#e8772e", "secondary": "#5b8fc7",
            "field-accent": "#d9a21b", "field-primary": "#1f5c45"}) == [], sheet
