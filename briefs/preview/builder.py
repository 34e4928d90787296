"""One build at a time in a worker thread; each step publishes a new snapshot to listeners."""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..diagnostics import BriefsError, Diagnostic, Diagnostics, Severity
from ..i18n import translation_status
from ..models import Profile
from ..pipeline import BuildOptions, BuildResult, Plan, plan_build
from ..pipeline import build as run_build
from ..profiles import workspace_profiles
from ..render import RenderResult
from ..workers import Renderer, RenderJob
from ..workspace import Workspace, load_workspace
from .pages import PageImages
from .state import (
    Output,
    OutputKey,
    Problem,
    Snapshot,
    doc_info,
    has_prose,
    output_path,
    problems,
    translation_detail,
)

Log = Callable[[str], None]


@dataclass(frozen=True)
class Selection:
    """What to preview: documents and locales (empty: all) and profile names (empty: default)."""

    docs: tuple[str, ...] = ()
    locales: tuple[str, ...] = ()
    profiles: tuple[str, ...] = ()


class Broadcaster:
    """Hands messages from the builder thread to every listening event stream's queue."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queues: dict[asyncio.Queue[str | None], asyncio.AbstractEventLoop] = {}
        self._closed = False

    def subscribe(self) -> asyncio.Queue[str | None]:
        queue: asyncio.Queue[str | None] = asyncio.Queue()
        with self._lock:
            if self._closed:
                queue.put_nowait(None)
            else:
                self._queues[queue] = asyncio.get_running_loop()
        return queue

    def unsubscribe(self, queue: asyncio.Queue[str | None]) -> None:
        with self._lock:
            self._queues.pop(queue, None)

    def publish(self, message: str | None) -> None:
        with self._lock:
            listeners = list(self._queues.items())
        for queue, loop in listeners:
            with contextlib.suppress(RuntimeError):  # that stream's event loop is gone
                loop.call_soon_threadsafe(queue.put_nowait, message)

    def close(self) -> None:
        """End every stream (the server is stopping); later subscribers end at once."""
        with self._lock:
            self._closed = True
        self.publish(None)

    @property
    def listeners(self) -> int:
        return len(self._queues)


class _TrackingRenderer(Renderer):
    """An in-process renderer that reports which outputs it is about to render, and each one
    as soon as the build has taken its result (its PDF is then written)."""

    def __init__(self, on_queue: Callable[[list[str]], None],
                 on_done: Callable[[str, bool], None]) -> None:
        super().__init__(1)
        self._on_queue = on_queue
        self._on_done = on_done
        self._titles: list[str] = []

    def submit(self, job: RenderJob) -> None:
        self._titles.append(job.target_id)
        super().submit(job)

    def results(self) -> Iterator[RenderResult]:
        self._on_queue(list(self._titles))
        for title, result in zip(self._titles, super().results(), strict=True):
            yield result
            self._on_done(title, result.pdf is not None and not result.errors
                          and not result.refused)


@dataclass
class _Run:
    """What one build found, before it becomes a snapshot."""

    workspace: Workspace
    doc_ids: list[str]
    locales: list[str]
    profiles: dict[str, Profile]
    diagnostics: Diagnostics = field(default_factory=Diagnostics)
    plan: Plan = field(default_factory=Plan)
    result: BuildResult = field(default_factory=BuildResult)
    status_rows: list[Any] = field(default_factory=list)


class Builder:
    """Serializes builds in one thread; a request made during a build starts one more after it.

    Builds render in this process (WeasyPrint stays warm) and are incremental, so a rebuild
    after one file changed renders only the outputs that file affects.
    """

    def __init__(self, root: Path, selection: Selection, pages: PageImages,
                 log: Log | None = None) -> None:
        self.root = root
        self.selection = selection
        self.pages = pages
        self.log = log or (lambda message: None)
        self.broadcaster = Broadcaster()
        self.snapshot = Snapshot(name=root.name)
        self._changed = threading.Condition()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start the builder thread and the first build."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name="briefs-builder",
                                            daemon=True)
            self._thread.start()
        self.request()

    def request(self) -> None:
        """Ask for a build (changes arriving during a build are coalesced into the next one)."""
        self._wake.set()

    def stop(self, timeout: float = 5) -> None:
        """Stop after the build under way, if any (waiting at most `timeout` s for it)."""
        self._stopping.set()
        self._wake.set()
        self.broadcaster.close()
        if self._thread is not None:
            self._thread.join(timeout)

    def wait_for(self, predicate: Callable[[Snapshot], bool], timeout: float) -> Snapshot:
        """The first snapshot for which `predicate` holds; TimeoutError after `timeout` s."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while not predicate(self.snapshot):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"no such snapshot after {timeout} s: {self.snapshot}")
                self._changed.wait(left)
            return self.snapshot

    def _loop(self) -> None:
        while True:
            self._wake.wait()
            if self._stopping.is_set():
                return
            self._wake.clear()
            try:
                self.build_once()
            except Exception as exc:  # the server must outlive any bug in a build
                self.log(traceback.format_exc())
                problem = Problem("error", "", f"internal error while building: "
                                  f"{type(exc).__name__}: {exc} (the traceback is in the "
                                  "terminal; please report it)")
                self._publish(replace(self.snapshot, building=False, queued=frozenset(),
                                      problems=(problem,), summary="Internal error"))

    def build_once(self) -> Snapshot:
        """Build everything selected (incrementally) and publish the result."""
        started = time.monotonic()
        try:
            workspace = load_workspace(self.root)
        except BriefsError as exc:
            return self._publish_unloadable(exc.diagnostics, started)
        run = self._start_run(workspace)
        try:
            self._build(run)
        except BriefsError as exc:
            run.diagnostics.extend(exc.diagnostics)
            run.result.failed += [f"{doc}.{locale}" for doc in run.doc_ids
                                  for locale in run.locales]
        return self._publish_finished(run, started)

    def _start_run(self, workspace: Workspace) -> _Run:
        selection = self.selection
        run = _Run(workspace,
                   [d for d in workspace.document_ids()
                    if not selection.docs or d in selection.docs],
                   [loc for loc in workspace.config.locales
                    if not selection.locales or loc in selection.locales], {})
        run.profiles = self._profiles(workspace, run.diagnostics)
        previous = self.snapshot
        outputs = {key: previous.outputs.get(key, output)
                   for key, output in _outputs(run).items()}
        self._publish(replace(previous, name=workspace.config.name, building=True,
                              docs=tuple(doc_info(workspace, d) for d in run.doc_ids),
                              locales=tuple(run.locales),
                              source_locale=workspace.config.source_locale,
                              profiles=tuple(run.profiles), outputs=outputs, queued=frozenset(),
                              summary="Building"))
        return run

    def _profiles(self, workspace: Workspace, diagnostics: Diagnostics) -> dict[str, Profile]:
        available = workspace_profiles(workspace.config)
        names = self.selection.profiles or (workspace.config.profile,)
        for name in names:
            if name not in available:
                diagnostics.error(f'no profile "{name}" to preview; profiles: '
                                  f"{', '.join(available)}", workspace.config_path)
        return {name: available[name] for name in names if name in available}

    def _build(self, run: _Run) -> None:
        run.plan = plan_build(run.workspace, run.doc_ids, run.locales, run.diagnostics,
                              run.profiles, None, keep_caches=True)
        # Each render job names the output it renders by its target id.
        titles = {t.id: (t.document.id, t.locale, t.profile_name) for t in run.plan.targets}
        total = len(run.plan.targets)

        def queued(submitted: list[str]) -> None:
            keys = frozenset(titles[title] for title in submitted if title in titles)
            if keys:
                self._publish(replace(self.snapshot, queued=keys,
                                      summary=f"rendering {len(keys)} of {total} outputs"))

        def done(title: str, ok: bool) -> None:
            key = titles.get(title)
            snapshot = self.snapshot
            if key is None or key not in snapshot.outputs:
                return
            output = snapshot.outputs[key]
            if not ok or output.state != "incomplete":
                output = replace(output, state="ok" if ok else "failed", detail="")
            self._publish(replace(snapshot, queued=snapshot.queued - {key},
                                  outputs={**snapshot.outputs, key: output}))

        with _TrackingRenderer(queued, done) as renderer:
            run.result = run_build(run.workspace, run.plan, run.diagnostics,
                                   BuildOptions(jobs=1), progress=lambda message: None,
                                   renderer=renderer)
        run.status_rows = translation_status(run.workspace, run.doc_ids, run.locales,
                                             Diagnostics())

    def _publish_finished(self, run: _Run, started: float) -> Snapshot:
        seconds = time.monotonic() - started
        outputs = _outputs(run, finished=True)
        result = run.result
        summary = (f"{len(result.rendered)} rendered, {len(result.up_to_date)} up to date, "
                   f"{len({o.key for o in outputs.values() if o.state == 'failed'})} failed")
        self.log(f"build {self.snapshot.builds + 1}: {summary} ({seconds:.1f} s)")
        for diagnostic in run.diagnostics:
            if diagnostic.severity is Severity.ERROR:
                self.log(diagnostic.format(run.workspace.root))
        snapshot = self._publish(replace(
            self.snapshot, building=False, builds=self.snapshot.builds + 1, outputs=outputs,
            queued=frozenset(), problems=problems(run.diagnostics, run.workspace.root, run.doc_ids),
            finished_at=time.time(), seconds=seconds, summary=summary))
        self._prune(run)
        return snapshot

    def _publish_unloadable(self, diagnostics: list[Diagnostic], started: float) -> Snapshot:
        """briefs.yaml cannot be read: every output failed; their last PDFs stay."""
        previous = self.snapshot
        outputs = {key: replace(output, state="failed", detail="briefs.yaml has errors")
                   for key, output in previous.outputs.items()}
        for diagnostic in diagnostics:
            self.log(diagnostic.format(self.root))
        shown = problems(diagnostics, self.root, [])
        return self._publish(replace(
            previous, building=False, builds=previous.builds + 1, outputs=outputs,
            queued=frozenset(), problems=shown, finished_at=time.time(),
            seconds=time.monotonic() - started, summary="briefs.yaml has errors"))

    def _publish(self, snapshot: Snapshot) -> Snapshot:
        with self._changed:
            snapshot = replace(snapshot, revision=self.snapshot.revision + 1)
            self.snapshot = snapshot
            self._changed.notify_all()
        self.broadcaster.publish(json.dumps(snapshot.event()))
        return snapshot

    def _prune(self, run: _Run) -> None:
        keep = set()
        for output in self.snapshot.outputs.values():
            info = self.pages.info(run.workspace.output_dir / output.path)
            if info is not None:
                keep.add(info.sha256)
        self.pages.prune(keep)


def _outputs(run: _Run, finished: bool = False) -> dict[OutputKey, Output]:
    """Every output the selection makes, with its state after the build (or 'building')."""
    failed = set(run.result.failed) | set(run.plan.failed)
    rows = {(row.doc, row.locale): row for row in run.status_rows}
    outputs = {}
    for doc in run.doc_ids:
        for locale in run.locales:
            for name, profile in run.profiles.items():
                output = Output(doc, locale, name, output_path(doc, locale, profile.suffix))
                if finished:
                    output = _finished(run, output, failed, rows.get((doc, locale)),
                                       f"{doc}.{locale}{profile.suffix}")
                outputs[output.key] = output
    return outputs


def _finished(run: _Run, output: Output, failed: set[str], row: Any, target_id: str) -> Output:
    if not has_prose(run.workspace, output.doc, output.locale):
        return replace(output, state="untranslated",
                       detail=f"no {output.locale}.yaml yet: copy the source file to start")
    if target_id in failed or f"{output.doc}.{output.locale}" in failed:
        return replace(output, state="failed", detail="see the problems below")
    if row is not None and row.exists and not row.complete:
        return replace(output, state="incomplete", detail=translation_detail(row))
    return replace(output, state="ok", detail="")

