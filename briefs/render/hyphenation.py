"""The hyphenation dictionaries of a build's languages, read before a worker's first job.

WeasyPrint hyphenates with pyphen, which reads and parses a language's dictionary the first
time a process hyphenates in it (50 ms for English, 10 to 20 for French, Spanish or Russian,
0.45 s for German) and keeps it for the process (`pyphen.hdcache`, by file). A worker does
that in its first render of each language, after the job has arrived; read while the main
process still plans, it is off a one-document build's critical path. The dictionaries are
the ones the renders would read, by the same lookup, so the hyphenation is the same.
"""

from __future__ import annotations

from collections.abc import Iterable


def preload(languages: Iterable[str]) -> None:
    """Read the dictionary pyphen would use for each language (once a process)."""
    import pyphen

    for language in languages:
        found = pyphen.language_fallback(language)
        if found:
            pyphen.Pyphen(lang=found)
