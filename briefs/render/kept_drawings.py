"""Plain SVG drawings kept between builds, signed: a cold build's first render of a logo or
QR code replays the operators an earlier build recorded instead of parsing and drawing every
path again (`drawings.py` keeps them for the life of a process only).

A drawing depends on the SVG file's bytes, the size it is drawn at and the toolkit's versions
(WeasyPrint's drawing code): those name it (`signed_store.parts_name`). What is kept is put in
a page's content stream as it is, so it is read only when signed with the user's key outside
the workspace, from a regular file inside the output folder, and not huge, as kept charts are
(`signed_store.SignedStore`); a render worker reads the store itself and sends the drawings it
recorded back with its result, which the build writes (a worker writes nothing).
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefs.core.kept import plain_json
from briefs.render.drawing_record import ALPHA_STATE, Drawing
from briefs.render.signed_store import SignedStore, parts_name

if TYPE_CHECKING:
    from collections.abc import Iterator

FOLDER = "drawings"
SUFFIX = ".json"
MAX_OPERATORS = 200_000
"""A kept drawing with more operators than this is not read (the sample's logos: a few
hundred)."""


@dataclass(frozen=True)
class DrawingStore:
    """Where a render finds the drawings kept between builds: `build/.cache/drawings` and the
    output folder it must stay inside (plain data: it crosses to the render workers)."""

    folder: Path
    root: Path


@dataclass
class RenderDrawings:
    """The kept drawings one render reads, and those it recorded (to be kept by the build)."""

    store: SignedStore | None
    made: dict[str, bytes] = field(default_factory=dict)

    def recall(self, parts: object) -> bytes | None:
        """What an earlier build kept under `parts` (signed by this user), or None."""
        return self.store.recall(parts) if self.store is not None else None

    def keep(self, parts: object, data: bytes) -> None:
        """Send `data` to the build with the render's result, to be kept under `parts`."""
        self.made[parts_name(parts)] = data

    def find(self, parts: object) -> Drawing | None:
        data = self.recall(parts)
        return decode(data) if data is not None else None

    def add(self, parts: object, drawing: Drawing) -> None:
        self.keep(parts, encode(drawing))


_CURRENT: ContextVar[RenderDrawings | None] = ContextVar("briefs_kept_drawings", default=None)


@contextmanager
def drawings_for(place: DrawingStore | None) -> Iterator[RenderDrawings]:
    """The kept drawings of one render (read from `place`, if any), current meanwhile."""
    from briefs.core.user_cache import signing_key

    key = signing_key() if place is not None else None
    store = SignedStore.reader(place.folder, place.root, key, SUFFIX) \
        if place is not None and key else None
    drawings = RenderDrawings(store)
    token = _CURRENT.set(drawings)
    try:
        yield drawings
    finally:
        _CURRENT.reset(token)


def current() -> RenderDrawings | None:
    """The kept drawings of the render being made in this thread, if any."""
    return _CURRENT.get()


def reading() -> RenderDrawings | None:
    """The same, when it has a store to read (a build's render: what earlier builds kept,
    drawings, photos, font work and findings alike)."""
    drawings = _CURRENT.get()
    return drawings if drawings is not None and drawings.store is not None else None


def encode(drawing: Drawing) -> bytes:
    """A drawing as JSON: its operators (bytes as Latin-1 text) and the alpha states it
    names (their dictionaries follow from their names, as WeasyPrint makes them)."""
    return json.dumps({"operators": [operator.decode("latin-1")
                                     for operator in drawing.operators],
                       "states": [name for name, _state in drawing.states]},
                      separators=(",", ":")).encode("ascii")


def decode(data: bytes) -> Drawing | None:
    """The drawing `encode` wrote, or None when `data` is not one."""
    import pydyf

    plain = plain_json(data)
    if not isinstance(plain, dict):
        return None
    operators, names = plain.get("operators"), plain.get("states")
    if not isinstance(operators, list) or not isinstance(names, list) or \
            len(operators) > MAX_OPERATORS or \
            not all(isinstance(operator, str) for operator in operators) or \
            not all(isinstance(name, str) and ALPHA_STATE.fullmatch(name) for name in names):
        return None
    try:
        encoded = tuple(operator.encode("latin-1") for operator in operators)
        states = tuple((name, pydyf.Dictionary({"CA" if name[0] == "A" else "ca":
                                                _alpha(name[1:])})) for name in names)
    except (UnicodeEncodeError, ValueError):  # not Latin-1; `a.` is no number
        return None
    return Drawing(encoded, states)


def _alpha(text: str) -> Any:
    """The alpha value a state's name was made from (`a1`: the int 1, `a0.5`: 0.5)."""
    return float(text) if "." in text else int(text)
