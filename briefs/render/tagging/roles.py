"""Which structure type (or artifact) an HTML element, or one of its pseudo-elements, becomes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

STANDARD_TYPES = frozenset({
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index",
    "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl",
    "LBody", "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note",
    "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT",
    "WP", "Figure", "Formula", "Form",
})
"""The standard structure types of PDF 1.7 (ISO 32000-1, 14.8.4), which PDF/UA-1 builds on."""

ROLE_MAP = {"Em": "Span", "Strong": "Span"}
"""Emphasis keeps its meaning (PDF 2.0 names it Em and Strong); PDF/UA-1 needs each such type
mapped to the standard type it behaves as."""

ELEMENT_TYPES = {
    "p": "P", "pre": "P", "h1": "H1", "h2": "H2", "h3": "H3", "h4": "H4", "h5": "H5",
    "h6": "H6", "blockquote": "BlockQuote", "ul": "L", "ol": "L", "dl": "L", "li": "LI",
    "dt": "Lbl", "dd": "LBody", "figcaption": "Caption", "caption": "Caption", "img": "Figure",
    "{http://www.w3.org/2000/svg}svg": "Figure", "a": "Link", "em": "Em", "i": "Em",
    "strong": "Strong", "b": "Strong", "code": "Code", "q": "Quote", "section": "Sect",
    "article": "Art", "main": "Part", "div": "Div", "header": "Div", "footer": "Div",
    "aside": "Div", "nav": "Div", "address": "Div", "figure": "Div", "table": "Table",
    "thead": "THead", "tbody": "TBody", "tfoot": "TFoot", "tr": "TR", "th": "TH", "td": "TD",
}
"""HTML elements with a meaning of their own; others (span, bdi, time...) add nothing, and
their text belongs to the element around them."""

PSEUDO_TYPES = {"marker": "Lbl", "footnote-call": "Reference", "footnote-marker": "Lbl"}

TAG_ATTRIBUTE = "data-pdf-tag"
"""Lets a template give an element another standard type (`Lbl` for a number drawn by hand),
or `Artifact` for decoration."""

LIST_NUMBERING = {
    "decimal": "Decimal", "decimal-leading-zero": "Decimal", "lower-roman": "LowerRoman",
    "upper-roman": "UpperRoman", "lower-alpha": "LowerAlpha", "lower-latin": "LowerAlpha",
    "upper-alpha": "UpperAlpha", "upper-latin": "UpperAlpha", "disc": "Disc",
    "circle": "Circle", "square": "Square",
}


@dataclass(frozen=True)
class Artifact:
    """Content that is not part of the document's text: page furniture, decoration."""

    type: str
    subtype: str | None = None


DECORATION = Artifact("Layout")
HEADER = Artifact("Pagination", "Header")
FOOTER = Artifact("Pagination", "Footer")
REPEATED = Artifact("Pagination")


def split_tag(element_tag: str) -> tuple[str, str]:
    """`li::marker` -> (`li`, `marker`); `p` -> (`p`, ``)."""
    base, _, pseudo = element_tag.partition("::")
    return base, pseudo


def structure_type(box: Any) -> str | Artifact | None:
    """What the box's element (or pseudo-element) is in the structure tree.

    None means it adds nothing: its content belongs to the element around it.
    """
    element = box.element
    base, pseudo = split_tag(box.element_tag)
    if _hidden(element) or (base == "img" and not pseudo and _decorative(element)):
        return DECORATION
    if pseudo:
        if pseudo == "before" and base == "li":
            return "Lbl"  # a bullet or number drawn by the stylesheet
        return PSEUDO_TYPES.get(pseudo)
    chosen = element.get(TAG_ATTRIBUTE)
    if chosen == "Artifact":
        return DECORATION
    if chosen in STANDARD_TYPES or chosen in ROLE_MAP:
        return str(chosen)
    if box.style["float"] == "footnote":
        return "Note"
    if base in ELEMENT_TYPES:
        return ELEMENT_TYPES[base]
    return "Span" if element.get("lang") else None


def _hidden(element: Any) -> bool:
    return str(element.get("aria-hidden", "")).lower() == "true"


def _decorative(element: Any) -> bool:
    return element.get("role") in ("presentation", "none") or element.get("alt") == ""


def list_numbering(box: Any) -> str:
    """The ListNumbering attribute of a list: from its items' list-style-type; an `ol` whose
    numbers are drawn by hand is still decimal."""
    items = [child for child in getattr(box, "children", ()) if child.element_tag == "li"]
    style = items[0].style["list_style_type"] if items else "none"
    numbering = LIST_NUMBERING.get(style if isinstance(style, str) else "", "None")
    if numbering == "None" and box.element_tag == "ol":
        return "Decimal"
    if numbering == "None" and any(_has_bullet(item) for item in items):
        return "Disc"
    return numbering


def _has_bullet(item: Any) -> bool:
    return any(getattr(getattr(child, "_box", child), "element_tag", "") == "li::before"
               for child in getattr(item, "children", ()))
