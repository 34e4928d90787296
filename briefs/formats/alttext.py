"""The alt text of an image made from a document: the document's own words, in reading
order, one block a line (headings, paragraphs, list items, terms, image descriptions),
without what the image leaves out."""

from __future__ import annotations

import re
from collections.abc import Iterable

BLOCKS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "dt", "dd", "figcaption",
                    "blockquote", "caption", "th", "td", "address"))
SKIPPED = frozenset(("head", "script", "style", "template", "noscript"))
SPACE = re.compile(r"\s+")
MAX_CHARS = 20_000


def alt_text(html: str, hidden_classes: Iterable[str] = ()) -> str:
    """The text of `html` for people who cannot see the image (a line per block), leaving out
    elements with any of `hidden_classes` and figure captions when captions are hidden."""
    import lxml.html

    root = lxml.html.document_fromstring(html)
    hidden = frozenset(hidden_classes)
    lines: list[str] = []
    _walk(root.find("body") if root.find("body") is not None else root, hidden, lines)
    text = "\n".join(dict.fromkeys(line for line in lines if line))  # no line twice
    return text[:MAX_CHARS] + "\n"


def _walk(element: object, hidden: frozenset[str], lines: list[str]) -> None:
    for child in element:  # type: ignore[attr-defined]
        tag = child.tag if isinstance(child.tag, str) else ""
        classes = set((child.get("class") or "").split())
        if not tag or tag in SKIPPED or classes & hidden or \
                (tag == "figcaption" and "figcaption" in hidden) or \
                child.get("aria-hidden") == "true":
            continue
        if tag == "img":
            lines.append(_words(child.get("alt") or ""))
        elif tag == "figcaption":  # caption and credit, each a line
            lines += [_words(_text(part, hidden)) for part in child if isinstance(part.tag, str)]
            lines.append(_words(child.text or ""))
        elif tag in BLOCKS and not _has_blocks(child):
            lines.append(_words(_text(child, hidden)))
        else:
            _walk(child, hidden, lines)


def _has_blocks(element: object) -> bool:
    return any(isinstance(d.tag, str) and (d.tag in BLOCKS or d.tag == "img")
               for d in element.iterdescendants())  # type: ignore[attr-defined]


def _text(element: object, hidden: frozenset[str]) -> str:
    """The element's text, without hidden inline parts (a footnote's text)."""
    parts = [element.text or ""]  # type: ignore[attr-defined]
    for child in element:  # type: ignore[attr-defined]
        classes = set((child.get("class") or "").split()) if isinstance(child.tag, str) else set()
        if not classes & hidden and child.get("aria-hidden") != "true":
            parts.append(_text(child, hidden))
        parts.append(child.tail or "")
    return "".join(parts)


def _words(text: str) -> str:
    return SPACE.sub(" ", text).strip()
