"""What a build keeps between runs, as the lower layers see it: facts by what they depend on."""

from __future__ import annotations

from typing import Protocol


class KeptFacts(Protocol):
    """Small results kept between builds, signed, under the hash of what they depend on (the
    session's `render.signed_store.SignedStore`): a fact recalled is one this user's toolkit
    kept, never a file a workspace brought."""

    def recall(self, parts: object) -> bytes | None:
        """What was kept under `parts`, or None."""

    def remember(self, parts: object, data: bytes) -> None:
        """Keep `data` under `parts`."""
