"""Export a document's prose for translators: one XLIFF 2 (or PO) file per document and locale,
written with translate-toolkit, each unit with its source, current translation and state."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from briefs.content.loader import KeyPath, load_yaml_file
from briefs.content.translations_lock import compare, prose_leaves, read_lock
from briefs.content.validation import format_key_path
from briefs.i18n.inline import XLIFF2, Codes, fill, original_data
from briefs.i18n.status import Scope, document_source
from briefs.i18n.translated_files import key_token

FORMATS = {"xliff": ".xlf", "po": ".po"}
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
STALE = "briefs:stale"
"""The XLIFF 2 subState of a translation whose source text changed since it was made."""


@dataclass(frozen=True)
class Unit:
    """One translatable text of a document: where it is, and how its translation stands."""

    key: KeyPath
    source: str
    translation: str | None
    state: str
    """new (no translation), translated, or stale (the source changed since)."""
    line: int
    """The line of the source text in the source file."""
    previous: str | None = None
    """For a stale unit: the source text the translation was made from, when recorded."""
    review: str | None = None
    """reviewed or final, when the translator marked the current translation so."""

    @property
    def name(self) -> str:
        return format_key_path(self.key)

    @property
    def id(self) -> str:
        """An XML-safe id: messages[2].title -> messages.2.title."""
        return ".".join(key_token(part) for part in self.key)

    @property
    def context(self) -> str:
        """The PO msgctxt: messages[2].title, with data labels escaped as in `id`."""
        return format_key_path(tuple(part if isinstance(part, int) else key_token(part)
                                     for part in self.key))


@dataclass
class Exchange:
    """A document's prose in one locale, ready to hand to a translator."""

    doc: str
    source_locale: str
    locale: str
    source_path: str
    """The source file, relative to the workspace (content/<doc>/en.yaml)."""
    units: list[Unit] = field(default_factory=list)


def collect(scope: Scope, doc_id: str, locale: str) -> Exchange | None:
    """The units of one document in one locale; None when its source cannot be read."""
    workspace = scope.workspace
    loaded = document_source(workspace, scope.kinds, doc_id, scope.diagnostics)
    if loaded is None:
        return None
    source, kind, _ = loaded
    model = kind.text_model
    folder = workspace.content_dir / doc_id
    path = folder / f"{locale}.yaml"
    translation = load_yaml_file(path, scope.diagnostics, roots=workspace.read_roots) \
        if path.is_file() else None
    translated = prose_leaves(translation.data, model) if translation else {}
    leaves = prose_leaves(source.data, model)
    lock = read_lock(workspace, folder, scope.diagnostics)
    state = compare(leaves, translated, locale, lock.get(locale, {}))
    exchange = Exchange(doc_id, workspace.config.source_locale, locale,
                        source.path.relative_to(workspace.root).as_posix())
    records = lock.get(locale, {})
    for key, text in leaves.items():
        name = format_key_path(key)
        status = "new" if name in state.missing else \
            "stale" if name in state.stale else "translated"
        record = records.get(name, {})
        exchange.units.append(Unit(
            key, text, translated.get(key), status, source.position_of(key, value=True).line,
            previous=record.get("text") if status == "stale" else None,
            review=record.get("state") if status == "translated" and record.get("state") in
            ("reviewed", "final") else None))
    return exchange


PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
BLOCK_START = re.compile(r"[ \t]*(?:[-+*]|\d+[.)]|>|\||#|\[\^[^\]\s]+\]:)(?:[ \t]|$)")


def paragraphs(text: str) -> list[str]:
    """A text's paragraphs, each with the line wraps of its YAML source joined by spaces
    (a line that starts a list item, a quote, a table row or a footnote, or that follows a
    hard line break, keeps its line break)."""
    found = []
    for paragraph in PARAGRAPH_BREAK.split(text.strip()):
        lines = paragraph.split("\n")
        joined = lines[0]
        for previous, line in itertools.pairwise(lines):
            if previous.endswith(("  ", "\\")) or BLOCK_START.match(line):
                joined += "\n" + line
            else:
                joined = joined.rstrip() + " " + line.strip()
        found.append(joined)
    return found


def file_name(exchange: Exchange, format_name: str) -> str:
    return f"{exchange.doc}.{exchange.locale}{FORMATS[format_name]}"


