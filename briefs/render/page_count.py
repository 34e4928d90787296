"""Page-count rules a typesetter keeps: no near-empty page before the back cover or at the end
(its lines pulled back by the fit steps, else a warning naming the page and its fill), and,
in print, the back cover on a verso (an even page count, padded with a blank page)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from briefs.core.diagnostics import Problem
from briefs.kinds.fit_levers import FitAttempt
from briefs.render.copyfit import fit_to_pages
from briefs.render.page_space import page_space

NEAR_EMPTY = 0.25
"""A page whose flow fills less than this share of its room is near-empty."""
BACK_COVER = "data-back-cover"
"""The attribute a kind's template puts on its back cover (a block that starts a page)."""
MARGIN_BOXES = ("top-left", "top-center", "top-right", "bottom-left", "bottom-center",
                "bottom-right")
VERSO_CSS = f"[{BACK_COVER}] {{ break-before: verso !important; }}\n@page :blank {{ " + \
    " ".join(f"@{box} {{ content: none !important; }}" for box in MARGIN_BOXES) + " }"
"""Puts the back cover on a verso, padding with a blank page (no running head, no folio)."""

NEAR_EMPTY_CODE = "layout.near-empty-page"
RECTO_CODE = "layout.back-cover-recto"


@dataclass
class PageCount:
    """What the rules did: the layout kept, its fit CSS and steps, and what to say."""

    document: Any
    css: str
    applied: tuple[str, ...]
    warnings: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def keep_page_rules(lay_out: Callable[[str], Any], attempts: list[FitAttempt],
                    found: PageCount, html: str, *, even: bool, limit: int | None) -> PageCount:
    """`found` after the rules: a near-empty last page of text pulled back by the fit steps
    (levers only, never leaving a block out) or warned about; in print (`even`), a back
    cover on an odd page moved to the next verso with a blank page, within `limit`."""
    back = BACK_COVER in html
    pages = len(found.document.pages)
    last_text = pages - 1 if back else pages
    if last_text >= 2 and page_space(found.document.pages[last_text - 1]).fill < NEAR_EMPTY:
        levers = [attempt for attempt in attempts if not attempt.hidden]
        outcome = fit_to_pages(lay_out, levers, pages - 1, found.document)
        if outcome.fits:
            found = replace(found, document=outcome.document, css=outcome.css,
                            applied=outcome.applied)
        else:
            share = page_space(found.document.pages[last_text - 1]).fill
            where = " before the back cover" if back else ""
            found.warnings.append(Problem.warning(
                NEAR_EMPTY_CODE, f"page {last_text}{where} is {1 - share:.0%} empty (its text "
                f"fills {share:.0%} of it)", "cut or add a few lines, or set max_pages so "
                "that the text fills its pages", page=last_text))
    pages = len(found.document.pages)
    if even and back and pages % 2:
        if limit is not None and pages + 1 > limit:
            found.warnings.append(Problem.warning(
                RECTO_CODE, f"the back cover is on page {pages}, a recto; a blank page before "
                f"it would exceed the limit of {limit} pages", "cut a page, or raise the limit",
                page=pages))
        else:
            css = "\n".join(part for part in (found.css, VERSO_CSS) if part)
            found = replace(found, document=lay_out(css), css=css)
            found.notes.append(f"a blank page before the back cover (page {pages + 1}, "
                               "a verso)")
    return found
