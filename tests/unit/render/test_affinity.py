"""Affinity: a document's jobs go to one worker; an idle worker takes work from a busy one."""

from __future__ import annotations

from concurrent.futures import Future
from typing import Any

import pytest

from briefs.render.affinity import Affinity


class FakePool:
    """Workers that start what they are given and finish when the test says."""

    def __init__(self, workers: int = 2) -> None:
        self.started: list[tuple[int, str]] = []
        self.running: dict[int, tuple[str, Future[Any]]] = {}
        self.affinity = Affinity(workers, self.schedule)
        self.futures: dict[str, Future[Any]] = {}

    def schedule(self, worker: int, job: str) -> Future[Any]:
        assert worker not in self.running, "a worker was given a second job"
        future: Future[Any] = Future()
        self.started.append((worker, job))
        self.running[worker] = (job, future)
        return future

    def submit(self, *jobs: str) -> None:
        for job in jobs:
            self.futures[job] = self.affinity.submit(job, job[0])  # the group: "a" of "a1"

    def finish(self, worker: int, exc: BaseException | None = None) -> str:
        job, future = self.running.pop(worker)
        if exc is None:
            future.set_result(f"pdf of {job}")
        else:
            future.set_exception(exc)
        return job

    def run_all(self) -> None:
        """Finish the running jobs, the one started first first."""
        while self.running:
            order = [job for _, job in self.started]
            self.finish(min(self.running, key=lambda w: order.index(self.running[w][0])))


def test_a_documents_jobs_stay_on_one_worker() -> None:
    pool = FakePool()
    pool.submit("a1", "a2", "a3", "b1", "b2", "b3")
    assert pool.started == [(0, "a1"), (1, "b1")]
    pool.affinity.close()
    pool.run_all()
    assert sorted(pool.started) == [(0, "a1"), (0, "a2"), (0, "a3"),
                                    (1, "b1"), (1, "b2"), (1, "b3")]
    assert [pool.futures[job].result() for job in ("a1", "b3")] == ["pdf of a1", "pdf of b3"]


def test_an_idle_worker_waits_for_a_new_document_while_jobs_come_in() -> None:
    """Before the caller waits for the results, the second worker does not start on the
    first document (it would pay that document's first-render costs again)."""
    pool = FakePool()
    pool.submit("a1", "a2", "a3")
    pool.finish(0)
    assert pool.started == [(0, "a1"), (0, "a2")]
    pool.submit("b1")
    assert pool.started[-1] == (1, "b1")


def test_a_worker_that_runs_dry_takes_over_a_group_not_started() -> None:
    pool = FakePool()
    pool.submit("a1", "a2", "b1", "c1", "c2")  # c: to the less loaded worker 0, behind a2
    assert pool.started == [(0, "a1"), (1, "b1")]
    pool.finish(1)
    assert pool.started[-1] == (1, "c1")  # worker 1 took c over, worker 0 still on a1
    pool.finish(1)
    assert pool.started[-1] == (1, "c2")
    pool.finish(0)
    assert pool.started[-1] == (0, "a2")


def test_once_the_caller_waits_an_idle_worker_takes_the_last_waiting_job() -> None:
    pool = FakePool()
    pool.submit("a1", "a2", "a3", "a4")
    assert pool.started == [(0, "a1")]
    pool.affinity.close()
    assert pool.started == [(0, "a1"), (1, "a4")]
    pool.finish(1)
    assert pool.started[-1] == (1, "a3")
    pool.finish(0)
    assert pool.started[-1] == (0, "a2")
    pool.submit("a5")  # a new batch: nothing more is stolen until the caller waits again
    pool.finish(1)
    assert pool.started[-1] == (0, "a2") and 1 not in pool.running
    pool.run_all()
    assert sorted(job for _, job in pool.started) == ["a1", "a2", "a3", "a4", "a5"]


def test_outcomes_pass_through_and_a_failure_frees_its_worker() -> None:
    pool = FakePool()
    pool.submit("a1", "a2")
    pool.finish(0, TimeoutError("too long"))
    with pytest.raises(TimeoutError):
        pool.futures["a1"].result()
    assert pool.started[-1] == (0, "a2")


def test_a_pool_that_refuses_a_job_fails_that_job_alone() -> None:
    calls: list[str] = []

    def schedule(worker: int, job: str) -> Future[Any]:
        calls.append(job)
        if job == "bad":
            raise RuntimeError("pool closed")
        future: Future[Any] = Future()
        future.set_result(job)
        return future

    affinity = Affinity(1, schedule)
    futures = [affinity.submit(job, "g") for job in ("bad", "good")]
    with pytest.raises(RuntimeError):
        futures[0].result()
    assert futures[1].result() == "good" and calls == ["bad", "good"]


def test_stopping_cancels_what_waits_and_starts_nothing_more() -> None:
    pool = FakePool()
    pool.submit("a1", "a2", "b1", "b2")
    pool.affinity.stop()
    assert pool.futures["a2"].cancelled() and pool.futures["b2"].cancelled()
    pool.finish(0)
    assert pool.futures["a1"].result() == "pdf of a1"
    assert pool.started == [(0, "a1"), (1, "b1")]
