"""Translation state: missing, stale and extra keys; Markdown structure; the lock file."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefs.content.config import Workspace
from briefs.content.translations_lock import (
    compare,
    fingerprint,
    prose_leaves,
    read_lock,
    refreshed_lock,
    structure_problems,
    write_lock,
)
from briefs.core.diagnostics import Diagnostics
from briefs.kinds.key_messages import KeyMessagesText

SOURCE = {("title",): "Key messages", ("intro",): "Hello [site](https://a.org).",
          ("messages", 0, "text"): "Claim.[^1]\n\n[^1]: Source."}


def test_counts_missing_stale_extra() -> None:
    translation = {("title",): "Messages clés", ("messages", 0, "text"): "Thèse.[^1]\n\n[^1]: S.",
                   ("subtitle",): "extra"}
    lock = {"title": {"source": fingerprint("Old title"),
                      "translation": fingerprint("Messages clés")}}
    state = compare(SOURCE, translation, "fr", lock)
    assert state.total == 3
    assert state.translated == ["title", "messages[0].text"]
    assert state.missing == ["intro"]
    assert state.stale == ["title"]
    assert state.extra == ["subtitle"]
    assert state.percent == 33  # 1 of 3 translated and current


def test_a_retranslated_key_is_not_stale() -> None:
    lock = {"title": {"source": fingerprint("Old title"), "translation": fingerprint("Ancien")}}
    state = compare(SOURCE, {("title",): "Messages clés"}, "fr", lock)
    assert state.stale == []


def test_refresh_keeps_stale_records_unless_accepted() -> None:
    translation = {("title",): "Messages clés"}
    old = {"title": {"source": fingerprint("Old title"),
                     "translation": fingerprint("Messages clés")}}
    assert refreshed_lock(SOURCE, translation, old, accept_stale=False) == old
    accepted = refreshed_lock(SOURCE, translation, old, accept_stale=True)
    assert accepted["title"]["source"] == fingerprint("Key messages")


def test_dropped_link_and_footnote_are_reported() -> None:
    assert structure_problems("See [site](https://a.org).[^1]\n\n[^1]: x", "Voir le site.") == [
        "missing link 'https://a.org' compared with the source text",
        "missing footnote reference '1' compared with the source text",
        "missing footnote '1' compared with the source text",
    ]
    assert structure_problems("Page {page}", "Page {pages}") == [
        "missing placeholder '{page}'; unexpected placeholder '{pages}' compared with the "
        "source text"]
    assert structure_problems("Same [a](https://a.org)", "Pareil [b](https://a.org)") == []


def test_dates_are_not_prose() -> None:
    data = {"title": "T", "messages": [{"text": "x"}], "cover_image": {"alt": "a"}}
    assert set(prose_leaves(data, KeyMessagesText)) == {
        ("title",), ("messages", 0, "text"), ("cover_image", "alt")}


def test_lock_round_trip_is_stable(tmp_path: Path) -> None:
    locks = {"fr": {"title": {"source": "a", "translation": "b"}}}
    assert write_lock(tmp_path, locks) is True
    assert write_lock(tmp_path, locks) is False  # unchanged: not rewritten
    diagnostics = Diagnostics()
    assert read_lock(Workspace(tmp_path, None), tmp_path,  # type: ignore[arg-type]
                     diagnostics) == locks
    assert not diagnostics.items


@pytest.mark.parametrize(("text", "line"), [
    ('{"locales": {"fr": [1, 2]}}', 1), ('{"locales": {"fr": {"title": 5}}}', 1),
    ('{"locales": {"fr": {"title": {"source": 1}}}}', 1), ("[]", 1),
    ('{\n  "locales": {\n    "fr": }', 3), ("\udcff", 1)])
def test_a_lock_of_the_wrong_shape_is_an_error_naming_it(tmp_path: Path, text: str,
                                                          line: int) -> None:
    (tmp_path / "translations.lock").write_text(text, errors="surrogateescape")
    diagnostics = Diagnostics()
    assert read_lock(Workspace(tmp_path, None), tmp_path,  # type: ignore[arg-type]
                     diagnostics) == {}
    [error] = diagnostics.errors
    assert error.path == tmp_path / "translations.lock"
    assert error.position is not None and error.position.line == line


def test_a_lock_linked_from_outside_is_refused_unread(tmp_path: Path) -> None:
    secret = tmp_path / "secret.json"
    secret.write_text('{"locales": {}}')
    folder = tmp_path / "ws"
    folder.mkdir()
    (folder / "translations.lock").symlink_to(secret)
    diagnostics = Diagnostics()
    assert read_lock(Workspace(folder, None), folder, diagnostics) == {}  # type: ignore[arg-type]
    assert "points outside the workspace" in diagnostics.errors[0].message
