"""What every benchmark needs: timing medians, running commands, the machine."""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BRIEFS = [sys.executable, "-m", "briefs"]
WEASYPRINT = [sys.executable, "-m", "weasyprint"]
ENV = {**os.environ, "NO_COLOR": "1", "BRIEFS_SERVER": "0"}
"""Every command builds by itself, even while a build server runs (cold figures)..."""
SERVED = {name: value for name, value in ENV.items() if name != "BRIEFS_SERVER"}
"""...except where a figure is about builds handed to `briefs server`."""


def median_time(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None,
        **options: object) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env or ENV,
                            check=False, **options)  # type: ignore[call-overload]
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr[-2000:]}")
    return result


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def timed(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    run(command, cwd, env)
    return time.perf_counter() - start


def cpu_timed(command: list[str], cwd: Path, env: dict[str, str] | None = None
              ) -> tuple[float, float]:
    """Wall seconds, and CPU seconds (user + system) of the command and every process it
    started and waited for (a build's render workers included)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = timed(command, cwd, env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
