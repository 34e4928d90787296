"""The text layer's work on one embedded font, kept for the next render of the same font in
the same process: what was asked of it, what each request gave, and the font file written.

A render that meets a font file again (the same bytes, the same glyph ids used by the PDF:
a warm worker rendering an output again, under `briefs server`, `watch` or the preview) asks
the same requests in the same order, so it is answered from the record without fontTools
parsing, searching and compiling the font (0.4 CPU-s of a worker's 24 sample outputs,
measured: docs/performance.md). The answers are the ones fontTools gave (glyph copies,
composites, carriers and units per em all follow from the font's bytes and the requests
before them), so the PDF is byte for byte the one the fontTools path writes. A render whose
requests part from the record parses the font then, makes the requests so far again, and
goes on as if nothing had been kept. Kept in memory only, in processes that render outputs
again (render_again.py); at most MAX_RUNS fonts and MAX_BYTES of written font files, the
least recently used dropped first.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

MAX_RUNS = 256
MAX_BYTES = 16 * 1024 * 1024
"""The written font files kept in all (the sample's 24 outputs keep 0.45 MB)."""

Request = tuple[Any, ...]
RunKey = tuple[bytes, frozenset[int]]


@dataclass(frozen=True)
class FontRun:
    """What one render did with one font file."""

    requests: tuple[Request, ...]
    outcomes: tuple[Any, ...]
    written: bytes | None
    """The font file saved after them; None when nothing was copied (nothing written)."""
    cff: bool = False
    refused: bool = False
    """fontTools could not read or write the font: it gets no copies."""


def run_key(data: bytes, used: set[int]) -> RunKey:
    """A font file's key: its bytes' digest and the glyph ids the PDF maps or draws (which
    slots are free)."""
    return hashlib.sha256(data).digest(), frozenset(used)


class FontRuns:
    """The runs of one process, by key, least recently used first (one lock: renders are one
    at a time per engine, but a process may hold two engines)."""

    def __init__(self, max_runs: int = MAX_RUNS, max_bytes: int = MAX_BYTES,
                 enabled: bool = True) -> None:
        self.enabled = enabled
        """Off: nothing kept, nothing found (a one-build process: render_again.py)."""
        self._runs: OrderedDict[RunKey, FontRun] = OrderedDict()
        self._max_runs, self._max_bytes = max_runs, max_bytes
        self._bytes = 0
        self._lock = threading.Lock()

    def unlocked(self) -> None:
        """A forked child's own lock (the parent's may have been held by another thread)."""
        self._lock = threading.Lock()

    def get(self, key: RunKey) -> FontRun | None:
        if not self.enabled:
            return None
        with self._lock:
            run = self._runs.get(key)
            if run is not None:
                self._runs.move_to_end(key)
            return run

    def put(self, key: RunKey, run: FontRun) -> None:
        size = len(run.written or b"")
        if size > self._max_bytes or not self.enabled:
            return
        with self._lock:
            self._drop(key)
            self._runs[key] = run
            self._bytes += size
            while len(self._runs) > self._max_runs or self._bytes > self._max_bytes:
                self._drop(next(iter(self._runs)))

    def clear(self) -> None:
        with self._lock:
            self._runs.clear()
            self._bytes = 0

    def __len__(self) -> int:
        return len(self._runs)

    def _drop(self, key: RunKey) -> None:
        run = self._runs.pop(key, None)
        if run is not None:
            self._bytes -= len(run.written or b"")


KEPT = FontRuns(enabled=False)
"""This process's runs (switched on where outputs are rendered again: render_again.py)."""
os.register_at_fork(after_in_child=KEPT.unlocked)
