"""The text layer's work on each embedded font kept between builds, signed: a build's render
of an output whose font subsets an earlier build met (the same bytes, the same glyph ids in
use: the same characters printed) answers the glyph copies, carriers, composites and units
per em from that build's run, and writes the font file it wrote, without fontTools parsing,
searching and compiling the font (0.4 CPU-s of the sample's 24 outputs; font_runs.py keeps
runs in memory for a process that renders outputs again).

A run is what fontTools gave (font_runs.py), so the PDF is byte for byte the one the fontTools
path writes; a render whose requests part from it parses the font and goes on from there. It
is named by the font file's digest, the glyph ids in use and the toolkit's versions
(`signed_store.parts_name`, fontTools' among them) and kept beside the drawings
(`kept_drawings.py`: signed with the user's key outside the workspace, read only from a
regular file inside the output folder, not huge; a worker reads, the build writes).
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from briefs.core.kept import plain_json
from briefs.render import kept_drawings
from briefs.render.tagging.font_runs import KEPT, FontRun, FontRuns, RunKey

REQUESTS = {"copy": 1, "composite": 2, "carrier": 0, "units": 0}
"""The requests a run may hold, and how many arguments follow each request's name (each
checked by `_request`)."""
MAX_REQUESTS = 20_000
MAX_MARKS = 64


def parts(key: RunKey) -> tuple[str, ...]:
    """What a kept run is named by: the font file's digest and the glyph ids in use."""
    return ("font run", key[0].hex(), ",".join(str(glyph) for glyph in sorted(key[1])))


class KeptRuns(FontRuns):
    """One render's runs: this process's (`font_runs.KEPT`, when it keeps them), else those an
    earlier build kept; each new run is also sent to the build with the render's result."""

    def __init__(self, drawings: kept_drawings.RenderDrawings) -> None:
        super().__init__(enabled=True)
        self._drawings = drawings

    def get(self, key: RunKey) -> FontRun | None:
        run = KEPT.get(key)
        if run is None:
            data = self._drawings.recall(parts(key))
            run = decode(data) if data is not None else None
        return run

    def put(self, key: RunKey, run: FontRun) -> None:
        KEPT.put(key, run)
        encoded = encode(run)
        if encoded is not None:
            self._drawings.keep(parts(key), encoded)


def render_runs() -> FontRuns:
    """The runs of the render being made: kept between builds when it has a signed store to
    read (a build's), else this process's only."""
    drawings = kept_drawings.reading()
    return KEPT if drawings is None else KeptRuns(drawings)


def encode(run: FontRun) -> bytes | None:
    """A run as JSON (None when it holds anything `decode` would refuse)."""
    plain = {"requests": [list(request) for request in run.requests],
             "outcomes": list(run.outcomes),
             "written": None if run.written is None else base64.b64encode(run.written).decode(),
             "cff": run.cff, "refused": run.refused}
    data = json.dumps(plain, separators=(",", ":"), default=list).encode("ascii")
    return data if decode(data) == run else None


def decode(data: bytes) -> FontRun | None:
    """The run `encode` wrote, or None when `data` is not one."""
    try:
        plain = plain_json(data)
        requests = tuple(_request(item) for item in plain["requests"])
        outcomes = tuple(plain["outcomes"])
        written = plain["written"]
        cff, refused = plain["cff"], plain["refused"]
        if len(requests) > MAX_REQUESTS or len(outcomes) != len(requests) or \
                not all(_glyph(outcome) or outcome is None for outcome in outcomes) or \
                not isinstance(cff, bool) or not isinstance(refused, bool) or \
                not (written is None or isinstance(written, str)):
            return None
        return FontRun(requests, outcomes,
                       None if written is None else base64.b64decode(written, validate=True),
                       cff, refused)
    except (ValueError, KeyError, TypeError, binascii.Error):
        return None


def _request(item: Any) -> tuple[Any, ...]:
    """A request as glyph_copies makes it (a tuple of its name and arguments)."""
    if not isinstance(item, list) or not item or item[0] not in REQUESTS:
        raise ValueError("not a request")
    name, arguments = item[0], item[1:]
    if len(arguments) != REQUESTS[name]:
        raise ValueError("not a request")
    if name == "copy":
        if not _glyph(arguments[0]):
            raise ValueError("not a glyph id")
        return (name, arguments[0])
    if name == "composite":
        base, marks = arguments
        if not _glyph(base) or not isinstance(marks, list) or len(marks) > MAX_MARKS or \
                not all(isinstance(mark, list) and len(mark) == 3 and
                        all(_integer(value) for value in mark) for mark in marks):
            raise ValueError("not a composite")
        return (name, base, tuple(tuple(mark) for mark in marks))
    return (name,)


def _integer(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _glyph(value: Any) -> bool:
    return _integer(value) and 0 <= value <= 0xFFFF
