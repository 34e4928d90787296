"""A one-document build's timeline, paired: `python -m benchmarks.timeline WORKSPACE`.

Each run launches `briefs build DOC -l L --force -q` in WORKSPACE through this module's
wrapper (`--inside`), which marks, in milliseconds since the launch and in CPU-seconds of
the process that marks: the render worker forked and ready (`_warm_up`), the job handed
over (`Renderer.submit`), the job done (`run_job`, in the worker), `main` returned; the
launcher adds the process's end. With `--baseline DIR` (a folder holding another `briefs`
package) the runs alternate base and this, each side in its own copy of WORKSPACE (its own
`build/.cache`), and the medians of each mark are printed per side and locale, with the
median of the pairs' own ratios of the end.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.common import ENV, REPO

MARKS = ("fork", "ready", "submit", "done", "returned", "end")
"""In order: the worker forked, the worker ready, the job handed over, the job done in the
worker, `main` returned, the process ended."""


def _mark(name: str) -> None:
    start = float(os.environ.get("TIMELINE_T0", "0") or time.time())
    print(f"TIMELINE {name} {1000 * (time.time() - start):.1f} {time.process_time():.4f}",
          file=sys.stderr, flush=True)


_ORIGINAL: dict[str, Callable[..., Any]] = {}
_MARKED: set[str] = set()


def _warm_up(*args: Any) -> None:
    """The worker's start-up, marked the first time (a worker runs it twice)."""
    first = "ready" not in _MARKED
    if first:
        _mark("fork")
    _ORIGINAL["warm_up"](*args)
    if first:
        _MARKED.add("ready")
        _mark("ready")


def _run_job(job: Any) -> Any:
    """A render job, its end marked (module-level: pebble sends functions by name)."""
    result = _ORIGINAL["run_job"](job)
    _mark("done")
    return result


def _submit(self: Any, *args: Any, **kwargs: Any) -> None:
    if "submit" not in _MARKED:
        _MARKED.add("submit")
        _mark("submit")
    _ORIGINAL["submit"](self, *args, **kwargs)


def inside(argv: list[str]) -> None:
    """Run the `briefs` command `argv` with the marks (in the launched process)."""
    import briefs.render.workers as workers

    _ORIGINAL.update(warm_up=workers._warm_up, run_job=workers.run_job,
                     submit=workers.Renderer.submit)
    workers._warm_up = _warm_up
    workers.run_job = _run_job
    workers.Renderer.submit = _submit  # type: ignore[method-assign]
    try:  # the `briefs` command's entry point (a baseline from before it: the command line's)
        from briefs.launch import main
    except ImportError:
        from briefs.cli import main

    sys.argv = ["briefs", *argv]
    try:
        main()
    finally:
        _mark("returned")


def one_run(workspace: Path, document: str, locale: str,
            baseline: Path | None) -> dict[str, float]:
    """The marks of one build (ms since the launch; `<mark>_cpu` the marking process's
    CPU-seconds then)."""
    path = [str(baseline)] if baseline else []
    env = {**ENV, "PYTHONPATH": os.pathsep.join([*path, str(REPO)]),
           "TIMELINE_T0": repr(time.time())}
    launched = float(env["TIMELINE_T0"])
    result = subprocess.run([sys.executable, "-m", "benchmarks.timeline", "--inside", "build",
                             document, "-l", locale, "--force", "-q"], cwd=workspace, env=env,
                            capture_output=True, text=True, check=False)
    ended = 1000 * (time.time() - launched)
    if result.returncode != 0:
        raise SystemExit(f"the build failed:\n{result.stderr[-2000:]}")
    return parse(result.stderr) | {"end": ended}


def parse(stderr: str) -> dict[str, float]:
    """The marks in a launched build's stderr (the first of each)."""
    marks: dict[str, float] = {}
    for line in stderr.splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[0] == "TIMELINE" and parts[1] not in marks:
            marks[parts[1]] = float(parts[2])
            marks[f"{parts[1]}_cpu"] = float(parts[3])
    return marks


def rounds(workspace: Path, document: str, locales: list[str], runs: int,
           baseline: Path | None) -> dict[str, dict[str, Any]]:
    """Medians of each mark per side and locale; the pairs' ratios of the end."""
    sides = {"this": None} | ({"base": baseline} if baseline else {})
    scratch = Path(tempfile.mkdtemp(prefix="briefs-timeline-"))
    copies = {side: shutil.copytree(workspace, scratch / side, symlinks=True) for side in sides}
    seen: dict[str, dict[str, list[dict[str, float]]]] = {
        locale: {side: [] for side in sides} for locale in locales}
    try:
        for side, folder in copies.items():  # each side's build/.cache made by itself first
            for locale in locales:
                one_run(folder, document, locale, sides[side])
        for index in range(runs):
            order = list(sides) if index % 2 == 0 else list(reversed(sides))
            for locale in locales:
                for side in order:
                    seen[locale][side].append(one_run(copies[side], document, locale,
                                                      sides[side]))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return {locale: summary(by_side) for locale, by_side in seen.items()}


def summary(by_side: dict[str, list[dict[str, float]]]) -> dict[str, Any]:
    """The median of each mark per side, and this ÷ base of the end per pair."""
    figures: dict[str, Any] = {
        side: {name: round(statistics.median(run[name] for run in runs), 3)
               for name in runs[0] if all(name in run for run in runs)}
        for side, runs in by_side.items()}
    if "base" in by_side:
        ratios = sorted(this["end"] / base["end"]
                        for this, base in zip(by_side["this"], by_side["base"], strict=True))
        figures["this_over_base_end"] = {"median": round(statistics.median(ratios), 3),
                                         "spread": [round(ratios[0], 3), round(ratios[-1], 3)]}
    return figures


def main() -> None:
    if sys.argv[1:2] == ["--inside"]:
        inside(sys.argv[2:])
        return
    import json

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workspace", type=Path, help="a built workspace (the sample)")
    parser.add_argument("--document", default="forum-key-messages")
    parser.add_argument("-l", "--locale", dest="locales", action="append")
    parser.add_argument("--runs", type=int, default=4)
    parser.add_argument("--baseline", type=Path, default=None,
                        help="a folder holding another `briefs` package, run in turn")
    args = parser.parse_args()
    from benchmarks.cold import compiled

    compiled([REPO / "briefs", *([args.baseline / "briefs"] if args.baseline else [])])
    print(json.dumps(rounds(args.workspace.resolve(), args.document,
                            args.locales or ["en", "zh", "ar"], args.runs,
                            args.baseline.resolve() if args.baseline else None), indent=2))


if __name__ == "__main__":
    main()
