"""What is done to WeasyPrint's PDF objects just before they are written, as one finisher:
the structure tree rebuilt, archival fixes, printer's marks, reproducible IDs, then what strict
checkers ask of every output (render/conformance.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from briefs.render.marks import PrintMarks, add_marks
from briefs.render.metadata import derived_document_id

Step = Callable[[Any, Any], None]
SLUG_CHARACTERS = "0123456789/ "


@dataclass(frozen=True)
class Finishing:
    """Which finishing steps an output needs (it crosses to render workers and back)."""

    no_interpolation: bool = False
    """PDF/A and PDF/X: images without /Interpolate."""
    accessible_archive: bool = False
    """PDF/A that is also PDF/UA-1: both identifications in its XMP."""
    press_colour: bool = False
    """PDF/X-4: every RGB colour declared sRGB (DefaultRGB), render/press_colour.py."""
    marks: PrintMarks | None = None
    text_layer_only: bool = False
    """An output not to be tagged, drawn tagged for its text layer: the structure is removed
    once the text-layer steps ran (render/tagging/untag.py)."""


def finisher(finishing: Finishing, seed: str, document: Any, padding: int = 0) -> Step:
    """One WeasyPrint `finisher` running every step the output needs, in order.

    Called after layout and before `write_pdf`, which runs the steps on the PDF objects
    just before they are written. `padding` adds that many empty objects, to write again a
    file whose object or cross-reference stream ended in a CR (`conformance.LONE_CR`).
    """
    from briefs.render import conformance
    from briefs.render.archive import identify_accessible, no_interpolation
    from briefs.render.tagging.cmap_values import no_empty_mappings
    from briefs.render.tagging.retag import retag
    from briefs.render.tagging.tounicode import right_to_left_ligatures
    from briefs.render.tagging.untag import text_layer_only

    steps: list[Step] = [text_layer_only if finishing.text_layer_only else retag,
                         right_to_left_ligatures, no_empty_mappings,
                         conformance.printed_annotations,
                         conformance.no_cid_to_gid_map_on_cff]
    if finishing.no_interpolation:
        steps.append(no_interpolation)
    if finishing.accessible_archive:
        steps.append(identify_accessible)
    if finishing.marks is not None:
        steps.append(_marks_step(finishing.marks))
    if finishing.press_colour:
        from briefs.render.press_colour import declare_rgb

        steps.append(declare_rgb)
    steps += [derived_document_id(seed), conformance.plain_metadata,
              conformance.no_carriage_return_before_endstream]  # it compresses: then none
    if padding:
        steps.append(conformance.padded(padding))

    def finish(document: Any, pdf: Any) -> None:
        for step in steps:
            step(document, pdf)

    return finish


def _marks_step(marks: PrintMarks) -> Step:
    def step(document: Any, pdf: Any) -> None:
        from briefs.render.slug import slug_font

        font = None
        if marks.slug_line:  # the fonts the pages were drawn with
            font = slug_font(list(document.fonts.values()), marks.slug_line + SLUG_CHARACTERS)
        add_marks(marks, font, pdf)

    return step
