"""Photos kept between builds, signed: a cold build's first render of a JPEG takes the image
as an earlier build's WeasyPrint made it (decoded, encoded again at the profile's quality)
and the embedded image it drew at each size (decoded again, resampled, encoded), instead of
making them again with Pillow: about 60 ms of CPU a photo and a worker, on a one-document
build's path to its PDF (`rasters.py` keeps them for the life of a process only).

What is kept is what WeasyPrint made: the image's plain attributes, its data, and for each
size its embedded JPEG and that object's dictionary of plain values, in order. It is named by
the file's content, the render options and the toolkit's versions (`signed_store.parts_name`:
WeasyPrint's), and kept beside the drawings (`kept_drawings.py`: signed with the user's key,
read only from a regular file inside the output folder, not huge; a worker reads, the build
writes). Pillow's version names it too: the bytes are Pillow's encoder's.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from briefs.core.kept import plain_json
from briefs.render import kept_drawings

PLAIN = (str, int, float, bool, type(None))
MAX_SIZES = 8


def parts(key: tuple[str, str, str]) -> tuple[str, ...]:
    """What a kept photo is named by: its content key (`shared_images`) and Pillow's version."""
    from PIL import __version__ as pillow

    return ("raster", *key, pillow)


def find(key: tuple[str, str, str]) -> dict[str, Any] | None:
    """The photo kept under `key` by an earlier build (decoded, checked), or None."""
    drawings = kept_drawings.reading()
    data = drawings.recall(parts(key)) if drawings is not None else None
    return decode(data) if data is not None else None


def record(key: tuple[str, str, str], state: dict[str, Any]) -> None:
    """Send `state` (`encode`'s input) to the build with the render's result, to be kept."""
    drawings = kept_drawings.current()
    encoded = encode(state)
    if drawings is not None and encoded is not None:
        drawings.keep(parts(key), encoded)


def encode(state: dict[str, Any]) -> bytes | None:
    """A photo's state as JSON (None when something in it is not plain data)."""
    attributes, objects = state["attributes"], state["objects"]
    if not all(isinstance(value, PLAIN) for value in attributes.values()) or any(
            not isinstance(value, PLAIN) for _key, _data, extra in objects
            for _name, value in extra):
        return None
    return json.dumps({
        "attributes": attributes, "source": base64.b64encode(state["source"]).decode(),
        "objects": [[list(size), base64.b64encode(data).decode(), [list(item) for item in extra]]
                    for size, data, extra in objects]}, separators=(",", ":")).encode("ascii")


def decode(data: bytes) -> dict[str, Any] | None:
    """The state `encode` wrote, or None when `data` is not one."""
    try:
        plain = plain_json(data)
        attributes, objects = plain["attributes"], plain["objects"]
        if not isinstance(attributes, dict) or not isinstance(objects, list) or \
                len(objects) > MAX_SIZES or \
                not all(isinstance(name, str) and isinstance(value, PLAIN)
                        for name, value in attributes.items()):
            return None
        made = []
        for (interpolate, ratio), encoded, extra in objects:
            if not isinstance(interpolate, bool) or not isinstance(ratio, int | float) or \
                    not all(isinstance(name, str) and isinstance(value, PLAIN)
                            for name, value in extra):
                return None
            made.append(((interpolate, ratio), base64.b64decode(encoded, validate=True),
                         [(name, value) for name, value in extra]))
        return {"attributes": attributes, "objects": made,
                "source": base64.b64decode(plain["source"], validate=True)}
    except (ValueError, KeyError, TypeError, binascii.Error):
        return None
