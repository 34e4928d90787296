"""Validation: schema errors map back to the YAML line and column, with "did you mean"."""

from __future__ import annotations

from pathlib import Path

from briefs.content.loader import load_yaml_text
from briefs.content.validation import field_extra, fields_at, format_key_path, validate
from briefs.core.diagnostics import Diagnostics
from briefs.kinds.flyer import FlyerSettings
from briefs.kinds.key_messages import KeyMessagesText

PATH = Path("en.yaml")

TEXT = """\
title: Key messages
event_name: Forum
theme: Theme
place: Town
introduction: Intro
messages:
  - title: One
    text: First
  - titel: Two
    text: Second
"""


def problems(model: type, text: str) -> list[str]:
    diagnostics = Diagnostics()
    loaded = load_yaml_text(text, PATH, diagnostics)
    assert loaded is not None
    assert validate(model, loaded, diagnostics) is None
    return [d.format() for d in diagnostics]


def test_unknown_key_suggests_the_closest_field() -> None:
    assert problems(KeyMessagesText, TEXT) == [
        'en.yaml:9:5: error: unknown key "titel" (did you mean "title"?); allowed here: '
        "optional, text, title"]


def test_missing_required_field_points_at_the_parent() -> None:
    text = TEXT.replace("  - titel: Two\n    text: Second\n", "  - title: Two\n")
    assert problems(KeyMessagesText, text) == [
        'en.yaml:9:5: error: missing required field "text" in messages[1]']


def test_missing_top_level_field() -> None:
    text = TEXT.replace("introduction: Intro\n", "").replace("titel", "title")
    assert problems(KeyMessagesText, text) == [
        'en.yaml:1:1: error: missing required field "introduction"']


def test_a_text_over_its_limit_says_the_limit_the_length_and_the_field() -> None:
    text = TEXT.replace("titel", "title").replace("title: Two", "title: " + "x" * 312)
    assert problems(KeyMessagesText, text) == [
        "en.yaml:9:12: error: messages[1].title: 312 characters, over the limit of 300 for "
        "this field by 12; shorten it"]


def test_wrong_type_points_at_the_value() -> None:
    text = TEXT.replace("titel", "title").replace("messages:\n", "messages: nope\nx:\n")
    found = problems(KeyMessagesText, text)
    assert found[0] == ("en.yaml:6:11: error: messages: expected a list (one item per line, each "
                        "starting with '- '), found \"nope\"; check the indentation")


def test_bad_date_says_how_to_write_it() -> None:
    text = """\
kind: flyer
event: {date: 12/06/2026}
registration: {url: https://example.org}
"""
    [message] = problems(FlyerSettings, text)
    assert message.startswith("en.yaml:2:15: error: event.date: not a date; write YYYY (2023), "
                              "YYYY-MM (2023-06) or YYYY-MM-DD (2023-06-19)")
    assert message.endswith('(got "12/06/2026")')


def test_javascript_urls_are_rejected() -> None:
    text = """\
kind: flyer
event: {date: 2026-06-12}
registration: {url: "javascript:alert(1)"}
"""
    [message] = problems(FlyerSettings, text)
    assert "registration url must start with https:// or http://" in message


def test_key_path_formatting_and_field_lookup() -> None:
    assert format_key_path(("messages", 2, "title")) == "messages[2].title"
    assert fields_at(KeyMessagesText, ("messages", 0)) == {"title", "text", "optional"}
    assert field_extra(FlyerSettings, ("event", "date")) == {}
