"""The hyphenation dictionaries of a build's languages, read before a worker's first job.

WeasyPrint hyphenates with pyphen, which reads and parses a language's dictionary the first
time a process hyphenates in it (50 ms for English, 10 to 20 for French, Spanish or Russian,
0.45 s for German) and keeps it for the process (`pyphen.hdcache`, by file). A worker does
that in its first render of each language, after the job has arrived; read while the main
process still plans, it is off a one-document build's critical path. The dictionaries are
the ones the renders would read, by the same lookup, so the hyphenation is the same.

Parsed once, a dictionary's patterns are kept as JSON in the user's cache folder
(`~/.cache/briefs/hyphenation`, outside every workspace: they are made from pyphen's own
files, not from a workspace's), named by pyphen's version and the dictionary file's path,
size and time, and read back by the next process (English: 43 ms to parse, 11 ms to read).
A kept file that is not a regular file, too large, or not the patterns' exact shape is
ignored and the dictionary parsed again; a dictionary with non-standard hyphenation
(`/` alternatives) is never kept.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

MAX_KEPT_BYTES = 16 * 1024 * 1024
"""A kept dictionary larger than this is not read (German's, the largest: about 3 MB)."""


def preload(languages: Iterable[str]) -> None:
    """Read the dictionary pyphen would use for each language (once a process)."""
    import pyphen

    for language in languages:
        found = pyphen.language_fallback(language)
        if not found:
            continue
        path = Path(pyphen.LANGUAGES[found])
        if path in pyphen.hdcache:
            continue
        kept = read_kept(path)
        if kept is not None:
            pyphen.hdcache[path] = kept
        else:
            pyphen.Pyphen(lang=found)
            keep(path, pyphen.hdcache[path])


def kept_path(dictionary: Path) -> Path | None:
    """Where `dictionary`'s parsed patterns are kept (None: it cannot be read)."""
    import pyphen

    from briefs.core.user_cache import user_cache_folder

    try:
        found = dictionary.stat()
    except OSError:
        return None
    name = hashlib.sha256(json.dumps([pyphen.__version__, str(dictionary), found.st_size,
                                      found.st_mtime_ns]).encode()).hexdigest()
    return user_cache_folder() / "hyphenation" / f"{name}.json"


def read_kept(dictionary: Path) -> Any:
    """A `pyphen.HyphDict` of `dictionary` made from its kept patterns, or None."""
    import pyphen

    path = kept_path(dictionary)
    if path is None:
        return None
    try:
        found = path.lstat()  # a link or a pipe is not read
        if not stat.S_ISREG(found.st_mode) or found.st_size > MAX_KEPT_BYTES:
            return None
        plain = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    patterns = _patterns(plain)
    if not patterns:
        return None
    hyphenation = pyphen.HyphDict.__new__(pyphen.HyphDict)
    hyphenation.patterns = patterns
    hyphenation.cache = {}
    hyphenation.maxlen = max(len(key) for key in patterns)
    return hyphenation


def _patterns(plain: object) -> dict[str, tuple[int, tuple[int, ...]]] | None:
    """`{pattern: (start, values)}` as pyphen's HyphDict holds them, from their JSON."""
    if not isinstance(plain, dict):
        return None
    patterns = {}
    for key, value in plain.items():
        if not isinstance(value, list) or len(value) != 2 or type(value[0]) is not int or \
                not isinstance(value[1], list) or \
                not all(type(number) is int for number in value[1]):
            return None
        patterns[key] = (value[0], tuple(value[1]))
    return patterns


def keep(dictionary: Path, hyphenation: Any) -> None:
    """Keep the patterns pyphen parsed from `dictionary` (not when it could not be kept)."""
    patterns = hyphenation.patterns
    if not all(isinstance(values, tuple) and all(type(number) is int for number in values)
               for _start, values in patterns.values()):
        return  # `/` alternatives: objects, not numbers
    path = kept_path(dictionary)
    if path is None:
        return
    data = json.dumps({key: [start, list(values)] for key, (start, values) in patterns.items()},
                      separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
        try:
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(data)
            os.replace(temporary, path)  # whole or not at all, whoever reads it meanwhile
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
