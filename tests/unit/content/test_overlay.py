"""Locale overlay: translation over source, with fallbacks and extra keys recorded."""

from __future__ import annotations

from pathlib import Path

from briefs.content.loader import load_yaml_text
from briefs.content.overlay import overlay
from briefs.core.diagnostics import Diagnostics

SOURCE = "title: Key messages\nmessages:\n  - title: One\n    text: First\n  - text: Second\n"


def load(text: str, name: str) -> object:
    loaded = load_yaml_text(text, Path(name), Diagnostics())
    assert loaded is not None
    return loaded


def test_translation_overrides_and_missing_falls_back() -> None:
    source = load(SOURCE, "en.yaml")
    translation = load("title: Messages clés\nmessages:\n  - text: Premier\n", "fr.yaml")
    merged = overlay(source, translation)
    assert merged.data == {"title": "Messages clés", "messages": [
        {"title": "One", "text": "Premier"}, {"text": "Second"}]}
    assert merged.missing == [("messages", 0, "title"), ("messages", 1)]
    assert merged.extra == []


def test_extra_keys_suggest_the_source_key() -> None:
    source = load(SOURCE, "en.yaml")
    translation = load("titel: Messages clés\n", "fr.yaml")
    merged = overlay(source, translation)
    [(key_path, message)] = merged.extra
    assert key_path == ("titel",)
    assert message == 'key "titel" is not in the source text (did you mean "title"?); remove it ' \
                      "or fix its name"


def test_positions_come_from_the_file_that_holds_the_value() -> None:
    source = load(SOURCE, "en.yaml")
    translation = load("title: Messages clés\n", "fr.yaml")
    merged = overlay(source, translation)
    assert merged.locate(("title",))[0] == Path("fr.yaml")
    assert merged.locate(("messages", 1, "text"))[0] == Path("en.yaml")
