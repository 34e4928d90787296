"""Social-media images as an output format: `social` lays the document out again for each
post frame (1080x1080, 1080x1350, 1200x627, 1600x900; `social:1200x627` for one) and makes a
PNG of exactly that many pixels, with its alt text beside it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from briefs.core.diagnostics import Problem
from briefs.formats.alttext import alt_text
from briefs.formats.fill import filled_share, scale_to_fill
from briefs.formats.format import Made, OutputFormat, Source
from briefs.formats.page_images import ALT_SUFFIX
from briefs.formats.raster import ENCODERS, ImageSpec, ImageTooLarge, encode, render_pages
from briefs.formats.social import PRESETS, Frame, framed_html
from briefs.formats.targets import OutputName

if TYPE_CHECKING:
    from briefs.render.engine import RenderJob

FRAME_OPTIONS = {"optimize_images": True, "jpeg_quality": 90, "dpi": 200, "pdf_tags": False,
                 "uncompressed_pdf": False}
"""A frame is laid out for the screen: photos at 200 ppi of the frame, no tags (the image's
alt text says what the tags would)."""


class SocialImages(OutputFormat):
    """One image per frame, named `<doc>.<locale>.social-<W>x<H>.png`."""

    FRAME_COST = 0.13
    """A frame's layout and image, as a share of the PDF's render (1.3 s of CPU for the
    sample flyer's four frames, 2.5 s for its PDF)."""

    def __init__(self, frames: tuple[Frame, ...] | None = None, encoder: str = "png",
                 options: str = "") -> None:
        self.frames = frames or tuple(Frame.parse(preset) for preset in PRESETS)
        self.encoder = encoder
        self.cost = self.FRAME_COST * len(self.frames)
        self.name = f"social:{options}" if options else "social"
        self.suffix = ImageSpec(encoder).suffix
        self.description = ("images for social-media posts, laid out for each frame, with "
                            "their alt text; `social:1200x627` for one frame, "
                            "`social:1080x1080:jpeg` for JPEG")

    def configured(self, options: str) -> SocialImages:
        frames: list[Frame] = []
        encoder = "png"
        for part in options.split(":"):
            if part in ENCODERS:
                encoder = part
            else:
                frames.append(Frame.parse(part))
        return SocialImages(tuple(frames) or self.frames, encoder, options)

    def make(self, source: Source) -> Made:
        from briefs.render.workers import run_job

        made = Made()
        stem = source.name.path[: -len(self.suffix)]
        for frame in self.frames:
            result = run_job(_frame_job(source, frame))
            if not result.ok or result.pdf is None:
                made.problems += [Problem.error("social.layout", message)
                                  for message in result.errors + result.refused]
                continue
            if result.pages > 1:
                made.problems.append(Problem.warning(
                    "social.overflow", f"the {frame.name} frame holds only part of the head "
                    "and facts (they need more than one frame)",
                    "shorten the title or the programme line for this language"))
            spec = ImageSpec(self.encoder, frame.width, frame.height)
            [page] = render_pages(result.pdf, spec)
            if result.pages == 1:
                page = _filled(source, frame, spec, page)
            try:
                image = encode(page, spec)
            except ImageTooLarge as exc:
                made.problems.append(Problem.error("image.too-large", str(exc)))
                continue
            path = f"{stem}.social-{frame.name}{self.suffix}"
            made.files[path] = image
            made.files[path + ALT_SUFFIX] = alt_text(source.html, frame.hidden).encode("utf-8")
        return made

    def owns(self, name: OutputName, path: str) -> bool:
        main = path[: -len(ALT_SUFFIX)] if path.endswith(ALT_SUFFIX) else path
        return super().owns(name, main)


def _filled(source: Source, frame: Frame, spec: ImageSpec, page: Any) -> Any:
    """The frame laid out again with larger type when its content leaves much of it empty
    (a policy brief's head and facts in a tall frame), halfway up if that runs over."""
    from briefs.render.workers import run_job

    scale = scale_to_fill(filled_share(page))
    for tried in (scale, 1 + (scale - 1) / 2):
        if tried <= 1.02:
            break
        result = run_job(_frame_job(source, frame, tried))
        if result.ok and result.pdf is not None and result.pages == 1:
            [larger] = render_pages(result.pdf, spec)
            return larger
    return page


def _frame_job(source: Source, frame: Frame, scale: float = 1.0) -> RenderJob:
    """The target laid out for the frame: its HTML with the frame's page and stylesheet, its
    fonts (a machine's font filling in is an error, as in the PDF), screen image options,
    and the built-in PDF checks (an error in them fails the frame, as before)."""
    from briefs.formats.pdf import PDF_CONTRAST, PDF_STANDARDS
    from briefs.render.engine import RenderJob

    target = source.target
    return RenderJob(html=framed_html(source.html, frame, scale), mounts=source.mounts,
                     title=f"{target.title} in the {frame.name} frame",
                     target_id=f"{target.id}.social-{frame.name}",
                     font_families=frozenset(resolved.face.family for resolved in target.faces),
                     options=dict(FRAME_OPTIONS), checks=(PDF_CONTRAST, PDF_STANDARDS))


SOCIAL = SocialImages()
