"""Copyfitting: lay the content out again with the kind's fit steps until it fits its pages.

Only layouts are made (no PDF is written on the way). The steps are cumulative, so each
attempt takes no more room than the one before it: the tightest attempt is laid out first
(if even that does not fit, nothing will, and the output fails at once), then the first
attempt that fits is found by bisection, in a handful of layouts rather than one per step.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from briefs.kinds.fit_levers import LEVERS, FitAttempt, FitPlan

OPTIONAL_BLOCK = re.compile(r'\sdata-optional="([A-Za-z0-9_.\[\]-]{1,200})"')
"""A block the content marked `optional: true`, named by its field (the kind's template
writes the attribute: `data-optional="more_events[1]"`)."""


@dataclass(frozen=True)
class FitOutcome:
    """The layout to keep, what it changed, and whether it fits."""

    document: Any
    applied: tuple[str, ...]
    fits: bool
    css: str = ""
    """The kept attempt's CSS (empty without a step)."""


def attempts_for(plan: FitPlan, html: str) -> list[FitAttempt]:
    """The plan's attempts for this page: levers that act on nothing in it (a photo lever
    without a photo) left out; then, when allowed, one more per optional block, leaving
    them out from the last in the document to the first, on top of the tightest levers."""
    idle = {name for name, lever in LEVERS.items()
            if lever.marked and f"data-fit-{name}" not in html}
    attempts: list[FitAttempt] = []
    for attempt in plan.attempts:
        trimmed = attempt.without(idle)
        if trimmed.state and (not attempts or attempts[-1] != trimmed):
            attempts.append(trimmed)
    if plan.drop_optional:
        base = attempts[-1] if attempts else FitAttempt(())
        blocks = list(dict.fromkeys(OPTIONAL_BLOCK.findall(html)))
        hidden: tuple[str, ...] = ()
        for block in reversed(blocks):
            if block in hidden:
                continue
            hidden = _with_emptied(blocks, (*hidden, block))
            attempts.append(replace(base, hidden=hidden))
    return attempts


def _with_emptied(blocks: list[str], hidden: tuple[str, ...]) -> tuple[str, ...]:
    """`hidden`, plus each optional block all of whose optional parts are hidden (the
    section "more_events" once "more_events[0]" and "more_events[1]" are): no heading is
    left standing over nothing."""
    for block in blocks:
        parts = [other for other in blocks if other.startswith(block + "[")]
        if parts and block not in hidden and all(part in hidden for part in parts):
            hidden = (*hidden, block)
    return hidden


def fit_to_pages(lay_out: Callable[[str], Any], attempts: list[FitAttempt], limit: int,
                 first: Any) -> FitOutcome:
    """The first attempt whose layout has at most `limit` pages; else the tightest layout
    (`first` is the layout without any step, known to be too long)."""
    if not attempts:
        return FitOutcome(first, (), False)
    tightest = lay_out(attempts[-1].css)
    if len(tightest.pages) > limit:
        return FitOutcome(tightest, attempts[-1].applied, False, attempts[-1].css)
    low, high, best = 0, len(attempts) - 1, tightest
    while low < high:
        middle = (low + high) // 2
        document = lay_out(attempts[middle].css)
        if len(document.pages) <= limit:
            high, best = middle, document
        else:
            low = middle + 1
    return FitOutcome(best, attempts[high].applied, True, attempts[high].css)
