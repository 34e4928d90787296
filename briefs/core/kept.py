"""What a build keeps between runs, as the lower layers see it: facts by what they depend on,
and how a kept entry's JSON is read."""

from __future__ import annotations

import json
from typing import Any, Protocol


class KeptFacts(Protocol):
    """Small results kept between builds, signed, under the hash of what they depend on (the
    session's `render.signed_store.SignedStore`): a fact recalled is one this user's toolkit
    kept, never a file a workspace brought."""

    def recall(self, parts: object) -> bytes | None:
        """What was kept under `parts`, or None."""

    def remember(self, parts: object, data: bytes) -> None:
        """Keep `data` under `parts`."""


def plain_json(data: bytes) -> Any:
    """A kept entry's JSON, or None when it is none: what a store holds is read as untrusted
    input even when it is signed, so JSON nested deeper than Python's parser recurses is
    refused (RecursionError) like any other that is not JSON."""
    try:
        return json.loads(data)
    except (ValueError, RecursionError):
        return None
