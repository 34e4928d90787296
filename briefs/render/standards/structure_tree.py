"""A tagged PDF's structure tree as checks see it: elements, their kids and content, walked
once from the root, bounded in depth and size (the PDF may come from anywhere)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pikepdf

from briefs.render.tagging.roles import STANDARD_TYPES

MAX_DEPTH = 200
MAX_ELEMENTS = 200_000

ContentRef = tuple[int | None, tuple[int, int] | None, int]
"""(page index, form XObject's object id or None for the page's stream, MCID)"""


@dataclass(eq=False)
class Element:
    """One structure element and what hangs below it."""

    obj: Any
    role: str
    standard: str
    parent: Element | None
    page: int | None
    kids: list[Element] = field(default_factory=list)
    content: list[ContentRef] = field(default_factory=list)
    annotations: list[Any] = field(default_factory=list)

    def kid_types(self) -> list[str]:
        return [kid.standard for kid in self.kids]


def name(value: Any) -> str:
    """`/P` -> `P`; anything else -> ``."""
    return str(value)[1:] if isinstance(value, pikepdf.Name) else ""


@dataclass
class Structure:
    """Every element reachable from the StructTreeRoot, and what went wrong reading them."""

    pdf: Any
    root: Any
    role_map: dict[str, str]
    elements: list[Element] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)
    """What went wrong reading the tree: (rule id, message)."""
    pages: dict[tuple[int, int], int] = field(default_factory=dict)

    @classmethod
    def read(cls, pdf: Any) -> Structure | None:
        root = pdf.Root.get("/StructTreeRoot")
        if not isinstance(root, pikepdf.Dictionary):
            return None
        role_map = root.get("/RoleMap")
        mapped = {str(key).lstrip("/"): name(value) for key, value in role_map.items()} \
            if isinstance(role_map, pikepdf.Dictionary) else {}
        structure = cls(pdf, root, mapped)
        structure.pages = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
        seen: set[tuple[int, int]] = set()
        for kid in _kids(root):
            structure._walk(kid, None, None, 0, seen)
        return structure

    def standard(self, role: str) -> str:
        """Follow the RoleMap to a standard type (at most a few steps; cycles stop)."""
        seen = {role}
        while role not in STANDARD_TYPES and role in self.role_map:
            role = self.role_map[role]
            if role in seen:
                break
            seen.add(role)
        return role

    def _walk(self, node: Any, parent: Element | None, page: int | None, depth: int,
              seen: set[tuple[int, int]]) -> None:
        if not isinstance(node, pikepdf.Dictionary):
            if isinstance(node, int) and parent is not None:
                parent.content.append((page, None, int(node)))
            return
        if node.get("/Type") == "/MCR" and parent is not None:
            self._reference(node, parent, page)
            return
        if node.get("/Type") == "/OBJR" and parent is not None:
            parent.annotations.append(node.get("/Obj"))
            return
        if depth > MAX_DEPTH or len(self.elements) >= MAX_ELEMENTS:
            self.problems.append(("briefs:structure",
                                  "the structure tree is too deep or too large to check"))
            return
        if node.is_indirect and node.objgen in seen:
            self.problems.append(("7.1-6", f"structure element {node.objgen} is reached twice "
                                           "(a cycle or a shared element)"))
            return
        if node.is_indirect:
            seen.add(node.objgen)
        element = self._element(node, parent, page)
        for kid in _kids(node):
            self._walk(kid, element, element.page, depth + 1, seen)

    def _element(self, node: Any, parent: Element | None, page: int | None) -> Element:
        role = name(node.get("/S"))
        pg = node.get("/Pg")
        if isinstance(pg, pikepdf.Dictionary) and pg.is_indirect:
            page = self.pages.get(pg.objgen, page)
        element = Element(node, role, self.standard(role), parent, page)
        self.elements.append(element)
        if parent is not None:
            parent.kids.append(element)
        return element

    def _reference(self, node: Any, parent: Element, page: int | None) -> None:
        pg = node.get("/Pg")
        if isinstance(pg, pikepdf.Dictionary) and pg.is_indirect:
            page = self.pages.get(pg.objgen, page)
        stream = node.get("/Stm")
        form = stream.objgen if isinstance(stream, pikepdf.Stream) else None
        mcid = node.get("/MCID")
        if isinstance(mcid, int):
            parent.content.append((page, form, int(mcid)))


def _kids(node: Any) -> list[Any]:
    kids = node.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def text(value: Any) -> str | None:
    """A PDF string as text, or None."""
    if isinstance(value, pikepdf.String):
        return str(value)
    return None
