"""Kept facts in memory for unit tests: the session's store (render/signed_store.py) is signed
and on disk; these tests ask only what is recalled and what is remembered."""

from __future__ import annotations


class Facts:
    """A build's kept facts, in memory (the session's store is signed; see test_signed_store)."""

    def __init__(self) -> None:
        self.kept: dict[str, bytes] = {}

    def recall(self, parts: object) -> bytes | None:
        return self.kept.get(repr(parts))

    def remember(self, parts: object, data: bytes) -> None:
        self.kept[repr(parts)] = data
