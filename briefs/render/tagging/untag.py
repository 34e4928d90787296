"""The text layer of an untagged output (print, press): drawn with marked content so that the
text-layer steps find each line, then every trace of the structure removed but the
`/ActualText` spans.

The text-layer steps (actual.py, joiners.py, marks.py, range_dashes.py) work on the
marked-content sequence WeasyPrint drew each text box in, which it writes only in a tagged
PDF. An output that is not to be tagged is drawn tagged all the same; this step runs the
text-layer steps on it and then takes the structure away: the structure tree and its
objects (emptied: pydyf cannot delete an object), `/MarkInfo` and `/ViewerPreferences`, the
pages' `/StructParents` and `/Tabs`, the annotations' `/StructParent`, and every
marked-content operator of the content streams (forms too) except the `/Span` sequences
that carry an `/ActualText`.
Marked content with `/ActualText` needs no structure tree (ISO 32000-1 14.9.4), and nothing
in PDF/X-4 (ISO 15930-7) restricts marked content.
"""

from __future__ import annotations

from typing import Any

from briefs.render.tagging.recover import _text, boxes_by_mcid, marked_sequences, resolve
from briefs.render.tagging.retag import text_layer

OPENING = {b"BDC", b"BMC"}
CLOSING = b"EMC"
ADDED_BY_TAGGING = {"MarkInfo", "StructTreeRoot", "ViewerPreferences"}
"""What WeasyPrint's tagging adds to the catalog (ViewerPreferences: DisplayDocTitle alone)."""


def text_layer_only(document: Any, pdf: Any) -> None:
    """A WeasyPrint `finisher` step for an output drawn tagged that is not to be: its text
    layer as a tagged output's, and no structure left."""
    if "StructTreeRoot" not in pdf.catalog:
        return
    boxes = boxes_by_mcid(document, pdf)
    text_layer(document, pdf, marked_sequences(pdf), boxes)
    remove_structure(pdf)


def remove_structure(pdf: Any) -> None:
    """Take away the structure tree and every marked-content operator but the `/ActualText`
    spans."""
    root = resolve(pdf, pdf.catalog["StructTreeRoot"])
    emptied = [item for item in pdf.objects if isinstance(item, dict)
               and item.get("Type") in ("/StructElem", "/OBJR", "/Namespace")]
    if "ParentTree" in root:
        emptied.append(resolve(pdf, root["ParentTree"]))
    emptied.append(root)
    for item in emptied:
        item.clear()
    for key in ADDED_BY_TAGGING:
        pdf.catalog.pop(key, None)
    for reference in pdf.page_references:
        page = resolve(pdf, reference)
        page.pop("StructParents", None)
        page.pop("Tabs", None)
        for annotation in resolve(pdf, page.get("Annots", [])):
            resolve(pdf, annotation).pop("StructParent", None)
        _unmark_all(pdf, resolve(pdf, page["Contents"]), resolve(pdf, page["Resources"]),
                    set())


def _unmark_all(pdf: Any, stream: Any, resources: Any, seen: set[int]) -> None:
    """Unmark a content stream and the form XObjects it paints."""
    if id(stream) in seen:
        return
    seen.add(id(stream))
    stream.stream[:] = unmarked(stream.stream)
    getattr(stream, "extra", {}).pop("StructParents", None)
    for item in stream.stream:
        text = _text(item)
        if text is None or not text.endswith(" Do"):
            continue
        name = text.split()[0][1:]
        target = resolve(pdf, resolve(pdf, resources.get("XObject", {})).get(name))
        extra = getattr(target, "extra", {})
        if extra.get("Subtype") == "/Form" and "Resources" in extra:
            _unmark_all(pdf, target, resolve(pdf, extra["Resources"]), seen)


def unmarked(tokens: list[Any]) -> list[Any]:
    """`tokens` without their marked-content operators, but for `/Span` sequences with an
    `/ActualText` (kept whole, with their own EMC)."""
    kept: list[Any] = []
    open_sequences: list[bool] = []
    for token in tokens:
        operator = token.encode() if isinstance(token, str) else token
        if isinstance(operator, bytes) and operator in OPENING:
            keep = _carries_text(kept, operator)
            open_sequences.append(keep)
            if keep:
                kept.append(token)
            else:
                del kept[-(2 if operator == b"BDC" else 1):]  # the tag and property list
        elif isinstance(operator, bytes) and operator == CLOSING and open_sequences:
            if open_sequences.pop():
                kept.append(token)
        else:
            kept.append(token)
    return kept


def _carries_text(kept: list[Any], operator: bytes) -> bool:
    if operator != b"BDC" or len(kept) < 2:
        return False
    tag, properties = kept[-2], kept[-1]
    return _text(tag) == "/Span" and isinstance(properties, dict) \
        and "ActualText" in properties
