"""The text-layer comparison (tests/textlayer/compare.py): what counts as the source's words."""

from __future__ import annotations

from pathlib import Path

from tests.textlayer.compare import recovered, source_text


def test_a_phrase_in_another_language_counts_its_words_not_its_markup(tmp_path: Path) -> None:
    path = tmp_path / "ar.yaml"
    path.write_text("body: |\n  شبكة [Civic Habitat Network]{lang=en} في الإقليم\n",
                    encoding="utf-8")
    source = source_text(path)
    assert "lang" not in source and "{" not in source and "[" not in source
    assert recovered(source, "شبكة Civic Habitat Network في الإقليم", "ar").share == 1.0


def test_a_missing_word_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "en.yaml"
    path.write_text("body: Water for towns and **villages**.\n", encoding="utf-8")
    found = recovered(source_text(path), "Water for towns and", "en")
    assert found.missing == ["villages"]
