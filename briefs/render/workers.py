"""Warm render workers: processes that import WeasyPrint once and render many targets."""

from __future__ import annotations

import gc
import importlib
import itertools
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

from briefs.core.diagnostics import Problem
from briefs.render import pool_polling
from briefs.render.affinity import Affinity
from briefs.render.deadline import RENDER_SECONDS

if TYPE_CHECKING:  # the engine's module is imported where a render needs it (see `start`)
    from briefs.render.engine import Engine, RenderJob, RenderResult

RENDER_TIMEOUT_SECONDS = RENDER_SECONDS + 60
"""A worker still busy this long (stuck in C code, where the render's own limit cannot
reach) is ended."""
SHUTDOWN_GRACE_SECONDS = 5
_ENGINES: list[Engine] = []
"""This process's WeasyPrint engine (one per worker process, and one in the main process
once it renders): made at the first render, since making it imports WeasyPrint (half a
CPU-second), which a main process whose workers render never needs; before a fork, it
would make the main process import it before the workers start, not while they do."""


def process_engine() -> Engine:
    """This process's engine, made at the first call."""
    if not _ENGINES:
        from briefs.render.engine import Engine

        _ENGINES.append(Engine())
    return _ENGINES[0]


def run_job(job: RenderJob) -> RenderResult:
    """Render one job (in a worker, or in this process with -j 1)."""
    return process_engine().render(job)


PRELOADED = (
    "briefs.render.archive", "briefs.render.standards.run_rules", "briefs.render.tagging.retag",
    # What a first render imported after those (its modules against sys.modules, measured):
    # the layout's contrast check (not coloraide: render/luminance.py), the page rules, the
    # text layer's marks, defusedxml (SVG images), the email headers of data: URLs, the OS/2
    # table.
    "briefs.render.contrast", "briefs.render.standards.page_rules",
    "briefs.render.tagging.marks", "briefs.render.tagging.tounicode", "defusedxml.ElementTree",
    "email.generator", "email.headerregistry", "email.contentmanager", "email.policy",
    "fontTools.ttLib.tables.O_S_2f_2",
    # And what the text layer's later steps and the fonts' other tables imported in a first
    # job (en, zh, ar; fontTools' glyph names for the Arabic joiners' copies).
    "briefs.render.tagging.cmap_values", "briefs.render.tagging.edge_spaces",
    "briefs.render.tagging.logical_runs", "briefs.render.tagging.range_dashes",
    "briefs.render.tagging.untag", "fontTools.agl", "fontTools.ttLib.tables._g_a_s_p",
    "fontTools.ttLib.tables._h_h_e_a",
)
"""Modules a worker imports before its first job, while the main process plans."""


