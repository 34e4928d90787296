"""Every font's ToUnicode CMap rewritten line by line: the walk the CMap finisher steps share
(tounicode.py, cmap_values.py), each giving the rewrite of one line."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

LineRewriter = Callable[[bytes], bytes]
"""One CMap line (`<02c1> <06270644>`, `3 beginbfchar`...) as it is to be written."""


def rewrite_to_unicode_lines(pdf: Any, rewrite: LineRewriter) -> None:
    """Each line of each font's ToUnicode CMap in `pdf` (a pydyf PDF) replaced by
    `rewrite(line)`; each CMap stream once, even if fonts share it (so a rewrite that is not
    idempotent, such as reversing a mapping, is not undone), and what is not bytes (a
    compressed stream's other parts) left as it is."""
    import pydyf

    from briefs.render.tagging.recover import resolve

    done: set[int] = set()
    for item in pdf.objects:
        if isinstance(item, pydyf.Dictionary) and item.get("Type") == "/Font" \
                and "ToUnicode" in item:
            stream = resolve(pdf, item["ToUnicode"])
            if id(stream) in done:
                continue
            done.add(id(stream))
            stream.stream = [rewrite(line) if isinstance(line, bytes) else line
                             for line in stream.stream]
