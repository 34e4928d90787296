"""Write the rebuilt structure tree into the PDF objects WeasyPrint is about to save.

Marked-content sequences are renumbered per content stream; a form XObject that holds tagged
content gets its own `/StructParents` and its sequences are reached through marked-content
references with `/Stm`. Artifacts get their `/Artifact` tag and type. The objects of
WeasyPrint's own tree are reused for the new one (pydyf cannot delete an object), and any
left over are emptied.
"""

from __future__ import annotations

from typing import Any

import pydyf

from briefs.render.tagging.recover import Marked, TaggingError, resolve
from briefs.render.tagging.roles import ROLE_MAP, Artifact
from briefs.render.tagging.tree import Content, Key, LinkArea, Node, Structure


class _Slots:
    """Objects of WeasyPrint's tree, handed out again for the new one."""

    def __init__(self, pdf: Any, old: list[Any]) -> None:
        self.pdf, self.free = pdf, old

    def take(self, values: dict[str, Any]) -> Any:
        if self.free:
            item = self.free.pop(0)
            item.clear()
        else:
            item = pydyf.Dictionary()
            self.pdf.add_object(item)
        item.update(values)
        return item

    def close(self) -> None:
        for item in self.free:
            item.clear()


class StructureWriter:
    """Turns a `Structure` into StructTreeRoot, elements, parent tree and content marks."""

    def __init__(self, pdf: Any, structure: Structure, marked: dict[Key, Marked]) -> None:
        self.pdf, self.structure, self.marked = pdf, structure, marked
        self.root = resolve(pdf, pdf.catalog["StructTreeRoot"])
        self.slots = _Slots(pdf, _old_objects(pdf, self.root))
        self.owners: dict[Key, Node] = {}
        self.numbers: dict[Key, int] = {}
        self.parents: dict[int, list[Any]] = {}
        self.form_keys: dict[int, int] = {}
        self.annotations: list[Any] = []
        self.identifiers: list[tuple[str, Any]] = []

    def write(self) -> None:
        _collect_owners(self.structure.root, self.owners)
        self._check_coverage()
        self._mark_artifacts()
        self._number()
        document = self._element(self.structure.root, self.root.reference)
        self._drop_links()
        self._write_root(document)
        self.slots.close()

    def _check_coverage(self) -> None:
        unknown = [key for key in self.marked
                   if key not in self.owners and key not in self.structure.artifacts]
        if unknown:
            raise TaggingError(f"{len(unknown)} marked-content sequences belong to no element "
                               f"(first: page {unknown[0][0] + 1}, MCID {unknown[0][1]})")

    def _mark_artifacts(self) -> None:
        for key, artifact in self.structure.artifacts.items():
            marked = self.marked[key]
            properties = pydyf.Dictionary({"Type": f"/{artifact.type}"})
            if artifact.subtype:
                properties["Subtype"] = f"/{artifact.subtype}"
            marked.stream.stream[marked.position - 1] = "/Artifact"
            marked.stream.stream[marked.position] = properties

    def _number(self) -> None:
        """New MCIDs, from 0 in each content stream in the order they are drawn."""
        pages = len(self.pdf.page_references)
        counters: dict[int, int] = {}
        ordered = sorted(self.owners, key=lambda key: (key[0], self.marked[key].form is not None,
                                                       self.marked[key].position))
        for key in ordered:
            marked = self.marked[key]
            stream_key = id(marked.stream)
            number = counters.get(stream_key, 0)
            counters[stream_key] = number + 1
            self.numbers[key] = number
            if marked.form is not None and stream_key not in self.form_keys:
                self.form_keys[stream_key] = pages + len(self.form_keys)
                marked.form.extra["StructParents"] = self.form_keys[stream_key]
            owner = self.owners[key]
            marked.stream.stream[marked.position - 1] = f"/{owner.role}"
            marked.stream.stream[marked.position] = pydyf.Dictionary({"MCID": number})

    def _element(self, node: Node, parent: Any) -> Any:
        item = self.slots.take({"Type": "/StructElem", "S": f"/{node.role}", "P": parent})
        page = _first_page(node, self.owners)
        if page is not None:
            item["Pg"] = self.pdf.page_references[page]
        kids = pydyf.Array()
        for kid in node.kids:
            if isinstance(kid, Node):
                if _has_content(kid):
                    kids.append(self._element(kid, item.reference).reference)
            elif isinstance(kid, Content):
                kids.append(self._content(kid.key, item, page))
            else:
                kids.append(self._link_area(kid, node, item))
        item["K"] = kids
        self._attributes(node, item)
        return item

    def _content(self, key: Key, item: Any, page: int | None) -> Any:
        marked, number = self.marked[key], self.numbers[key]
        self.parents.setdefault(id(marked.stream), []).append((number, item.reference))
        if marked.form is None and marked.page == page:
            return number
        reference = pydyf.Dictionary({"Type": "/MCR", "Pg": self.pdf.page_references[key[0]],
                                      "MCID": number})
        if marked.form is not None:
            reference["Stm"] = marked.form.reference
        return reference

    def _link_area(self, area: LinkArea, node: Node, item: Any) -> Any:
        annotation = area.annotation
        words = " ".join(" ".join(node.words).split())
        if words:
            annotation["Contents"] = pydyf.String(words)
        annotation["StructParent"] = self._next_annotation_key(item.reference)
        return pydyf.Dictionary({"Type": "/OBJR", "Obj": annotation.reference,
                                 "Pg": self.pdf.page_references[area.page]})

    def _next_annotation_key(self, reference: Any) -> int:
        key = len(self.pdf.page_references) + len(self.form_keys) + len(self.annotations)
        self.annotations.append(reference)
        return key

    def _attributes(self, node: Node, item: Any) -> None:
        if node.lang:
            item["Lang"] = pydyf.String(node.lang)
        if node.alt:
            item["Alt"] = pydyf.String(node.alt)
        if node.actual_text:
            item["ActualText"] = pydyf.String(node.actual_text)
        if node.identifier:
            item["ID"] = pydyf.String(node.identifier)
            self.identifiers.append((node.identifier, item.reference))
        if node.numbering:
            item["A"] = pydyf.Dictionary({"O": "/List", "ListNumbering": f"/{node.numbering}"})
        if node.bbox:
            item["A"] = pydyf.Dictionary({"O": "/Layout", "BBox": pydyf.Array(node.bbox[1])})
        if node.table is not None:
            item["A"] = pydyf.Dictionary({"O": "/Table", **{
                key: f"/{value}" if isinstance(value, str) else value
                for key, value in node.table.items()}})

    def _drop_links(self) -> None:
        for area in self.structure.dropped:
            page = resolve(self.pdf, self.pdf.page_references[area.page])
            annotations = page.get("Annots")
            if annotations is not None:
                kept = [ref for ref in annotations if ref != area.annotation.reference]
                if kept:
                    page["Annots"] = pydyf.Array(kept)
                else:
                    del page["Annots"]
            area.annotation.clear()

    def _write_root(self, document: Any) -> None:
        nums = pydyf.Array()
        pages = len(self.pdf.page_references)
        for index in range(pages):
            stream = resolve(self.pdf, resolve(self.pdf, self.pdf.page_references[index])[
                "Contents"])
            nums += [index, _parent_array(self.parents.get(id(stream), []))]
        for stream_key, key in self.form_keys.items():
            nums += [key, _parent_array(self.parents.get(stream_key, []))]
        for offset, reference in enumerate(self.annotations):
            nums += [pages + len(self.form_keys) + offset, reference]
        parent_tree = self.slots.take({"Nums": nums})
        self.root.clear()
        self.root.update({
            "Type": "/StructTreeRoot", "K": pydyf.Array([document.reference]),
            "ParentTree": parent_tree.reference,
            "ParentTreeNextKey": pages + len(self.form_keys) + len(self.annotations),
            "RoleMap": pydyf.Dictionary({role: f"/{standard}"
                                         for role, standard in ROLE_MAP.items()}),
        })
        if self.identifiers:
            names = pydyf.Array()
            for identifier, reference in sorted(self.identifiers):
                names += [pydyf.String(identifier), reference]
            self.root["IDTree"] = pydyf.Dictionary({"Names": names})


