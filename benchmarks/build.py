"""Build figures: full build against bare WeasyPrint, where the time goes, sizes, scaling."""

from __future__ import annotations

import json
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import (
    BRIEFS,
    ENV,
    SERVED,
    WEASYPRINT,
    cores,
    cpu_timed,
    median_time,
    run,
    timed,
)
from benchmarks.workspace import generate_workspace

FLOOR_SCRIPT = """
import json, sys, time
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
options = json.loads(sys.argv[1])
files = sys.argv[2:]
configs = {}
def render(name):
    html = open(name, encoding="utf-8").read()
    fonts = frozenset(l for l in html.splitlines() if "@font-face" in l)
    config = configs.setdefault(fonts, FontConfiguration())
    HTML(string=html, base_url=name).render(font_config=config, **options).write_pdf(**options)
def timed_pass():
    start, cpu = time.perf_counter(), time.process_time()
    for name in files:
        render(name)
    return [time.perf_counter() - start, time.process_time() - cpu]
render(files[0])  # warm-up: WeasyPrint's own first-render costs
first = timed_pass()  # each set of fonts, language and image met for the first time
print(json.dumps({"first": first, "steady": timed_pass()}))
"""
"""One warm process rendering every emitted HTML file, as briefs' workers do (one font
configuration per set of fonts): the engine floor. Its first pass, after one warm-up render,
is the floor as issue 15 measured it (it registers each set of fonts, loads each language's
hyphenation patterns and decodes each image once, as any process must); the second pass is
the steady state, everything already met."""
SCREEN_OPTIONS = {"optimize_images": True, "jpeg_quality": 80, "dpi": 150,
                  "pdf_variant": "pdf/ua-1", "pdf_tags": True}
CLI_OPTIONS = ["--optimize-images", "--jpeg-quality", "80", "--dpi", "150",
               "--pdf-variant", "pdf/ua-1"]
"""The comparisons do the same work as the screen profile (downsampled images, PDF/UA)."""
IMPORTS = ("import briefs.cli.build, briefs.pipeline.run, briefs.pipeline.plan, "
           "briefs.pipeline.html, briefs.content.documents, briefs.render.templating")


def emitted_html(workspace: Path) -> list[Path]:
    run([*BRIEFS, "build", "--emit-html", "-q"], workspace)
    return sorted((workspace / "build").rglob("*.html"))


def floor_seconds(workspace: Path, html_files: list[Path]) -> dict[str, list[float]]:
    """The floor's passes: each its wall seconds divided by the cores, and CPU seconds."""
    result = run([sys.executable, "-c", FLOOR_SCRIPT, json.dumps(SCREEN_OPTIONS),
                  *map(str, html_files)], workspace)
    passes: dict[str, list[float]] = json.loads(result.stdout)
    return {name: [wall / cores(), cpu] for name, (wall, cpu) in passes.items()}


def sample_figures(workspace: Path, runs: int) -> dict[str, Any]:
    """Full build of the sample against one `weasyprint` command per output and the floor,
    measured side by side (each figure the median of `runs`), and where the rest goes."""
    html_files = emitted_html(workspace)
    scratch = Path(tempfile.mkdtemp(prefix="briefs-bench-cli-"))
    full, bare, full_cpu, served = [], [], [], []
    floors: dict[str, list[list[float]]] = {"first": [], "steady": []}
    run([*BRIEFS, "server", "start"], workspace)
    run([*BRIEFS, "build", "--force", "-q"], workspace, SERVED)  # its first build warms it
    for _ in range(runs):  # interleaved, so that a burst of load hits all of them alike
        wall, cpu = cpu_timed([*BRIEFS, "build", "--force", "-q"], workspace)
        full.append(wall)
        full_cpu.append(cpu)
        served.append(timed([*BRIEFS, "build", "--force", "-q"], workspace, SERVED))
        start = time.perf_counter()
        for index, html in enumerate(html_files):
            run([*WEASYPRINT, *CLI_OPTIONS, str(html), str(scratch / f"{index}.pdf")], workspace)
        bare.append(time.perf_counter() - start)
        for name, figure in floor_seconds(workspace, html_files).items():
            floors[name].append(figure)
    served_count(workspace, runs + 1)
    run([*BRIEFS, "server", "stop"], workspace)
    shutil.rmtree(scratch, ignore_errors=True)
    figures = {"outputs": len(html_files), "full_build_s": statistics.median(full),
               "weasyprint_cli_s": statistics.median(bare),
               "full_build_cpu_s": statistics.median(full_cpu),
               "served_build_s": statistics.median(served)}
    for name, key in (("first", "engine_floor"), ("steady", "steady_floor")):
        figures[f"{key}_s"] = statistics.median(wall for wall, _cpu in floors[name])
        figures[f"{key}_cpu_s"] = statistics.median(cpu for _wall, cpu in floors[name])
    figures["speedup_vs_cli"] = figures["weasyprint_cli_s"] / figures["full_build_s"]
    figures["vs_floor"] = figures["full_build_s"] / figures["engine_floor_s"]
    figures["vs_steady_floor"] = figures["full_build_s"] / figures["steady_floor_s"]
    figures["served_speedup_vs_cli"] = figures["weasyprint_cli_s"] / figures["served_build_s"]
    figures["served_vs_floor"] = figures["served_build_s"] / figures["engine_floor_s"]
    figures["main_imports_s"] = median_time(
        lambda: run([sys.executable, "-c", IMPORTS], workspace), runs)
    figures["worker_import_s"] = median_time(
        lambda: run([sys.executable, "-c", "import weasyprint"], workspace), runs)
    figures["check_s"] = median_time(lambda: run([*BRIEFS, "check"], workspace), runs)
    return figures


