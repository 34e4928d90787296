"""What a process keeps for rendering an output again, switched on where outputs are rendered
again: a long-lived renderer's workers (`briefs server`, `watch`, the preview), not a build's
or a check's, whose every output is rendered once (in a thousand-output build they would hold
up to 32 MB per worker for nothing). Off, nothing is hashed either.

Kept, each by the digest of what it is made from, so a render again writes the same PDF byte
for byte: the text layer's work on each embedded font (tagging/font_runs.py), the standards'
findings on each PDF (checked_pdfs.py) and the deflated page content streams (deflated.py).
"""

from __future__ import annotations

from briefs.render.checked_pdfs import CHECKED
from briefs.render.deflated import DEFLATED
from briefs.render.tagging.font_runs import KEPT


def keep_for_renders_again(on: bool) -> None:
    """Keep (or no longer keep, and forget) what a render again would reuse."""
    for store in (KEPT, CHECKED, DEFLATED):
        store.enabled = on
        if not on:
            store.clear()
