"""Schemas: defaults, cross-field rules, and what each kind requires."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from briefs.brand.model import Brand
from briefs.content.config import WorkspaceConfig
from briefs.content.schema import ContactBlock, DateRange, checked_url
from briefs.kinds.flyer import FlyerSettings
from briefs.kinds.key_messages import KeyMessagesSettings

BRAND = {
    "name": "B", "logo": "logos/logo.svg", "logo_alt": "B",
    "colors": {"primary": "#000000", "secondary": "#111", "accent": "#222222"},
    "fonts": [{"family": "Body", "file": "fonts/a.ttf"}],
    "typography": {"body": ["Body"], "heading": ["Body"]},
}


def test_workspace_source_locale_must_be_built() -> None:
    assert WorkspaceConfig(name="w", default_brand="b").locales == ["en"]
    with pytest.raises(ValidationError, match='source_locale "fr" must be listed in locales'):
        WorkspaceConfig(name="w", default_brand="b", source_locale="fr", locales=["en"])
    with pytest.raises(ValidationError, match="locales lists a locale twice"):
        WorkspaceConfig(name="w", default_brand="b", locales=["en", "en"])


@pytest.mark.parametrize("field", ["locales", "formats"])
def test_unknown_locale_codes_are_refused(field: str) -> None:
    value = ["en", "xx"] if field == "locales" else {"en": "xx_YY"}
    with pytest.raises(ValidationError, match="is not a locale code briefs knows"):
        WorkspaceConfig.model_validate({"name": "w", "default_brand": "b", field: value})
    assert WorkspaceConfig(name="w", default_brand="b", locales=["en", "pt-BR", "zh_Hant"])


def test_brand_typography_must_use_declared_families() -> None:
    assert Brand.model_validate(BRAND).colors.paper == "#ffffff"
    broken = {**BRAND, "typography": {"body": ["Body"], "heading": ["Display"]}}
    with pytest.raises(ValidationError, match=r'typography\.heading uses "Display"'):
        Brand.model_validate(broken)


@pytest.mark.parametrize("colour", [
    "#12345", "rgb(0,0)", "currentcolor", "device-cmyk(</style><script>alert(1)</script>)",
    "#000000; } body { display: none", "#fff</style>", "url(x)", "var(--x)", "#000 #fff"])
def test_brand_colours_must_be_css_colours(colour: str) -> None:
    with pytest.raises(ValidationError, match="not a CSS colour"):
        Brand.model_validate({**BRAND, "colors": {**BRAND["colors"], "accent": colour}})


@pytest.mark.parametrize(("colour", "written"), [
    ("#111", "#111111"), ("#0A4F8F", "#0a4f8f"), ("rgb(10, 79, 143)", "#0a4f8f"),
    ("blue", "#0000ff"), ("hsl(0 100% 50%)", "#ff0000"), ("#0a4f8f80", "#0a4f8f80"),
    ("device-cmyk(0 0.5 1 0)", "device-cmyk(0 0.5 1 0)"),
    ("device-cmyk(0% 50% 100% 0%)", "device-cmyk(0 0.5 1 0)")])
def test_brand_colours_are_written_normalised(colour: str, written: str) -> None:
    brand = Brand.model_validate({**BRAND, "colors": {**BRAND["colors"], "accent": colour}})
    assert brand.colors.accent == written


def test_date_range_order() -> None:
    assert DateRange(start=dt.date(2026, 1, 2), end=dt.date(2026, 1, 3))
    with pytest.raises(ValidationError, match="end is before start"):
        DateRange(start=dt.date(2026, 1, 3), end=dt.date(2026, 1, 2))


def test_flyer_is_one_page_and_key_messages_needs_a_cover() -> None:
    flyer = FlyerSettings.model_validate({
        "kind": "flyer", "event": {"date": "2026-06-11", "start_time": "09:30"},
        "registration": {"url": "https://example.org/r"}})
    assert flyer.max_pages == 1 and flyer.paper == "A4"
    assert flyer.event.start_time == dt.time(9, 30)
    with pytest.raises(ValidationError, match="cover_image"):
        KeyMessagesSettings.model_validate({"kind": "key-messages",
                                            "event": {"start": "2026-06-11"}})


def test_text_is_trimmed_and_unknown_keys_rejected() -> None:
    config = WorkspaceConfig(name="  spaced  ", default_brand="b")
    assert config.name == "spaced"
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        WorkspaceConfig(name="w", default_brand="b", colour="x")


def test_social_handles_link_to_their_profiles() -> None:
    from briefs.content.schema import SocialHandle

    assert SocialHandle(network="X", handle="@CivicHabitat").link() == "https://x.com/CivicHabitat"
    assert SocialHandle(network="Instagram", handle="@a.b").link() == \
        "https://www.instagram.com/a.b"
    assert SocialHandle(network="Mastodon", handle="@team@example.social").link() == \
        "https://example.social/@team"
    assert SocialHandle(network="LinkedIn", handle="Our Network").link() is None
    given = SocialHandle(network="LinkedIn", handle="Our Network",
                         url="https://www.linkedin.com/company/ours")
    assert given.link() == "https://www.linkedin.com/company/ours"
    with pytest.raises(ValidationError, match="only https://, http:// and mailto:"):
        SocialHandle(network="X", handle="@a", url="javascript:alert(1)")


def test_markdown_language_codes_are_checked_where_the_text_is() -> None:
    from briefs.content.schema import ContactBlock, ImageText

    with pytest.raises(ValidationError, match="is not a language code"):
        ImageText(caption="[x]{lang=12}")
    with pytest.raises(ValidationError, match="only https://, http:// and mailto:"):
        ContactBlock(website="javascript:alert(1)")


@pytest.mark.parametrize("url", [
    "//evil.example/x", "/etc/passwd", "\\\\evil\\share", "java\tscript:alert(1)",
    "\x01javascript:alert(1)", "javascript\n:alert(1)", "https://ok.example/\x00",
    "https://ok.example/a b", "jav\u200bascript:alert(1)", "file:///etc/passwd",
    "JAVASCRIPT:alert(1)"])
def test_a_link_that_hides_a_scheme_or_points_at_a_file_is_refused(url: str) -> None:
    with pytest.raises(ValueError):
        checked_url(url)
    with pytest.raises(ValueError):
        ContactBlock(website=url)


@pytest.mark.parametrize("url", ["https://example.org/x", "HTTPS://EXAMPLE.ORG",
                                 "www.example.org", "mailto:a@example.org"])
def test_web_and_mail_links_pass(url: str) -> None:
    assert checked_url(url) == url