def _parent_array(entries: list[tuple[int, Any]]) -> Any:
    ordered = sorted(entries, key=lambda entry: entry[0])
    if [number for number, _ in ordered] != list(range(len(ordered))):
        raise TaggingError("marked-content numbers are not contiguous")
    return pydyf.Array([reference for _, reference in ordered])


def _old_objects(pdf: Any, root: Any) -> list[Any]:
    old = [item for item in pdf.objects if isinstance(item, dict)
           and item.get("Type") in ("/StructElem", "/OBJR")]
    parent_tree = root.get("ParentTree")
    if parent_tree is not None:
        old.append(resolve(pdf, parent_tree))
    return old


def _collect_owners(node: Node, owners: dict[Key, Node]) -> None:
    for kid in node.kids:
        if isinstance(kid, Node):
            _collect_owners(kid, owners)
        elif isinstance(kid, Content):
            owners[kid.key] = node


def _has_content(node: Node) -> bool:
    return any(not isinstance(kid, Node) or _has_content(kid) for kid in node.kids)


def _first_page(node: Node, owners: dict[Key, Node]) -> int | None:
    for kid in node.kids:
        if isinstance(kid, Content):
            return kid.key[0]
        if isinstance(kid, LinkArea):
            return kid.page
        if isinstance(kid, Node) and (page := _first_page(kid, owners)) is not None:
            return page
    return None


__all__ = ["Artifact", "StructureWriter"]
