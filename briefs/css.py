"""Safe CSS snippets generated from data: string literals and page-counter content."""

from __future__ import annotations

import re

from markupsafe import Markup


def css_string(value: str) -> str:
    """A CSS string literal that cannot close its <style> element or its declaration."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ")
    return '"' + escaped.replace("<", "\\3c ").replace(">", "\\3e ") + '"'


def counter_content(label: str, style: str = "decimal") -> Markup:
    """"Page {page} of {pages}" -> `"Page " counter(page) " of " counter(pages)` for CSS."""
    if not re.fullmatch(r"[a-z-]+", style):
        raise ValueError(f"not a counter style: {style!r}")
    suffix = "" if style == "decimal" else f", {style}"
    parts: list[str] = []
    for piece in re.split(r"(\{page\}|\{pages\})", label):
        if piece == "{page}":
            parts.append(f"counter(page{suffix})")
        elif piece == "{pages}":
            parts.append(f"counter(pages{suffix})")
        elif piece:
            parts.append(css_string(piece))
    return Markup(" ".join(parts) or '""')
