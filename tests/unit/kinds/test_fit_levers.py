"""Fit steps as data: parsed and checked, planned within a brand's limits and the floors."""

from __future__ import annotations

import pytest

from briefs.brand.model import BrandFit
from briefs.content.config import Profile
from briefs.kinds import flyer
from briefs.kinds.fit_levers import FitStep, medium_of, parse_steps, plan_fit
from briefs.render.profiles import BUILTIN_PROFILES


def test_steps_read_like_a_typesetters_notes() -> None:
    assert FitStep.parse("body 8.5pt") == FitStep("body", 8.5)
    assert FitStep.parse("photo 80%") == FitStep("photo", 80)
    assert FitStep.parse("leading 1.25") == FitStep("leading", 1.25)
    assert FitStep.parse("optional") == FitStep("optional")
    assert [str(step) for step in parse_steps(["photo 80%", "body 8.5pt", "optional"])] == [
        "photo 80%", "body 8.5 pt", "optional"]


@pytest.mark.parametrize(("steps", "message"), [
    (["size 8pt"], 'unknown lever "size"'),
    (["body"], "give the value"),
    (["body 80%"], "body is measured in pt"),
    (["body 8pt", "body 8.5pt"], "does not tighten body"),
    (["optional", "body 8pt"], "put it last"),
    (["optional 2"], "takes no value"),
])
def test_steps_that_would_not_tighten_are_refused(steps: list[str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_steps(steps)


def _applied(limits: dict[str, object], medium: str) -> list[tuple[str, ...]]:
    return [attempt.applied for attempt in plan_fit(flyer.KIND.fit, limits, medium).attempts]


def test_the_flyers_steps_accumulate_in_order() -> None:
    applied = _applied({}, "print")
    assert applied[0] == ("photo 80%",)
    assert applied[1] == ("body 8.5 pt", "photo 80%")
    assert applied[-1] == ("body 7.5 pt", "leading 1.25", "photo 60%", "space 50%")


@pytest.mark.parametrize(("medium", "floor"), [("screen", 8.0), ("print", 7.5)])
def test_body_text_never_goes_under_the_legibility_floor(medium: str, floor: float) -> None:
    """Even when a brand allows 6 pt, or a kind asks for less."""
    generous = BrandFit.model_validate({"body": "6pt", "leading": "1", "photo": "10%"})
    steps = parse_steps(["body 8pt", "body 7.5pt", "body 7pt", "body 6pt", "leading 1.1",
                         "photo 30%"])
    plan = plan_fit(steps, generous.limits(), medium)
    sizes = [value for attempt in plan.attempts for lever, value in attempt.state
             if lever == "body"]
    assert min(sizes) == floor
    assert all(value >= 1.15 for attempt in plan.attempts for lever, value in attempt.state
               if lever == "leading")
    assert all(value >= 40 for attempt in plan.attempts for lever, value in attempt.state
               if lever == "photo")


def test_a_brand_limits_how_far_each_lever_goes_and_may_forbid_dropping() -> None:
    strict = BrandFit.model_validate({"body": "8.5pt", "photo": "80%", "optional": "false"})
    plan = plan_fit(flyer.KIND.fit, strict.limits(), "screen")
    assert plan.drop_optional is False
    values = {lever: value for attempt in plan.attempts for lever, value in attempt.state}
    assert values["body"] == 8.5 and values["photo"] == 80
    assert plan_fit(flyer.KIND.fit, {}, "screen").drop_optional is True


def test_the_profile_decides_the_medium() -> None:
    assert medium_of(BUILTIN_PROFILES["screen"]) == "screen"
    assert medium_of(BUILTIN_PROFILES["print"]) == "print"
    assert medium_of(Profile(suffix=".press", min_image_dpi=300)) == "print"


def test_attempts_are_css_custom_properties() -> None:
    attempt = plan_fit(parse_steps(["body 8.5pt", "photo 80%"]), {}, "screen").attempts[-1]
    assert "--fit-body: 8.5pt !important;" in attempt.css
    assert "--fit-photo: 0.8 !important;" in attempt.css


def test_the_first_step_a_brand_holds_back_is_kept_as_one_step_more() -> None:
    from briefs.kinds.fit_levers import one_step_more

    steps = parse_steps(["space 75%", "body 9pt", "leading 1.3", "body 8.5pt"])
    plan = plan_fit(steps, {"body": 9.0}, "screen")
    assert [attempt.applied for attempt in plan.attempts][-1] == (
        "body 9 pt", "leading 1.3", "space 75%")
    assert str(plan.one_more) == "body 8.5 pt"
    more = one_step_more(plan, plan.attempts[-1])
    assert more is not None and more.applied == ("body 8.5 pt", "leading 1.3", "space 75%")
    floor = plan_fit(parse_steps(["body 7.5pt"]), {}, "screen")  # under the floor: never
    assert floor.one_more is None and one_step_more(floor, None) is None
