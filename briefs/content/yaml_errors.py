"""Plain words for YAML syntax errors: where the broken construct starts, and tabs, curly
quotes and indentation named as such."""

from __future__ import annotations

from pathlib import Path

import yaml

from briefs.core.diagnostics import Diagnostics, Position


def report_syntax_error(exc: yaml.MarkedYAMLError, text: str, path: Path,
                         diagnostics: Diagnostics) -> None:
    """A syntax error at the start of the construct that is broken (the quote left open on
    line 8, the `[` never closed), not where the parser gave up (often the end of the file),
    with that line of the file shown; tabs, curly quotes and indentation said in plain words."""
    lines = text.splitlines()
    plain = plain_syntax_error(exc, lines)
    if plain is not None:
        message, line, column = plain
        source = lines[line - 1] if line - 1 < len(lines) else None
        diagnostics.error(f"invalid YAML: {message}", path, Position(line, column), source)
        return
    context = exc.context or ""
    starts_construct = exc.context_mark is not None and (
        context.startswith("while scanning") or "flow" in context
        or "end of stream" in (exc.problem or ""))
    mark = exc.context_mark if starts_construct else (exc.problem_mark or exc.context_mark)
    problem = (exc.problem or exc.context or "invalid YAML").replace("in this context", "here")
    if starts_construct and context:
        problem = f"{problem} {context}"
        if exc.problem_mark is not None:
            problem += f" (started here; the parser stopped on line {exc.problem_mark.line + 1})"
    position = Position(mark.line + 1, mark.column + 1) if mark else None
    source = lines[mark.line] if mark and mark.line < len(lines) else None
    diagnostics.error(f"invalid YAML: {problem}{_yaml_hint(problem)}", path, position, source)


CURLY_QUOTES = "\u201c\u201d\u2018\u2019\u201e"
"""Quotation marks word processors type in place of straight ones: “ ” ‘ ’ „."""


def plain_syntax_error(exc: yaml.MarkedYAMLError,
                       lines: list[str]) -> tuple[str, int, int] | None:
    """The three mistakes beginners make most, said as such: (message, line, column), or None.

    A tab in the indentation, curly quotes from a word processor, a line indented unlike its
    neighbours. PyYAML's own wording ("found character that cannot start any token",
    "mapping values are not allowed here") names none of them.
    """
    marks = [mark for mark in (exc.problem_mark, exc.context_mark) if mark is not None]
    for mark in marks:
        line = lines[mark.line] if mark.line < len(lines) else ""
        indent = line[:len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent or line[mark.column:mark.column + 1] == "\t":
            column = (line.index("\t") if "\t" in indent else mark.column) + 1
            return ("a tab character is used for indentation here; YAML indents with spaces "
                    "only: replace the tab with spaces (set your editor to insert spaces)",
                    mark.line + 1, column)
    problem_mark = exc.problem_mark
    if problem_mark is None or problem_mark.line >= len(lines):
        return None
    line = lines[problem_mark.line]
    problem = exc.problem or ""
    curly = next((char for char in line if char in CURLY_QUOTES), None)
    if curly is not None:
        return (f"the value holds curly quotes {curly} (as word processors type them), which "
                'YAML does not read as quotes; retype them as straight quotes "..."',
                problem_mark.line + 1, line.index(curly) + 1)
    indentation = _indentation_problem(problem, lines, problem_mark.line, problem_mark.column)
    if indentation is not None:
        return indentation
    return None


def _indentation_problem(problem: str, lines: list[str], index: int,
                         column: int) -> tuple[str, int, int] | None:
    """A line whose indentation does not line up with the lines around it."""
    line = lines[index]
    if "mapping values are not allowed" in problem:
        body = line.lstrip(" ")
        key_end = len(line) - len(body) + len(body.removeprefix("- ").split(":", 1)[0])
        if key_end != column:  # the `: ` is inside the value, not the line's own key
            return None
    elif not any(words in problem for words in (
            "did not find expected key", "did not find expected '-'",
            "could not find expected ':'", "expected <block end>")):
        return None
    own = len(line) - len(line.lstrip(" "))
    for above in range(index - 1, -1, -1):
        text = lines[above]
        if text.strip() and not text.lstrip().startswith("#"):
            break
    else:
        return None
    theirs = len(text) - len(text.lstrip(" "))
    if text.lstrip(" ").startswith("- "):
        theirs += 2  # the key after the list item's dash
    if theirs == own:
        return None
    return (f"indentation: line {index + 1} starts {own} spaces in, but the key on line "
            f"{above + 1} above it starts {theirs} in; keys of one mapping must line up (a key "
            "further in needs a parent key ending in `:`); fix the spaces at the start of the "
            "line", index + 1, own + 1)


def _yaml_hint(problem: str) -> str:
    if "quoted scalar" in problem:
        return "; close the quote opened here"
    if "flow sequence" in problem or "flow mapping" in problem:
        return "; close the bracket opened here"
    if "mapping values are not allowed" in problem:
        return "; a value containing ': ' must be quoted, or use a block scalar (|)"
    if "could not find expected ':'" in problem:
        return "; each line must be `key: value`, check the indentation"
    return ""
