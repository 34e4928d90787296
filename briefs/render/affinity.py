"""Which render worker takes which job: a document's outputs stay on one worker, and an idle
worker takes work from a busy one."""

from __future__ import annotations

import functools
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

Schedule = Callable[[int, Any], "Future[Any]"]
"""Start `job` on worker `index` now (the worker is idle); its future tells the outcome."""


class Affinity:
    """Hands jobs to workers one at a time, each job of a group (a document) to the worker
    that rendered the group's first one, so that its first-render costs (fonts registered,
    images decoded, stylesheets parsed, the kind's first layout: about half a CPU-second a
    document) are paid by one worker, not by each.

    A worker holds at most one job (its own pool of one process: a shared queue cannot say
    which process takes a job); the rest wait here, in the order submitted, in the queue of
    the group's worker. A new group goes to the least loaded worker. A worker that runs dry
    takes over a group whose worker has not started it yet (most jobs first); once the
    caller waits for the results (`close`: nothing more will come for now), it also takes
    the last job waiting for another worker, so that no core idles at the end of a build.

    Futures returned by `submit` tell each job's outcome, whatever the worker's future told
    (a result, the worker's crash, a time-out): failure handling stays the pool's.
    """

    def __init__(self, workers: int, schedule: Schedule) -> None:
        self._schedule = schedule
        self._lock = threading.Lock()
        self._waiting: list[deque[tuple[Any, str, Future[Any]]]] = [
            deque() for _ in range(workers)]
        self._busy = [False] * workers
        self._owner: dict[str, int] = {}
        self._started: set[str] = set()
        self._closed = False
        self._stopped = False

    def submit(self, job: Any, group: str) -> Future[Any]:
        """Queue `job` of `group`; start it now if its worker is idle."""
        ours: Future[Any] = Future()
        with self._lock:
            self._closed = False
            worker = self._owner.get(group)
            if worker is None:
                worker = min(range(len(self._busy)), key=self._load)
                self._owner[group] = worker
            self._waiting[worker].append((job, group, ours))
            starts = self._next_jobs()
        self._start(starts)
        return ours

    def close(self) -> None:
        """The caller waits for the results: idle workers may now take started groups' jobs."""
        with self._lock:
            self._closed = True
            starts = self._next_jobs()
        self._start(starts)

    def stop(self) -> None:
        """Start nothing more; jobs still waiting are cancelled."""
        with self._lock:
            self._stopped = True
            waiting = [ours for queue in self._waiting for _, _, ours in queue]
            for queue in self._waiting:
                queue.clear()
        for ours in waiting:
            ours.cancel()

    def _load(self, worker: int) -> int:
        return len(self._waiting[worker]) + self._busy[worker]

    def _next_jobs(self) -> list[tuple[int, Any, Future[Any]]]:
        """(Under the lock) a job for each idle worker that can have one, marked busy."""
        starts: list[tuple[int, Any, Future[Any]]] = []
        if self._stopped:
            return starts
        for worker, busy in enumerate(self._busy):
            if busy:
                continue
            taken = self._own(worker) or self._steal(worker)
            if taken is not None:
                job, group, ours = taken
                self._busy[worker] = True
                if self._owner.get(group) == worker:
                    self._started.add(group)
                starts.append((worker, job, ours))
        return starts

    def _own(self, worker: int) -> tuple[Any, str, Future[Any]] | None:
        queue = self._waiting[worker]
        return queue.popleft() if queue else None

    def _steal(self, worker: int) -> tuple[Any, str, Future[Any]] | None:
        """Another worker's unstarted group (taken over whole), or, once the caller waits,
        the last job waiting for the most loaded worker."""
        counts: dict[str, int] = {}
        for other, queue in enumerate(self._waiting):
            for _, group, _ in queue:
                if other != worker and group not in self._started:
                    counts[group] = counts.get(group, 0) + 1
        if counts:
            group = max(counts, key=lambda name: counts[name])
            victim = self._waiting[self._owner[group]]
            moved = [item for item in victim if item[1] == group]
            kept = [item for item in victim if item[1] != group]
            victim.clear()
            victim.extend(kept)
            self._owner[group] = worker
            self._waiting[worker].extend(moved)
            return self._own(worker)
        if not self._closed:
            return None
        victim = max(self._waiting, key=len)
        return victim.pop() if victim else None

    def _start(self, starts: list[tuple[int, Any, Future[Any]]]) -> None:
        """(Outside the lock: a pool's future may call back at once.)"""
        for worker, job, ours in starts:
            try:
                theirs = self._schedule(worker, job)
            except Exception as exc:  # the pool is closed or broken: this job fails alone
                theirs = Future()
                theirs.set_exception(exc)
            theirs.add_done_callback(functools.partial(self._finished, worker, ours=ours))

    def _finished(self, worker: int, theirs: Future[Any], *, ours: Future[Any]) -> None:
        if theirs.cancelled():
            ours.cancel()
        elif (exc := theirs.exception()) is not None:
            ours.set_exception(exc)
        else:
            ours.set_result(theirs.result())
        with self._lock:
            self._busy[worker] = False
            starts = self._next_jobs()
        self._start(starts)
