"""Benchmark: `python -m benchmarks` (or `make bench`) builds the sample in a temporary copy.

Every figure is the median of several runs; every ratio compares two things measured side by
side in the same run, so that the numbers hold on a shared, noisy machine.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BRIEFS = [sys.executable, "-m", "briefs"]
WEASYPRINT = [sys.executable, "-m", "weasyprint"]


def median_time(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run(command: list[str], cwd: Path, **options: object) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, **options)
    if result.returncode not in (0,):
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr[-2000:]}")
    return result


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


FLOOR_SCRIPT = """
import json, sys, time
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
config = FontConfiguration()
options = json.loads(sys.argv[1])
files = sys.argv[2:]
HTML(filename=files[0]).render(font_config=config, **options).write_pdf(**options)  # warm-up
start = time.perf_counter()
for name in files:
    HTML(filename=name).render(font_config=config, **options).write_pdf(**options)
print(time.perf_counter() - start)
"""
SCREEN_OPTIONS = {"optimize_images": True, "jpeg_quality": 80, "dpi": 150,
                  "pdf_variant": "pdf/ua-1", "pdf_tags": True}
CLI_OPTIONS = ["--optimize-images", "--jpeg-quality", "80", "--dpi", "150",
               "--pdf-variant", "pdf/ua-1"]
"""The comparisons do the same work as the screen profile (downsampled images, PDF/UA)."""

RSS_SCRIPT = """
import sys, json
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
def rss_mib():
    for line in open('/proc/self/status'):
        if line.startswith('VmRSS:'):
            return int(line.split()[1]) / 1024
config = FontConfiguration()
html = open(sys.argv[1], encoding='utf-8').read()
base = sys.argv[2]
samples = {}
for n in range(1, int(sys.argv[3]) + 1):
    HTML(string=html, base_url=base).write_pdf(font_config=config)
    if n in (1, 10, 50, 100, 150, 200) or n == int(sys.argv[3]):
        samples[n] = round(rss_mib(), 1)
