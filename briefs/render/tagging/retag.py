"""The finishing step that replaces WeasyPrint's structure tree with one built from the HTML."""

from __future__ import annotations

from typing import Any

from briefs.render.tagging.actual import actual_text, add_actual_texts
from briefs.render.tagging.glyph_copies import Fonts
from briefs.render.tagging.joiners import keep_joiners
from briefs.render.tagging.recover import Marked, boxes_by_mcid, marked_sequences
from briefs.render.tagging.tree import Key, TreeBuilder
from briefs.render.tagging.write import StructureWriter


def retag(document: Any, pdf: Any) -> None:
    """A WeasyPrint `finisher` step: rebuild the structure tree of a tagged PDF (untagged PDFs
    are left alone)."""
    if "StructTreeRoot" not in pdf.catalog:
        return
    boxes = boxes_by_mcid(document, pdf)
    structure = TreeBuilder(document, boxes, document.metadata.lang).build()
    marked = marked_sequences(pdf)
    StructureWriter(pdf, structure, marked).write()
    text_layer(document, pdf, marked, boxes)


def text_layer(document: Any, pdf: Any, marked: dict[Key, Marked],
               boxes: dict[Key, Any]) -> None:
    """The text-layer steps on the marked sequences (untag.py runs them on untagged outputs
    too): glyph copies for ZWNJ, marks and range dashes, then the /ActualText spans. Both
    make their copies in one `Fonts`, each embedded font parsed once and written once."""
    fonts = _SavedOnce(pdf)
    keep_joiners(document, pdf, marked, boxes, fonts)
    add_actual_texts(marked, {key: text for key, box in boxes.items()
                              if key in marked and (text := actual_text(box))}, fonts)
    Fonts.save(fonts)


class _SavedOnce(Fonts):
    """The text layer's fonts, shared by its steps, whose own `save` calls wait for
    `text_layer`'s one: a font with copies from two steps was parsed by fontTools, searched
    for free glyph ids and compiled twice (docs/decisions.md)."""

    def save(self) -> None:
        """Nothing yet: `text_layer` writes the fonts once, after every step."""
