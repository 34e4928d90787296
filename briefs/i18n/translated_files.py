"""Read translators' files (XLIFF 2 or PO) into key -> translation, with each unit's line.

A translator's file is untrusted input. It is read as a regular file of bounded size (the
checks made on the file actually opened), XML is parsed without a DTD or entities (defusedxml
refuses them, then lxml parses with entities and the network off), unit ids and PO contexts
are parsed by a strict grammar with bounded list indexes, and every problem is an error at the
file's line, never an exception.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefs.content.loader import KeyPath
from briefs.core.diagnostics import Diagnostics, Position
from briefs.core.paths import RefusedPath, TooLarge, checked, read_regular
from briefs.i18n.inline import XLIFF2, InlineProblem, flatten, read_codes

MAX_FILE_BYTES = 20_000_000
MAX_INDEX = 9_999
"""The largest list index a unit id may name (no document has ten thousand items)."""
NAME = r"[A-Za-z_][A-Za-z0-9_-]{0,199}"
INDEX = r"(?:0|[1-9][0-9]{0,3})"
XLIFF_ID = re.compile(rf"{NAME}(?:\.(?:{NAME}|{INDEX}))*\Z", re.ASCII)
PO_CONTEXT = re.compile(rf"{NAME}(?:\.{NAME}|\[{INDEX}\])*\Z", re.ASCII)
PO_PART = re.compile(rf"\.?({NAME})|\[({INDEX})\]", re.ASCII)
MAX_KEY_PARTS = 24
CONFIRMED = {"translated", "reviewed", "final"}
"""XLIFF states of a translation the translator marked done; `initial` is a draft."""
STATES = {"initial", "translated", "reviewed", "final"}


@dataclass(frozen=True)
class TranslatedUnit:
    """One unit of a translator's file: the source it was made from, and its translation."""

    key: KeyPath
    source: str
    target: str | None
    confirmed: bool
    """The translator marked it done (XLIFF translated/reviewed/final; PO not fuzzy)."""
    line: int
    state: str = "translated"
    """XLIFF's state (initial, translated, reviewed, final); PO: fuzzy or translated."""


@dataclass
class TranslatedFile:
    """A translator's file: which document and locale, and its units."""

    path: Path
    doc: str
    locale: str
    units: list[TranslatedUnit] = field(default_factory=list)

    def line_of(self, key: KeyPath) -> int:
        return next((unit.line for unit in self.units if unit.key == key), 1)


PLAIN_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]{0,63}\Z", re.ASCII)
ESCAPED = re.compile(r"_x([0-9A-F]{4,6})_")


def key_token(part: str | int) -> str:
    """A key part as unit ids and PO contexts write it: a plain name as it is, any other
    mapping key (a data label such as "Valle Alto", "2015" or "Ribeña") with each character
    outside ASCII letters, digits and hyphens, and a leading digit, as `_xHHHH_` (XLIFF ids
    are XML NMTOKENs: no spaces)."""
    if isinstance(part, int):
        return str(part)
    if PLAIN_NAME.match(part) and "_x" not in part:
        return part
    return "".join(
        char if (char.isascii() and (char.isalnum() or char == "-") and (index or
                                                                          not char.isdigit()))
        else f"_x{ord(char):04X}_" for index, char in enumerate(part))


def _name_of(token: str) -> str:
    return ESCAPED.sub(lambda match: chr(int(match[1], 16)), token)


def key_of(text: str, separator: str) -> KeyPath | None:
    """"messages.2.title" (XLIFF id) or "messages[2].title" (PO context) -> a key path; None
    when the text is not a key (the grammar is strict: ASCII names, indexes up to 9999)."""
    if separator == ".":
        if not XLIFF_ID.match(text):
            return None
        parts: list[str | int] = [int(part) if part.isdigit() else _name_of(part)
                                  for part in text.split(".")]
    else:
        if not PO_CONTEXT.match(text):
            return None
        parts = [int(index) if index else _name_of(name)
                 for name, index in PO_PART.findall(text)]
    return tuple(parts) if len(parts) <= MAX_KEY_PARTS else None