print(json.dumps(samples))
"""


def long_brief(workspace: Path, copies: int) -> None:
    """A brief with `copies` times the key messages (about 40 pages for 10)."""
    import yaml

    folder = workspace / "content" / "forum-key-messages"
    target = workspace / "content" / "long-brief"
    shutil.copytree(folder, target)
    source = yaml.safe_load((target / "en.yaml").read_text(encoding="utf-8"))
    source["messages"] = [dict(message) for message in source["messages"] * copies]
    (target / "en.yaml").write_text(yaml.safe_dump(source, allow_unicode=True), encoding="utf-8")
    for other in target.glob("*.yaml"):
        if other.name not in ("en.yaml", "document.yaml"):
            other.unlink()
    (target / "translations.lock").unlink(missing_ok=True)
    settings = (target / "document.yaml").read_text(encoding="utf-8")
    (target / "document.yaml").write_text(settings.replace("max_pages: 6", "max_pages: 200"),
                                          encoding="utf-8")


def multiply_documents(workspace: Path, copies: int) -> None:
    """Copy every document `copies - 1` more times (doc-2, doc-3...): a larger workspace."""
    for folder in sorted((workspace / "content").iterdir()):
        for number in range(2, copies + 1):
            shutil.copytree(folder, folder.with_name(f"{folder.name}-{number}"))


def large_workspace_figures(copies: int, runs: int) -> dict[str, object]:
    """Full build vs the bare WeasyPrint command and the floor, on `copies` x the sample."""
    with tempfile.TemporaryDirectory(prefix="briefs-bench-large-") as temporary:
        workspace = Path(temporary) / "ws"
        run([*BRIEFS, "init", str(workspace)], REPO)
        multiply_documents(workspace, copies)
        env = {**os.environ, "NO_COLOR": "1"}
        run([*BRIEFS, "build", "--emit-html", "-q"], workspace, env=env)
        html_files = sorted((workspace / "build").rglob("*.html"))
        full = median_time(lambda: run([*BRIEFS, "build", "--force", "-q"], workspace, env=env),
                           runs)
        out = Path(temporary) / "cli"
        out.mkdir()
        start = time.perf_counter()
        for index, html in enumerate(html_files):
            run([*WEASYPRINT, *CLI_OPTIONS, str(html), str(out / f"{index}.pdf")], workspace)
        bare = time.perf_counter() - start
        floor = float(run([sys.executable, "-c", FLOOR_SCRIPT, json.dumps(SCREEN_OPTIONS),
                           *map(str, html_files)], workspace).stdout) / cores()
    return {"outputs": len(html_files), "full_build_s": round(full, 2),
            "weasyprint_cli_per_output_s": round(bare, 2), "speedup_vs_cli": round(bare / full, 2),
            "engine_floor_s": round(floor, 2), "full_build_vs_floor": round(full / floor, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--renders", type=int, default=200, help="renders for the RSS figure")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--large", type=int, default=0, metavar="N",
                        help="also measure a workspace with N copies of every document")
    args = parser.parse_args()

    results: dict[str, object] = {"cores": cores(), "python": sys.version.split()[0]}
    with tempfile.TemporaryDirectory(prefix="briefs-bench-") as temporary:
        workspace = Path(temporary) / "ws"
        run([*BRIEFS, "init", str(workspace)], REPO)
        env = {**os.environ, "NO_COLOR": "1"}
        # Emitted HTML (with real file:// paths) for the bare WeasyPrint comparisons.
        run([*BRIEFS, "build", "--emit-html", "-q"], workspace, env=env)
        html_files = sorted((workspace / "build").rglob("*.html"))
        pdfs = len(html_files)

        full = median_time(lambda: run([*BRIEFS, "build", "--force", "-q"], workspace, env=env),
                           args.runs)
        cli_dir = Path(temporary) / "cli"
        cli_dir.mkdir()

        def bare_cli() -> None:
            for index, html in enumerate(html_files):
                run([*WEASYPRINT, *CLI_OPTIONS, str(html), str(cli_dir / f"{index}.pdf")],
                    workspace)

        bare = median_time(bare_cli, args.runs)
        floor_runs = [float(run([sys.executable, "-c", FLOOR_SCRIPT, json.dumps(SCREEN_OPTIONS),
                                 *map(str, html_files)], workspace).stdout)
                      for _ in range(args.runs)]
        floor = statistics.median(floor_runs) / cores()

        run([*BRIEFS, "build", "-q"], workspace, env=env)
        noop = median_time(lambda: run([*BRIEFS, "build", "-q"], workspace, env=env), args.runs)
        imported = run([sys.executable, "-X", "importtime", "-m", "briefs", "build", "-q"],
                       workspace, env=env).stderr
        noop_imports_weasyprint = "weasyprint" in imported

        french = workspace / "content" / "river-dialogue-flyer" / "fr.yaml"
        one_file_times, rendered = [], []
        for run_index in range(args.runs):
            french.write_text(french.read_text(encoding="utf-8").replace(
                "kicker: ", f"kicker: {run_index} ", 1), encoding="utf-8")
            start = time.perf_counter()
            report = json.loads(run([*BRIEFS, "build", "--json"], workspace, env=env).stdout)
            one_file_times.append(time.perf_counter() - start)
            rendered = report["rendered"]
        one_file = statistics.median(one_file_times)

        zh_html = workspace / "build" / "river-dialogue-flyer" / "river-dialogue-flyer.zh.html"
        rss = json.loads(run([sys.executable, "-c", RSS_SCRIPT, str(zh_html),
                              workspace.as_uri() + "/", str(args.renders)], workspace).stdout)

        long_brief(workspace, 24)
        run([*BRIEFS, "build", "long-brief", "forum-key-messages", "-l", "en", "--emit-html",
             "-q", "--force"], workspace, env=env)
        short_html = workspace / "build" / "forum-key-messages" / "forum-key-messages.en.html"
        long_html = workspace / "build" / "long-brief" / "long-brief.en.html"
        pages = {entry["doc"]: entry["pages"] for entry in json.loads(
            (workspace / "build" / "manifest.json").read_text())["outputs"]
            if entry["locale"] == "en" and entry["profile"] == "screen"}
        options = json.dumps(SCREEN_OPTIONS)
        short = statistics.median(float(run([sys.executable, "-c", FLOOR_SCRIPT, options,
                                             str(short_html)], workspace).stdout)
                                  for _ in range(args.runs))
        long = statistics.median(float(run([sys.executable, "-c", FLOOR_SCRIPT, options,
                                            str(long_html)], workspace).stdout)
                                 for _ in range(args.runs))

    results.update({
        "outputs": pdfs,
        "full_build_s": round(full, 3),
        "weasyprint_cli_per_output_s": round(bare, 3),
        "speedup_vs_cli": round(bare / full, 2),
        "engine_floor_s": round(floor, 3),
        "full_build_vs_floor": round(full / floor, 2),
        "noop_rebuild_s": round(noop, 3),
        "noop_imports_weasyprint": noop_imports_weasyprint,
        "one_locale_edit_s": round(one_file, 3),
        "one_locale_edit_rendered": rendered,
        "worker_rss_mib_zh": rss,
        "pages_short_long": [pages.get("forum-key-messages"), pages.get("long-brief")],
        "render_short_s": round(short, 3),
        "render_long_s": round(long, 3),
        "scaling_ratio": round(long / short, 2),
    })
    if args.large:
        results["large"] = large_workspace_figures(args.large, args.runs)
    if args.json:
        print(json.dumps(results, indent=2))
        return
    rows = [
        ("machine", f"{results['cores']} cores, Python {results['python']}", ""),
        ("full build (all docs x locales, screen)", f"{full:.2f} s", f"{pdfs} PDFs"),
        ("  weasyprint command once per output", f"{bare:.2f} s",
         f"briefs is {bare / full:.1f}x faster (target >= 5x)"),
        ("  engine floor (one warm process / cores)", f"{floor:.2f} s",
         f"briefs takes {full / floor:.2f}x the floor (target <= 1.25x)"),
        ("no-op rebuild", f"{noop:.3f} s",
         f"target <= 0.3 s; WeasyPrint imported: {'yes' if noop_imports_weasyprint else 'no'}"),
        ("one locale file edited", f"{one_file:.2f} s", f"rendered: {', '.join(rendered)}"),
        ("worker RSS rendering Chinese (MiB by render)",
         " ".join(f"{k}:{v}" for k, v in rss.items()), "target <= 200 MiB, flat"),
        (f"scaling: {results['pages_short_long'][1]}-page vs "
         f"{results['pages_short_long'][0]}-page brief", f"{long:.2f} s vs {short:.2f} s",
         f"{long / short:.1f}x (target linear, <= 12x)"),
    ]
    if args.large:
        large = results["large"]
        assert isinstance(large, dict)
        rows += [
            (f"large workspace: full build ({large['outputs']} PDFs)",
             f"{large['full_build_s']:.2f} s", ""),
            ("  weasyprint command once per output", f"{large['weasyprint_cli_per_output_s']} s",
             f"briefs is {large['speedup_vs_cli']}x faster (target >= 5x)"),
            ("  engine floor (one warm process / cores)", f"{large['engine_floor_s']} s",
             f"briefs takes {large['full_build_vs_floor']}x the floor (target <= 1.25x)"),
        ]
    width = max(len(row[0]) for row in rows)
    for name, value, note in rows:
        print(f"{name:<{width}}  {value:<28} {note}")


if __name__ == "__main__":
    main()
