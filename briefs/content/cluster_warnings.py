"""Warnings, at the file and line, for author markup that starts or ends inside a cluster."""

from __future__ import annotations

from pathlib import Path

from briefs.content.loader import MAX_FILE_BYTES, KeyPath, LoadedYaml
from briefs.content.markdown import cluster_splits
from briefs.core.clusters import clusters
from briefs.core.diagnostics import Diagnostics, Position
from briefs.core.paths import RefusedPath, read_bytes

MARKUP = "*_[]{}"
MAX_PER_FIELD = 5
"""Warnings a field gets one by one (a hostile or pasted text may hold thousands)."""


def warn_cluster_splits(loaded: LoadedYaml, leaves: dict[KeyPath, str],
                        diagnostics: Diagnostics, roots: tuple[Path, ...]) -> None:
    """A warning per split in the prose `leaves` of `loaded` (its own values only), at most
    `MAX_PER_FIELD` a field and then their count."""
    lines: list[str] | None = None
    for key_path, text in leaves.items():
        if len(clusters(text)) == len(text):
            continue  # no cluster of several characters: nothing to split (the usual case)
        splits = cluster_splits(text)
        if not splits:
            continue
        lines = _lines(loaded.path, roots) if lines is None else lines
        start = loaded.position_of(key_path, value=True)
        end = min((position.line for position in loaded.key_positions.values()
                   if position.line > start.line), default=len(lines) + 1)
        where = start
        for split in splits[:MAX_PER_FIELD]:
            where = _line_of(lines[:end - 1], where, split.cluster[:split.edge])
            diagnostics.warning(split.message(), loaded.path, where)
            where = Position(where.line, where.column + 1)
        if len(splits) > MAX_PER_FIELD:
            diagnostics.warning(f"{len(splits) - MAX_PER_FIELD} more markup edges inside a "
                                "letter in this field, each widened the same way",
                                loaded.path, start)


def _lines(path: Path, roots: tuple[Path, ...]) -> list[str]:
    """The file's lines, read again through the checked read (the loader keeps none); none
    if it cannot be read now (the warning then points at the value)."""
    try:
        return read_bytes(path, roots, MAX_FILE_BYTES).decode("utf-8-sig").splitlines()
    except (OSError, RefusedPath, UnicodeDecodeError):
        return []


def _line_of(lines: list[str], start: Position, before: str) -> Position:
    """The first place from `start` (up to the next key) where `before` is followed by a
    markup character (the split as written), else `start`."""
    for number in range(start.line, len(lines) + 1):
        line = lines[number - 1]
        skip = start.column - 1 if number == start.line else 0
        column = _markup_after(line, before, skip)
        if column is not None:
            return Position(number, column + 1)
    return start


def _markup_after(line: str, before: str, skip: int = 0) -> int | None:
    index = line.find(before, max(0, skip - len(before)))
    while index >= 0:
        after = index + len(before)
        if after < len(line) and line[after] in MARKUP:
            return after
        index = line.find(before, index + 1)
    return None
