"""Brand colours read with a real CSS colour grammar (tinycss2) and written back normalised.

A colour token ends up inside a `<style>` element. Checking it with a pattern let markup
through (`device-cmyk(</style><script>...`); here it is parsed as CSS Color Level 5 and only
the normalised form (`#rrggbb`, `#rrggbbaa` or `device-cmyk(c m y k)`) is ever written out.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from typing import Any

HOW = ("write a CSS colour such as #0a4f8f, rgb(10 79 143), hsl(209 87% 30%) or "
       "device-cmyk(0.9 0.45 0 0.44)")


def normalized_color(value: str) -> str:
    """The colour `value` in the one form briefs writes; ValueError when it is no colour."""
    import tinycss2
    import tinycss2.color5

    tokens = [token for token in tinycss2.parse_component_value_list(value)
              if token.type not in ("whitespace", "comment")]
    color: Any = tinycss2.color5.parse_color(tokens[0]) if len(tokens) == 1 else None
    if color is None or isinstance(color, str):  # None, or "currentcolor"
        raise ValueError(f"not a CSS colour; {HOW}")
    if color.space == "device-cmyk":
        params = [_clamped(float(part)) for part in color.coordinates]
        return "device-cmyk(" + " ".join(_number(part) for part in params) + ")"
    srgb = color.to("srgb")
    channels = [round(_clamped(float(part)) * 255) for part in srgb.coordinates]
    alpha = round(_clamped(float(srgb.alpha)) * 255)
    hex_digits = "".join(f"{channel:02x}" for channel in channels)
    return f"#{hex_digits}" if alpha == 255 else f"#{hex_digits}{alpha:02x}"


def rgb_channels(normalized: str) -> str:
    """`#0a4f8f` -> `10 79 143`, for `rgb(var(--color-x-rgb) / 0.8)` in stylesheets: text
    made lighter with an alpha colour instead of `opacity`, which WeasyPrint draws through a
    transparency group (a form XObject that PDF/UA checkers read as untagged content).
    `device-cmyk()` is converted naively, as browsers do."""
    if normalized.startswith("#"):
        return " ".join(str(int(normalized[i:i + 2], 16)) for i in (1, 3, 5))
    c, m, y, k = (float(part) for part in normalized[len("device-cmyk("):-1].split())
    return " ".join(str(round(255 * (1 - min(1.0, v * (1 - k) + k)))) for v in (c, m, y))


def _clamped(value: float) -> float:
    return 0.0 if value != value else min(max(value, 0.0), 1.0)  # NaN -> 0


def _number(value: float) -> str:
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return text or "0"


AA_NORMAL_TEXT = 4.5
"""WCAG 2.2 AA (1.4.3) for text under 18 pt (14 pt bold)."""


@lru_cache(maxsize=256)
def readable_on(foreground: str, background: str, ends: tuple[str, ...],
                ratio: float = AA_NORMAL_TEXT) -> str:
    """`foreground`, mixed in small steps toward whichever of `ends` (the paper, the text
    colour) stands out most from `background`, until it reaches `ratio` against it (WCAG 2
    contrast, by coloraide); the colour itself when it already does, or when a colour is
    `device-cmyk()` (a press colour: how it looks on screen is not what it prints)."""
    if not all(color.startswith("#") for color in (foreground, background, *ends)):
        return foreground
    from coloraide import Color

    base, back = Color(foreground), Color(background)
    end = max((Color(color) for color in ends),
              key=lambda color: color.contrast(back, method="wcag21"))
    for step in range(21):
        mixed = base.mix(end, step / 20, space="srgb")
        if mixed.contrast(back, method="wcag21") >= ratio:
            return normalized_color(mixed.to_string(hex=True))
    return normalized_color(end.to_string(hex=True))


HEX_COLOR = re.compile(r"#[0-9a-f]{6}")
Keep = Callable[[object, Callable[[], bytes]], bytes]
"""A store of small results between builds (`SignedStore.kept`)."""


def kept_readable(keep: Keep, foreground: str, background: str, ends: tuple[str, ...]) -> str:
    """`readable_on`, its answer kept between builds by `keep` (a cold build then imports no
    coloraide for it); a kept answer that is not a `#rrggbb` colour is worked out again."""
    def make() -> bytes:
        return readable_on(foreground, background, ends).encode("ascii")

    try:
        made_by = version("coloraide")
    except PackageNotFoundError:
        made_by = "none"
    found = keep(["readable_on", foreground, background, list(ends), AA_NORMAL_TEXT,
                  made_by], make).decode("ascii", "replace")
    return found if HEX_COLOR.fullmatch(found) else readable_on(foreground, background, ends)
