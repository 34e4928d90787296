"""The document's logical structure, built from the boxes each marked-content sequence shows.

One structure element per HTML element, whatever the number of pages its boxes are spread
over (a list that continues on the next page stays one `L`). Page furniture (running headers,
page numbers, a running footer shown again) becomes artifacts; a running element shown for
the first time is read at the end of the document; a footnote is a `Note` read right after
its call.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from weasyprint.formatting_structure import boxes
from weasyprint.layout.absolute import AbsolutePlaceholder

from briefs.render.tagging.roles import (
    DECORATION,
    FOOTER,
    HEADER,
    REPEATED,
    TAG_ATTRIBUTE,
    Artifact,
    list_numbering,
    split_tag,
    structure_type,
)

Key = tuple[int, int]
"""(page index, MCID as WeasyPrint wrote it)"""


@dataclass(eq=False)
class Content:
    """A marked-content sequence that belongs to a structure element."""

    key: Key


@dataclass(eq=False)
class LinkArea:
    """A link annotation, kept in the Link element it belongs to."""

    annotation: Any
    page: int


@dataclass(eq=False)
class Node:
    """A structure element being built."""

    role: str
    parent: Node | None = None
    kids: list[Node | Content | LinkArea] = field(default_factory=list)
    lang: str | None = None
    alt: str | None = None
    identifier: str | None = None
    numbering: str | None = None
    actual_text: str | None = None
    table: dict[str, object] | None = None
    bbox: tuple[int, tuple[float, float, float, float]] | None = None
    words: list[str] = field(default_factory=list)
    words_written: bool = False
    """`words` are the element's text as written (a link's text, split into several boxes by
    inline elements, would otherwise read with spaces between the boxes)."""

    def attach(self, kid: Node | Content | LinkArea) -> None:
        """Add a kid where PDF wants it: list items in LI, an LI's content in its LBody."""
        role = kid.role if isinstance(kid, Node) else None
        if self.role == "L" and role not in ("LI", "L", "Caption"):
            item = self._last_item() if role == "LBody" else None
            if item is None:
                item = Node("LI")
                self._add(item)
            item.attach(kid)
        elif self.role == "LI" and role == "Lbl":
            bodies = [i for i, k in enumerate(self.kids) if _is(k, "LBody")]
            kid.parent = self  # type: ignore[union-attr]
            self.kids.insert(bodies[0] if bodies else len(self.kids), kid)
        elif self.role == "LI" and role != "LBody":
            self._body().attach(kid)
        else:
            self._add(kid)

    def _add(self, kid: Node | Content | LinkArea) -> None:
        if isinstance(kid, Node):
            kid.parent = self
        self.kids.append(kid)

    def _last_item(self) -> Node | None:
        items = [kid for kid in self.kids if isinstance(kid, Node) and kid.role == "LI"]
        return items[-1] if items else None

    def _body(self) -> Node:
        bodies = [kid for kid in self.kids if isinstance(kid, Node) and kid.role == "LBody"]
        if bodies:
            return bodies[-1]
        body = Node("LBody")
        self._add(body)
        return body

    def nearest(self, role: str) -> Node | None:
        node: Node | None = self
        while node is not None and node.role != role:
            node = node.parent
        return node

    def language(self) -> str | None:
        node: Node | None = self
        while node is not None and node.lang is None:
            node = node.parent
        return node.lang if node is not None else None


def _table_cell(element: Any, role: str) -> dict[str, object]:
    """A cell's Table attributes: spans, and the Scope a header cell needs (veraPDF 7.5-1)."""
    attributes: dict[str, object] = {}
    if role == "TH":
        attributes["Scope"] = "Row" if element.get("scope") == "row" else "Column"
    for name, key in (("colspan", "ColSpan"), ("rowspan", "RowSpan")):
        value = str(element.get(name, "1"))
        if value.isdigit() and int(value) > 1:
            attributes[key] = int(value)
    return attributes


