"""Figures in the body of the text: a photo, a chart or a table from a data file, named in
document.yaml (`body_figures:`), placed in any Markdown field by a paragraph `[figure: name]`, and
described in each locale's prose (title, caption, credit, alt text, labels)."""

from __future__ import annotations

import re

from briefs.content.markdown import FIGURE_REFERENCE


def figure_references(text: str) -> list[str]:
    """The names of the figures a Markdown text places (`[figure: name]` paragraphs)."""
    names = []
    for block in re.split(r"\n\s*\n", text):
        for line in block.strip().splitlines()[:1]:
            match = FIGURE_REFERENCE.match(line.strip().removeprefix("- ").strip())
            if match and len(block.strip().splitlines()) == 1:
                names.append(match[1])
    return names
