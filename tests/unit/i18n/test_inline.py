"""Markdown as inline codes for translators: the markup of language spans is protected."""

from __future__ import annotations

from briefs.i18n.inline import CODE
from briefs.i18n.words import word_count


def test_language_spans_are_codes_and_their_words_text() -> None:
    text = "The [Civic Habitat Network]{lang=en} and [the site](https://x.org){lang=de}."
    assert [match.group(0) for match in CODE.finditer(text)] == [
        "[", "]{lang=en}", "[", "](https://x.org){lang=de}"]
    assert word_count(text) == 7  # The Civic Habitat Network and the site
