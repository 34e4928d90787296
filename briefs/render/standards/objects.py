"""Every dictionary of a PDF, once each, for rules that look at objects wherever they are
(actions, graphics states, file specifications, fonts): indirect objects and the direct
dictionaries inside them, bounded in depth and count (the PDF may come from anywhere)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pikepdf

MAX_DEPTH = 16
MAX_DICTIONARIES = 500_000
_walked: list[tuple[Any, list[Any]]] = []
"""The last file walked and its dictionaries: several rules walk one file in turn."""


def dictionaries(pdf: Any) -> list[Any]:
    """Each dictionary (a stream's too) reachable from any indirect object, walked once per
    file until `forget()` (call it after changing the file)."""
    if _walked and _walked[0][0] is pdf:
        return _walked[0][1]
    found = list(_walk(pdf))
    _walked[:] = [(pdf, found)]
    return found


def forget() -> None:
    """Walk the next file again (check_standards starts with this)."""
    _walked.clear()


def _walk(pdf: Any) -> Iterator[Any]:
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
