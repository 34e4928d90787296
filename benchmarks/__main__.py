"""Benchmark: `python -m benchmarks` (or `make bench`) measures every performance target.

Each figure is the median of several runs in temporary copies of the sample workspace (or of
generated workspaces for the scaling curve); every ratio compares two things measured side
by side in the same run, so that the numbers hold on a shared, noisy machine. Sizes are bytes,
which are exact.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.build import (
    engine_figures,
    incremental_figures,
    sample_figures,
    shard_figures,
    size_figures,
)
from benchmarks.cold import cold_rounds, compiled
from benchmarks.common import BRIEFS, REPO, cores, run
from benchmarks.preview import preview_figures
from benchmarks.scale import scale_figures, scaling_rows, sizes_from_environment

EMAIL_BUDGET = 300 * 1024


SECTIONS = ("sample", "one-document", "sizes", "incremental", "preview", "engine", "scaling",
            "shards", "tests", "warm-floor")


def measure(args: argparse.Namespace) -> dict[str, Any]:
    wanted = set(args.only or SECTIONS) - ({"scaling", "shards"} if args.quick else set())
    results: dict[str, Any] = {"cores": cores(), "python": sys.version.split()[0]}
    compiled([REPO / "briefs"])  # as an installed briefs is (see benchmarks/cold.py)
    with tempfile.TemporaryDirectory(prefix="briefs-bench-") as temporary:
        workspace = Path(temporary) / "ws"
        run([*BRIEFS, "init", "--template", "full", str(workspace)], REPO)
        if "sample" in wanted:
            results["sample"] = sample_figures(workspace, args.runs)
        run([*BRIEFS, "build", "--emit-html", "-q"], workspace)
        if "one-document" in wanted:  # benchmarks/cold.py's one-document rounds
            results["one_document"] = cold_rounds(workspace, args.runs, None, tasks=("one",))
        if "sizes" in wanted:
            results["sizes"] = size_figures(workspace)
        if "incremental" in wanted:
            results["incremental"] = incremental_figures(workspace, args.runs)
        if "preview" in wanted:
            results["preview"] = preview_figures(workspace, args.edits)
        if "engine" in wanted:
            results["engine"] = engine_figures(workspace, args.runs, args.renders)
    if "scaling" in wanted and sizes_from_environment():
        results["scaling"] = scale_figures(sizes_from_environment())
    if "shards" in wanted:
        results["shards"] = shard_figures(48, 4)
    if "warm-floor" in wanted:  # benchmarks/warm_floor.py, in a process of its own
        results["warm_floor"] = json.loads(run([sys.executable, "-m", "benchmarks.warm_floor",
                                                "--rounds", str(args.runs), "--json"],
                                               REPO).stdout)
    if "tests" in wanted:
        start = time.perf_counter()
        run([sys.executable, "-m", "pytest", "-q", "-m", "not render", "-p", "no:cacheprovider"],
            REPO)
        results["fast_tests_s"] = time.perf_counter() - start
    return results


def verdict(ratio: float, met: bool) -> str:
    return f"{ratio:.2f}x of target  {'met' if met else 'NOT MET'}"


def rows(results: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """(figure, measured, target, ratio and verdict) for the table, for what was measured."""
    table: list[tuple[str, str, str, str]] = []
    for name, limit in (("flyer", 0.5), ("brief", 1.0)):
        figure = results.get("preview", {}).get(name)
        if figure:
            table.append((f"save to page: {name}, one field (median of {figure['runs']})",
                          f"{figure['first_page_s']:.3f} s (all {figure['pages']} pages "
                          f"{figure['all_pages_s']:.3f} s)", f"<= {limit} s",
                          verdict(figure["first_page_s"] / limit,
                                  figure["first_page_s"] <= limit)))
    for locale, size in sorted(results.get("sizes", {}).items(), key=lambda item: -item[1]):
        table.append((f"largest screen PDF, {locale}", f"{size / 1024:.0f} KB", "<= 300 KB",
                      verdict(size / EMAIL_BUDGET, size <= EMAIL_BUDGET)))
    if "sample" in results:
        table += _sample_rows(results["sample"])
    if "one_document" in results:
        table += _one_document_rows(results["one_document"])
    if "incremental" in results:
        incremental = results["incremental"]
        table += [
            ("no-op rebuild", f"{incremental['noop_s']:.3f} s", "<= 0.3 s",
             verdict(incremental["noop_s"] / 0.3, incremental["noop_s"] <= 0.3
                     and not incremental["noop_imports_weasyprint"])),
            ("one locale file edited", f"{incremental['one_locale_edit_s']:.2f} s, "
             f"{incremental['one_locale_edit_served_s']:.2f} s with `briefs server`",
             "only its output", "rendered: " + ", ".join(incremental["one_locale_rendered"])
             + ("  met" if _only_the_edited(incremental["one_locale_rendered"])
                else "  NOT MET"))]
    return table + _more_rows(results)


def _sample_rows(sample: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    speedup, floor = sample["speedup_vs_cli"], sample["vs_floor"]
    return [
        (f"full build, {sample['outputs']} PDFs, vs one `weasyprint` per output (cold)",
         f"{sample['full_build_s']:.2f} s vs {sample['weasyprint_cli_s']:.2f} s",
         ">= 5x faster", f"{speedup:.2f}x faster  {'met' if speedup >= 5 else 'NOT MET'}"),
        ("full build (cold) vs engine floor (one warm process / cores)",
         f"{sample['full_build_s']:.2f} s vs {sample['engine_floor_s']:.2f} s", "<= 1.25x",
         verdict(floor / 1.25, floor <= 1.25)),
        ("  vs the steady-state floor (every font set, language, image met before)",
         f"{sample['full_build_s']:.2f} s vs {sample['steady_floor_s']:.2f} s", "",
         f"{sample['vs_steady_floor']:.2f}x"),
        ("full build with `briefs server` running, vs one `weasyprint` per output",
         f"{sample['served_build_s']:.2f} s vs {sample['weasyprint_cli_s']:.2f} s",
         ">= 5x faster", f"{sample['served_speedup_vs_cli']:.2f}x faster  "
         f"{'met' if sample['served_speedup_vs_cli'] >= 5 else 'NOT MET'}"),
        ("full build with `briefs server` running, vs engine floor",
         f"{sample['served_build_s']:.2f} s vs {sample['engine_floor_s']:.2f} s", "<= 1.25x",
         verdict(sample["served_vs_floor"] / 1.25, sample["served_vs_floor"] <= 1.25)),
        ("full build with `briefs server` running, vs the warm (steady-state) floor",
         f"{sample['served_build_s']:.2f} s vs {sample['steady_floor_s']:.2f} s", "<= 1.15x",
         verdict(sample["served_build_s"] / sample["steady_floor_s"] / 1.15,
                 sample["served_build_s"] / sample["steady_floor_s"] <= 1.15)),
        ("  engine floor per output: a warm bare-WeasyPrint render's CPU (steady; first pass)",
         f"{sample['steady_floor_cpu_s'] / sample['outputs'] * 1000:.0f} ms; "
         f"{sample['engine_floor_cpu_s'] / sample['outputs'] * 1000:.0f} ms",
         "(before/after: warm floor below)", ""),
        ("  CPU: full build (all processes) vs the floor's renders",
         f"{sample['full_build_cpu_s']:.1f} s vs {sample['engine_floor_cpu_s']:.1f} s", "",
         f"{sample['full_build_cpu_s'] / sample['engine_floor_cpu_s']:.2f}x"),
        ("  beyond the floor: main-process imports, `briefs check`, a worker's import",
         f"{sample['main_imports_s']:.2f} s, {sample['check_s']:.2f} s, "
         f"{sample['worker_import_s']:.2f} s", "", ""),
    ]


def _only_the_edited(rendered: list[str]) -> bool:
    """The French flyer was edited (`edit_one_locale`): it alone is rendered again."""
    return len(rendered) == 1 and rendered[0].startswith("river-dialogue-flyer.fr")


def _one_document_rows(one: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    ratio, cpu = one["one_weasyprint_over_briefs"], one["cpu_median_s"]
    low, high = ratio["spread"]
    return [
        (f"one document cold (`briefs build {one['document']} -l L --force`, "
         f"{', '.join(one['locales'])} one by one) vs `weasyprint` on its HTML",
         f"{one['one_briefs_median_s']:.2f} s vs {one['one_weasyprint_median_s']:.2f} s",
         ">= 1x (no slower)", f"{ratio['median']:.2f}x the speed (rounds {low:.2f}-{high:.2f})"
         f"  {'met' if ratio['median'] >= 1 else 'NOT MET'}"),
        ("  CPU of one locale's build (all processes, median) vs `weasyprint`'s",
         f"{cpu['one_briefs']:.2f} s vs {cpu['one_weasyprint']:.2f} s", "",
         f"{cpu['one_weasyprint'] / cpu['one_briefs']:.2f}x")]


def _more_rows(results: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    table = []
    if "engine" in results:
        engine = results["engine"]
        rss = list(engine["rss_mib_zh"].values())
        flat = max(rss) <= 200 and rss[-1] <= 1.1 * rss[min(1, len(rss) - 1)]
        longer = engine["long_s"] / engine["short_s"]
        table += [
            ("worker RSS rendering Chinese (MiB by render)",
             " ".join(f"{k}:{v}" for k, v in engine["rss_mib_zh"].items()),
             "<= 200 MiB, flat (last <= 1.1x the 2nd sample)",
             f"{max(rss) / 200:.2f}x of 200 MiB  {'met' if flat else 'NOT MET'}"),
            (f"scaling: {engine['pages'][1]}-page vs {engine['pages'][0]}-page brief",
             f"{engine['long_s']:.2f} s vs {engine['short_s']:.2f} s", "linear, <= 12x",
             f"{longer:.1f}x  {'met' if longer <= 12 else 'NOT MET'}")]
    table += scaling_rows(results.get("scaling", []))
    if "shards" in results:
        shards = results["shards"]
        table.append((f"{shards['shards']} shards of {shards['outputs']} outputs, each -j 1",
                      " ".join(f"{s:.1f}" for s in shards["seconds"]) + " s",
                      "balanced within 20%", f"slowest/fastest {shards['imbalance']:.2f}  "
                      f"{'met' if shards['imbalance'] <= 1.2 else 'NOT MET'}"))
    if "warm_floor" in results:
        warm = results["warm_floor"]
        outputs, ratio = len(warm["rows"]), warm["after_s"] / warm["before_s"]
        down = ratio < 1 and warm["median_ratio"] < 1
        table.append((f"floor per output, warm: stylesheets kept vs parsed at every render "
                      f"({outputs} outputs, CPU, paired)",
                      f"{warm['after_s'] / outputs * 1000:.0f} ms vs "
                      f"{warm['before_s'] / outputs * 1000:.0f} ms", "down (< 1x)",
                      f"{ratio:.3f}x (median per output {warm['median_ratio']:.3f}x)  "
                      f"{'met' if down else 'NOT MET'}"))
    if "fast_tests_s" in results:
        fast = results["fast_tests_s"]
        table.append(("pytest -m 'not render'", f"{fast:.1f} s", "< 20 s",
                      verdict(fast / 20, fast < 20)))
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--edits", type=int, default=10, help="edits per save-to-page figure")
    parser.add_argument("--renders", type=int, default=200, help="renders for the RSS figure")
    parser.add_argument("--quick", action="store_true",
                        help="skip the scaling curve and the shard balance (minutes of work; "
                             "BENCH_SCALE=1000 adds the thousand outputs to the curve, "
                             "BENCH_SCALE=0 leaves it out)")
    parser.add_argument("--only", action="append", choices=SECTIONS,
                        help="measure only this (repeatable); default: everything")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    results = measure(args)
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"machine: {results['cores']} cores, Python {results['python']}")
    table = rows(results)
    widths = [max(len(row[column]) for row in table) for column in range(3)]
    for row in table:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False))
              + "  " + row[3])


if __name__ == "__main__":
    main()
