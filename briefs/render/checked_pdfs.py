"""What the standards' checks found in a PDF, kept by the PDF's digest for the rest of the
process: a warm worker rendering an output again (the build server, `watch`, the preview)
writes the same bytes, and checking them again cost 0.33 CPU-s per 24 sample outputs
(pikepdf's parse, the rules' walks). The findings are a function of the bytes and of this
toolkit's rules, both the same within a process; nothing is kept across processes, nor in
one that renders each output once (render_again.py)."""

from __future__ import annotations

import os
import threading
from collections import OrderedDict

from briefs.core.diagnostics import Problem

MAX_PDFS = 512
"""Digests kept (each with its few findings: a few kilobytes in all)."""


class CheckedPdfs:
    """Findings by PDF digest, the least recently used dropped beyond `limit`."""

    def __init__(self, limit: int = MAX_PDFS, enabled: bool = True) -> None:
        self.enabled = enabled
        """Off: nothing kept, nothing found (a one-build process: render_again.py)."""
        self._found: OrderedDict[bytes, tuple[Problem, ...]] = OrderedDict()
        self._limit = limit
        self._lock = threading.Lock()

    def get(self, digest: bytes) -> tuple[Problem, ...] | None:
        if not self.enabled:
            return None
        with self._lock:
            found = self._found.get(digest)
            if found is not None:
                self._found.move_to_end(digest)
            return found

    def put(self, digest: bytes, problems: tuple[Problem, ...]) -> None:
        if not self.enabled:
            return
        with self._lock:
            self._found[digest] = problems
            self._found.move_to_end(digest)
            while len(self._found) > self._limit:
                self._found.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._found.clear()

    def unlocked(self) -> None:
        """A forked child's own lock (the parent's may have been held by another thread)."""
        self._lock = threading.Lock()


CHECKED = CheckedPdfs(enabled=False)
"""This process's checked PDFs (switched on where outputs are rendered again:
render_again.py)."""
os.register_at_fork(after_in_child=CHECKED.unlocked)
