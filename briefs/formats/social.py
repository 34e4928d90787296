"""Social-media frames: the target's HTML laid out again for a post's frame (a page of that
many pixels and the frame's stylesheet), and what the image's alt text says."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PRESETS = ("1080x1080", "1080x1350", "1200x627", "1600x900")
"""Instagram square and portrait, LinkedIn and X link cards, a 16:9 slide or event page."""
STYLESHEET = Path(__file__).resolve().parent.parent / "assets" / "styles" / "social.css"
BODY = re.compile(r"<body\b([^>]*)>", re.IGNORECASE)
CLASS = re.compile(r'(\bclass\s*=\s*)"', re.IGNORECASE)
H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.IGNORECASE | re.DOTALL)
TAG = re.compile(r"<[^>]*>")
TITLE_COLUMNS = 50
SIZE = re.compile(r"^(\d{2,4})x(\d{2,4})$")
HIDDEN = ("context", "focus", "consent", "notes", "more-events", "flyer-foot", "qr", "deadline",
          "introduction", "messages", "back-cover", "organisers",
          "sheet-foot", "summary", "chart-page", "footnote",
          "brief-summary", "brief-body", "recommendations", "brief-end")
"""Classes of what no frame shows (the flyer's text, the brief's messages, the fact sheet's
second page, the policy brief's argument...): their text is in the post; a frame shows the
head, the photo and the facts."""
HIDDEN_WIDE = ("register",)
"""And what a wide frame has no room for."""


@dataclass(frozen=True)
class Frame:
    """A frame in pixels; its shape decides where the photo goes."""

    width: int
    height: int

    @classmethod
    def parse(cls, text: str) -> Frame:
        match = SIZE.match(text)
        if match is None:
            raise ValueError(f'"{text}" is not a frame size; write WIDTHxHEIGHT in pixels, such '
                             f'as {", ".join(PRESETS)}')
        frame = cls(int(match[1]), int(match[2]))
        if not (200 <= frame.width <= 4096 and 200 <= frame.height <= 4096):
            raise ValueError(f"{text}: frames go from 200 to 4096 pixels a side")
        return frame

    @property
    def name(self) -> str:
        return f"{self.width}x{self.height}"

    @property
    def shape(self) -> str:
        ratio = self.width / self.height
        return "wide" if ratio > 1.3 else "tall" if ratio < 0.9 else "square"

    def css(self, title: str = "", scale: float = 1.0) -> str:
        """The page of the frame's size and the frame's stylesheet, after the document's own;
        a long `title` is set smaller (`--title-scale`), so the head leaves the photo room;
        `scale` sets all type and spacing up (a frame the content leaves half empty)."""
        unit = min(self.width, self.height) / 1000 * scale
        photo = {"square": 0.24, "tall": 0.40, "wide": 1.0}[self.shape] * self.height
        cover = {"square": 0.30, "tall": 0.40, "wide": 1.0}[self.shape] * self.height
        hidden = ", ".join(f".frame .{name}" for name in self.hidden if name != "figcaption")
        hidden += ", .frame figcaption"
        return (f"@page {{ size: {self.width}px {self.height}px; }}\n"
                f":root {{ --frame-w: {self.width}px; --frame-h: {self.height}px; "
                f"--u: {unit:.4f}px; --photo-h: {photo:.0f}px; --cover-photo-h: {cover:.0f}px; "
                f"--title-scale: {title_scale(title):.3f}; }}\n"
                f"{hidden} {{ display: none !important; }}\n" + _stylesheet())

    @property
    def hidden(self) -> tuple[str, ...]:
        """The classes of what this frame leaves out."""
        return (*HIDDEN, "figcaption", *(HIDDEN_WIDE if self.shape == "wide" else ()))


@lru_cache(maxsize=1)
def _stylesheet() -> str:
    return STYLESHEET.read_text(encoding="utf-8")


def title_scale(title: str) -> float:
    """How much to set a title down: 1 up to 50 columns (a full-width character takes two),
    then as the square root of the excess, never under 0.6."""
    columns = sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in title)
    return max(0.6, min(1.0, (TITLE_COLUMNS / columns) ** 0.5)) if columns else 1.0


def framed_html(html: str, frame: Frame, scale: float = 1.0) -> str:
    """The target's HTML with the frame's page and stylesheet last in the head (so they win
    over the print layout), and the body marked with the frame's shape."""
    heading = H1.search(html)
    title = TAG.sub("", heading[1]) if heading else ""
    style = f"<style>\n{frame.css(title, scale)}</style>\n"
    head_end = html.find("</head>")
    if head_end < 0:
        raise ValueError("the template's HTML has no </head>")
    html = html[:head_end] + style + html[head_end:]
    marks = f"frame frame-{frame.shape}"
    body = BODY.search(html)
    if body is None:
        raise ValueError("the template's HTML has no <body>")
    attributes = body[1]
    if CLASS.search(attributes):
        attributes = CLASS.sub(lambda m: f'{m[1]}"{marks} ', attributes, count=1)
    else:
        attributes += f' class="{marks}"'
    return html[:body.start()] + f"<body{attributes}>" + html[body.end():]
