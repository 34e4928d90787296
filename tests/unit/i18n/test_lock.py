"""Translation state: missing, stale and extra keys; Markdown structure; the lock file."""

from __future__ import annotations

from pathlib import Path

from briefs.core.workspace import Workspace
from briefs.i18n.lock import (
    compare,
    fingerprint,
    prose_leaves,
    read_lock,
    refreshed_lock,
    structure_problems,
    write_lock,
)
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
    assert read_lock(Workspace(tmp_path, None), tmp_path) == locks  # type: ignore[arg-type]
