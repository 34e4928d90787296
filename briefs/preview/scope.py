"""Which documents a rebuild must look at, from the files that changed; what the pages show."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

from briefs.formats.targets import TargetKey


@dataclass(frozen=True)
class Scope:
    """The documents a rebuild plans (None: every document of the selection).

    Only files inside one document's folder narrow a rebuild to that document: anything
    shared (templates, styles, kinds, briefs.yaml, catalogs) can change every output. Within
    a document, the incremental cache renders only the outputs whose HTML or files changed.
    """

    docs: frozenset[str] | None = None

    @property
    def whole(self) -> bool:
        return self.docs is None

    def covers(self, document: str) -> bool:
        return self.docs is None or document in self.docs


EVERYTHING = Scope()


def scope_of(changes: Iterable[str] | None, known_docs: Collection[str]) -> Scope:
    """The scope a set of changed paths (relative to the workspace, `/`-separated) needs.

    A document the preview does not know yet (a new folder) or no longer has needs a whole
    rebuild, so the index lists it or drops it.
    """
    if changes is None:
        return EVERYTHING
    docs = set()
    for change in changes:
        parts = PurePosixPath(change).parts
        if len(parts) < 3 or parts[0] != "content" or parts[1] not in known_docs:
            return EVERYTHING
        docs.add(parts[1])
    return Scope(frozenset(docs)) if docs else EVERYTHING


class Requests:
    """Changes asked for while a build runs, gathered into the scope of the next build."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._changes: set[str] | None = set()
        self._pending = False

    def add(self, changes: Iterable[str] | None) -> None:
        with self._lock:
            if changes is None or self._changes is None:
                self._changes = None
            else:
                self._changes |= set(changes)
            self._pending = True

    @property
    def pending(self) -> bool:
        """Whether a build was asked for since the last `take`."""
        with self._lock:
            return self._pending

    def take(self, known_docs: Collection[str]) -> Scope | None:
        """The scope of everything asked since the last call; None when nothing was."""
        with self._lock:
            if not self._pending:
                return None
            changes, self._changes, self._pending = self._changes, set(), False
        return scope_of(changes, known_docs)


class Watched:
    """The outputs open in a browser right now (rendered first, their pages imaged at once)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._keys: Counter[TargetKey] = Counter()

    def add(self, keys: Iterable[TargetKey]) -> None:
        with self._lock:
            self._keys.update(keys)

    def remove(self, keys: Iterable[TargetKey]) -> None:
        with self._lock:
            self._keys.subtract(keys)
            self._keys = +self._keys

    def __contains__(self, key: object) -> bool:
        with self._lock:
            return self._keys.get(key, 0) > 0  # type: ignore[call-overload]
