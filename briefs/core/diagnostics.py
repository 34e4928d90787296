"""Compiler-style diagnostics: `path:line:col: severity: message`, collected then reported."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
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
    code: str | None = None
    """What kind of problem, for tools: a check's rule id (`7.1-3`), `render.refused`..."""
    hint: str | None = None
    """How to fix it, when that is not already said in the message."""
    document: str | None = None
    """The document whose output it is about, when it is about one (the preview files it
    under that document)."""
    page: int | None = None
    """The output's page it was found on (1-based), when a render or a check knows it."""

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
            "code": self.code,
            "hint": self.hint,
            "document": self.document,
            "page": self.page,
        }


@dataclass(frozen=True)
class SourceSpot:
    """A place in a workspace file: its path as shown, line and column (1-based)."""

    path: str
    line: int
    column: int


@dataclass(frozen=True)
class Problem:
    """A problem a render or a check found in one output, typed from where it is found to
    where it is shown (it crosses from a render worker to the build and its reports)."""

    severity: Severity
    code: str
    """A check's rule id (`7.1-3`, veraPDF's), or `<area>.<what>` for briefs' own
    (`layout.image-resolution`, `render.refused`, `render.log`)."""
    message: str
    hint: str | None = None
    subject: str | None = None
    """What it is about, to find where it is written: the URL a template asked for, the
    characters no declared font covers."""
    page: int | None = None
    """The page it is on (1-based), when the check knows it."""
    at: SourceSpot | None = None
    """The file, line and column it is written at, when the render knows it (a stylesheet's
    CSS warning): reported there, once per build, not once per output."""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @classmethod
    def error(cls, code: str, message: str, hint: str | None = None,
              subject: str | None = None, page: int | None = None) -> Problem:
        return cls(Severity.ERROR, code, message, hint, subject, page)

    @classmethod
    def warning(cls, code: str, message: str, hint: str | None = None,
                subject: str | None = None, page: int | None = None) -> Problem:
        return cls(Severity.WARNING, code, message, hint, subject, page)

    def hinted(self, hint: str) -> Problem:
        """The problem with `hint` added to (or standing for) its own."""
        return replace(self, hint=hint if self.hint is None else f"{self.hint}; {hint}")

    def line(self) -> str:
        """The message with its hint, as one line of a report."""
        return f"{self.message}; {self.hint}" if self.hint else self.message

    def as_plain(self) -> dict[str, object]:
        """The problem as JSON (the cache keeps what a render found, to report it again)."""
        return {"severity": self.severity.value, "code": self.code, "message": self.message,
                "hint": self.hint, "subject": self.subject, "page": self.page}

    @classmethod
    def from_plain(cls, data: object) -> Problem | None:
        """A problem `as_plain` wrote, or None when `data` is not one."""
        if not isinstance(data, dict) or data.get("severity") not in ("error", "warning") \
                or not isinstance(data.get("message"), str):
            return None
        page = data.get("page")
        return cls(Severity(data["severity"]), str(data.get("code") or "unknown"),
                   data["message"], _text_or_none(data.get("hint")),
                   _text_or_none(data.get("subject")),
                   page if type(page) is int else None)


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None


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
    """An ordered collection of diagnostics from one run; the same problem at the same place
    (a template error met by every locale that renders it) is kept once."""

    items: list[Diagnostic] = field(default_factory=list)
    _seen: set[Diagnostic] = field(default_factory=set, repr=False, compare=False)

    def __post_init__(self) -> None:
        given, self.items = self.items, []
        self.extend(given)

    def add(self, diagnostic: Diagnostic) -> None:
        """Keep `diagnostic` unless the same one is already kept."""
        if diagnostic not in self._seen:
            self._seen.add(diagnostic)
            self.items.append(diagnostic)

    def error(self, message: str, path: Path | None = None,
              position: Position | None = None, source: str | None = None,
              document: str | None = None) -> None:
        self.add(Diagnostic(Severity.ERROR, message, path, position, source,
                            document=document))

    def warning(self, message: str, path: Path | None = None,
                position: Position | None = None, document: str | None = None) -> None:
        self.add(Diagnostic(Severity.WARNING, message, path, position,
                            document=document))

    def problem(self, problem: Problem, path: Path | None = None,
                position: Position | None = None, prefix: str = "",
                severity: Severity | None = None, document: str | None = None) -> None:
        """A typed problem, kept typed (its code, hint and page travel on), at a place in a
        file, about `document`'s output."""
        self.add(Diagnostic(severity or problem.severity, prefix + problem.line(), path,
                            position, code=problem.code, hint=problem.hint, document=document,
                            page=problem.page))

    def extend(self, other: Iterable[Diagnostic]) -> None:
        for diagnostic in other:
            self.add(diagnostic)

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

    def failing(self, strict: bool) -> int:
        """How many fail a build (or a check): the errors, and the warnings under `--strict`."""
        return len(self.errors) + (len(self.warnings) if strict else 0)


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
