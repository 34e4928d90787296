"""WeasyPrint's CSS warnings with the stylesheet they come from: its log says "Ignored `colr:
red` at 4:5" and names no file, so the file is found among the stylesheets the render
fetched, as the one whose line 4 has that declaration at column 5."""

from __future__ import annotations

import re
from pathlib import Path

from briefs.core.paths import shown

IGNORED = re.compile(r"^Ignored `(?P<name>[-\w]+):.*` at (?P<line>\d+):(?P<column>\d+), ")
LOCATED = re.compile(r"^(?P<path>[^\n:]+\.css):(?P<line>\d+):(?P<column>\d+): (?P<message>.*)$",
                     re.DOTALL)
"""A warning `with_stylesheet` located: `styles/common/flyer.css:4:5: Ignored ...`."""


def with_stylesheet(message: str, fetched: list[Path], roots: list[Path]) -> str:
    """`message` prefixed with `path:line:col:` when one fetched stylesheet holds it."""
    match = IGNORED.match(message)
    if match is None:
        return message
    line, column = int(match["line"]), int(match["column"])
    found = [path for path in dict.fromkeys(fetched)
             if path.suffix.lower() == ".css" and _declares(path, match["name"], line, column)]
    if len(found) != 1:
        return message
    return f"{_shown(found[0], roots)}:{line}:{column}: {message}"


def stylesheet_location(message: str) -> tuple[str, int, int, str] | None:
    """The stylesheet, line, column and message of a warning `with_stylesheet` located;
    None for any other message. A stylesheet's warning is the same for every output that
    uses it, so the build reports it once, at the file (not once per output)."""
    found = LOCATED.match(message)
    if found is None:
        return None
    return found["path"], int(found["line"]), int(found["column"]), found["message"]


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
