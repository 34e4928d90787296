"""CSS generated from a locale's script, the brand's emphasis and the locale's digits."""

from __future__ import annotations

from briefs.brand.model import Brand, Emphasis
from briefs.i18n.numbering import LocaleFormat
from briefs.i18n.scripts import script_info
from briefs.render.script_css import emphasis_for, script_css

BRAND = Brand.model_validate({
    "name": "Test", "colors": {"primary": "#000000", "secondary": "#111111",
                               "accent": "#222222"},
    "fonts": [{"family": "Sans", "file": "a.ttf"}],
    "typography": {"body": ["Sans"], "heading": ["Sans"]},
    "scripts": {"Arab": {"body": ["Sans"], "heading": ["Sans"],
                         "emphasis": {"weight": 600, "color": "accent"}}},
    "logo": "logo.svg", "logo_alt": "Test"})


def test_tracking_and_capitals_only_for_cased_scripts() -> None:
    for code in ("Arab", "Deva", "Hebr", "Hans", "Thai"):
        assert "letter-spacing: normal !important" in script_css(
            script_info(code), BRAND, LocaleFormat("x"))
    for code in ("Latn", "Cyrl", "Grek"):
        assert "letter-spacing" not in script_css(script_info(code), BRAND, LocaleFormat("x"))


def test_emphasis_without_faux_italics() -> None:
    assert emphasis_for(BRAND, script_info("Latn")) == Emphasis(style="italic")
    assert emphasis_for(BRAND, script_info("Hebr")) == Emphasis(weight=700)
    css = script_css(script_info("Arab"), BRAND, LocaleFormat("ar"))
    assert "em, i, cite, dfn { font-style: normal; font-weight: 600; " \
           "color: var(--color-accent); }" in css
    assert "font-synthesis: none" in css


def test_no_justification_where_spaces_are_rare_or_separate_phrases() -> None:
    for code in ("Hans", "Jpan", "Kore", "Thai"):
        assert "--justify: start" in script_css(script_info(code), BRAND, LocaleFormat("x"))
    assert "--justify" not in script_css(script_info("Latn"), BRAND, LocaleFormat("x"))


def test_footnote_marks_and_lists_in_the_locale_digits() -> None:
    css = script_css(script_info("Arab"), BRAND, LocaleFormat.of("fa"))
    assert "::footnote-call { content: counter(footnote, persian); }" in css
    assert "ol { list-style-type: persian; }" in css
    assert "counter(footnote," not in script_css(script_info("Arab"), BRAND, LocaleFormat.of("ar"))


def test_persian_digits_are_drawn_without_the_faces_local_forms() -> None:
    rule = 'font-feature-settings: "locl" 0;'
    assert rule in script_css(script_info("Arab"), BRAND, LocaleFormat.of("fa"))
    assert rule not in script_css(script_info("Arab"), BRAND, LocaleFormat.of("ar"))
    assert rule not in script_css(script_info("Arab"), BRAND, LocaleFormat.of("ur"))
