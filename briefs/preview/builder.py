"""One build at a time in a worker thread; build events become snapshots for the pages.

The builder is a listener of the build like the command line is: it runs the same session,
plan and build, and turns each event into a new snapshot. It keeps one in-process renderer
for its lifetime, so WeasyPrint and its fonts stay warm between builds.
"""

from __future__ import annotations

import contextlib
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from briefs.content.config import Workspace
from briefs.core.diagnostics import BriefsError, Diagnostic, Diagnostics, Severity
from briefs.i18n.status import StatusRow, translation_status
from briefs.output.writer import WriteError
from briefs.pipeline.entry import BuildOutcome, Steering, run
from briefs.pipeline.events import (
    BuildEvent,
    Failed,
    Finished,
    Fitted,
    Planned,
    Rendered,
    Started,
    UpToDate,
)
from briefs.pipeline.request import BadRequest, BuildOptions, BuildRequest
from briefs.pipeline.run import warm_up
from briefs.pipeline.session import BuildSession
from briefs.preview.broadcast import Broadcaster, sse
from briefs.preview.imager import Imager
from briefs.preview.pages import PageImages
from briefs.preview.scope import EVERYTHING, Requests, Scope, Watched
from briefs.preview.state import (
    DocInfo,
    Output,
    OutputKey,
    Problem,
    Snapshot,
    doc_info,
    problems,
    translation_detail,
)
from briefs.render.workers import Renderer

Log = Callable[[str], None]


@dataclass(frozen=True)
class Selection:
    """What to preview: documents and locales (empty: all) and profile names (empty: default)."""

    docs: tuple[str, ...] = ()
    locales: tuple[str, ...] = ()
    profiles: tuple[str, ...] = ()
    formats: tuple[str, ...] = ()
    """Output formats made besides the PDF (`briefs serve --format html,social`)."""


