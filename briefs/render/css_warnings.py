"""WeasyPrint's CSS warnings with the stylesheet they come from: its log says "Ignored `colr:
red` at 4:5" and names no file, so the file is found among the stylesheets the render
fetched, as the one whose line 4 has that declaration at column 5."""

from __future__ import annotations

import re
from pathlib import Path

from briefs.core.diagnostics import SourceSpot
from briefs.core.paths import shown

IGNORED = re.compile(r"^Ignored `(?P<name>[-\w]+):.*` at (?P<line>\d+):(?P<column>\d+), ")


def stylesheet_spot(message: str, fetched: list[Path], roots: list[Path]) -> SourceSpot | None:
    """Where in the fetched stylesheets WeasyPrint's warning `message` is written: the one
    stylesheet that declares it at its line and column; None when not exactly one does."""
    match = IGNORED.match(message)
    if match is None:
        return None
    line, column = int(match["line"]), int(match["column"])
    found = [path for path in dict.fromkeys(fetched)
             if path.suffix.lower() == ".css" and _declares(path, match["name"], line, column)]
    if len(found) != 1:
        return None
    return SourceSpot(_shown(found[0], roots), line, column)


def _declares(path: Path, name: str, line: int, column: int) -> bool:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return False
    if line > len(lines):
        return False
    text = lines[line - 1]
    return text[column - 1:].lower().startswith(name.lower()) or bool(re.search(
        rf"(^|[;{{\s]){re.escape(name)}\s*:", text, re.IGNORECASE))


def _shown(path: Path, roots: list[Path]) -> str:
    for root in roots:
        relative = shown(path, root)
        if relative != str(path):
            return relative
    return str(path)
