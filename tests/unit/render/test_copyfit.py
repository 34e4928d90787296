"""Copyfitting by layout: which attempts a page gets, and how few layouts finding one takes."""

from __future__ import annotations

from dataclasses import dataclass

from briefs.kinds import flyer
from briefs.kinds.fit_levers import plan_fit
from briefs.render.copyfit import attempts_for, fit_to_pages

PLAN = plan_fit(flyer.KIND.fit, {}, "screen")
WITH_PHOTO = '<div data-field="image" data-fit-photo><img></div>'


def test_photo_steps_are_skipped_without_a_photo() -> None:
    without = attempts_for(PLAN, "<p>no photo here</p>")
    assert not any("photo" in label for attempt in without for label in attempt.applied)
    assert len(without) < len(attempts_for(PLAN, WITH_PHOTO))
    assert len({attempt.applied for attempt in without}) == len(without)  # no repeats


def test_optional_blocks_go_last_first_after_every_other_step() -> None:
    html = (WITH_PHOTO + '<li data-optional="more_events[0]"></li>'
            '<li data-optional="more_events[2]"></li>')
    attempts = attempts_for(PLAN, html)
    assert attempts[-2].applied[-1] == "without more_events[2]"
    assert attempts[-1].applied[-2:] == ("without more_events[2]", "without more_events[0]")
    assert '[data-optional="more_events[0]"] { display: none !important; }' in attempts[-1].css
    assert attempts[-3].state == attempts[-1].state  # the tightest levers, then the drops


@dataclass
class Layout:
    pages: list[int]


def test_bisection_finds_the_first_attempt_that_fits_in_few_layouts() -> None:
    attempts = attempts_for(PLAN, WITH_PHOTO)
    fits_from = 5
    made: list[str] = []

    def lay_out(css: str) -> Layout:
        made.append(css)
        index = [attempt.css for attempt in attempts].index(css)
        return Layout([1] if index >= fits_from else [1, 2])

    outcome = fit_to_pages(lay_out, attempts, 1, Layout([1, 2]))
    assert outcome.fits and outcome.applied == attempts[fits_from].applied
    assert len(made) <= 5 < len(attempts)  # the tightest, then a bisection


def test_when_even_the_tightest_attempt_overflows_it_stops_there() -> None:
    attempts = attempts_for(PLAN, WITH_PHOTO)
    made: list[str] = []
    outcome = fit_to_pages(lambda css: made.append(css) or Layout([1, 2]), attempts, 1,
                           Layout([1, 2]))
    assert not outcome.fits and outcome.applied == attempts[-1].applied and len(made) == 1


def test_a_section_goes_with_its_last_optional_part() -> None:
    html = (WITH_PHOTO + '<section data-optional="more_events">'
            '<li data-optional="more_events[0]"></li><li data-optional="more_events[1]"></li>')
    attempts = attempts_for(PLAN, html)
    assert attempts[-2].hidden == ("more_events[1]",)
    assert set(attempts[-1].hidden) == {"more_events", "more_events[0]", "more_events[1]"}
    assert attempts[-1].applied[-1] == "without more_events"  # not each part again