class Builder:
    """Serializes builds in one thread; a request made during a build starts one more after it.

    Builds render in this process (WeasyPrint stays warm) and are incremental, so a rebuild
    after one file changed renders only the outputs that file affects. A change inside one
    document's folder plans that document alone; the outputs open in a browser are rendered
    first, and their pages imaged and announced as soon as each is written.
    """

    def __init__(self, root: Path, selection: Selection, pages: PageImages,
                 log: Log | None = None) -> None:
        self.root = root
        self.selection = selection
        self.pages = pages
        self.log = log or (lambda message: None)
        self.broadcaster = Broadcaster()
        self.snapshot = Snapshot(name=root.name)
        self.renderer = Renderer(1)
        self.watched = Watched()
        self.imager = Imager(pages, self.broadcaster.publish, self.log)
        self._changed = threading.Condition()
        self._wake = threading.Event()
        self._requests = Requests()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._counts: Finished | None = None
        self._scope = EVERYTHING
        self._output_dir = root / "build"
        self._warm = False
        self._session: BuildSession | None = None
        self._planned: list[str] = []

    def start(self) -> None:
        """Start the builder thread and the first build."""
        if self._thread is None:
            self.imager.start()
            self._thread = threading.Thread(target=self._loop, name="briefs-builder",
                                            daemon=True)
            self._thread.start()
        self.request()

    def request(self, changes: list[str] | None = None) -> None:
        """Ask for a build of what `changes` (workspace-relative paths; None: anything) can
        affect; changes arriving during a build are gathered into the next one."""
        self._requests.add(changes)
        self._wake.set()

    def stop(self, timeout: float = 5) -> None:
        """Stop after the build under way, if any (waiting at most `timeout` s for it)."""
        self._stopping.set()
        self._wake.set()
        self.broadcaster.close()
        if self._thread is not None:
            self._thread.join(timeout)
        self.imager.stop(timeout)

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
            scope = self._requests.take([doc.id for doc in self.snapshot.docs])
            if scope is None:
                continue
            try:
                self.build_once(scope)
            except Exception as exc:  # the server must outlive any bug in a build
                self.log(traceback.format_exc())
                problem = Problem("error", "", f"internal error while building: "
                                  f"{type(exc).__name__}: {exc} (the traceback is in the "
                                  "terminal; please report it)")
                self._publish(replace(self.snapshot, building=False, queued=frozenset(),
                                      problems=(problem,), summary="Internal error"))

    def build_once(self, scope: Scope = EVERYTHING) -> Snapshot:
        """Build what `scope` covers of the selection (incrementally) and publish the result.

        The build is the one every runner makes (`build.entry.run`): it holds the output
        folder's build lock, so a `briefs build` beside the preview waits for it."""
        started = time.monotonic()
        self._counts, self._session = None, None
        request = BuildRequest(self.root, self.selection.docs, self.selection.locales,
                               BuildOptions(profiles=self.selection.profiles,
                                            formats=self.selection.formats), lasting=True)
        steering = Steering(narrow=lambda session, docs, locales: self._narrow(
                                session, (docs, locales), scope),
                            first=lambda target: target.key in self.watched,
                            after=self._warm_up)
        outcome = None
        try:
            outcome = run(request, [self._on_event], self.renderer, steering)
        except BriefsError as exc:
            if self._session is None:
                return self._publish_unloadable(exc.diagnostics, started)
            self._session.diagnostics.extend(exc.diagnostics)
        except BadRequest as exc:
            if self._session is None:
                return self._publish_unloadable(
                    [Diagnostic(Severity.ERROR, f"{exc} to preview",
                                self.root / "briefs.yaml")], started)
        except WriteError as exc:
            if self._session is None:
                return self._publish_unloadable(
                    [Diagnostic(Severity.ERROR, exc.message, exc.path)], started)
            self._session.diagnostics.error(exc.message, exc.path)
        session = outcome.session if outcome is not None else self._session
        assert session is not None
        doc_ids = outcome.doc_ids if outcome is not None else self._planned
        translations = replace(session.translation_scope(), diagnostics=Diagnostics())
        rows = translation_status(translations, doc_ids, list(self.snapshot.locales))
        return self._publish_finished(session.workspace, doc_ids, session.diagnostics, rows,
                                      started)

    def _narrow(self, session: BuildSession, selection: tuple[list[str], list[str]],
                scope: Scope) -> list[str]:
        """Of the documents and locales the build selected, the documents it plans (those
        `scope` covers), and the snapshot that says the build began."""
        workspace = session.workspace
        self._session, self._output_dir = session, workspace.output_dir
        selected, locales = selection
        gone = scope.docs is not None and not scope.docs <= set(selected)
        self._scope = EVERYTHING if gone else scope
        doc_ids = [d for d in selected if self._scope.covers(d)]
        self._planned = doc_ids
        self._publish(replace(self.snapshot, name=workspace.config.name, building=True,
                              docs=self._docs(workspace, session, selected, doc_ids),
                              locales=tuple(locales),
                              source_locale=workspace.config.source_locale,
                              profiles=tuple(session.profiles), queued=frozenset(),
                              summary="Building"))
        return doc_ids

    def _warm_up(self, outcome: BuildOutcome) -> None:
        """After the first build: render one output per set of fonts and drop it, so that the
        first edit is as quick as the next (still under the build lock: it may write font
        subsets)."""
        if self._warm:
            return
        self._warm = True
        with contextlib.suppress(WriteError):
            warm_up(outcome.session, outcome.plan, self.renderer, lambda: not (
                self._stopping.is_set() or self._requests.pending))

    def _docs(self, workspace: Workspace, session: BuildSession, selected: list[str],
              doc_ids: list[str]) -> tuple[DocInfo, ...]:
        """The documents the index lists: those rebuilt read again, the others as they were."""
        known = {doc.id: doc for doc in self.snapshot.docs}
        return tuple(doc_info(workspace, session.kinds, d) if d in doc_ids or d not in known
                     else known[d] for d in selected)

    def _on_event(self, event: BuildEvent) -> None:
        """A build event, as a change of the snapshot the pages show."""
        snapshot = self.snapshot
        if isinstance(event, Planned):
            outputs = {key: output for key, output in snapshot.outputs.items()
                       if not self._scope.covers(key.document)}
            outputs |= {ref.key: snapshot.outputs.get(ref.key, Output.of(ref))
                        for ref in (*event.outputs, *event.failed)}
            outputs |= {ref.key: Output.of(ref, "untranslated", f"no {ref.key.locale}.yaml "
                                           "yet: copy the source file to start")
                        for ref in event.untranslated}
            outputs |= {ref.key: replace(outputs[ref.key], state="failed",
                                         detail="see the problems below")
                        for ref in event.failed}
            self._publish(replace(snapshot, outputs=dict(sorted(outputs.items()))))
        elif isinstance(event, Started):
            self._change(event.output.key, fitted=())
            snapshot = self.snapshot
            self._publish(replace(snapshot, queued=snapshot.queued | {event.output.key},
                                  summary=f"rendering {len(snapshot.queued) + 1} outputs"))
        elif isinstance(event, Finished):
            self._counts = event
        elif isinstance(event, Fitted):
            self._change(event.output.key, fitted=event.applied)
        elif isinstance(event, Failed):
            self._settle(event.output.key, "failed", "see the problems below",
                         proof=event.proof or "")
        elif isinstance(event, Rendered | UpToDate):
            self._settle(event.output.key, "ok", "", proof="")
            if isinstance(event, Rendered):
                self._warm = True
                self._image(event.output.key)

    def _image(self, key: OutputKey) -> None:
        """Image the pages of an output a browser shows: its first page here and now, before
        the build goes on, the others beside it (other outputs' pages when asked for)."""
        output = self.snapshot.outputs.get(key)
        if output is not None and key in self.watched:
            pdf = self._output_dir / output.path
            self.imager.image(output, pdf, last=1)
            self.imager.put(output, pdf, first=2)

    def _settle(self, key: OutputKey, state: str, detail: str, proof: str) -> None:
        snapshot = self.snapshot
        output = snapshot.outputs.get(key)
        if output is None:
            return
        self._publish(replace(snapshot, queued=snapshot.queued - {key}, outputs={
            **snapshot.outputs, key: replace(output, state=state, detail=detail, proof=proof)}))

    def _change(self, key: OutputKey, **changes: object) -> None:
        """Replace some fields of one output in the snapshot (a fit, a cleared fit)."""
        snapshot = self.snapshot
        output = snapshot.outputs.get(key)
        if output is not None:
            self._publish(replace(snapshot, outputs={
                **snapshot.outputs, key: replace(output, **changes)}))  # type: ignore[arg-type]

    def _publish_finished(self, workspace: Workspace, doc_ids: list[str],
                          diagnostics: Diagnostics, rows: list[StatusRow],
                          started: float) -> Snapshot:
        seconds = time.monotonic() - started
        incomplete = {(row.doc, row.locale): row for row in rows if row.exists
                      and not row.complete}
        outputs = {key: replace(output, state="incomplete",
                                detail=translation_detail(incomplete[(key.document,
                                                                      key.locale)]))
                   if output.state == "ok" and (key.document, key.locale) in incomplete
                   else output for key, output in self.snapshot.outputs.items()}
        failed = sum(1 for output in outputs.values() if output.state == "failed")
        counts = self._counts
        summary = (f"{counts.rendered if counts else 0} rendered, "
                   f"{counts.up_to_date if counts else 0} up to date, {failed} failed")
        self.log(f"build {self.snapshot.builds + 1}: {summary} ({seconds:.1f} s)")
        for diagnostic in diagnostics:
            if diagnostic.severity is Severity.ERROR:
                self.log(diagnostic.format(workspace.root))
        found = problems(diagnostics, workspace.root, doc_ids)
        snapshot = self._publish(replace(
            self.snapshot, building=False, builds=self.snapshot.builds + 1, outputs=outputs,
            queued=frozenset(), problems=self._merged(found), finished_at=time.time(),
            seconds=seconds, summary=summary))
        self._prune(workspace)
        return snapshot

    def _merged(self, found: tuple[Problem, ...]) -> tuple[Problem, ...]:
        """A rebuild of some documents replaces their problems and keeps the others'."""
        if self._scope.whole:
            return found
        kept = [problem for problem in self.snapshot.problems
                if (problem.doc is None and problem not in found)
                or (problem.doc is not None and not self._scope.covers(problem.doc))]
        return (*found, *kept)

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
        self.broadcaster.publish(sse("build", snapshot.event()))
        return snapshot

    def _prune(self, workspace: Workspace) -> None:
        keep = set()
        for output in self.snapshot.outputs.values():
            for path in (output.path, output.proof):
                info = self.pages.info(workspace.output_dir / path) if path else None
                if info is not None:
                    keep.add(info.sha256)

        self.pages.prune(keep)