def incremental_figures(workspace: Path, runs: int) -> dict[str, Any]:
    """The no-op rebuild and one locale file edited."""
    run([*BRIEFS, "build", "-q"], workspace)
    noop = median_time(lambda: run([*BRIEFS, "build", "-q"], workspace), runs)
    imported = run([sys.executable, "-X", "importtime", "-m", "briefs", "build", "-q"],
                   workspace).stderr
    cold, rendered = edit_one_locale(workspace, runs, ENV)
    run([*BRIEFS, "server", "start"], workspace)
    run([*BRIEFS, "build", "--force", "-q"], workspace, SERVED)  # its first build warms it
    served, _ = edit_one_locale(workspace, runs, SERVED)
    served_count(workspace, runs + 1)
    run([*BRIEFS, "server", "stop"], workspace)
    return {"noop_s": noop, "noop_imports_weasyprint": "weasyprint" in imported,
            "one_locale_edit_s": cold, "one_locale_rendered": rendered,
            "one_locale_edit_served_s": served}


def served_count(workspace: Path, expected: int) -> None:
    """Stop the benchmark if the build server did not serve every build it was meant to (a
    changed toolkit file gives it another name: the builds then ran by themselves)."""
    status = run([*BRIEFS, "server", "status"], workspace).stdout
    found = re.search(r"(\d+) builds? served", status)
    if found is None or int(found.group(1)) != expected:
        raise SystemExit(f"the build server served {found.group(1) if found else 0} of "
                         f"{expected} builds: were briefs' files changed during the run?")


def edit_one_locale(workspace: Path, runs: int, env: dict[str, str]) -> tuple[float, list[str]]:
    """Save the French flyer with a new kicker and build: the median seconds, what rendered."""
    french = workspace / "content" / "river-dialogue-flyer" / "fr.yaml"
    times, rendered = [], []
    for _ in range(runs):
        french.write_text(french.read_text(encoding="utf-8").replace(
            "kicker: ", "kicker: x", 1), encoding="utf-8")
        start = time.perf_counter()
        rendered = json.loads(run([*BRIEFS, "build", "--json"], workspace, env).stdout)["rendered"]
        times.append(time.perf_counter() - start)
    return statistics.median(times), rendered


def size_figures(workspace: Path) -> dict[str, Any]:
    """The largest screen PDF of each locale, in bytes (exact)."""
    manifest = json.loads((workspace / "build" / "manifest.json").read_text(encoding="utf-8"))
    largest: dict[str, int] = {}
    for entry in manifest["outputs"]:
        if entry["profile"] == "screen":
            largest[entry["locale"]] = max(largest.get(entry["locale"], 0), entry["bytes"])
    return largest


def shard_figures(outputs: int, shards: int) -> dict[str, Any]:
    """Each shard's build time (one worker each, one after another) on a generated workspace:
    how well the cost estimate balances real work."""
    with tempfile.TemporaryDirectory(prefix="briefs-bench-shards-") as temporary:
        workspace = generate_workspace(Path(temporary) / "ws", outputs // 6)
        run([*BRIEFS, "build", "-q"], workspace)
        seconds = [timed([*BRIEFS, "build", "--force", "-q", "-j", "1", "--shard",
                          f"{k}/{shards}"], workspace) for k in range(1, shards + 1)]
    return {"outputs": outputs, "shards": shards, "seconds": seconds,
            "imbalance": max(seconds) / min(seconds)}


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
samples = {}
for n in range(1, int(sys.argv[2]) + 1):
    HTML(string=html, base_url=sys.argv[1]).write_pdf(font_config=config)
    if n in (1, 10, 50, 100, 150, 200) or n == int(sys.argv[2]):
        samples[n] = round(rss_mib(), 1)
print(json.dumps(samples))
"""


def long_brief(workspace: Path, copies: int) -> None:
    """A brief with `copies` times the key messages (about 40 pages for 24)."""
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


def engine_figures(workspace: Path, runs: int, renders: int) -> dict[str, Any]:
    """Worker memory over many Chinese renders, and a 40-page brief against a 5-page one."""
    zh_html = workspace / "build" / "river-dialogue-flyer" / "river-dialogue-flyer.zh.html"
    rss = json.loads(run([sys.executable, "-c", RSS_SCRIPT, str(zh_html), str(renders)],
                         workspace).stdout)
    long_brief(workspace, 24)
    run([*BRIEFS, "build", "long-brief", "forum-key-messages", "-l", "en", "--emit-html", "-q",
         "--force"], workspace)
    pages = {entry["doc"]: entry["pages"] for entry in json.loads(
        (workspace / "build" / "manifest.json").read_text())["outputs"]
        if entry["locale"] == "en" and entry["profile"] == "screen"}
    seconds = {}
    for doc in ("forum-key-messages", "long-brief"):
        html = workspace / "build" / doc / f"{doc}.en.html"
        seconds[doc] = statistics.median(
            floor_seconds(workspace, [html])["steady"][0] * cores() for _ in range(runs))
    shutil.rmtree(workspace / "content" / "long-brief")
    return {"rss_mib_zh": rss, "pages": [pages["forum-key-messages"], pages["long-brief"]],
            "short_s": seconds["forum-key-messages"], "long_s": seconds["long-brief"]}
