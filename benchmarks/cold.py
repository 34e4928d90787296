"""Cold builds against bare WeasyPrint, paired: `python -m benchmarks.cold [--runs N]`.

Each round runs, one after the other (A B A B ...): a cold `briefs build --force` of the whole
sample, one `weasyprint` command per output with the same options, then one document in one
locale at a time (`briefs build DOC -l L --force`) against `weasyprint` on that output's HTML.
Every figure is the median of the rounds; every ratio is the median of the rounds' own ratios,
with its spread (lowest, highest), so that a burst of load from elsewhere on a shared machine
hits both sides of a pair alike. `--profile DIR` also writes where a cold build spends its CPU
(`-X importtime` of the main process, cProfile of `-j 1`) into DIR. Both toolkits are
byte-compiled first (`compiled`), as an installed briefs is.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.build import CLI_OPTIONS
from benchmarks.common import BRIEFS, ENV, REPO, WEASYPRINT, cpu_timed, run

ONE_DOCUMENT = "forum-key-messages"
ONE_LOCALES = ("en", "zh", "ar")


def timed(command: list[str], workspace: Path, env: dict[str, str] | None,
          cpu: list[float]) -> float:
    """Wall seconds of the command; its CPU seconds (user + system, the command and its
    workers) appended to `cpu`."""
    wall, seconds = cpu_timed(command, workspace, env)
    cpu.append(seconds)
    return wall


def cold_rounds(workspace: Path, runs: int, baseline: Path | None,
                tasks: tuple[str, ...] = ("full", "one")) -> dict[str, object]:
    """Each round: (baseline briefs,) briefs, then bare WeasyPrint, for the full build and for
    one document one locale at a time (`tasks`: both, or one of "full" and "one"; `make
    bench` measures "one" here, the full build in its own section)."""
    html = sorted((workspace / "build").rglob("*.html"))
    scratch = Path(tempfile.mkdtemp(prefix="briefs-cold-"))
    sides = {"briefs": None} | ({"baseline": {**ENV, "PYTHONPATH": str(baseline)}}
                                if baseline else {})
    # Each toolkit builds its own copy of the workspace: what one keeps in build/.cache (a
    # version it does not know) must not be rewritten by the other between its builds.
    own = {side: workspace if side == "briefs" else _copy(workspace, scratch / side)
           for side in sides}
    times: dict[str, list[float]] = {f"{task}_{side}": [] for task in tasks
                                     for side in [*sides, "weasyprint"]}
    cpu: dict[str, list[float]] = {name: [] for name in times}
    for _ in range(runs):
        if "full" in tasks:
            for side, env in sides.items():
                times[f"full_{side}"].append(timed([*BRIEFS, "build", "--force", "-q"],
                                                   own[side], env, cpu[f"full_{side}"]))
            start = time.perf_counter()
            for index, name in enumerate(html):
                run([*WEASYPRINT, *CLI_OPTIONS, str(name), str(scratch / f"{index}.pdf")],
                    workspace)
            times["full_weasyprint"].append(time.perf_counter() - start)
        if "one" in tasks:
            one = dict.fromkeys([*sides, "weasyprint"], 0.0)
            for locale in ONE_LOCALES:
                for side, env in sides.items():
                    one[side] += timed([*BRIEFS, "build", ONE_DOCUMENT, "-l", locale,
                                        "--force", "-q"], own[side], env, cpu[f"one_{side}"])
                source = workspace / "build" / ONE_DOCUMENT / f"{ONE_DOCUMENT}.{locale}.html"
                one["weasyprint"] += timed([*WEASYPRINT, *CLI_OPTIONS, str(source),
                                            str(scratch / "one.pdf")], workspace, None,
                                           cpu["one_weasyprint"])
            for side, seconds in one.items():
                times[f"one_{side}"].append(seconds)
    shutil.rmtree(scratch, ignore_errors=True)
    figures: dict[str, object] = {"outputs": len(html), "runs": runs, "times": times,
                                  "document": ONE_DOCUMENT, "locales": list(ONE_LOCALES),
                                  "cpu_median_s": {side: statistics.median(seconds)
                                                   for side, seconds in cpu.items() if seconds}}
    for task in tasks:
        for side in sides:
            ratios = sorted(bare / own for own, bare in zip(
                times[f"{task}_{side}"], times[f"{task}_weasyprint"], strict=True))
            figures[f"{task}_{side}_median_s"] = statistics.median(times[f"{task}_{side}"])
            figures[f"{task}_weasyprint_over_{side}"] = {
                "median": statistics.median(ratios), "spread": [ratios[0], ratios[-1]]}
        figures[f"{task}_weasyprint_median_s"] = statistics.median(times[f"{task}_weasyprint"])
    return figures


def _copy(workspace: Path, folder: Path) -> Path:
    shutil.copytree(workspace, folder, symlinks=True)
    return folder


def profiles(workspace: Path, folder: Path) -> None:
    """Where a cold build's CPU goes: imports of the main process, and cProfile of `-j 1`."""
    folder.mkdir(parents=True, exist_ok=True)
    result = run([sys.executable, "-X", "importtime", "-m", "briefs", "build", "--force", "-q"],
                 workspace)
    (folder / "importtime.txt").write_text(result.stderr, encoding="utf-8")
    run([sys.executable, "-m", "cProfile", "-o", str(folder / "build-j1.prof"), "-m", "briefs",
         "build", "--force", "-q", "-j", "1"], workspace)
    run([sys.executable, "-m", "cProfile", "-o", str(folder / "one-j1.prof"), "-m", "briefs",
         "build", ONE_DOCUMENT, "-l", "en", "--force", "-q", "-j", "1"], workspace)


def compiled(packages: list[Path]) -> None:
    """Byte-code for each toolkit measured, as a pip-installed briefs has it: an editable
    install run with PYTHONDONTWRITEBYTECODE=1 (as on some CI and shared machines) compiles
    briefs' modules from source in every process, ~0.1 CPU-s in each, which no user pays."""
    import compileall

    for package in packages:
        compileall.compile_dir(package, quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", type=Path, default=None)
    parser.add_argument("--baseline", type=Path, default=None,
                        help="a folder holding another `briefs` package, measured in the same"
                             " rounds (e.g. `git archive OLD briefs | tar -x -C DIR`)")
    args = parser.parse_args()
    compiled([REPO / "briefs", *([args.baseline / "briefs"] if args.baseline else [])])
    with tempfile.TemporaryDirectory(prefix="briefs-cold-ws-") as temporary:
        workspace = Path(temporary) / "ws"
        run([*BRIEFS, "init", "--template", "full", str(workspace)], REPO)
        run([*BRIEFS, "build", "--emit-html", "-q"], workspace)
        if args.profile is not None:
            profiles(workspace, args.profile)
        print(json.dumps(cold_rounds(workspace, args.runs, args.baseline), indent=2))


if __name__ == "__main__":
    main()
