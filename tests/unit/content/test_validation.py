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
        "text, title"]


def test_missing_required_field_points_at_the_parent() -> None:
    text = TEXT.replace("  - titel: Two\n    text: Second\n", "  - title: Two\n")
    assert problems(KeyMessagesText, text) == [
        'en.yaml:9:5: error: missing required field "text" in messages[1]']


def test_missing_top_level_field() -> None:
    text = TEXT.replace("theme: Theme\n", "").replace("titel", "title")
    assert problems(KeyMessagesText, text) == [
        'en.yaml:1:1: error: missing required field "theme"']


def test_wrong_type_points_at_the_value() -> None:
    text = TEXT.replace("titel", "title").replace("messages:\n", "messages: nope\nx:\n")
    found = problems(KeyMessagesText, text)
    assert found[0].startswith("en.yaml:6:11: error: messages: input should be a valid list")


def test_bad_date_says_how_to_write_it() -> None:
    text = """\
kind: flyer
event: {date: 12/06/2026}
registration: {url: https://example.org}
"""
    [message] = problems(FlyerSettings, text)
    assert message.startswith("en.yaml:2:15: error: event.date: input should be a valid date")
    assert message.endswith("; write dates as YYYY-MM-DD")


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
    assert fields_at(KeyMessagesText, ("messages", 0)) == {"title", "text"}
    assert field_extra(FlyerSettings, ("event", "date")) == {}
