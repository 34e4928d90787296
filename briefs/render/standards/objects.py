"""Every dictionary of a PDF, once each, for rules that look at objects wherever they are
(actions, graphics states, file specifications, fonts): indirect objects and the direct
dictionaries inside them, bounded in depth and count (the PDF may come from anywhere)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pikepdf

MAX_DEPTH = 16
MAX_DICTIONARIES = 500_000


@dataclass
class _Walked:
    """One file's dictionaries in walk order, and which of them hold each key."""

    pdf: Any
    found: list[Any] = field(default_factory=list)
    holding: dict[str, list[int]] = field(default_factory=dict)
    """Key -> the indexes in `found` of the dictionaries that hold it: a rule reads only
    those (a read of a pikepdf dictionary is a call into C++; a file has ten thousand)."""


_walked: list[_Walked] = []
"""The last file walked: several rules walk one file in turn."""


def dictionaries(pdf: Any) -> list[Any]:
    """Each dictionary (a stream's too) reachable from any indirect object, walked once per
    file until `forget()` (call it after changing the file)."""
    return _walk_once(pdf).found


def holding(pdf: Any, *keys: str) -> list[Any]:
    """The dictionaries of `dictionaries(pdf)` that hold any of `keys`, in the same order."""
    walked = _walk_once(pdf)
    if len(keys) == 1:
        return [walked.found[index] for index in walked.holding.get(keys[0], ())]
    indexes = sorted({index for key in keys for index in walked.holding.get(key, ())})
    return [walked.found[index] for index in indexes]


def forget() -> None:
    """Walk the next file again (check_standards starts with this)."""
    _walked.clear()


def _walk_once(pdf: Any) -> _Walked:
    if _walked and _walked[0].pdf is pdf:
        return _walked[0]
    walked = _Walked(pdf)
    _walk(pdf, walked)
    _walked[:] = [walked]
    return walked


def _walk(pdf: Any, walked: _Walked) -> None:
    """Each dictionary reachable from an indirect object through direct ones, noted with its
    keys (its entries read once: keys and children in one call)."""
    found, holding = walked.found, walked.holding
    for item in pdf.objects:
        stack: list[tuple[Any, int]] = [(item, 0)]
        while stack:
            value, depth = stack.pop()
            if isinstance(value, pikepdf.Stream):
                value = value.stream_dict
            if isinstance(value, pikepdf.Dictionary):
                if len(found) >= MAX_DICTIONARIES:
                    return
                index = len(found)
                found.append(value)
                children = []
                for key, child in value.items():
                    holding.setdefault(key, []).append(index)
                    if isinstance(child, pikepdf.Dictionary | pikepdf.Array) \
                            and not child.is_indirect:
                        children.append(child)
            elif isinstance(value, pikepdf.Array):
                children = [child for child in value
                            if isinstance(child, pikepdf.Dictionary | pikepdf.Array)
                            and not child.is_indirect]
            else:
                continue
            if depth < MAX_DEPTH:
                stack += [(child, depth + 1) for child in children]


def fonts(pdf: Any) -> Iterator[Any]:
    """Every font dictionary of the file (subtype known), descendants of Type 0 fonts too."""
    for item in holding(pdf, "/Type", "/BaseFont"):
        if item.get("/Type") == "/Font" or (
                "/BaseFont" in item and item.get("/Subtype") in FONT_SUBTYPES):
            yield item


FONT_SUBTYPES = frozenset({"/Type0", "/Type1", "/MMType1", "/Type3", "/TrueType",
                           "/CIDFontType0", "/CIDFontType2"})
