"""Copyfitting as data: the levers a kind may pull, in order, and the floors it never passes.

A kind lists fit steps (`photo 80%`, `body 8.5pt`, ..., `optional`); its stylesheet reads each
lever as a CSS custom property (`font-size: var(--fit-body, 8.8pt)`). A brand sets how far
each lever may go (`fit:` in brand.yaml), and legibility floors hold whatever either says.
When a document is longer than its page limit, the build tries the steps, each applied on top
of the ones before, until the content fits (see render/copyfit.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Lever:
    """One thing copyfitting may change, as a CSS custom property a stylesheet reads."""

    name: str
    unit: str
    """"pt", "%" (written to CSS as a factor: 80% -> 0.8) or "" (a plain number)."""
    floors: tuple[tuple[str, float], ...] = ()
    """The least value per medium ("screen", "print"): legibility, not taste."""
    describe: str = "{name} {value}"
    marked: bool = False
    """Whether the lever only acts on elements a template marks (`data-fit-photo`): without
    one in the page, its steps are skipped rather than reported as applied."""

    @property
    def css_property(self) -> str:
        return f"--fit-{self.name}"

    def css_value(self, value: float) -> str:
        if self.unit == "%":
            return f"{value / 100:g}"
        return f"{value:g}{self.unit}"

    def label(self, value: float) -> str:
        shown = f"{value:g}" + ("%" if self.unit == "%" else f" {self.unit}" if self.unit else "")
        return self.describe.format(name=self.name, value=shown)

    def floor(self, medium: str) -> float:
        return dict(self.floors).get(medium, 0.0)


LEVERS: dict[str, Lever] = {lever.name: lever for lever in (
    Lever("body", "pt", (("print", 7.5), ("screen", 8.0))),
    Lever("leading", "", (("print", 1.15), ("screen", 1.15))),
    Lever("photo", "%", (("print", 40.0), ("screen", 40.0)), marked=True),
    Lever("space", "%", (("print", 25.0), ("screen", 25.0))),
)}
"""The levers every kind and brand share: body size, leading (line height), photo height and
space between blocks. Body text is never set under 7.5 pt in print or 8 pt on screen."""
OPTIONAL = "optional"
"""The last resort: leave out blocks the content marks `optional: true`, last first."""
BLOCK_NAME = re.compile(r"[A-Za-z0-9_.\[\]-]{1,200}")
"""An optional block's name: the field it holds (`more_events[1]`), safe in a CSS string."""
STEP_TEXT = re.compile(r"^\s*([a-z]+)(?:\s+(\d+(?:\.\d+)?)\s*(pt|%)?)?\s*$")


@dataclass(frozen=True)
class FitStep:
    """One step: a lever set to a value (`body 8.5pt`), or leaving optional blocks out."""

    lever: str
    value: float | None = None

    @classmethod
    def parse(cls, text: str) -> FitStep:
        """`body 8.5pt`, `photo 80%`, `leading 1.25`, `space 75%` or `optional`."""
        found = STEP_TEXT.match(text)
        if found is None:
            raise ValueError(f'"{text}" is not a fit step; write a lever and a value '
                             "(body 8.5pt, photo 80%, leading 1.25, space 75%) or optional")
        name, number, unit = found.groups()
        if name == OPTIONAL:
            if number is not None:
                raise ValueError("optional takes no value")
            return cls(OPTIONAL)
        lever = LEVERS.get(name)
        if lever is None:
            raise ValueError(f'unknown lever "{name}"; levers: {", ".join(LEVERS)}, {OPTIONAL}')
        if number is None:
            raise ValueError(f'"{text}": give the value {name} is set to')
        if (unit or "") not in ("", lever.unit):
            raise ValueError(f'"{text}": {name} is measured in {lever.unit or "a plain number"}')
        return cls(name, float(number))

    def __str__(self) -> str:
        return OPTIONAL if self.value is None else LEVERS[self.lever].label(self.value)


