"""The warm engine floor per output, before and after keeping parsed stylesheets: the render
jobs of a sample build, rendered again by two warm engines in one process, one keeping parsed
stylesheets and one parsing them at every render (as before), paired and interleaved (the
order alternating), CPU seconds per render, medians.

    .venv/bin/python -m benchmarks.warm_floor --rounds 5

(`make bench` runs it as its `warm-floor` section.)
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from briefs.scaffold.new_workspace import init_workspace


def sample_jobs(root: Path) -> list[Any]:
    """The render jobs of a full screen build of the sample (`-j 1 --force`, in this
    process), as the build hands them to its renderer."""
    from click.testing import CliRunner

    import briefs.render.workers as workers
    from briefs.cli import cli

    jobs: list[Any] = []
    real = workers.run_job

    def capture(job: Any) -> Any:
        jobs.append(job)
        return real(job)

    workers.run_job = capture
    try:
        result = CliRunner().invoke(cli, ["--workspace", str(root), "build", "--force",
                                          "-j", "1", "-q"])
    finally:
        workers.run_job = real
    if result.exit_code != 0:
        raise SystemExit(f"the sample build failed:\n{result.output[-2000:]}")
    return jobs


def paired(jobs: list[Any], rounds: int) -> dict[str, Any]:
    """Per output, the median CPU seconds of a warm render without and with kept parses."""
    from briefs.render.engine import Engine

    before, after = Engine(), Engine()
    before.stylesheets.active = lambda log: contextlib.nullcontext()  # type: ignore
    for job in jobs:  # warm: fonts registered, images kept, sheets parsed once
        before.render(job)
        after.render(job)
    seconds: dict[str, list[list[float]]] = {"before": [[] for _ in jobs],
                                             "after": [[] for _ in jobs]}
    for round_ in range(rounds):
        for index, job in enumerate(jobs):
            engines = [("before", before), ("after", after)]
            for name, engine in engines if (round_ + index) % 2 == 0 else engines[::-1]:
                start = time.process_time()
                engine.render(job)
                seconds[name][index].append(time.process_time() - start)
    rows = []
    for index, job in enumerate(jobs):
        old = statistics.median(seconds["before"][index])
        new = statistics.median(seconds["after"][index])
        rows.append((job.title, old, new, new / old))
    return {"rows": rows, "before_s": sum(r[1] for r in rows),
            "after_s": sum(r[2] for r in rows),
            "median_ratio": statistics.median(r[3] for r in rows)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "ws"
        init_workspace(root, template="full")
        figures = paired(sample_jobs(root), options.rounds)
    if options.json:
        print(json.dumps(figures))
        return
    for title, old, new, ratio in figures["rows"]:
        print(f"{title:45} {old * 1000:6.0f} -> {new * 1000:6.0f} ms  {ratio:.3f}")
    print(f"all {len(figures['rows'])} outputs: {figures['before_s']:.2f} -> "
          f"{figures['after_s']:.2f} CPU s ({figures['after_s'] / figures['before_s']:.3f}x); "
          f"median per output {figures['median_ratio']:.3f}x")


if __name__ == "__main__":
    main()