def read_file(path: Path, roots: tuple[Path, ...], diagnostics: Diagnostics) -> bytes | None:
    """The bytes of a translator's file named on the command line.

    A file inside the workspace must stay inside it (a link out is refused); a file outside
    it was named by the user and is read where it is. Either way it must be a regular file
    within the size limit, checked on the file actually opened.
    """
    absolute = Path.cwd() / path if not path.is_absolute() else path
    try:
        if any(_lexically_inside(absolute, root) for root in roots[:1]):
            checked(absolute, roots)
        return read_regular(absolute.resolve(), MAX_FILE_BYTES, shown_as=path.name)
    except TooLarge as exc:
        diagnostics.error(f"{exc.name} is over the {exc.limit // 1_000_000} MB limit", path,
                          Position(1, 1))
    except RefusedPath as exc:
        diagnostics.error(str(exc), path, Position(1, 1))
    except OSError as exc:
        diagnostics.error(f"cannot read the file: {exc.strerror or exc}", path, Position(1, 1))
    return None


def _lexically_inside(path: Path, root: Path) -> bool:
    import os

    return Path(os.path.normpath(path)).is_relative_to(Path(os.path.normpath(root.absolute())))


def read_translated(path: Path, diagnostics: Diagnostics,
                    roots: tuple[Path, ...] = ()) -> TranslatedFile | None:
    """Read one file; every problem is an error naming the file and line."""
    data = read_file(path, roots, diagnostics)
    if data is None:
        return None
    if path.suffix.lower() == ".po":
        return _read_po(path, data, diagnostics)
    if path.suffix.lower() in {".xlf", ".xliff"}:
        return _read_xliff(path, data, diagnostics)
    diagnostics.error("not a translation file: give .xlf (XLIFF 2.0) or .po files, as "
                      "`briefs i18n export` writes them", path, Position(1, 1))
    return None


def _line_of(data: bytes, needle: bytes) -> int:
    offset = data.find(needle)
    return data.count(b"\n", 0, offset) + 1 if offset >= 0 else 1


def parse_xml(path: Path, data: bytes, diagnostics: Diagnostics,
              what: str = "XLIFF") -> Any | None:
    """The root element of an XML file with no DTD, no entity and no external reference
    (defusedxml refuses those first); None after an error at the file's line."""
    import defusedxml.ElementTree as SafeTree
    from defusedxml import DefusedXmlException
    from lxml import etree

    try:
        SafeTree.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        diagnostics.error("the file declares a DTD or entities, which translation files never "
                          "need and briefs does not read; remove the <!DOCTYPE ...> part",
                          path, Position(_line_of(data, b"<!DOCTYPE"), 1))
        return None
    except SafeTree.ParseError as exc:
        line, column = getattr(exc, "position", (1, 0))
        reason = re.sub(r": line \d+, column \d+$", "", str(exc))
        diagnostics.error(f"not well-formed {what}: {reason}", path, Position(line, column + 1))
        return None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, dtd_validation=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        diagnostics.error(f"not well-formed {what}: {exc}", path,
                          Position(exc.lineno or 1, (exc.offset or 0) + 1))
        return None


def _read_xliff(path: Path, data: bytes, diagnostics: Diagnostics) -> TranslatedFile | None:
    root = parse_xml(path, data, diagnostics)
    if root is None:
        return None
    files = root.findall(f"{{{XLIFF2}}}file")
    if root.tag != f"{{{XLIFF2}}}xliff" or len(files) != 1:
        diagnostics.error("not an XLIFF 2.0 file with one <file> (as `briefs i18n export` "
                          "writes)", path, Position(root.sourceline or 1, 1))
        return None
    found = TranslatedFile(path, str(files[0].get("id") or ""), str(root.get("trgLang") or ""))
    for element in files[0].iter(f"{{{XLIFF2}}}unit"):
        unit = _xliff_unit(path, element, diagnostics)
        if unit is not None:
            found.units.append(unit)
    return found


