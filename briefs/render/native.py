"""Import WeasyPrint without the library search that costs its import a sixth of a CPU-second.

WeasyPrint 70 opens each native library (GObject, Pango, HarfBuzz, its subsetter and its
vector drawing, fontconfig, PangoFT2) by trying a list of names, Windows' and macOS' first
("libgobject-2.0-0", "gobject-2.0-0", "gobject-2.0", then "libgobject-2.0.so.0"). For each
name the loader refuses, cffi calls `ctypes.util.find_library`, which on Linux runs
`/sbin/ldconfig -p` in a subprocess (and gcc or ld when that finds nothing): about fifteen
subprocesses per import, 0.12 CPU-seconds in them and 0.03 in the importing process, a
third of the import's wall time, paid by every render worker before its first job.

On Linux the Linux names ("libgobject-2.0.so.0") come later in each list and the dynamic
loader finds them itself, in the same places `ldconfig -p` lists (its cache) and on
`LD_LIBRARY_PATH`. So the search is left out while WeasyPrint opens its libraries: a name
the loader refuses is passed over at once, and WeasyPrint goes on to the next. The same
library files are opened, so the PDFs are the same. Should that not open every library it
opens with the search (a library found only on gcc's or ld's search path, HarfBuzz's
subsetter or vector library that the search finds and the loader alone does not),
WeasyPrint is imported again the usual way. Elsewhere (macOS, Windows) `find_library` runs
no subprocess: nothing is done.

In a threaded process (the build server, the preview) the import is done once, under a lock,
and only the importing thread is affected: `find_library` finds nothing and what WeasyPrint
prints is dropped for it alone, while another thread's search and output go through (the
swap of `ctypes.util.find_library` and `sys.stdout` is process-wide; unlocked, two threads
importing at once could each restore the other's stand-in and leave it for good).

A suggestion for upstream, not yet sent (docs/decisions.md): try the platform's own names first.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import io
import sys
import threading
from collections.abc import Callable, Iterator
from typing import TextIO

OPTIONAL = {"harfbuzz_subset": "harfbuzz-subset", "harfbuzz_vector": "harfbuzz-vector"}
"""Libraries WeasyPrint does without when it cannot open them (it then subsets fonts with
fontTools, which makes other bytes), with the name `find_library` knows them by: one not
opened without the search is looked for once with it (one `ldconfig -p`, 10 ms)."""


IMPORTING = threading.Lock()
"""Held while WeasyPrint is imported: one import a process, whichever thread asks first."""


def import_weasyprint() -> None:
    """Import WeasyPrint (once a process), its native libraries opened without the search
    when that opens them all (see the module's docstring)."""
    if not sys.platform.startswith("linux"):
        return
    with IMPORTING:
        if "weasyprint" not in sys.modules:
            _import_weasyprint()


def _import_weasyprint() -> None:
    try:
        with _without_library_search(), _muted(threading.current_thread()):
            import weasyprint.text.ffi as ffi  # it opens the libraries

        if not any(getattr(ffi, name) is None and ctypes.util.find_library(library)
                   for name, library in OPTIONAL.items()):
            return
    except OSError:  # a library only the search finds: WeasyPrint printed its advice
        pass
    _forget_weasyprint()
    import weasyprint  # noqa: F401  (the usual way, with the search)


@contextlib.contextmanager
def _without_library_search() -> Iterator[None]:
    """`find_library` finds nothing in this thread (the dynamic loader alone opens a
    library); another thread's search is the real one."""
    real = ctypes.util.find_library
    ctypes.util.find_library = _not_searched_in(  # type: ignore[assignment]
        threading.current_thread(), real)
    try:
        yield
    finally:
        ctypes.util.find_library = real


def _not_searched_in(thread: threading.Thread,
                     real: Callable[[str], str | None]) -> Callable[[str], str | None]:
    def find_library(name: str) -> str | None:
        return None if threading.current_thread() is thread else real(name)

    return find_library


@contextlib.contextmanager
def _muted(thread: threading.Thread) -> Iterator[None]:
    """What `thread` prints is dropped (WeasyPrint's advice when a library does not open:
    it is then imported again); what other threads print goes to stdout."""
    with contextlib.redirect_stdout(_MutedFor(thread, sys.stdout)):
        yield


class _MutedFor(io.TextIOBase):
    """stdout for every thread but one."""

    def __init__(self, thread: threading.Thread, real: TextIO) -> None:
        self.thread = thread
        self.real = real

    def write(self, text: str) -> int:
        if threading.current_thread() is self.thread:
            return len(text)
        return self.real.write(text)

    def flush(self) -> None:
        if threading.current_thread() is not self.thread:
            self.real.flush()


def _forget_weasyprint() -> None:
    for name in [name for name in sys.modules
                 if name == "weasyprint" or name.startswith("weasyprint.")]:
        del sys.modules[name]
