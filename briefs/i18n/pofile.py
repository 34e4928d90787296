"""Read a PO file strictly: every problem an error at its line, never a silently cut catalog.

Babel (like polib) accepts an unterminated string and drops its last character, takes any
bytes, and checks neither the plural formula nor the `%(name)s` placeholders a translation
uses. A catalog is workspace input, so each of these is checked here with the PO line, before
a template ever uses the catalog: a broken entry fails the locale, named, instead of the render.
"""

from __future__ import annotations

import gettext
import io
import re
from collections.abc import Callable
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, read_po

from briefs.content.loader import decode_text
from briefs.core.diagnostics import Diagnostics, Position

QUOTED = r'"(?:[^"\\]|\\.)*"'
ENTRY_LINE = re.compile(rf"^\s*(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"
                        rf"{QUOTED}\s*$")
PLACEHOLDER = re.compile(r"%(?:\(([^)]*)\))?[#0 +-]*\d*(?:\.\d+)?[a-zA-Z%]")
PLURAL_PROBES = range(0, 1001)


class CatalogProblem(ValueError):
    """A PO file that cannot be used, with the position of the problem."""

    def __init__(self, message: str, position: Position | None = None,
                 source: str | None = None) -> None:
        super().__init__(message)
        self.message, self.position, self.source = message, position, source


def read_catalog(path: Path, locale: str, read: Callable[[Path], bytes]) -> Catalog:
    """The catalog in `path` (read with `read`, which checks where the file really is)."""
    diagnostics = Diagnostics()
    text = decode_text(read(path), path, diagnostics)
    if text is None:
        first = diagnostics.errors[0]
        raise CatalogProblem(first.message, first.position)
    lines = text.splitlines()
    _check_strings(lines)
    try:
        catalog = read_po(io.StringIO(text), locale=locale.replace("-", "_"),
                          abort_invalid=True)
    except PoFileError as exc:
        line = getattr(exc, "lineno", 0) or 0
        raise CatalogProblem(f"invalid PO entry: {exc}", Position(line, 1) if line else None,
                             lines[line - 1] if 0 < line <= len(lines) else None) from exc
    except ValueError as exc:  # a header Babel cannot parse (nplurals=x)
        raise CatalogProblem(f"invalid PO header: {exc}", *_header_line(lines)) from exc
    _check_plural_forms(catalog, lines)
    for message in catalog:
        _check_placeholders(message, lines)
    return catalog


def _check_strings(lines: list[str]) -> None:
    """Every keyword line and continuation holds exactly one closed C string."""
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#") or ENTRY_LINE.match(line):
            continue
        quote = line.find('"')
        if quote >= 0 and not re.match(QUOTED, line[quote:]):
            problem = "unterminated string: it has no closing quote on this line"
        elif quote >= 0:
            problem = "text after the closing quote"
        else:
            problem = "not a PO line (expected msgid, msgstr, a quoted string or a # comment)"
        raise CatalogProblem(f"invalid PO entry: {problem}",
                             Position(number, (quote if quote >= 0 else 0) + 1), line)


def _header_line(lines: list[str], field: str = "Plural-Forms") -> tuple[Position | None,
                                                                          str | None]:
    for number, line in enumerate(lines, start=1):
        if field in line:
            return Position(number, line.index(field) + 1), line
    return None, None


def _check_plural_forms(catalog: Catalog, lines: list[str]) -> None:
    """The plural formula parses, and picks an existing form for every count."""
    try:
        choose = gettext.c2py(catalog.plural_expr)
        for n in PLURAL_PROBES:
            form = choose(n)
            if not 0 <= form < catalog.num_plurals:
                raise ValueError(f"it picks form {form} for n={n}, but nplurals is "
                                 f"{catalog.num_plurals}")
    except (ValueError, ArithmeticError, RecursionError) as exc:
        raise CatalogProblem(f"invalid Plural-Forms header ({catalog.plural_expr!r}): {exc}; "
                             "copy the line for this language from the gettext manual",
                             *_header_line(lines)) from exc


def _check_placeholders(message: Message, lines: list[str]) -> None:
    """A translation uses only the `%(name)s` placeholders of its source, in valid syntax."""
    if not message.id or not message.string:
        return
    ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
    strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
    known = {name for text in ids for name in _placeholders(str(text)) or ()}
    for text in strings:
        names = _placeholders(str(text)) if text else set()
        if names is None:
            problem = "a % that is not a placeholder (write %% for a percent sign)"
        elif names - known:
            problem = (f"placeholder {', '.join(sorted(f'%({n})s' for n in names - known))} "
                       "is not in the source text")
        else:
            continue
        line = _msgstr_line(lines, message.lineno or 0)
        raise CatalogProblem(
            f'translation of "{ids[0]}": {problem}; use the placeholders of the msgid',
            Position(line, 1) if line else None,
            lines[line - 1] if 0 < line <= len(lines) else None)


def _msgstr_line(lines: list[str], msgid_line: int) -> int:
    """The line of the msgstr that follows the msgid on `msgid_line` (1-based)."""
    for number in range(max(msgid_line, 1), len(lines) + 1):
        if lines[number - 1].lstrip().startswith("msgstr"):
            return number
    return msgid_line


def _placeholders(text: str) -> set[str] | None:
    """The `%(name)s` names in `text`; None when a `%` would make formatting fail."""
    names: set[str] = set()
    position = 0
    for match in PLACEHOLDER.finditer(text):
        if "%" in text[position:match.start()]:
            return None
        position = match.end()
        if match.group(0) != "%%":
            if match.group(1) is None:
                return None  # positional %s: templates pass names only
            names.add(match.group(1))
    return None if "%" in text[position:] else names