def _warm_up(languages: tuple[str, ...] = ()) -> None:
    """Import WeasyPrint once per worker, before its first job, and what finishing and
    checking an output use (pikepdf, the structure tree, the standards' rules), and read the
    hyphenation dictionaries of the build's `languages` (render/hyphenation.py): a worker is
    ready while the main process still plans, so its first render no longer pays for them.

    What the imports made lives as long as the worker: `gc.freeze()` keeps it out of the
    collector's full passes, which went through all of it again and again during every
    render (a first render 8% and the next ones 3% cheaper in CPU, measured; PDFs the same).
    The collector is off while they are made: its passes over the young imports cost 11% of
    the start-up (about 50 ms of CPU, measured), to free about a thousand objects of cyclic
    garbage, which are frozen with the rest instead.

    Each worker then makes its own FontConfiguration (see pdf.Engine): one
    inherited from the parent would share its temporary font folder with every worker, and a
    worker seeing a font file another one wrote would skip registering it.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        process_engine()  # imports WeasyPrint
        for name in PRELOADED:
            importlib.import_module(name)
        from briefs.render.c_types import parse_first_render_types

        parse_first_render_types()
        from PIL import Image

        Image.preinit()  # the decoders WeasyPrint's first raster image would load
        from briefs.render.hyphenation import preload

        preload(languages)
        gc.freeze()
    finally:
        if collecting:
            gc.enable()


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


RENDER_GC_THRESHOLD = 20_000
"""Allocations between a worker's young-generation collections (Python's default: 700, as
the main process's planning has, cli/build.py): a render allocates millions of objects, most
freed by reference counting, and 30 collections a render, a few of the middle generation,
cost more than they freed (over the sample's 24 outputs in one worker: collections 0.27-0.32
-> 0.15-0.16 CPU-s, 19 instead of 718 and one middle pass instead of 65; peak 138 -> 150
MiB; docs/performance.md)."""


def _start_worker(languages: tuple[str, ...] = (), again: bool = False) -> None:
    """A pool worker's start: `_warm_up`, then young objects collected every
    RENDER_GC_THRESHOLD allocations; with `again` (a long-lived renderer's worker), what a
    render of the same output again reuses kept (render_again.py)."""
    from briefs.render.render_again import keep_for_renders_again

    _warm_up(languages)
    keep_for_renders_again(again)
    gc.set_threshold(RENDER_GC_THRESHOLD, *gc.get_threshold()[1:])


def _failure(title: str, message: str, code: str = "render.worker") -> RenderResult:
    from briefs.render.engine import RenderResult

    return RenderResult.failure(title, Problem.error(code, message))


class Renderer:
    """Renders jobs as they are submitted, and gives results back in submission order.

    With one worker everything runs in this process. Otherwise the first submission starts a
    pool of warm processes, so that their WeasyPrint import overlaps with the caller preparing
    the next jobs. A job that raises, or whose worker dies, fails alone with a clear error;
    the pool carries on with the rest.
    """

    def __init__(self, workers: int, pooled: bool | None = None,
                 one_build: bool = False) -> None:
        self.workers = workers
        self.pooled = workers > 1 if pooled is None else pooled
        """Whether jobs go to worker processes (one process too, when asked: its WeasyPrint
        import then overlaps with planning)."""
        self.one_build = one_build
        """Whether this renderer is shut down once its build's results are in (`briefs
        build`): its pools then poll quickly from the wait for the last result to their end
        (render/pool_polling.py); a long-lived renderer's keep pebble's period."""
        self._pools: list[Any] = []
        self._affinity: Affinity | None = None
        self._unnamed = itertools.count()
        self._submitted: list[tuple[RenderJob, Future[RenderResult] | None]] = []
        if not self.pooled and not one_build:  # this process renders outputs again
            from briefs.render.render_again import keep_for_renders_again

            keep_for_renders_again(True)

    def __enter__(self) -> Renderer:
        return self

    def __exit__(self, exc_type: object, *exc_info: object) -> None:
        self.shut_down(at_once=exc_type is not None)

    def shut_down(self, at_once: bool = False) -> None:
        """End the workers: let them finish, or (Ctrl+C, an error) stop them now.

        pebble's join can deadlock now and then (noxdafox/pebble#50, #147); a graceful end
        that takes longer than a few seconds is therefore turned into a stop, so that
        `briefs watch` and a build always end when asked.
        """
        if self._affinity is not None:  # first: nothing more is handed to a pool
            self._affinity.stop()
            self._affinity = None
        if not self._pools:
            return
        pools, self._pools = self._pools, []
        try:
            if not at_once:
                for pool in pools:
                    pool.close()
                try:
                    for pool in pools:
                        pool.join(timeout=SHUTDOWN_GRACE_SECONDS)
                    return
                except TimeoutError:
                    pass
            for pool in pools:
                pool.stop()
            for pool in pools:
                pool.join()
        finally:
            pool_polling.restore()

    def forget_pending(self) -> None:
        """After a build that ended early (interrupted, or an error): its jobs still queued
        or running are stopped, so that the next build's results are its own."""
        if self._submitted:
            self._submitted = []
            self.shut_down(at_once=True)

    def is_warm_for(self, faces: dict[tuple[str, str, str], str], owner: str = "") -> bool:
        """Whether a render with these font faces (of the workspace `owner`) would find them
        loaded (in this process; workers' state is not known, so never for a pool)."""
        return self.in_process and bool(_ENGINES) and _ENGINES[0].fonts.knows(faces, owner)

    @classmethod
    def for_outputs(cls, jobs: int, outputs: int) -> Renderer:
        """A renderer for a build of at most `outputs` outputs, `jobs` asked for (0: the
        cores): never more workers than outputs (each worker's start-up costs a third of a
        CPU-second, which a build of one output would pay for nothing); one worker process,
        not this one, when `-j 1` was not asked for, so that it starts while the build plans."""
        wanted = jobs or default_jobs()
        workers = max(1, min(wanted, outputs))
        return cls(workers, pooled=wanted > 1, one_build=True)

    @property
    def in_process(self) -> bool:
        """Whether jobs render in this process, one at a time."""
        return not self.pooled

    def start(self, languages: Iterable[str] = ()) -> None:
        """Start the warm workers now (their WeasyPrint import then overlaps with planning),
        with the hyphenation dictionaries of `languages` (the build's locales) read."""
        if self.pooled and not self._pools:
            from pebble import ProcessPool

            # One pool of one process per worker, so that a job can be given to the
            # worker of its document (render/affinity.py).
            self._pools = [ProcessPool(max_workers=1, initializer=_start_worker,
                                       initargs=(tuple(languages), not self.one_build))
                           for _ in range(self.workers)]
            for pool in self._pools:  # pebble starts workers lazily: wake them all
                pool.schedule(_warm_up)
            self._affinity = Affinity(self.workers, self._schedule)

    def _schedule(self, worker: int, job: RenderJob) -> Future[RenderResult]:
        return self._pools[worker].schedule(run_job, args=(job,),  # type: ignore[no-any-return]
                                            timeout=RENDER_TIMEOUT_SECONDS)

    def submit(self, job: RenderJob, group: str = "") -> None:
        """Render `job` (in a worker: the one rendering `group`, its document, if any)."""
        if not self.pooled:
            self._submitted.append((job, None))
            return
        self.start()
        assert self._affinity is not None
        self._submitted.append((job, self._affinity.submit(
            job, group or f"job {next(self._unnamed)}")))

    def results(self) -> Iterator[tuple[RenderJob, RenderResult]]:
        """Each job submitted since the last call, with its result, in submission order."""
        submitted, self._submitted = self._submitted, []
        if self._affinity is not None:
            self._affinity.close()
        for index, (job, future) in enumerate(submitted):
            if len(submitted) - index <= len(self._pools) and self.one_build:
                # The last results (as many as workers: each worker's last job, about a
                # job's length before the end): the pools are joined soon, and a pool thread
                # already asleep finishes its sleep of pebble's own period (0.1 s) before it
                # sees a shorter one, so shortened now, not at the very last result (joining
                # then waited 20-90 ms); not sooner: 100 wake-ups a second of each pool's
                # threads through a long build would cost more CPU than the join saves.
                pool_polling.shorten()
            yield job, self._result(job, future)

    @staticmethod
    def _result(job: RenderJob, future: Future[RenderResult] | None) -> RenderResult:
        from pebble import ProcessExpired

        try:
            return run_job(job) if future is None else future.result()
        except ProcessExpired as exc:
            return _failure(job.title, f"the render worker crashed (exit code {exc.exitcode});"
                                       " the other outputs are not affected")
        except TimeoutError:
            return _failure(job.title, f"rendering took longer than {RENDER_TIMEOUT_SECONDS} s "
                                       "and was stopped", "render.time-limit")
        except Exception as exc:  # a bug in a renderer must not stop other targets
            return _failure(job.title, f"internal error while rendering: "
                                       f"{type(exc).__name__}: {exc}")
