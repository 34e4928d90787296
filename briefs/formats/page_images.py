"""Page images as an output format: `png`, `jpeg` and `webp`, each page (or the first) at a
chosen pixel size and crop, with its alt text beside it (`<image>.alt.txt`)."""

from __future__ import annotations

import re

from briefs.core.diagnostics import Problem
from briefs.formats.alttext import alt_text
from briefs.formats.format import Made, OutputFormat, Source
from briefs.formats.raster import ImageSpec, ImageTooLarge, page_images
from briefs.formats.targets import OutputName

ALT_SUFFIX = ".alt.txt"
OPTION = re.compile(r"^(?:(\d{1,4})(?:x(\d{1,4}))?|all|first)$")
HIDDEN_FROM_ALT = ("footnote",)
"""A page's footnotes are at its foot: their calls' lines read better without them."""


class PageImages(OutputFormat):
    """The target's PDF pages as images: `png` (page 1, 1240 pixels across: A4 at 150 ppi),
    `png:1200x630` (scaled to cover the frame, cropped from the top), `png:800:all` (every
    page, 800 pixels across)."""

    cost = 0.06  # 0.15 s of CPU for the sample flyer's PNG, 2.5 s for its PDF

    def __init__(self, encoder: str, spec: ImageSpec | None = None, options: str = "") -> None:
        self.encoder = encoder
        self.spec = spec or ImageSpec(encoder)
        self.name = f"{encoder}:{options}" if options else encoder
        self.suffix = self.spec.suffix
        self.description = (f"page images ({encoder.upper()}), with their alt text; "
                            f"`{encoder}:WIDTH[xHEIGHT][:all]` for a size, a crop, every page")

    def configured(self, options: str) -> PageImages:
        """This format with options: `1200`, `1200x630`, `all`, `1200x630:all`."""
        width = height = None
        every = False
        for part in options.split(":"):
            match = OPTION.match(part)
            if match is None:
                raise ValueError(f'"{part}" is not an option of {self.encoder}; write '
                                 f"{self.encoder}:WIDTH, {self.encoder}:WIDTHxHEIGHT (pixels) "
                                 f"or {self.encoder}:all (every page)")
            if match[1]:
                width, height = int(match[1]), int(match[2]) if match[2] else None
            every = every or part == "all"
        spec = ImageSpec(self.encoder, width, height, first_page_only=not every)
        return PageImages(self.encoder, spec, options)

    def make(self, source: Source) -> Made:
        try:
            images = page_images(source.pdf, self.spec)
        except ImageTooLarge as exc:
            return Made(problems=[Problem.error("image.too-large", str(exc))])
        alt = alt_text(source.html, HIDDEN_FROM_ALT).encode("utf-8")
        stem = source.name.path[: -len(self.suffix)]
        size = f".{self.spec.width}x{self.spec.height}" if self.spec.height else \
            f".{self.spec.width}" if self.spec.width else ""
        files: dict[str, bytes] = {}
        for number, data in enumerate(images, start=1):
            page = f".p{number}" if not self.spec.first_page_only else ""
            path = f"{stem}{size}{page}{self.suffix}"
            files[path] = data
            files[path + ALT_SUFFIX] = alt
        return Made(files)

    def owns(self, name: OutputName, path: str) -> bool:
        main = path[: -len(ALT_SUFFIX)] if path.endswith(ALT_SUFFIX) else path
        return super().owns(name, main)


PNG = PageImages("png")
JPEG = PageImages("jpeg")
WEBP = PageImages("webp")
