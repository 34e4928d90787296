"""Every dictionary of a PDF, once each, for rules that look at objects wherever they are
(actions, graphics states, file specifications, fonts): indirect objects and the direct
dictionaries inside them, bounded in depth and count (the PDF may come from anywhere)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pikepdf

MAX_DEPTH = 16
MAX_DICTIONARIES = 500_000


def dictionaries(pdf: Any) -> Iterator[Any]:
    """Each dictionary (a stream's too) reachable by walking every indirect object."""
    count = 0
    for item in pdf.objects:
        stack: list[tuple[Any, int]] = [(item, 0)]
        while stack:
            value, depth = stack.pop()
            if isinstance(value, pikepdf.Stream):
                value = value.stream_dict
            if isinstance(value, pikepdf.Dictionary):
                count += 1
                if count > MAX_DICTIONARIES:
                    return
                yield value
                children = value.values()
            elif isinstance(value, pikepdf.Array):
                children = list(value)
            else:
                continue
            if depth < MAX_DEPTH:
                stack += [(child, depth + 1) for child in children
                          if isinstance(child, pikepdf.Dictionary | pikepdf.Array)
                          and not child.is_indirect]


def fonts(pdf: Any) -> Iterator[Any]:
    """Every font dictionary of the file (subtype known), descendants of Type 0 fonts too."""
    for item in dictionaries(pdf):
        if item.get("/Type") == "/Font" or (
                "/BaseFont" in item and item.get("/Subtype") in FONT_SUBTYPES):
            yield item


FONT_SUBTYPES = frozenset({"/Type0", "/Type1", "/MMType1", "/Type3", "/TrueType",
                           "/CIDFontType0", "/CIDFontType2"})
