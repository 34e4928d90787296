"""PDF/UA-1 rules on page content: every piece is tagged or an artifact, never both (7.1-1 to
7.1-3); every marked-content sequence is reached from the structure root through the parent
tree, and every element the parent tree names is in the tree; form XObjects (7.20)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pikepdf

from briefs.render.standards.grouped_findings import RuleReport, on_page
from briefs.render.standards.structure_tree import ContentRef, Element, Structure

PAINTING = frozenset({"Tj", "TJ", "'", '"', "S", "s", "f", "F", "f*", "B", "B*", "b", "b*",
                      "sh"})
MAX_FORM_DEPTH = 12
WALKED = " ".join(sorted(PAINTING | {"BDC", "BMC", "EMC", "Do", "BI", "ID", "EI"}))
"""The operators the walk reads: pikepdf skips the others (and their operands, most of a
page: text positioning, colours, the glyphs' strings) in C++, not as Python objects; a
third of the standards checks' CPU (measured, docs/performance.md)."""


@dataclass
class _Walk:
    """What one page's content showed: its MCIDs, and the counts each rule needs."""

    page: int
    mcids: list[tuple[int | None, tuple[int, int] | None, int]] = field(default_factory=list)
    untagged: int = 0
    artifact_in_tagged: int = 0
    tagged_in_artifact: int = 0
    unparented_forms: set[tuple[int, int]] = field(default_factory=set)
    reference_xobjects: int = 0


def check_content(structure: Structure, parent_tree: dict[int, Any],
                  report: RuleReport) -> None:
    """Walk every page's content (and the forms it paints) once."""
    owners = _owners(structure)
    painted: dict[tuple[int, int], int] = {}
    found: set[ContentRef] = set()
    for index, page in enumerate(structure.pdf.pages):
        walk = _Walk(index)
        try:
            _Walker(walk, painted).stream(page.obj, page.obj.get("/Resources"), [], 0,
                                          page.obj.get("/StructParents"))
        except (pikepdf.PdfError, ValueError) as exc:
            report.error("briefs:content", f"{on_page(index)}content cannot be read ({exc})")
            continue
        _report_page(walk, report)
        for key, form, mcid in walk.mcids:
            found.add((index, form, mcid))
            _reached(parent_tree, owners, (index, form, mcid), key, report)
    for objgen, count in painted.items():
        if count > 1:
            report.error("7.20-2", f"the form XObject {objgen[0]} holds tagged content and is "
                                   f"painted {count} times")
    _orphans(structure, parent_tree, report)
    for element in structure.elements:
        missing = [ref for ref in element.content if ref not in found]
        if missing:
            report.error("briefs:missing-content", f"{on_page(missing[0][0])}/{element.role} "
                         f"refers to MCID {missing[0][2]}, which no content stream holds")


def _report_page(walk: _Walk, report: RuleReport) -> None:
    where = on_page(walk.page)
    if walk.untagged:
        report.error("7.1-3", f"{where}{walk.untagged} painting operators are neither tagged "
                              "nor marked as artifacts")
    if walk.artifact_in_tagged:
        report.error("7.1-1", f"{where}an artifact is marked inside tagged content")
    if walk.tagged_in_artifact:
        report.error("7.1-2", f"{where}tagged content is marked inside an artifact")
    if walk.reference_xobjects:
        report.error("7.20-1", f"{where}a reference XObject is painted")
    for objgen in sorted(walk.unparented_forms):
        report.error("briefs:form-parent", f"{where}the form XObject {objgen[0]} holds "
                     "marked content but has no /StructParents, so it belongs to no element")


class _Walker:
    """Walks one page's content stream and the form XObjects it paints."""

    def __init__(self, walk: _Walk, painted: dict[tuple[int, int], int]) -> None:
        self.walk, self.painted = walk, painted

    def stream(self, owner: Any, resources: Any, stack: list[tuple[str, bool]], depth: int,
               key: Any) -> None:
        """One content stream; `stack` holds (tag, has MCID) of the open sequences."""
        form = owner.objgen if depth else None
        for instruction in pikepdf.parse_content_stream(owner, WALKED):
            if isinstance(instruction, pikepdf.ContentStreamInlineImage):
                self.paint(stack)
                continue
            operator, operands = str(instruction.operator), instruction.operands
            if operator in ("BDC", "BMC"):
                properties = operands[1] if operator == "BDC" and len(operands) > 1 else None
                self.begin(str(operands[0])[1:], properties, stack, key, form)
            elif operator == "EMC":
                if stack:
                    stack.pop()
            elif operator in PAINTING:
                self.paint(stack)
            elif operator == "Do" and resources is not None:
                self.draw(operands[0], resources, stack, depth)

    def begin(self, tag: str, properties: Any, stack: list[tuple[str, bool]], key: Any,
              form: tuple[int, int] | None) -> None:
        mcid = properties.get("/MCID") if isinstance(properties, pikepdf.Dictionary) else None
        tagged = any(has_mcid for _, has_mcid in stack)
        in_artifact = any(name == "Artifact" for name, _ in stack)
        if tag == "Artifact" and tagged:
            self.walk.artifact_in_tagged += 1
        if isinstance(mcid, int):
            if in_artifact:
                self.walk.tagged_in_artifact += 1
            if form is not None and key is None:
                self.walk.unparented_forms.add(form)
            self.walk.mcids.append((None if key is None else int(key), form, int(mcid)))
        stack.append((tag, isinstance(mcid, int)))

    def paint(self, stack: list[tuple[str, bool]]) -> None:
        if not any(has_mcid or name == "Artifact" for name, has_mcid in stack):
            self.walk.untagged += 1

    def draw(self, name: Any, resources: Any, stack: list[tuple[str, bool]], depth: int) -> None:
        xobjects = resources.get("/XObject")
        target = xobjects.get(name) if isinstance(xobjects, pikepdf.Dictionary) else None
        if not isinstance(target, pikepdf.Stream):
            return
        if target.get("/Subtype") == "/Image":
            self.paint(stack)
            return
        if target.get("/Ref") is not None:
            self.walk.reference_xobjects += 1
        if depth >= MAX_FORM_DEPTH or target.get("/Subtype") != "/Form":
            return
        form_key = target.get("/StructParents")
        if form_key is not None:
            self.painted[target.objgen] = self.painted.get(target.objgen, 0) + 1
        self.stream(target, target.get("/Resources", resources), list(stack), depth + 1,
                    form_key)


def _owners(structure: Structure) -> dict[tuple[int, int], Element]:
    return {element.obj.objgen: element for element in structure.elements
            if element.obj.is_indirect}


def _reached(parent_tree: dict[int, Any], owners: dict[tuple[int, int], Element],
             ref: ContentRef, key: int | None, report: RuleReport) -> None:
    """The parent tree names a reachable element that lists this sequence among its content."""
    page, _form, mcid = ref
    where = on_page(page)
    entry = parent_tree.get(key) if key is not None else None
    parent = entry[mcid] if isinstance(entry, pikepdf.Array) and mcid < len(entry) else None
    if not isinstance(parent, pikepdf.Dictionary):
        report.error("briefs:orphan", f"{where}marked content MCID {mcid} has no parent in the "
                                      "structure tree")
        return
    element = owners.get(parent.objgen) if parent.is_indirect else None
    if element is None:
        report.error("briefs:orphan", f"{where}marked content MCID {mcid} belongs to "
                     f"/{str(parent.get('/S'))[1:]}, which the structure root does not reach")
    elif ref not in element.content:
        report.error("briefs:orphan", f"{where}marked content MCID {mcid} is not among the "
                     f"content of the /{element.role} the parent tree names")


def _orphans(structure: Structure, parent_tree: dict[int, Any], report: RuleReport) -> None:
    reachable = {element.obj.objgen for element in structure.elements if element.obj.is_indirect}
    unreached: list[str] = []
    for value in parent_tree.values():
        for item in (value if isinstance(value, pikepdf.Array) else [value]):
            if isinstance(item, pikepdf.Dictionary) and item.is_indirect \
                    and item.objgen not in reachable:
                unreached.append(str(item.get("/S", "?")))
    if unreached:
        report.error("briefs:orphan", f"{len(unreached)} elements in the parent tree are not "
                     f"reached from the structure root (such as {unreached[0]})")


def number_tree(node: Any, depth: int = 0) -> dict[int, Any]:
    """A number tree (/Nums, or /Kids of them) as a dict."""
    found: dict[int, Any] = {}
    if not isinstance(node, pikepdf.Dictionary) or depth > 32:
        return found
    nums = node.get("/Nums")
    if isinstance(nums, pikepdf.Array):
        for index in range(0, len(nums) - 1, 2):
            if isinstance(nums[index], int):
                found[int(nums[index])] = nums[index + 1]
    for kid in node.get("/Kids", []):
        found.update(number_tree(kid, depth + 1))
    return found