def _xliff_unit(path: Path, element: Any, diagnostics: Diagnostics) -> TranslatedUnit | None:
    """One <unit>: its segments' sources and targets joined as paragraphs."""
    line = element.sourceline or 1
    ident = str(element.get("id") or "")
    key = key_of(ident, ".")
    if key is None:
        diagnostics.error(f'unit id "{ident[:60]}" is not a key of the document (names and '
                          f"list indexes up to {MAX_INDEX} joined by dots, as exported); was "
                          "it changed by hand?", path, Position(line, 1))
        return None
    segments = element.findall(f"{{{XLIFF2}}}segment")
    if not segments:
        diagnostics.error(f'unit "{ident}" has no <segment>', path, Position(line, 1))
        return None
    codes = read_codes(element)
    sources, targets, states = [], [], []
    for segment in segments:
        source_node = segment.find(f"{{{XLIFF2}}}source")
        if source_node is None:
            diagnostics.error(f'unit "{ident}": a <segment> without its <source>; export the '
                              "file again", path, Position(segment.sourceline or line, 1))
            return None
        target_node = segment.find(f"{{{XLIFF2}}}target")
        state = str(segment.get("state") or "initial")
        if state not in STATES:
            diagnostics.error(f'unit "{ident}": unknown state "{state[:20]}" (initial, '
                              "translated, reviewed or final)", path,
                              Position(segment.sourceline or line, 1))
            return None
        try:
            sources.append(flatten(source_node, codes))
            targets.append(None if target_node is None else flatten(target_node, codes))
        except InlineProblem as exc:
            where = target_node if target_node is not None else source_node
            diagnostics.error(f'unit "{ident}": {exc}', path,
                              Position(getattr(exc, "line", None) or where.sourceline or line,
                                       1))
            return None
        states.append(state)
    target = None if all(t is None for t in targets) else \
        _joined([t if t is not None else "" for t in targets])
    state = min(states, key=["initial", "translated", "reviewed", "final"].index)
    return TranslatedUnit(key, _joined(sources), target, state in CONFIRMED, line, state)


def _joined(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs)


def _read_po(path: Path, data: bytes, diagnostics: Diagnostics) -> TranslatedFile | None:
    from translate.storage.po import pofile

    try:
        data.decode("utf-8")
        store = pofile.parsestring(data)
    except UnicodeDecodeError as exc:
        diagnostics.error(f"not UTF-8 text ({exc.reason})", path,
                          Position(data.count(b"\n", 0, exc.start) + 1, 1))
        return None
    except Exception as exc:  # translate-toolkit's parsers raise plain exceptions
        diagnostics.error(f"not a readable PO file: {exc}", path, Position(1, 1))
        return None
    header = store.parseheader()
    found = TranslatedFile(path, str(header.get("X-Briefs-Document", "")),
                           str(header.get("Language", "")))
    text = data.decode("utf-8")
    for unit in store.units:
        if unit.isheader() or unit.isobsolete():
            continue
        context = str(unit.getcontext() or "")
        offset = text.find(f'msgctxt "{context}"') if context else -1
        line = text.count("\n", 0, offset) + 1 if offset >= 0 else 1
        key = key_of(context, "[")
        if key is None:
            problem = "a message without its key (msgctxt)" if not context else \
                f'msgctxt "{context[:60]}" is not a key of the document (as exported)'
            diagnostics.error(f'{problem}: "{str(unit.source)[:40]}"', path, Position(line, 1))
            continue
        fuzzy = bool(unit.isfuzzy())
        found.units.append(TranslatedUnit(key, str(unit.source), str(unit.target or "") or None,
                                          not fuzzy, line, "fuzzy" if fuzzy else "translated"))
    return found
