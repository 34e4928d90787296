"""Checks as a registry: one object per check, selected by kind, profile and output format.

A check with `stage = "layout"` runs in the render worker on the laid-out pages (WeasyPrint's
boxes, before the PDF is made; `check --layout` runs these too); one with `stage = "render"`
runs there on the PDF before it is written (the render job carries the checks selected for
its target); one with `stage = "output"` runs in the build on each file an output format
made, before it is written. Either way an error fails the output (its previous file is
kept) and a warning is reported (and fails it under `--strict`). Checks come from briefs and
from plug-ins (entry points in the group `briefs.checks`, each a Check or a function
returning one or a list); `formats/registry.py` loads them (`load_checks`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from briefs.core.diagnostics import Diagnostics, Problem
from briefs.core.plugins import PluginSpec, entry_points, load_plugins
from briefs.render.stage_checks import Layout

if TYPE_CHECKING:
    from briefs.content.config import Profile

ENTRY_POINT_GROUP = "briefs.checks"
STAGES = ("layout", "render", "output")
IN_RENDER = ("layout", "render")
"""The stages a render job carries (its worker runs them)."""

__all__ = ["IN_RENDER", "STAGES", "Check", "CheckRegistry", "Layout", "plugin_checks"]


class Check:
    """One check. Subclass it, set `name`, `output` and `stage`, override `check` (and
    `applies` to narrow it to kinds or profiles), and register an instance."""

    name: str = ""
    output: str = "pdf"
    """The output format whose files it checks."""
    stage: str = "output"
    description: str = ""

    def applies(self, kind: str, profile: Profile, output: str) -> bool:
        """Whether it checks the `output` files of a document of `kind` made with `profile`."""
        return output == self.output

    def check(self, data: bytes) -> list[Problem]:
        """What a check of stage "render" or "output" finds in a file's bytes."""
        raise NotImplementedError(f"the check {self.name} checks no file")

    def check_layout(self, layout: Layout) -> list[Problem]:
        """What a check of stage "layout" finds in the laid-out pages."""
        raise NotImplementedError(f"the check {self.name} checks no layout")

    def __repr__(self) -> str:
        return f"<check {self.name}>"


class CheckRegistry:
    """Every check a build can run, by name, in the order they were registered."""

    def __init__(self, checks: Iterable[Check] = ()) -> None:
        self._checks: dict[str, Check] = {}
        for check in checks:
            self.register(check)

    def register(self, check: Check) -> None:
        if not check.name or check.stage not in STAGES:
            raise ValueError(f"{check!r} needs a name and a stage ({', '.join(STAGES)})")
        if check.name in self._checks:
            raise ValueError(f'a check named "{check.name}" is registered twice')
        self._checks[check.name] = check

    def get(self, name: str) -> Check | None:
        return self._checks.get(name)

    def names(self) -> list[str]:
        return list(self._checks)

    def __iter__(self) -> Iterator[Check]:
        return iter(self._checks.values())

    def select(self, kind: str, profile: Profile, output: str,
               stage: str | tuple[str, ...] | None = None) -> tuple[Check, ...]:
        """The checks for the `output` files of one target, of one `stage` (or of any of
        several), in registration order."""
        stages = (stage,) if isinstance(stage, str) else stage
        return tuple(check for check in self
                     if (stages is None or check.stage in stages)
                     and check.applies(kind, profile, output))


CHECK_PLUGINS: PluginSpec[Check] = PluginSpec(
    "check", Check, "a briefs Check with a name and a stage",
    usable=lambda check: bool(check.name) and check.stage in STAGES)


def plugin_checks(diagnostics: Diagnostics, taken: set[str]) -> list[Check]:
    """Checks from installed packages; a broken one is reported and skipped."""
    return load_plugins(entry_points(group=ENTRY_POINT_GROUP), CHECK_PLUGINS, diagnostics, taken)
