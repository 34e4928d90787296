"""Stream data deflated as pydyf deflates it (zlib, level 9), kept by the data's digest for
the rest of the process: a warm worker rendering an output again (the build server, `watch`,
the preview) writes the same page content streams, and deflating them again cost 0.21 CPU-s
per 24 sample outputs. Deflate is deterministic for the same data and level, so the kept
bytes are the ones deflating would give; nothing is kept across processes, nor in one that
renders each output once (render_again.py)."""

from __future__ import annotations

import hashlib
import os
import threading
import zlib
from collections import OrderedDict

LEVEL = 9
"""As pydyf compresses."""
MIN_BYTES = 2048
"""Smaller data is deflated every time (its digest and look-up would cost as much)."""
MAX_BYTES = 16 * 1024 * 1024
"""The deflated data kept in all (the sample's 24 outputs: 1.5 MB)."""


class DeflatedStreams:
    """Deflated data by the digest of the data, the least recently used dropped beyond
    `limit` bytes."""

    def __init__(self, limit: int = MAX_BYTES, enabled: bool = True) -> None:
        self.enabled = enabled
        """Off: every stream deflated, nothing kept (a one-build process: render_again.py)."""
        self._kept: OrderedDict[bytes, bytes] = OrderedDict()
        self._limit, self._bytes = limit, 0
        self._lock = threading.Lock()

    def deflated(self, data: bytes) -> bytes:
        """`data` deflated at LEVEL, as `zlib.compressobj(level=9)` gives it."""
        if len(data) < MIN_BYTES or not self.enabled:
            return _deflate(data)
        digest = hashlib.sha256(data).digest()
        with self._lock:
            kept = self._kept.get(digest)
            if kept is not None:
                self._kept.move_to_end(digest)
                return kept
        result = _deflate(data)
        if len(result) <= self._limit:
            with self._lock:
                if digest not in self._kept:
                    self._kept[digest] = result
                    self._bytes += len(result)
                while self._bytes > self._limit:
                    _, dropped = self._kept.popitem(last=False)
                    self._bytes -= len(dropped)
        return result

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()
            self._bytes = 0

    def unlocked(self) -> None:
        """A forked child's own lock (the parent's may have been held by another thread)."""
        self._lock = threading.Lock()


def _deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(level=LEVEL)
    return compressor.compress(data) + compressor.flush()


DEFLATED = DeflatedStreams(enabled=False)
"""This process's deflated streams (switched on where outputs are rendered again:
render_again.py)."""
os.register_at_fork(after_in_child=DEFLATED.unlocked)
