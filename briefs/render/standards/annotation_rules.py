"""PDF/UA-1 rules on annotations (veraPDF 7.18): each in its structure element, described,
pages with annotations in structure order, and one link annotation per link area."""

from __future__ import annotations

from typing import Any

import pikepdf

from briefs.render.standards.grouped_findings import RuleReport, on_page
from briefs.render.standards.structure_tree import Element, Structure, text

EXEMPT = ("/Widget", "/PrinterMark", "/Link", "/Popup")
HIDDEN = 2


def check_annotations(structure: Structure, parent_tree: dict[int, Any],
                      report: RuleReport) -> None:
    elements = {element.obj.objgen: element for element in structure.elements
                if element.obj.is_indirect}
    for index, page in enumerate(structure.pdf.pages):
        annotations = [a for a in page.obj.get("/Annots", []) if isinstance(a, pikepdf.Dictionary)]
        if annotations and page.obj.get("/Tabs") != "/S":
            report.error("7.18.3-1", f"{on_page(index)}the page has annotations but no /Tabs /S")
        links: list[Any] = []
        for annotation in annotations:
            if int(annotation.get("/F", 0)) & HIDDEN:
                continue
            parent = _parent(annotation, parent_tree, elements)
            _annotation(annotation, parent, index, report)
            if annotation.get("/Subtype") == "/Link":
                links.append(annotation)
        _one_per_area(links, index, report)


def _parent(annotation: Any, parent_tree: dict[int, Any],
            elements: dict[tuple[int, int], Element]) -> Element | None:
    key = annotation.get("/StructParent")
    entry = parent_tree.get(int(key)) if isinstance(key, int) else None
    if isinstance(entry, pikepdf.Dictionary) and entry.is_indirect:
        return elements.get(entry.objgen)
    return None


def _annotation(annotation: Any, parent: Element | None, page: int,
                report: RuleReport) -> None:
    where = on_page(page)
    subtype = str(annotation.get("/Subtype", "/?"))
    held = parent is not None and any(
        isinstance(kept, pikepdf.Dictionary) and kept.is_indirect
        and kept.objgen == annotation.objgen for kept in parent.annotations)
    if subtype == "/Link":
        if parent is None or parent.standard != "Link" or not held:
            report.error("7.18.5-1", f"{where}a link annotation is not inside a /Link element")
        if not text(annotation.get("/Contents")):
            report.error("7.18.5-2", f"{where}a link annotation has no /Contents")
        return
    if subtype not in EXEMPT and (parent is None or parent.standard != "Annot" or not held):
        report.error("7.18.1-1", f"{where}a {subtype[1:]} annotation is not inside an /Annot "
                                 "element")
    if subtype != "/Widget" and not text(annotation.get("/Contents")) and not (
            parent is not None and text(parent.obj.get("/Alt"))):
        report.error("7.18.1-2", f"{where}a {subtype[1:]} annotation has no /Contents")


def _one_per_area(links: list[Any], page: int, report: RuleReport) -> None:
    """A link area is covered by one annotation: a second one on the same area, going to the
    same place, is read twice by assistive technology (WeasyPrint made one per nested box)."""
    for position, outer in enumerate(links):
        for inner in links[position + 1:]:
            if _target(outer) == _target(inner) and (_inside(inner, outer) or
                                                     _inside(outer, inner)):
                report.error("briefs:link-area", f"{on_page(page)}two link annotations cover "
                                                 "one link area")
                return


def _target(annotation: Any) -> str:
    action = annotation.get("/A")
    if isinstance(action, pikepdf.Dictionary):
        return f"uri:{action.get('/URI')}"
    return f"dest:{annotation.get('/Dest')}"


def _inside(inner: Any, outer: Any, tolerance: float = 0.5) -> bool:
    ix1, iy1, ix2, iy2 = _rect(inner)
    ox1, oy1, ox2, oy2 = _rect(outer)
    return (ix1 >= ox1 - tolerance and iy1 >= oy1 - tolerance and ix2 <= ox2 + tolerance
            and iy2 <= oy2 + tolerance)


def _rect(annotation: Any) -> tuple[float, float, float, float]:
    x1, y1, x2, y2 = (float(value) for value in annotation.get("/Rect", [0, 0, 0, 0]))
    return min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)
