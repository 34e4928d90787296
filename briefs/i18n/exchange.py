"""Export a document's prose for translators: one XLIFF 2 (or PO) file per document and locale,
written with translate-toolkit, each unit with its source, current translation and state."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from briefs.content.loader import KeyPath, load_yaml_file
from briefs.content.validation import format_key_path
from briefs.i18n.inline import XLIFF2, Codes, fill, original_data
from briefs.i18n.lock import compare, prose_leaves, read_lock
from briefs.i18n.status import Scope, document_source

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

    @property
    def name(self) -> str:
        return format_key_path(self.key)

    @property
    def id(self) -> str:
        """An XML-safe id: messages[2].title -> messages.2.title."""
        return ".".join(str(part) for part in self.key)


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
    for key, text in leaves.items():
        name = format_key_path(key)
        status = "new" if name in state.missing else \
            "stale" if name in state.stale else "translated"
        exchange.units.append(Unit(key, text, translated.get(key), status,
                                   source.position_of(key, value=True).line))
    return exchange


def file_name(exchange: Exchange, format_name: str) -> str:
    return f"{exchange.doc}.{exchange.locale}{FORMATS[format_name]}"


def to_xliff(exchange: Exchange) -> bytes:
    """An XLIFF 2.0 file: one <unit> per text, notes with its key and line, Markdown as codes."""
    from translate.storage.xliff2 import Xliff2File

    store = Xliff2File(sourcelanguage=exchange.source_locale,
                       targetlanguage=exchange.locale)
    for unit in exchange.units:
        created = store.UnitClass(unit.source)
        created.setid(unit.id)
        if unit.translation is not None:
            created.target = unit.translation
        store.addunit(created)
    root = store.document.getroot()
    file_element = root.find(f"{{{XLIFF2}}}file")
    file_element.set("id", exchange.doc)
    file_element.set("original", exchange.source_path)
    shaped = list(zip(root.iter(f"{{{XLIFF2}}}unit"), exchange.units, strict=True))
    for element, unit in shaped:
        _shape_unit(element, unit, exchange)
    etree.indent(root, space="  ")
    for element, unit in shaped:  # after indenting, which would add spaces inside the texts
        _fill_texts(element, unit)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _shape_unit(element: Any, unit: Unit, exchange: Exchange) -> None:
    """Notes first (key, line, state), codes for Markdown, the state on the segment."""
    segment = element.find(f"{{{XLIFF2}}}segment")
    segment.attrib.pop(XML_SPACE, None)
    element.set("name", unit.name)
    notes = etree.Element(f"{{{XLIFF2}}}notes")
    for category, text in _notes(unit, exchange):
        etree.SubElement(notes, f"{{{XLIFF2}}}note", category=category).text = text
    element.insert(0, notes)
    segment.set("state", "translated" if unit.state == "translated" else "initial")
    if unit.state == "stale":
        segment.set("subState", STALE)


def _fill_texts(element: Any, unit: Unit) -> None:
    """Source and target with Markdown as inline codes, and the codes' original data."""
    segment = element.find(f"{{{XLIFF2}}}segment")
    codes = Codes()
    for part in ("source", "target"):
        node = segment.find(f"{{{XLIFF2}}}{part}")
        if node is not None:
            node.set(XML_SPACE, "preserve")
            fill(node, unit.source if part == "source" else unit.translation or "", codes)
    original_data(element, codes)


def _notes(unit: Unit, exchange: Exchange) -> list[tuple[str, str]]:
    notes = [("key", unit.name), ("location", f"{exchange.source_path}:{unit.line}")]
    if unit.state == "stale":
        notes.append(("state", f"stale: the {exchange.source_locale} text changed since this "
                               "was translated; check the translation against it"))
    return notes


def to_po(exchange: Exchange) -> bytes:
    """A PO file: msgctxt is the key, a `#:` reference the source line; stale is fuzzy."""
    from translate.storage.po import pofile

    store = pofile()
    store.settargetlanguage(exchange.locale)
    store.updateheader(add=True, Language=exchange.locale,
                       X_Briefs_Document=exchange.doc,
                       X_Briefs_Source=exchange.source_path)
    for unit in exchange.units:
        created = store.UnitClass(unit.source)
        created.setcontext(unit.name)
        created.addlocation(f"{exchange.source_path}:{unit.line}")
        if unit.translation is not None:
            created.target = unit.translation
        if unit.state == "stale":
            created.addnote(f"stale: the {exchange.source_locale} text changed since this was "
                            "translated", origin="developer")
            created.markfuzzy(True)
        store.addunit(created)
    return bytes(store)


def export(scope: Scope, doc_ids: list[str], locales: list[str], format_name: str,
           folder: Path) -> list[Path]:
    """Write one file per document and locale into `folder`; return their paths."""
    from briefs.output.writer import write_workspace_file

    written = []
    for doc_id in doc_ids:
        for locale in locales:
            exchange = collect(scope, doc_id, locale)
            if exchange is None:
                continue
            data = to_xliff(exchange) if format_name == "xliff" else to_po(exchange)
            path = folder / file_name(exchange, format_name)
            write_workspace_file(path, data)
            written.append(path)
    return written
