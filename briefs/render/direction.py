"""The direction of the text an element holds: its own or nearest `dir`, as HTML resolves it.

The typesetting pass (`render/typeset.py`, `render/ltr_across.py`) applies its right-to-left
rules to right-to-left text and its left-to-right rules to left-to-right text, whatever the
document's direction: an English quotation in a block with `dir="ltr"` inside Arabic text, an
Arabic passage with `dir="rtl"` inside an English page, a `<bdi>`. HTML's rules: the nearest
element (itself included) with `dir="ltr"` or `dir="rtl"` gives the direction; `dir="auto"`
and a `<bdi>` without `dir` take the direction of their first strong character (bidi classes
L, R, AL), skipping the text of isolates inside them, and left to right if there is none;
with neither, the document's direction (`<html dir>`, given by the caller).

WeasyPrint reads `dir="ltr"` and `dir="rtl"` only: it drew a `<bdi>` without `dir`, or an
element with `dir="auto"`, in its parent's direction (a Hebrew name in a `<bdi>` in English
text as left-to-right text). `resolve_auto` writes the direction HTML resolves into `dir`.
"""

from __future__ import annotations

import unicodedata

from lxml.html import HtmlElement

SKIPPED = {"script", "style", "svg", "math", "textarea", "title"}


def is_rtl(element: HtmlElement, document_rtl: bool,
           resolved: dict[HtmlElement, bool] | None = None) -> bool:
    """Whether the element's own text is right-to-left text. `resolved` keeps what each
    `dir="auto"` element and `<bdi>` resolved to, so that a pass over every element reads each
    such subtree once (linear, however many elements it holds)."""
    node: HtmlElement | None = element
    while node is not None and node.tag != "html":
        value = (node.get("dir") or "").strip().lower()
        if value in ("ltr", "rtl"):
            return value == "rtl"
        if value == "auto" or node.tag == "bdi":
            if resolved is None:
                return _first_strong(node) == "rtl"
            if node not in resolved:
                resolved[node] = _first_strong(node) == "rtl"
            return resolved[node]
        node = node.getparent()
    return document_rtl


def resolve_auto(root: HtmlElement) -> dict[HtmlElement, bool]:
    """Give each `<bdi>` without `dir` and each `dir="auto"` element under `root` the
    direction HTML resolves for it; the directions found (right to left?), for `is_rtl`.
    Linear: each element's text is read for the nearest such element around it only."""
    resolved: dict[HtmlElement, bool] = {}
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        value = (element.get("dir") or "").strip().lower()
        if value == "auto" or (element.tag == "bdi" and value not in ("ltr", "rtl")):
            resolved[element] = _first_strong(element) == "rtl"
            element.set("dir", "rtl" if resolved[element] else "ltr")
    return resolved


def text_direction(text: str) -> str:
    """`ltr` or `rtl`: the direction of the text's first strong character (`ltr` if none)."""
    return _strong(text) or "ltr"


def language(element: HtmlElement, default: str) -> str:
    """The language of the element's text: its own or nearest `lang`, else `default`."""
    node: HtmlElement | None = element
    while node is not None:
        value = (node.get("lang") or "").strip()
        if value:
            return value
        node = node.getparent()
    return default


def isolates(element: HtmlElement) -> bool:
    """Whether the element is a bidi isolate: a `<bdi>`, or an element with a valid `dir`."""
    return element.tag == "bdi" or (element.get("dir") or "").strip().lower() in (
        "ltr", "rtl", "auto")


def _first_strong(element: HtmlElement) -> str | None:
    """'ltr' or 'rtl' from the first strong character of the element's text (not inside a
    nested isolate), None if it has none (HTML then says left to right)."""
    found = _strong(element.text)
    if found:
        return found
    for child in element:
        if isinstance(child.tag, str) and child.tag not in SKIPPED and not isolates(child):
            found = _first_strong(child)
            if found:
                return found
        found = _strong(child.tail)
        if found:
            return found
    return None


def _strong(text: str | None) -> str | None:
    for char in text or "":
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return None