def _same_language(element: Any, node: Node) -> bool:
    """A span that only repeats the language around it adds nothing."""
    lang = str(element.get("lang") or "").lower()
    return bool(lang) and TAG_ATTRIBUTE not in element.attrib and lang == (
        node.language() or "").lower()


def _is(kid: Node | Content | LinkArea, role: str) -> bool:
    return isinstance(kid, Node) and kid.role == role


@dataclass
class Structure:
    """What the builder found: the tree, the artifacts, and the link annotations to drop."""

    root: Node
    artifacts: dict[Key, Artifact] = field(default_factory=dict)
    dropped: list[LinkArea] = field(default_factory=list)


class TreeBuilder:
    """Walks every page's boxes once, in order, and files their content under elements."""

    def __init__(self, document: Any, boxes_by_key: dict[Key, Any], lang: str | None) -> None:
        self.pages = document.pages
        self.keys = {id(box): key for key, box in boxes_by_key.items()}
        self.structure = Structure(Node("Document", lang=lang))
        self.nodes: dict[tuple[int, str], Node] = {}
        self.elements: list[Any] = []  # keeps each keyed element alive while its id is used
        self.shown: dict[int, int] = {}
        self.deferred: list[tuple[Any, int]] = []
        self.notes = 0

    def build(self) -> Structure:
        root = self.structure.root
        for index, page in enumerate(self.pages):
            self.walk(page._page_box, root, index, None)
        for box, index in self.deferred:
            self.walk(box, root, index, None)
        return self.structure

    def walk(self, box: Any, node: Node, page: int, artifact: Artifact | None) -> None:
        if isinstance(box, AbsolutePlaceholder):
            box = box._box
        if isinstance(box, boxes.MarginBox):
            self._margin(box, page)
            return
        if isinstance(box, boxes.FootnoteAreaBox):
            node = self.structure.root
        if artifact is None:
            artifact = self._repeated(box, page)
        if artifact is None:
            node, artifact = self._node_for(box, node, page)
        key = self.keys.get(id(box))
        if key is not None:
            self._content(box, key, node, artifact)
        if getattr(box, "link_annotation", None) is not None:
            self._link(box, node, page, artifact)
        for child in getattr(box, "children", ()):
            self.walk(child, node, page, artifact)

    def _content(self, box: Any, key: Key, node: Node, artifact: Artifact | None) -> None:
        if artifact is None and isinstance(box, boxes.TextBox) and not box.text:
            artifact = DECORATION  # an empty text box shows nothing
        if artifact is not None:
            self.structure.artifacts[key] = artifact
            return
        node.attach(Content(key))
        if isinstance(box, boxes.TextBox):
            link = node.nearest("Link")
            if link is not None and not link.words_written:
                link.words.append(box.text)

    def _margin(self, box: Any, page: int) -> None:
        """Running headers and page numbers are artifacts; a running element written in the
        document is content the first time it is shown, an artifact when shown again."""
        side = box.at_keyword.split("-")[0]
        artifact = HEADER if side == "@top" else FOOTER if side == "@bottom" else REPEATED
        for child in box.children:
            element = child.element
            written = element is not None and split_tag(child.element_tag)[0] not in (
                "html", "body")
            if written and id(element) not in self.shown:
                self.shown[id(element)] = page
                self.elements.append(element)
                self.deferred.append((child, page))
            else:
                self.walk(child, self.structure.root, page, artifact)

    def _repeated(self, box: Any, page: int) -> Artifact | None:
        """A fixed-position element is painted on every page, a table's header and footer
        rows on every page the table runs over: read once."""
        element = box.element
        repeated_rows = isinstance(box, boxes.TableRowGroupBox) and (box.is_header
                                                                     or box.is_footer)
        if element is None or (box.style["position"] != "fixed" and not repeated_rows):
            return None
        first = self.shown.setdefault(id(element), page)
        self.elements.append(element)
        return REPEATED if first != page else None

    def _node_for(self, box: Any, node: Node, page: int) -> tuple[Node, Artifact | None]:
        element = box.element
        if element is None:
            return node, None
        base, pseudo = split_tag(box.element_tag)
        if base in ("html", "body") and not pseudo:
            return self.structure.root, None
        key = (id(element), pseudo)
        if key in self.nodes:
            return self.nodes[key], None
        kind = structure_type(box)
        if isinstance(kind, Artifact):
            return node, kind
        if kind is None or (kind == "Span" and _same_language(element, node)):
            return node, None
        created = self._create(kind, box, node, page)
        self.nodes[key] = created
        self.elements.append(element)
        if pseudo == "footnote-call":
            self.nodes[(id(element), "")] = self._note(box, node)
        return created, None

    def _create(self, role: str, box: Any, parent: Node, page: int) -> Node:
        element = box.element
        created = Node(role)
        lang = element.get("lang")
        if lang and lang.lower() != (parent.language() or "").lower():
            created.lang = lang
        if box.style["text_transform"] != "none" and not split_tag(box.element_tag)[1] \
                and len(element) == 0 and element.text:
            created.actual_text = " ".join(element.text.split())  # as written, not as shown
        if role == "Figure":
            created.alt = element.get("alt") or element.get("title")
            created.bbox = (page, self._bbox(box, page))
            link = parent.nearest("Link")
            if link is not None and created.alt:
                link.words.append(created.alt)  # an image link is described by its image
        elif role == "Link":
            written = " ".join("".join(element.itertext()).split())
            if written:
                created.words, created.words_written = [written], True
        elif role == "L":
            created.numbering = list_numbering(box)
        elif role == "Note":
            created.identifier = self._next_note()
        elif role in ("TH", "TD"):
            created.table = _table_cell(element, role)
        parent.attach(created)
        return created

    def _note(self, call: Any, parent: Node) -> Node:
        note = Node("Note", identifier=self._next_note())
        parent.attach(note)
        return note

    def _next_note(self) -> str:
        self.notes += 1
        return f"note-{self.notes}"

    def _bbox(self, box: Any, page: int) -> tuple[float, float, float, float]:
        """The box in PDF units, from the bottom-left corner of the page's trim box."""
        height = self.pages[page].height
        x, y = box.content_box_x(), box.content_box_y()
        return (x * 0.75, (height - y - box.height) * 0.75, (x + box.width) * 0.75,
                (height - y) * 0.75)

    def _link(self, box: Any, node: Node, page: int, artifact: Artifact | None) -> None:
        """One annotation per link area, inside its Link element; the copies WeasyPrint makes
        for boxes nested in a link (a `<bdi>` inside an `<a>`) are dropped."""
        area = LinkArea(box.link_annotation, page)
        link = node.nearest("Link")
        if artifact is not None:
            self.structure.dropped.append(area)
            return
        if link is None:
            link = Node("Link")
            node.attach(link)
        for kept in link.kids:
            if isinstance(kept, LinkArea) and kept.page == page and _covers(
                    kept.annotation, area.annotation):
                self.structure.dropped.append(area)
                return
        link.attach(area)


def _covers(outer: Any, inner: Any, tolerance: float = 0.5) -> bool:
    """Whether `outer` already covers `inner` (same target, its rectangle inside)."""
    if _target(outer) != _target(inner):
        return False
    ox1, oy1, ox2, oy2 = _normalised(outer["Rect"])
    ix1, iy1, ix2, iy2 = _normalised(inner["Rect"])
    return (ix1 >= ox1 - tolerance and iy1 >= oy1 - tolerance and ix2 <= ox2 + tolerance
            and iy2 <= oy2 + tolerance)


def _target(annotation: Any) -> bytes:
    """Where a link goes, as written (pydyf strings compare by identity, not value)."""
    target = annotation.get("A", annotation.get("Dest"))
    return bytes(getattr(target, "data", b"")) or str(target).encode()


def _normalised(rect: Any) -> tuple[float, float, float, float]:
    x1, y1, x2, y2 = (float(value) for value in rect)
    return min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)
