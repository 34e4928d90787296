"""Read translators' files (XLIFF 2 or PO) into key -> translation, with each unit's line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from briefs.content.loader import KeyPath
from briefs.core.diagnostics import Diagnostics, Position
from briefs.i18n.inline import XLIFF2, InlineProblem, flatten, read_codes

MAX_FILE_BYTES = 20_000_000
KEY_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
CONFIRMED = {"translated", "reviewed", "final"}


@dataclass(frozen=True)
class TranslatedUnit:
    """One unit of a translator's file: the source it was made from, and its translation."""

    key: KeyPath
    source: str
    target: str | None
    confirmed: bool
    """The translator marked it done (XLIFF translated/reviewed/final; PO not fuzzy)."""
    line: int


@dataclass
class TranslatedFile:
    """A translator's file: which document and locale, and its units."""

    path: Path
    doc: str
    locale: str
    units: list[TranslatedUnit] = field(default_factory=list)

    def line_of(self, key: KeyPath) -> int:
        return next((unit.line for unit in self.units if unit.key == key), 1)


def key_of(text: str, separator: str) -> KeyPath | None:
    """"messages.2.title" (XLIFF id) or "messages[2].title" (PO context) -> a key path."""
    if separator == ".":
        return tuple(int(part) if part.isdigit() else part for part in text.split("."))
    parts = [(int(index) if index else name) for name, index in KEY_PART.findall(text)]
    return tuple(parts) if parts else None


def read_translated(path: Path, diagnostics: Diagnostics) -> TranslatedFile | None:
    """Read one file; every problem is an error naming the file and line."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        diagnostics.error(f"cannot read the file: {exc.strerror or exc}", path)
        return None
    if len(data) > MAX_FILE_BYTES:
        diagnostics.error(f"the file is larger than {MAX_FILE_BYTES // 1_000_000} MB", path)
        return None
    if path.suffix.lower() == ".po":
        return _read_po(path, data, diagnostics)
    if path.suffix.lower() in {".xlf", ".xliff"}:
        return _read_xliff(path, data, diagnostics)
    diagnostics.error("not a translation file: give .xlf (XLIFF 2.0) or .po files, as "
                      "`briefs i18n export` writes them", path)
    return None


def _read_xliff(path: Path, data: bytes, diagnostics: Diagnostics) -> TranslatedFile | None:
    from lxml import etree
    from translate.storage.xliff2 import Xliff2File

    try:
        store = Xliff2File.parsestring(data)
    except (etree.XMLSyntaxError, ValueError) as exc:
        line = getattr(exc, "lineno", None)
        diagnostics.error(f"not well-formed XLIFF: {exc}", path,
                          Position(line, 1) if line else None)
        return None
    root = store.document.getroot()
    files = root.findall(f"{{{XLIFF2}}}file")
    if root.tag != f"{{{XLIFF2}}}xliff" or len(files) != 1:
        diagnostics.error("not an XLIFF 2.0 file with one <file> (as `briefs i18n export` "
                          "writes)", path, Position(root.sourceline or 1, 1))
        return None
    found = TranslatedFile(path, str(files[0].get("id") or ""), str(root.get("trgLang") or ""))
    for unit in store.units:
        segment = unit.xmlelement
        element = segment.getparent()
        try:
            source = flatten(segment.find(f"{{{XLIFF2}}}source"), read_codes(element))
            target_node = segment.find(f"{{{XLIFF2}}}target")
            target = None if target_node is None else flatten(target_node, read_codes(element))
        except (InlineProblem, TypeError) as exc:
            diagnostics.error(f'unit "{element.get("id")}": {exc}', path,
                              Position(element.sourceline or 1, 1))
            continue
        key = key_of(str(element.get("id") or ""), ".")
        assert key is not None
        found.units.append(TranslatedUnit(key, source, target,
                                          segment.get("state") in CONFIRMED,
                                          element.sourceline or 1))
    return found


def _read_po(path: Path, data: bytes, diagnostics: Diagnostics) -> TranslatedFile | None:
    from translate.storage.po import pofile

    try:
        store = pofile.parsestring(data)
    except Exception as exc:  # translate-toolkit's parsers raise plain exceptions
        diagnostics.error(f"not a readable PO file: {exc}", path)
        return None
    header = store.parseheader()
    found = TranslatedFile(path, str(header.get("X-Briefs-Document", "")),
                           str(header.get("Language", "")))
    text = data.decode("utf-8", "replace")
    for unit in store.units:
        if unit.isheader() or unit.isobsolete():
            continue
        context = unit.getcontext()
        key = key_of(context, "[")
        offset = text.find(f'msgctxt "{context}"')
        line = text.count("\n", 0, offset) + 1 if offset >= 0 else 1
        if key is None:
            diagnostics.error(f'a message without its key (msgctxt): "{unit.source[:40]}"',
                              path, Position(line, 1))
            continue
        found.units.append(TranslatedUnit(key, str(unit.source), str(unit.target or "") or None,
                                          not unit.isfuzzy(), line))
    return found
