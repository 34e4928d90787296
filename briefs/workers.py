"""Warm render workers: processes that import WeasyPrint once and render many targets."""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .render import RenderResult, render_pdf

RENDER_TIMEOUT_SECONDS = 600


@dataclass(frozen=True)
class RenderJob:
    """Everything a worker needs to render one target; results come back to the parent."""

    html: str
    root: Path
    title: str
    max_pages: int | None = None
    font_families: frozenset[str] = frozenset()
    min_image_dpi: int = 0
    options: dict[str, Any] = field(default_factory=dict)


def run_job(job: RenderJob) -> RenderResult:
    """Render one job (in a worker, or in this process with -j 1)."""
    return render_pdf(job.html, job.root, title=job.title, max_pages=job.max_pages,
                      font_families=job.font_families, min_image_dpi=job.min_image_dpi,
                      options=job.options)


def _warm_up() -> None:
    """Import WeasyPrint once per worker, before its first job.

    Each worker then makes its own FontConfiguration (see render._font_configuration): one
    inherited from the parent would share its temporary font folder with every worker, and a
    worker seeing a font file another one wrote would skip registering it.
    """
    import weasyprint  # noqa: F401


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _failure(title: str, message: str) -> RenderResult:
    return RenderResult(pdf=None, pages=0, errors=[f"{title}: {message}"])


def render_all(jobs: list[RenderJob], workers: int) -> Iterator[RenderResult]:
    """Render `jobs`, yielding results in job order.

    With one worker (or one job) everything runs in this process. Otherwise a pool of warm
    processes renders them; a job that raises, or whose worker dies, fails alone with a clear
    error, and the pool carries on with the rest.
    """
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            try:
                yield run_job(job)
            except Exception as exc:  # a bug in a renderer must not stop other targets
                yield _failure(job.title, f"internal error while rendering: "
                                          f"{type(exc).__name__}: {exc}")
        return
    from pebble import ProcessExpired, ProcessPool

    with ProcessPool(max_workers=min(workers, len(jobs)), initializer=_warm_up) as pool:
        futures: list[Future[RenderResult]] = [
            pool.schedule(run_job, args=(job,), timeout=RENDER_TIMEOUT_SECONDS) for job in jobs]
        for job, future in zip(jobs, futures, strict=True):
            try:
                yield future.result()
            except ProcessExpired as exc:
                yield _failure(job.title, f"the render worker crashed (exit code {exc.exitcode});"
                                          " the other outputs are not affected")
            except TimeoutError:
                yield _failure(job.title, f"rendering took longer than {RENDER_TIMEOUT_SECONDS} s "
                                          "and was stopped")
            except Exception as exc:
                yield _failure(job.title, f"internal error while rendering: "
                                          f"{type(exc).__name__}: {exc}")
