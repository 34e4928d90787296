"""Reading a tagged PDF in tests: its structure elements with the text each one shows, and
what each page marks as an artifact (read with pypdf, apart from briefs' own checker)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pikepdf
from pypdf import PdfReader


@dataclass(eq=False)
class Tag:
    """A structure element: its type, attributes, kids, and content as (page, MCID)."""

    role: str
    obj: Any
    parent: Tag | None
    kids: list[Tag] = field(default_factory=list)
    content: list[tuple[int, int]] = field(default_factory=list)
    annotations: list[Any] = field(default_factory=list)
    order: list[Tag | tuple[int, int]] = field(default_factory=list)
    """Kids and content in the order of /K: the reading order."""

    def walk(self) -> Iterator[Tag]:
        yield self
        for kid in self.kids:
            yield from kid.walk()

    def read(self) -> Iterator[tuple[int, int]]:
        """Content in reading order, this element's and its kids'."""
        for item in self.order:
            if isinstance(item, Tag):
                yield from item.read()
            else:
                yield item

    def find(self, role: str) -> list[Tag]:
        return [tag for tag in self.walk() if tag.role == role]

    def pages(self) -> set[int]:
        return {page for tag in self.walk() for page, _ in tag.content}


@dataclass
class TaggedPdf:
    pdf: Any
    root: Tag
    texts: dict[tuple[int, int], str]
    artifacts: list[tuple[int, str, str]]
    """(page, artifact type and subtype, text) for every artifact that shows text."""

    def text(self, tag: Tag) -> str:
        """What the element reads as: its /ActualText, or the text of its content in order."""
        if "/ActualText" in tag.obj:
            return str(tag.obj.ActualText)
        pieces = [self.texts.get(ref, "") for ref in tag.read()]
        return " ".join("".join(pieces).split())


def read_tagged(path: Path) -> TaggedPdf:
    pdf = pikepdf.open(path)
    pages = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
    root = Tag("StructTreeRoot", pdf.Root.StructTreeRoot, None)
    for kid in _kids(pdf.Root.StructTreeRoot):
        _read(kid, root, None, pages)
    texts, artifacts = _texts(path)
    return TaggedPdf(pdf, root, texts, artifacts)


def _kids(node: Any) -> list[Any]:
    kids = node.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _read(node: Any, parent: Tag, page: int | None, pages: dict[Any, int]) -> None:
    if isinstance(node, int):
        assert page is not None
        parent.content.append((page, int(node)))
        parent.order.append((page, int(node)))
        return
    if node.get("/Type") == "/MCR":
        parent.content.append((pages[node.Pg.objgen], int(node.MCID)))
        parent.order.append(parent.content[-1])
        return
    if node.get("/Type") == "/OBJR":
        parent.annotations.append(node.Obj)
        return
    tag = Tag(str(node.S)[1:], node, parent)
    parent.kids.append(tag)
    parent.order.append(tag)
    if "/Pg" in node:
        page = pages[node.Pg.objgen]
    for kid in _kids(node):
        _read(kid, tag, page, pages)


class _PageReader:
    """Follows one page's marked-content sequences while pypdf extracts its text."""

    def __init__(self, index: int, texts: dict[tuple[int, int], str],
                 artifacts: list[tuple[int, str, str]]) -> None:
        self.index, self.texts, self.artifacts = index, texts, artifacts
        self.stack: list[tuple[str, Any]] = []

    def before(self, operator: bytes, args: Any, *_: Any) -> None:
        if operator in (b"BDC", b"BMC"):
            properties = args[1] if operator == b"BDC" and len(args) > 1 else {}
            self.stack.append((str(args[0]), properties))
        elif operator == b"EMC" and self.stack:
            self.stack.pop()

    def shown(self, text: str, *_: Any) -> None:
        for tag, properties in reversed(self.stack):
            if tag == "/Artifact":
                kind = f"{properties.get('/Type', '')}{properties.get('/Subtype', '')}"
                self.artifacts.append((self.index, kind, text))
                return
            if hasattr(properties, "get") and properties.get("/MCID") is not None:
                key = (self.index, int(properties["/MCID"]))
                self.texts[key] = self.texts.get(key, "") + text
                return


def _texts(path: Path) -> tuple[dict[tuple[int, int], str], list[tuple[int, str, str]]]:
    texts: dict[tuple[int, int], str] = {}
    artifacts: list[tuple[int, str, str]] = []
    for index, page in enumerate(PdfReader(path).pages):
        reader = _PageReader(index, texts, artifacts)
        page.extract_text(visitor_operand_before=reader.before, visitor_text=reader.shown)
    return texts, artifacts
