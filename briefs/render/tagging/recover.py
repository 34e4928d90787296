"""Which laid-out box each marked-content sequence of WeasyPrint's PDF shows, and where it is.

WeasyPrint numbers each text and image box it paints (an MCID) and then forgets which box it
was. Its own tag walk is replayed here with a stand-in PDF in which every MCID is the box
itself; the stand-in elements come out in the same order as the ones WeasyPrint wrote, so
pairing them gives each MCID its box. Any difference between the two walks fails loudly
rather than producing a wrong tree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class TaggingError(RuntimeError):
    """WeasyPrint's structure tree could not be matched with its boxes."""


@dataclass(frozen=True)
class Marked:
    """One marked-content sequence: the stream and index of its property list."""

    page: int
    stream: Any
    position: int
    form: Any | None
    """The form XObject that holds it, or None on the page's own content stream."""


class _Token:
    """Stands in for an MCID during the replay, and remembers its box."""

    __slots__ = ("box",)

    def __init__(self, box: Any) -> None:
        self.box = box


class _Tokens(dict[Any, Any]):
    """Answers WeasyPrint's `tags.pop(box)` with a token for the box."""

    def pop(self, box: Any, *default: Any) -> dict[str, Any]:  # type: ignore[override]
        return {"tag": "Span", "mcid": _Token(box)}


class _Recorder:
    """A stand-in for pydyf.PDF that records the objects WeasyPrint's tag walk creates."""

    def __init__(self, pages: int) -> None:
        self.objects: list[Any] = []
        self.page_references = tuple(f"{index} 0 R".encode() for index in range(pages))

    def add_object(self, item: Any) -> None:
        item.number = len(self.objects) + 1
        self.objects.append(item)


def reference_number(reference: Any) -> int:
    """`b"12 0 R"` -> 12."""
    return int(str(_text(reference) or reference).split()[0])


def _text(value: Any) -> str | None:
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return value if isinstance(value, str) else None


def resolve(pdf: Any, value: Any) -> Any:
    """The object a pydyf reference names, or the value itself."""
    text = _text(value)
    if text is not None and text.endswith(" R"):
        return pdf.objects[reference_number(text)]
    return value


def boxes_by_mcid(document: Any, pdf: Any) -> dict[tuple[int, int], Any]:
    """(page index, MCID) -> the box WeasyPrint painted in that marked-content sequence."""
    import pydyf
    from weasyprint.pdf import tags as weasyprint_tags

    recorder = _Recorder(len(document.pages))
    root = pydyf.Dictionary({"Type": "/StructElem", "S": "/Document", "K": pydyf.Array()})
    recorder.add_object(root)
    for number, page in enumerate(document.pages):
        for _ in weasyprint_tags._build_box_tree(
                page._page_box, root, recorder, number, {}, [], _Tokens()):
            pass
    replayed, written = recorder.objects[1:], _written_elements(pdf)
    if len(replayed) != len(written):
        raise TaggingError(f"WeasyPrint wrote {len(written)} structure objects, the replay "
                           f"made {len(replayed)}")
    found: dict[tuple[int, int], Any] = {}
    for ours, theirs in zip(replayed, written, strict=True):
        if (ours.get("Type"), ours.get("S")) != (theirs.get("Type"), theirs.get("S")):
            raise TaggingError(f"structure element {theirs.get('S')} replayed as "
                               f"{ours.get('S')}")
        for mine, real in zip(ours.get("K", ()), theirs.get("K", ()), strict=True):
            if isinstance(mine, _Token):
                found[(reference_number(ours["Pg"]), int(real))] = mine.box
    return found


def _written_elements(pdf: Any) -> list[Any]:
    """The structure elements and object references WeasyPrint wrote, in creation order."""
    return [item for item in pdf.objects
            if isinstance(item, dict) and item.get("Type") in ("/StructElem", "/OBJR")
            and item.get("S") != "/Document"]


def marked_sequences(pdf: Any) -> dict[tuple[int, int], Marked]:
    """(page index, MCID) -> where its property list is, on the page or in a form XObject."""
    found: dict[tuple[int, int], Marked] = {}
    for index, reference in enumerate(pdf.page_references):
        page = resolve(pdf, reference)
        stream = resolve(pdf, page["Contents"])
        _scan(pdf, stream, resolve(pdf, page["Resources"]), index, None, found)
    return found


def _scan(pdf: Any, stream: Any, resources: Any, page: int, form: Any,
          found: dict[tuple[int, int], Marked]) -> None:
    for position, item in enumerate(stream.stream):
        if isinstance(item, dict) and "MCID" in item:
            found[(page, int(item["MCID"]))] = Marked(page, stream, position, form)
        elif (text := _text(item)) is not None and text.endswith(" Do"):
            name = text.split()[0][1:]
            target = resolve(pdf, resolve(pdf, resources.get("XObject", {})).get(name))
            extra = getattr(target, "extra", {})
            if extra.get("Subtype") == "/Form" and "Resources" in extra:
                _scan(pdf, target, resolve(pdf, extra["Resources"]), page, target, found)
