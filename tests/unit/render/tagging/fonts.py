"""The tables every test font of the tagging tests ends with, and its bytes."""

from __future__ import annotations

import io
from typing import Any


def finished(builder: Any) -> bytes:
    """A fontTools FontBuilder's font, its header, names, OS/2 and post tables set, as bytes."""
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "T", "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    out = io.BytesIO()
    builder.save(out)
    return out.getvalue()
