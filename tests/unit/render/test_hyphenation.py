"""The hyphenation dictionaries read before a worker's first job (render/hyphenation.py), and
their parsed patterns kept in the user's cache folder: the same patterns as pyphen's own parse,
read back by a new process, and anything else in their place ignored."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pyphen
import pytest

from briefs.render.hyphenation import keep, kept_path, preload, read_kept

WORDS = ("hyphenation", "neighbourhood", "infrastructure", "Wasserversorgung",
         "approvisionnement", "водоснабжение", "abastecimiento")


@pytest.fixture(autouse=True)
def user_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "briefs" / "hyphenation"


def dictionary(language: str) -> Path:
    return Path(pyphen.LANGUAGES[pyphen.language_fallback(language)])


@pytest.mark.parametrize("language", ["en", "fr", "de", "ru", "es", "nl"])
def test_kept_patterns_are_pyphens_own(language: str) -> None:
    path = dictionary(language)
    parsed = pyphen.HyphDict(path)
    keep(path, parsed)
    kept = read_kept(path)
    assert kept is not None
    assert kept.patterns == parsed.patterns and kept.maxlen == parsed.maxlen
    for word in WORDS:
        assert kept.positions(word) == parsed.positions(word)


def test_a_new_process_reads_the_kept_dictionary_instead_of_parsing_it(
        monkeypatch: pytest.MonkeyPatch, user_cache: Path) -> None:
    path = dictionary("en")
    monkeypatch.delitem(pyphen.hdcache, path, raising=False)
    preload(["en"])
    parsed = pyphen.hdcache[path]
    assert [file.suffix for file in user_cache.iterdir()] == [".json"]
    monkeypatch.delitem(pyphen.hdcache, path)  # as in a new process

    def refuse(*_arguments: object) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(pyphen.HyphDict, "__init__", refuse)
    preload(["en"])
    assert pyphen.hdcache[path].patterns == parsed.patterns
    hyphenator = pyphen.Pyphen(lang="en")  # as WeasyPrint asks for it
    assert hyphenator.inserted("infrastructure") == "in-fra-struc-ture"


def english_kept_file() -> Path:
    """Where English's patterns are kept, its folder made (nothing in it yet)."""
    kept = kept_path(dictionary("en"))
    assert kept is not None
    kept.parent.mkdir(parents=True)
    return kept


@pytest.mark.parametrize("content", [
    b"not json", b"[]", b"{}", b'{"ab": [1]}', b'{"ab": ["1", [1]]}', b'{"ab": [0, [1.5]]}',
    b'{"ab": [0, [true]]}',
])
def test_a_kept_file_that_is_not_the_patterns_is_ignored(content: bytes) -> None:
    path = dictionary("en")
    english_kept_file().write_bytes(content)
    assert read_kept(path) is None


def test_a_link_in_place_of_a_kept_file_is_not_followed(tmp_path: Path) -> None:
    path = dictionary("en")
    elsewhere = tmp_path / "patterns.json"
    elsewhere.write_text(json.dumps({"ab": [0, [1]]}), encoding="utf-8")
    english_kept_file().symlink_to(elsewhere)
    assert read_kept(path) is None


def test_a_dictionary_with_alternative_hyphenation_is_not_kept(user_cache: Path) -> None:
    """`/` alternatives are parsed into objects, which JSON would not give back."""
    alternative = SimpleNamespace(patterns={"ab": (0, (1, object()))})
    keep(dictionary("en"), alternative)
    assert not user_cache.exists()
