"""Text that is printed without being in the content: what stylesheets generate (`content:`,
list markers, counters in other digits) and the text of SVG images, each with its location.

`briefs check` checks these characters against the brand's fonts like the prose, so that a
list marker or a chart label missing from every font is found before rendering, named by
its stylesheet or SVG and line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tinycss2

from briefs.core.paths import RefusedPath, read_bytes
from briefs.i18n.numbering import COUNTER_STYLES, DIGIT_ZERO

MAX_STYLESHEET_BYTES = 2_000_000
MAX_SVG_BYTES = 5_000_000
LIST_MARKERS = {"disc": "•", "circle": "◦", "square": "▪", "disclosure-open": "▾",
                "disclosure-closed": "▸"}
GENERATING = {"content", "list-style-type", "list-style", "quotes"}
STYLE_DIGITS = {style: "".join(chr(ord(DIGIT_ZERO[system]) + d) for d in range(10))
                for system, style in COUNTER_STYLES.items()}
SVG_NS = "{http://www.w3.org/2000/svg}"
TEXT_TAGS = {"text", "tspan", "textPath"}
GENERIC_FAMILIES = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"}


@dataclass(frozen=True)
class Printed:
    """Characters printed from a file, and where they are written in it."""

    text: str
    path: Path
    line: int
    column: int = 1
    family: str | None = None
    """The font-family an SVG text element asks for ("" when it sets none, so the machine's
    default would print it); None for stylesheet text, or SVG text styled by a <style>."""
    element: str = ""
    """How the message names the element ("<text>")."""


def stylesheet_text(path: Path, roots: Iterable[Path]) -> list[Printed]:
    """Characters a stylesheet's rules can print: strings, list markers, counter digits."""
    try:
        source = read_bytes(path, roots, MAX_STYLESHEET_BYTES).decode("utf-8", "replace")
    except (RefusedPath, OSError):
        return []
    rules = tinycss2.parse_stylesheet(source, skip_comments=True, skip_whitespace=True)
    found: list[Printed] = []
    for declaration in _declarations(rules):
        name = declaration.lower_name
        if name not in GENERATING:
            continue
        for token in _tokens(declaration.value):
            text = _printed_by(token, name)
            if text:
                found.append(Printed(text, path, token.source_line, token.source_column))
    return found


def _declarations(nodes: Iterable[Any]) -> Iterator[Any]:
    """Every declaration, inside qualified rules and at-rules (@page and its margin boxes)."""
    for node in nodes:
        if node.type == "declaration":
            yield node
        elif node.type in ("qualified-rule", "at-rule") and node.content is not None:
            yield from _declarations(tinycss2.parse_blocks_contents(
                node.content, skip_comments=True, skip_whitespace=True))


def _tokens(tokens: Iterable[Any]) -> Iterator[Any]:
    for token in tokens:
        yield token
        if token.type == "function":
            yield from _tokens(token.arguments)


def _printed_by(token: Any, property_name: str) -> str:
    if token.type == "string":
        return str(token.value)
    if token.type == "ident":
        keyword = token.lower_value
        if property_name.startswith("list-style") and keyword in LIST_MARKERS:
            return LIST_MARKERS[keyword]
        return STYLE_DIGITS.get(keyword, "")
    return ""


def svg_text(path: Path, roots: Iterable[Path]) -> list[Printed]:
    """The text of an SVG image, element by element, with the font family each asks for."""
    from lxml import etree

    try:
        data = read_bytes(path, roots, MAX_SVG_BYTES)
    except (RefusedPath, OSError):
        return []
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return []  # reported by the image checks
    found: list[Printed] = []
    styled = any(isinstance(e.tag, str) and e.tag.removeprefix(SVG_NS) == "style"
                 for e in root.iter())
    _walk_svg(root, None if styled else "", path, found)
    return found


def _walk_svg(element: Any, family: str | None, path: Path, found: list[Printed]) -> None:
    if not isinstance(element.tag, str):
        return
    """Collect text; `family` is "" when none is set, None when a <style> may set it."""
    family = _font_family(element) or family
    local = element.tag.removeprefix(SVG_NS)
    if local in TEXT_TAGS and element.text and element.text.strip():
        found.append(Printed(element.text.strip(), path, element.sourceline or 1,
                             family=family, element=f"<{local}>"))
    for child in element:
        _walk_svg(child, family, path, found)
        if local in TEXT_TAGS and child.tail and child.tail.strip():
            found.append(Printed(child.tail.strip(), path, child.sourceline or 1,
                                 family=family, element=f"<{local}>"))


def _font_family(element: Any) -> str | None:
    """The font-family an SVG element sets, as an attribute or in its style attribute."""
    style = element.get("style") or ""
    match = re.search(r"font-family\s*:\s*([^;]+)", style)
    value = match.group(1) if match else element.get("font-family")
    return value.strip() if value else None


def first_family(value: str) -> str:
    """The first family of a font-family list, unquoted."""
    return value.split(",")[0].strip().strip("'\"")
