"""Markdown markup as XLIFF 2 inline codes (`<ph>`), so that a CAT tool protects it.

`**`, `*`, link and span brackets with their URLs and attributes (`]{lang=zh}`), footnote
marks, list markers, paragraph breaks and `{placeholders}` become codes; the words between
them stay text for the translator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

XLIFF2 = "urn:oasis:names:tc:xliff:document:2.0"
CODE = re.compile(
    r"(?:\A|\n)\[\^[^\]\s]+\]:[ \t]*"       # a footnote's definition, at a line start
    r"|\[\^[^\]\s]+\]"                       # a footnote reference
    r"|\]\([^)\s]+(?:\s+\"[^\"]*\")?\)(?:\{[^}\n]*\})?"  # a link's end: URL, attributes
    r"|\]\{[^}\n]*\}"                       # the end of a span: `]{lang=zh}`
    r"|\[(?=[^\]\n]*\](?:\(|\{))"             # the start of a link or span
    r"|\*\*|__|\*|(?<!\w)_|_(?!\w)"          # emphasis
    r"|(?:\A|\n)[ \t]*(?:[-+*]|\d+[.)])[ \t]+"  # a list item's marker (and its line break)
    r"|\n{2,}"                               # a paragraph break
    r"|[ \t]*\\?\n"                          # a line break kept inside a paragraph
    r"|\{[A-Za-z_][A-Za-z0-9_]*\}"          # a placeholder
)


class InlineProblem(ValueError):
    """A target whose inline codes cannot be turned back into Markdown."""


@dataclass
class Codes:
    """The original text of each inline code of one unit, by id."""

    data: dict[str, str] = field(default_factory=dict)

    def add(self, original: str) -> str:
        for known, text in self.data.items():
            if text == original:
                return known
        ident = f"d{len(self.data) + 1}"
        self.data[ident] = original
        return ident


def _q(name: str) -> str:
    return f"{{{XLIFF2}}}{name}"


def fill(element: etree._Element, text: str, codes: Codes, prefix: str = "") -> None:
    """Set `element`'s content to `text`, with each piece of markup as a `<ph>` (ids
    `<prefix>m1`, `<prefix>m2`...: a source and its target share them, segments do not)."""
    for child in list(element):
        element.remove(child)
    element.text = None
    last: etree._Element | None = None
    position = 0
    for number, match in enumerate(CODE.finditer(text), start=1):
        _append(element, last, text[position:match.start()])
        original = match.group(0)
        shown = original.strip() or ("¶" if original.count("\n") > 1 else "↵")
        last = etree.SubElement(element, _q("ph"), id=f"{prefix}m{number}",
                                dataRef=codes.add(original), disp=shown)
        position = match.end()
    _append(element, last, text[position:])


def _append(element: etree._Element, last: etree._Element | None, text: str) -> None:
    if not text:
        return
    if last is None:
        element.text = (element.text or "") + text
    else:
        last.tail = (last.tail or "") + text


def original_data(unit: etree._Element, codes: Codes) -> None:
    """Write the codes' original text into the unit's `<originalData>` (before segments)."""
    if not codes.data:
        return
    holder = etree.Element(_q("originalData"))  # no xml:space: the schema does not allow it
    for ident, text in codes.data.items():
        etree.SubElement(holder, _q("data"), id=ident).text = text
    segment = unit.find(_q("segment"))
    if segment is not None:
        holder.tail = segment.getprevious().tail if segment.getprevious() is not None else None
    unit.insert(unit.index(segment) if segment is not None else len(unit), holder)


def read_codes(unit: etree._Element) -> dict[str, str]:
    holder = unit.find(_q("originalData"))
    if holder is None:
        return {}
    return {str(data.get("id")): data.text or "" for data in holder.iter(_q("data"))}


def flatten(element: etree._Element, codes: dict[str, str]) -> str:
    """The Markdown text of a `<source>` or `<target>`: text, with each code's original."""
    parts = [element.text or ""]
    for child in element:
        if not isinstance(child.tag, str):  # a comment or processing instruction: not text
            parts.append(child.tail or "")
            continue
        name = etree.QName(child).localname
        if name == "ph":
            reference = child.get("dataRef")
            if reference not in codes:
                raise InlineProblem(f'inline code "{child.get("id")}" refers to "{reference}", '
                                    "which the file's originalData does not have")
            parts.append(codes[reference])
        elif name in {"pc", "mrk", "sc", "ec"}:
            parts.append(flatten(child, codes))
        else:
            raise InlineProblem(f"unexpected <{name}> inside a translation")
        parts.append(child.tail or "")
    return "".join(parts)
