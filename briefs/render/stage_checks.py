"""What the engine asks of the checks a render job carries: a stage and a method for it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from briefs.core.diagnostics import Problem


@dataclass(frozen=True)
class Layout:
    """What a layout check sees: one target's laid-out pages and the HTML they come from."""

    document: Any
    """WeasyPrint's laid-out `Document` (its pages' boxes)."""
    html: str


class StageCheck(Protocol):
    """A check the engine runs in the worker (`briefs.formats.checks.Check` is one): those
    of stage "layout" on the laid-out pages, those of stage "render" on the PDF's bytes. The
    engine runs the checks its job names and no others; which ones is the build's choice."""

    @property
    def name(self) -> str: ...

    @property
    def stage(self) -> str: ...

    def check(self, data: bytes) -> list[Problem]: ...

    def check_layout(self, layout: Layout) -> list[Problem]: ...
