"""The one build entry point: `briefs build`, `watch`, the preview and the build server all
call `run`, and none re-implements a rule of the build.

`run` loads the workspace, selects documents and locales, opens the session, takes the
output folder's build lock, plans, renders, and writes (or forgets) the no-op stamp. What
happens is told to the listeners as it happens; what it did is the `BuildOutcome`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from briefs.content.config import Workspace, load_workspace
from briefs.content.config_file import ConfigFile
from briefs.core.diagnostics import Diagnostics
from briefs.formats.targets import Target
from briefs.pipeline.buildlock import build_lock
from briefs.pipeline.events import Listener, Note
from briefs.pipeline.head_start import HeadStart, wanted
from briefs.pipeline.noop import forget, write_stamp
from briefs.pipeline.plan import Plan, plan_build
from briefs.pipeline.request import BadRequest, BuildRequest, select
from briefs.pipeline.run import BuildResult, open_cache, run_build
from briefs.pipeline.session import BuildSession
from briefs.pipeline.sharding import longest_first
from briefs.render.workers import Renderer


@dataclass(frozen=True)
class Steering:
    """What a long-lived runner (the preview) may adjust in a build it asks for."""

    narrow: Callable[[BuildSession, list[str], list[str]], list[str]] | None = None
    """Of the documents selected, those to plan this time (told the open session, the
    documents and the locales the request selected)."""
    first: Callable[[Target], bool] | None = None
    """Targets for which this holds render before the others (those a browser shows)."""
    after: Callable[[BuildOutcome], None] | None = None
    """Told the outcome while the build lock is still held (the preview warms its renderer,
    which may write font subsets)."""


@dataclass
class BuildOutcome:
    """What one build did: its session (diagnostics, output folder), plan and result."""

    session: BuildSession
    plan: Plan
    result: BuildResult
    doc_ids: list[str] = field(default_factory=list)
    locales: list[str] = field(default_factory=list)
    partial: bool = False
    """Only some of the documents asked for were planned (the preview's narrowed rebuild, or
    a lasting request's document deleted since)."""

    @property
    def diagnostics(self) -> Diagnostics:
        return self.session.diagnostics

    @property
    def errors(self) -> int:
        """Errors, and warnings under `--strict`: the build failed when there are any."""
        return self.diagnostics.failing(self.session.options.strict)

    def outputs(self) -> list[str]:
        """The files of every output built or up to date (relative to the output folder)."""
        return [path for entry in self.result.entries for path in entry.file_paths()]


def open_session(workspace: Workspace, request: BuildRequest,
                 listeners: Iterable[Listener]) -> BuildSession:
    """The build's session; an unknown profile or output format is a bad request."""
    from briefs.formats.registry import UnknownFormat
    from briefs.render.profiles import UnknownProfile

    try:
        session = BuildSession(workspace, request.options, listeners)
    except (UnknownProfile, UnknownFormat) as exc:
        raise BadRequest(str(exc)) from exc
    if request.single and len(session.profiles) != 1:
        raise BadRequest("-o needs one output: choose one --profile")
    return session


def run(request: BuildRequest, listeners: Iterable[Listener] = (),
        renderer: Renderer | None = None, steering: Steering | None = None,
        config: ConfigFile | None = None) -> BuildOutcome:
    """Build what `request` asks for (BadRequest, BriefsError or WriteError before anything
    is built when it cannot be). With no `renderer`, one is started for this build (first:
    its workers import WeasyPrint while the content loads). `config` is the workspace's
    briefs.yaml when the caller has parsed it already (`briefs build`'s no-op check)."""
    workspace = load_workspace(request.workspace, config)
    doc_ids, locales = select(workspace, request.docs, request.locales, request.single,
                              request.lasting)
    if renderer is None:
        outputs = len(doc_ids) * len(locales) * _profile_count(workspace, request)
        with Renderer.for_outputs(request.options.jobs, outputs) as own:
            own.start(locales)
            return _run(request, listeners, own, steering, (workspace, doc_ids, locales))
    return _run(request, listeners, renderer, steering, (workspace, doc_ids, locales))


def _run(request: BuildRequest, listeners: Iterable[Listener], renderer: Renderer,
         steering: Steering | None, selection: tuple[Workspace, list[str], list[str]],
         ) -> BuildOutcome:
    workspace, doc_ids, locales = selection
    request = dataclasses.replace(request, options=dataclasses.replace(
        request.options, jobs=renderer.workers))
    steering = steering or Steering()
    session = open_session(workspace, request, listeners)
    left_out = set(request.docs) - set(doc_ids)  # deleted since (a lasting request)
    selected = doc_ids
    if steering.narrow is not None:
        doc_ids = steering.narrow(session, doc_ids, locales)
    with build_lock(session.output_dir, lambda message: session.events.emit(Note(message))):
        head = HeadStart(session, renderer, open_cache(session)) if wanted(
            renderer, session.options.shard is not None, steering.first is not None) else None
        plan = plan_build(session, doc_ids, locales, head)
        if steering.first is not None:
            plan.targets.sort(key=lambda target: not steering.first(target))  # type: ignore[misc]
        else:
            plan.targets = longest_first(plan.targets)
        if session.diagnostics.has_errors() and not plan.targets:
            result = BuildResult(failed=[session.output_name(key).id for key in plan.failed])
        else:
            result = run_build(session, plan, renderer, head)
        outcome = BuildOutcome(session, plan, result, doc_ids, locales,
                               partial=doc_ids != selected or bool(left_out))
        _stamp(request, outcome)
        if steering.after is not None:
            steering.after(outcome)
    return outcome


def _profile_count(workspace: Workspace, request: BuildRequest) -> int:
    """How many profiles the build makes (an unknown one is reported by the session)."""
    from briefs.render.profiles import UnknownProfile, select_profiles

    try:
        return len(select_profiles(workspace.config, request.options.profiles))
    except UnknownProfile:
        return 1


def _stamp(request: BuildRequest, outcome: BuildOutcome) -> None:
    """A clean build (no problem at all) of all it was asked for is recorded so that an
    unchanged rerun is a no-op; any other forgets the last record."""
    session = outcome.session
    if not session.options.writes:
        return
    if len(session.diagnostics) == 0 and not outcome.result.failed and not outcome.partial:
        system_fonts = sorted({str(face.path) for target in outcome.plan.targets
                               for face in target.brand.faces if not face.bundled})
        write_stamp(session.writer, session.workspace.root, request.stamp_arguments(),
                    outcome.outputs(), system_fonts)
    else:
        forget(session.writer)
