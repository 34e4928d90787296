"""Render jobs handed to the workers while the build still plans its other documents.

A cold build of many documents used to plan them all (load, validate, check coverage)
before the first job went out, while its warm workers waited: 0.3 s of two idle cores in
the sample's 24 outputs. Now the first output of each document goes out as soon as that
document is planned: each worker has a document to render (render/affinity.py keeps a
document's outputs on one worker) while the others are planned, and the rest of each
document's outputs follow once the plan is done, as before (composing them all here would
keep the second document, and the second worker, waiting behind the first's HTML).

What the user is told does not change: `Planned` still comes first, each output's `Started`
after it, in plan order (`run_build` tells them as it meets each target); only the renderer
has had some jobs sooner.
"""

from __future__ import annotations

from briefs.formats.targets import Target
from briefs.pipeline.cache import BuildCache
from briefs.pipeline.jobs import Composed, compose
from briefs.pipeline.session import BuildSession
from briefs.render.workers import Renderer


class HeadStart:
    """Told each document's targets as the plan makes them (`plan_build`'s `planned`):
    composes the document's first target that renders and submits it."""

    def __init__(self, session: BuildSession, renderer: Renderer, cache: BuildCache) -> None:
        self.session = session
        self.renderer = renderer
        self.cache = cache
        self.composed: dict[str, Composed | None] = {}
        """Targets composed already (None: a template error, reported)."""
        self.sent: set[str] = set()
        """Targets whose job the renderer has."""

    def __call__(self, targets: list[Target]) -> None:
        for target in targets:
            if self.session.options.strict and target.warnings:
                continue  # fails in run_build, without its HTML
            composed = compose(self.session, target, self.cache)
            self.composed[target.id] = composed
            if composed is not None and composed.fresh is None:
                self.renderer.submit(composed.job, target.key.document)
                self.sent.add(target.id)
                return

    def take(self, target: Target) -> Composed | None:
        """The target's composition (made now if the plan did not pass it here)."""
        if target.id in self.composed:
            return self.composed.pop(target.id)
        return compose(self.session, target, self.cache)


def wanted(renderer: Renderer, sharded: bool, ordered: bool) -> bool:
    """Whether a head start helps: the jobs render in worker processes (in this process
    they would render only when their results are asked for) and the plan is taken in the
    order it is made (a shard is chosen from the whole plan; the preview sorts it)."""
    return not renderer.in_process and not sharded and not ordered
