"""Compiler-style diagnostics: `path:line:col: severity: message`, collected then reported."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

MAX_EXCERPT_CHARS = 160


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Position:
    """A 1-based line and column in a source file."""

    line: int
    column: int


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in a file, with where it is and how to fix it."""

    severity: Severity
    message: str
    path: Path | None = None
    position: Position | None = None
    source: str | None = None
    """The line of the file the position is on, when the reader had it (shown under the
    message with a caret, as compilers do)."""

    def format(self, relative_to: Path | None = None) -> str:
        location = ""
        if self.path is not None:
            location = display_path(self.path, relative_to)
            if self.position is not None:
                location += f":{self.position.line}:{self.position.column}"
            location += ": "
        return f"{location}{self.severity.value}: {self.message}"

    def excerpt(self) -> list[str]:
        """The source line and a caret under the column (empty when no line was kept)."""
        if self.source is None or self.position is None:
            return []
        line = self.source.expandtabs(1)[:MAX_EXCERPT_CHARS]
        caret = " " * min(self.position.column - 1, len(line)) + "^"
        return [f"    {line}", f"    {caret}"]

    def as_json(self, relative_to: Path | None = None) -> dict[str, object]:
        return {
            "severity": self.severity.value,
            "message": self.message,
            "path": display_path(self.path, relative_to) if self.path else None,
            "line": self.position.line if self.position else None,
            "column": self.position.column if self.position else None,
            "source": self.source,
        }


def display_path(path: Path, relative_to: Path | None) -> str:
    """Show a path relative to the workspace when it lies inside it.

    The file itself is named, not what it links to: a link pointing out of the workspace is
    shown where it stands (its parent folder is resolved, its own name kept).
    """
    if relative_to is None:
        return str(path)
    try:
        shown = path.parent.resolve() / path.name if path.name else path.resolve()
        return shown.relative_to(relative_to.resolve()).as_posix()
    except (OSError, ValueError):
        return str(path)


@dataclass
class Diagnostics:
    """An ordered collection of diagnostics from one run."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, message: str, path: Path | None = None,
              position: Position | None = None, source: str | None = None) -> None:
        self.items.append(Diagnostic(Severity.ERROR, message, path, position, source))

    def warning(self, message: str, path: Path | None = None,
                position: Position | None = None) -> None:
        self.items.append(Diagnostic(Severity.WARNING, message, path, position))

    def extend(self, other: Iterable[Diagnostic]) -> None:
        self.items.extend(other)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.WARNING]

    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.items)


class BriefsError(Exception):
    """A failure that stops a command; carries the diagnostics that explain it."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = list(diagnostics)
        super().__init__("; ".join(d.format() for d in self.diagnostics))


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return ' (did you mean "x"?)' for the closest choice, or '' when none is close."""
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f' (did you mean "{matches[0]}"?)' if matches else ""


def summary_line(error_count: int) -> str:
    noun = "error" if error_count == 1 else "errors"
    return f"Aborted with {error_count} {noun}."