def to_xliff(exchange: Exchange) -> bytes:
    """An XLIFF 2.0 file (valid against the OASIS core schema): one <unit> per text, one
    <segment> per paragraph, notes with its key, line and state, Markdown as inline codes."""
    root = etree.Element(_x("xliff"), nsmap={None: XLIFF2}, version="2.0",
                         srcLang=exchange.source_locale, trgLang=exchange.locale)
    file_element = etree.SubElement(root, _x("file"), id=exchange.doc,
                                    original=exchange.source_path)
    filled = []
    for unit in exchange.units:
        element = etree.SubElement(file_element, _x("unit"), id=unit.id, name=unit.name)
        notes = etree.SubElement(element, _x("notes"))
        for category, text in _notes(unit, exchange):
            etree.SubElement(notes, _x("note"), category=category).text = text
        sources = paragraphs(unit.source)
        targets = paragraphs(unit.translation) if unit.translation is not None else None
        if targets is not None and len(targets) != len(sources):
            sources, targets = [unit.source], [unit.translation or ""]  # cannot be aligned
        state = _state(unit)
        for number, text in enumerate(sources):
            segment = etree.SubElement(element, _x("segment"), state=state)
            if len(sources) > 1:
                segment.set("id", f"p{number + 1}")
            if unit.state == "stale":
                segment.set("subState", STALE)
            filled.append((etree.SubElement(segment, _x("source")), text))
            if targets is not None:
                filled.append((etree.SubElement(segment, _x("target")), targets[number]))
    etree.indent(root, space="  ")
    units: dict[Any, Codes] = {}
    for node, text in filled:  # after indenting, which would add spaces inside the texts
        unit_element = node.getparent().getparent()
        codes = units.setdefault(unit_element, Codes())
        node.set(XML_SPACE, "preserve")
        segment_id = node.getparent().get("id")
        fill(node, text, codes, f"{segment_id}-" if segment_id else "")
    for unit_element, codes in units.items():
        original_data(unit_element, codes)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _x(name: str) -> str:
    return f"{{{XLIFF2}}}{name}"


def _state(unit: Unit) -> str:
    if unit.state != "translated":
        return "initial"
    return unit.review or "translated"


def _notes(unit: Unit, exchange: Exchange) -> list[tuple[str, str]]:
    notes = [("key", unit.name), ("location", f"{exchange.source_path}:{unit.line}")]
    if unit.state == "stale":
        notes.append(("state", f"stale: the {exchange.source_locale} text changed since this "
                               "was translated; check the translation against it"))
        notes.append(("previous-source", "\n\n".join(paragraphs(unit.previous))
                      if unit.previous else "(the earlier text was not recorded)"))
    return notes


def to_po(exchange: Exchange, project: str = "briefs") -> bytes:
    """A PO file: msgctxt is the key, a `#:` reference the source line; stale is fuzzy with
    the previous msgid (`#|`); a header naming the language and the project."""
    from translate.storage.po import pofile

    store = pofile()
    store.updateheader(add=True, Project_Id_Version=f"{project} {exchange.doc}",
                       Report_Msgid_Bugs_To="", Last_Translator="",
                       Language_Team=exchange.locale, Language=exchange.locale,
                       X_Briefs_Document=exchange.doc, X_Briefs_Source=exchange.source_path)
    store.settargetlanguage(exchange.locale)
    made = store.parseheader().get("POT-Creation-Date", "")
    store.updateheader(PO_Revision_Date=made)  # not gettext's YEAR-MO-DA placeholder
    for unit in exchange.units:
        created = store.UnitClass(unit.source)
        created.setcontext(unit.context)
        created.addlocation(f"{exchange.source_path}:{unit.line}")
        if unit.translation is not None:
            created.target = unit.translation
        if unit.state == "stale":
            created.addnote(f"stale: the {exchange.source_locale} text changed since this was "
                            "translated", origin="developer")
            if unit.previous:
                created.prev_source = unit.previous
            created.markfuzzy(True)
        store.addunit(created)
    return bytes(store)


def export(scope: Scope, doc_ids: list[str], locales: list[str], format_name: str,
           folder: Path, confine: bool = True) -> list[Path]:
    """Write one file per document and locale into `folder`; return their paths. A folder
    inside the workspace (`confine`) may not lead out of it through a link."""
    from briefs.output.writer import write_workspace_file

    written = []
    for doc_id in doc_ids:
        for locale in locales:
            exchange = collect(scope, doc_id, locale)
            if exchange is None:
                continue
            data = to_xliff(exchange) if format_name == "xliff" else to_po(exchange)
            path = folder / file_name(exchange, format_name)
            write_workspace_file(path, data, scope.workspace.root if confine else None)
            written.append(path)
    return written
