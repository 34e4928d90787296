"""What one plain SVG drawing wrote: its operators and the alpha states they name (recorded
by `drawings.py`, kept between builds by `kept_drawings.py`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

ALPHA_STATE = re.compile(r"[aA][0-9.]+")
"""The graphics states WeasyPrint names after an alpha value (`/a0.5 gs`, `/A1 gs`)."""


@dataclass(frozen=True)
class Drawing:
    """The operators one drawing wrote, and the graphics states (alpha) they name."""

    operators: tuple[bytes, ...]
    states: tuple[tuple[str, Any], ...]