def parse_steps(texts: list[str]) -> tuple[FitStep, ...]:
    """Steps from their text, checked: each lever only ever tightens (values go down)."""
    steps = tuple(FitStep.parse(text) for text in texts)
    last: dict[str, float] = {}
    for step in steps:
        if step.value is None:
            continue
        if step.lever in last and step.value >= last[step.lever]:
            raise ValueError(f"{step} does not tighten {step.lever} (it was "
                             f"{LEVERS[step.lever].label(last[step.lever])} already); each "
                             "step must make the content take less room")
        last[step.lever] = step.value
    if any(step.lever == OPTIONAL for step in steps[:-1]):
        raise ValueError("optional is the last resort: put it last")
    return steps


@dataclass(frozen=True)
class FitAttempt:
    """The levers set for one try (and the optional blocks left out), as CSS, and as the
    words that report it."""

    state: tuple[tuple[str, float], ...]
    hidden: tuple[str, ...] = ()
    """Blocks left out (their `data-optional` names), last first."""

    @property
    def css(self) -> str:
        declarations = " ".join(f"{LEVERS[name].css_property}: "
                                f"{LEVERS[name].css_value(value)} !important;"
                                for name, value in self.state)
        rules = [f":root {{ {declarations} }}"] if declarations else []
        rules += [f'[data-optional="{block}"] {{ display: none !important; }}'
                  for block in self.hidden if BLOCK_NAME.fullmatch(block)]
        return "\n".join(rules)

    @property
    def applied(self) -> tuple[str, ...]:
        """What differs from the kind's own design: ("body 8.5 pt", "photo 80%")."""
        order = list(LEVERS)
        levers = sorted(self.state, key=lambda item: order.index(item[0]))
        shown = [block for block in self.hidden  # a section left out names its parts too
                 if not any(block.startswith(other + "[") for other in self.hidden)]
        return tuple(LEVERS[name].label(value) for name, value in levers) + \
            tuple(f"without {block}" for block in shown)


    def without(self, levers: set[str]) -> FitAttempt:
        return FitAttempt(tuple(item for item in self.state if item[0] not in levers),
                          self.hidden)


@dataclass(frozen=True)
class FitPlan:
    """Every try for one output, in order, and whether optional blocks may be left out."""

    attempts: tuple[FitAttempt, ...] = ()
    drop_optional: bool = False
    one_more: FitStep | None = None
    """The first of the kind's steps the brand's limits held back (the legibility floors
    allow it): tried on top of the tightest attempt when nothing fits, and proposed first
    when it makes the content fit."""

    def __bool__(self) -> bool:
        return bool(self.attempts) or self.drop_optional


def plan_fit(steps: tuple[FitStep, ...], limits: dict[str, Any], medium: str) -> FitPlan:
    """The attempts a kind's steps make for a brand's `limits` (lever -> least value, and
    `optional`: whether blocks may be dropped) in one medium; a step below the brand's
    limit or a legibility floor is never tried."""
    state: dict[str, float] = {}
    attempts: list[FitAttempt] = []
    drop_optional = False
    one_more = None
    for step in steps:
        if step.value is None:
            drop_optional = limits.get(OPTIONAL, True) is not False
            continue
        lever = LEVERS[step.lever]
        limit = limits.get(step.lever)
        if step.value < lever.floor(medium):
            continue
        if limit is not None and step.value < limit:
            one_more = one_more or step
            continue
        state[step.lever] = step.value
        attempts.append(FitAttempt(tuple(state.items())))
    return FitPlan(tuple(attempts), drop_optional, one_more)


def one_step_more(plan: FitPlan, tightest: FitAttempt | None) -> FitAttempt | None:
    """The tightest attempt with the step the brand held back on top (None without one)."""
    if plan.one_more is None or plan.one_more.value is None:
        return None
    base = tightest or FitAttempt(())
    state = dict(base.state)
    state[plan.one_more.lever] = plan.one_more.value
    return FitAttempt(tuple(state.items()), base.hidden)


def medium_of(profile: Any) -> str:
    """"print" for a profile made for a press (bleed, or a least image resolution), else
    "screen": the medium whose legibility floors apply."""
    return "print" if getattr(profile, "bleed_mm", 0) or \
        getattr(profile, "min_image_dpi", 0) else "screen"
