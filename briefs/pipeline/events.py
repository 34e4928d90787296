"""Build events: what a build reports, as it happens, to any number of listeners.

The command line's progress lines and the preview's live state are both listeners; neither
re-implements a rule of the build. Every event names outputs by their typed key.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from briefs.formats.targets import OutputName, TargetKey


@dataclass(frozen=True)
class OutputRef:
    """An output as events name it: its key, id and path."""

    key: TargetKey
    name: OutputName

    @property
    def id(self) -> str:
        return self.name.id


@dataclass(frozen=True)
class Planned:
    """Everything is loaded and validated: these outputs will be built (or found up to date),
    these failed validation, and these documents have no text in these locales yet."""

    outputs: tuple[OutputRef, ...]
    failed: tuple[OutputRef, ...]
    untranslated: tuple[OutputRef, ...] = ()
    """Outputs of documents that have no text file in that locale yet: nothing to build."""
    workers: int = 1
    """How many outputs render at once; the others sent to the renderer wait their turn."""


@dataclass(frozen=True)
class Note:
    """Something worth telling the user once (a missing library, the number of workers)."""

    message: str


@dataclass(frozen=True)
class Started:
    """An output went to the renderer."""

    output: OutputRef


@dataclass(frozen=True)
class Rendered:
    """An output was rendered, passed its checks, and its file was written."""

    output: OutputRef
    pages: int
    bytes: int
    seconds: float


@dataclass(frozen=True)
class UpToDate:
    """Nothing an output is made from changed: its file stays as it is."""

    output: OutputRef


@dataclass(frozen=True)
class Fitted:
    """An output was too long for its pages and fits with these copyfitting steps."""

    output: OutputRef
    applied: tuple[str, ...]

    @property
    def message(self) -> str:
        """`river-dialogue-flyer.ru: fitted with body 8.5 pt, photo 80%`."""
        return f"{self.output.id}: fitted with {', '.join(self.applied)}"


@dataclass(frozen=True)
class Failed:
    """An output could not be made (the diagnostics say why); its previous file is kept."""

    output: OutputRef
    reason: str
    proof: str | None = None
    """The overflow proof written instead (relative to the output folder), if it overflowed."""


@dataclass(frozen=True)
class Finished:
    """The build is over: counts, and how long each stage took (seconds)."""

    rendered: int
    up_to_date: int
    failed: int
    seconds: float
    timings: dict[str, float] = field(default_factory=dict)


BuildEvent = Planned | Note | Started | Fitted | Rendered | UpToDate | Failed | Finished

Listener = Callable[[BuildEvent], None]


class EventBus:
    """Hands every event to each listener, in the order they were added."""

    def __init__(self, listeners: Iterable[Listener] = ()) -> None:
        self.listeners = list(listeners)

    def emit(self, event: BuildEvent) -> None:
        for listener in self.listeners:
            listener(event)
