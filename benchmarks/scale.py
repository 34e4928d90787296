"""Outputs per second per core at 24, 240 and 1,000 outputs, built in shards as CI would.

Each size is a fresh workspace (the sample for 24; `benchmarks/matrix.py` for more: documents
x 10 locales x 2 profiles), copied once per shard as separate runners check it out, built cold
with `briefs build --shard K/N --json` one shard after another, the shards' PDFs and manifests
gathered in one folder and merged with `briefs manifest merge`, as the workflow's merge job
does. Memory is sampled from /proc while each shard builds: the peak resident set (VmHWM) of
every process of the build, the main process apart from its render workers.

Run one size by itself: `python -m benchmarks.scale 1000 --json`.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.common import BRIEFS, ENV, REPO, cores, cpu_timed, run
from benchmarks.matrix import OUTPUTS_PER_DOCUMENT, generate_matrix
from briefs.scaffold.new_workspace import init_workspace

SAMPLE_OUTPUTS = 24
"""The sample workspace's own size: four documents x six locales, screen."""
DEFAULT_SIZES = (SAMPLE_OUTPUTS, 240)
FULL_SIZES = (SAMPLE_OUTPUTS, 240, 1000)


def sizes_from_environment() -> tuple[int, ...]:
    """`BENCH_SCALE=1000` adds the thousand outputs (about 8 CPU-minutes); `BENCH_SCALE=0`
    measures no scaling at all; the default stops at 240; `BENCH_SCALE=24,40` measures those
    sizes (24, or multiples of 20), e.g. to try the code path in a minute."""
    value = os.environ.get("BENCH_SCALE", "240")
    if "," in value:
        return tuple(int(size) for size in value.split(",") if size.strip())
    return tuple(size for size in FULL_SIZES if size <= int(value))


def shards_for(outputs: int) -> int:
    """One runner per 250 outputs, as a team would set the matrix (at least one)."""
    return max(1, -(-outputs // 250))


@dataclass
class Sampler:
    """Peak resident memory (VmHWM, MiB) of a process and each of its descendants, read from
    /proc every `period` seconds until stopped."""

    root: int
    period: float = 0.2
    peaks: dict[int, float] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)

    def __enter__(self) -> Sampler:
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _loop(self) -> None:
        while not self._stop.is_set():
            for pid in [self.root, *descendants(self.root)]:
                peak = vm_hwm_mib(pid)
                if peak is not None:
                    self.peaks[pid] = max(peak, self.peaks.get(pid, 0.0))
            self._stop.wait(self.period)

    def figures(self) -> dict[str, float]:
        workers = [peak for pid, peak in self.peaks.items() if pid != self.root]
        return {"main_mib": self.peaks.get(self.root, 0.0),
                "worker_mib": max(workers, default=0.0), "workers": len(workers)}


def descendants(pid: int) -> list[int]:
    found: list[int] = []
    todo = [pid]
    while todo:
        parent = todo.pop()
        try:
            children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
        except OSError:
            continue
        found += map(int, children)
        todo += map(int, children)
    return found


def vm_hwm_mib(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def build_shard(runner: Path, index: int, count: int, jobs: int) -> dict[str, Any]:
    """One CI job: a cold `briefs build --shard K/N --json`; wall and CPU seconds (every
    process of the build), peak memory, and what it built."""
    command = [*BRIEFS, "build", "--shard", f"{index}/{count}", "--json", "-j", str(jobs)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=runner, env=ENV, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    with Sampler(process.pid) as sampler:
        stdout, stderr = process.communicate()
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode != 0:
        raise SystemExit(f"shard {index}/{count} failed:\n{stderr[-2000:]}")
    report = json.loads(stdout)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall_s": wall, "cpu_s": cpu, "built": len(report["rendered"]), **sampler.figures()}


def merge_shards(runners: list[Path], into: Path) -> int:
    """The workflow's merge job: every shard's PDFs in one build/ folder, its manifest under
    its own name, `briefs manifest merge`; the number of outputs in the merged manifest."""
    (into / "manifests").mkdir(parents=True)
    for number, runner in enumerate(runners, start=1):
        shutil.move(str(runner / "build" / "manifest.json"),
                    into / "manifests" / f"shard-{number}.json")
        shutil.copytree(runner / "build", into / "build", dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns(".cache", ".fonts", "*.lock"))
    manifests = sorted(map(str, (into / "manifests").glob("shard-*.json")))
    run([*BRIEFS, "manifest", "merge", *manifests, "-o", "build"], into)
    merged = json.loads((into / "build" / "manifest.json").read_text(encoding="utf-8"))
    return len(merged["outputs"])


def noop_and_check(runner: Path, index: int, count: int) -> dict[str, float]:
    """Wall and CPU seconds of the no-op rebuild of a built shard, and of `briefs check`
    (planning every output, rendering none), in the first runner."""
    noop, noop_cpu = cpu_timed([*BRIEFS, "build", "--shard", f"{index}/{count}", "-q"], runner)
    check, check_cpu = cpu_timed([*BRIEFS, "check"], runner)
    return {"noop_s": noop, "noop_cpu_s": noop_cpu, "check_s": check, "check_cpu_s": check_cpu}


def make_workspace(root: Path, outputs: int) -> Path:
    if outputs == SAMPLE_OUTPUTS:
        return init_workspace(root, template="full")
    if outputs % OUTPUTS_PER_DOCUMENT:
        raise SystemExit(f"{outputs} outputs: use a multiple of {OUTPUTS_PER_DOCUMENT}")
    return generate_matrix(root, outputs // OUTPUTS_PER_DOCUMENT)


def measure_size(outputs: int, jobs: int | None = None) -> dict[str, Any]:
    """Build `outputs` outputs in shards, merge them, and the figures of the whole."""
    jobs = jobs or cores()
    count = shards_for(outputs)
    with tempfile.TemporaryDirectory(prefix="briefs-bench-scale-") as temporary:
        source = make_workspace(Path(temporary) / "ws", outputs)
        runners = []
        for index in range(1, count + 1):
            runners.append(Path(temporary) / f"runner-{index}")
            shutil.copytree(source, runners[-1])
        load = os.getloadavg()[0]
        shards = [build_shard(runner, index, count, jobs)
                  for index, runner in enumerate(runners, start=1)]
        extra = noop_and_check(runners[0], 1, count)
        merged = merge_shards(runners, Path(temporary) / "merge")
    built = sum(shard["built"] for shard in shards)
    if built != outputs or merged != outputs:
        raise SystemExit(f"{outputs} outputs expected: {built} built, {merged} merged")
    wall = sum(shard["wall_s"] for shard in shards)
    cpu = sum(shard["cpu_s"] for shard in shards)
    return {"outputs": outputs, "shards": count, "jobs": jobs, "load_before": load,
            "wall_s": wall, "cpu_s": cpu, "per_second_per_core": outputs / (wall * jobs),
            "cpu_s_per_output": cpu / outputs,
            "worker_peak_mib": max(shard["worker_mib"] for shard in shards),
            "main_peak_mib": max(shard["main_mib"] for shard in shards),
            "shard_wall_s": [shard["wall_s"] for shard in shards],
            "noop_outputs": shards[0]["built"], **extra}


def scale_figures(sizes: tuple[int, ...]) -> list[dict[str, Any]]:
    return [measure_size(outputs) for outputs in sizes]


LINEAR = 1.15
"""How much more an output may cost at a larger size (CPU per output, planning per output,
the no-op check per output) before the curve counts as growing: the noise of CPU time on a
shared machine, and the shards' own start-ups and planning of the whole workspace."""


def compared_with(earlier: list[dict[str, Any]], row: dict[str, Any]) -> dict[str, Any] | None:
    """The size a row is compared with: the smallest generated size measured before it (the
    same mix of kinds, locales and profiles), else the sample, else none (the first row)."""
    generated = [other for other in earlier if other["outputs"] != SAMPLE_OUTPUTS]
    if row["outputs"] != SAMPLE_OUTPUTS and generated:
        return generated[0]
    return earlier[0] if earlier else None


def scaling_rows(figures: list[dict[str, Any]]) -> list[tuple[str, str, str, str]]:
    """Table rows for each size: pace and CPU per output, peak memory, planning and the no-op
    check, each against the size it is compared with (`compared_with`)."""
    rows = []
    for position, row in enumerate(figures):
        outputs, shards = row["outputs"], row["shards"]
        base = compared_with(figures[:position], row)
        name = "the sample" if outputs == SAMPLE_OUTPUTS else "generated"
        rows.append((f"{outputs} outputs ({name}), {shards} shard{'s' if shards > 1 else ''} "
                     f"merged, cold, -j {row['jobs']}",
                     f"{row['per_second_per_core']:.2f} outputs/s/core, "
                     f"{row['cpu_s_per_output']:.2f} CPU s each (load {row['load_before']:.1f})",
                     f"cost per output flat: <= {LINEAR}x",
                     _against(base, row, "cpu_s_per_output", "the CPU per output of ")))
        worker = row["worker_peak_mib"]
        rows.append((f"  peak memory, {outputs} outputs", f"each worker <= {worker:.0f} MiB, "
                     f"main process {row['main_peak_mib']:.0f} MiB", "<= 200 MiB a worker",
                     verdict(worker / 200, worker <= 200)))
        check, noop = (_cpu(row, name) / outputs for name in ("check", "noop"))
        rows.append((f"  planning (`briefs check`), {outputs} outputs",
                     f"{_cpu(row, 'check'):.1f} CPU s ({check * 1000:.0f} ms an output)",
                     f"linear: <= {LINEAR}x per output",
                     _against(base, row, "check", "per output of ")))
        rows.append((f"  no-op rebuild, {outputs} outputs",
                     f"{_cpu(row, 'noop'):.2f} CPU s for a {_noop_outputs(row)}-output shard "
                     f"({noop * 1000:.2f} ms an output of the workspace)",
                     f"linear: <= {LINEAR}x per output",
                     _against(base, row, "noop", "per output of ")))
    return rows


def _cpu(row: dict[str, Any], name: str) -> float:
    return float(row.get(f"{name}_cpu_s", row[f"{name}_s"]))


def _noop_outputs(row: dict[str, Any]) -> int:
    """The outputs of the shard whose no-op rebuild was timed (the first)."""
    return int(row.get("noop_outputs", -(-row["outputs"] // row["shards"])))


def _per_output(row: dict[str, Any], figure: str) -> float:
    """The figure per output of the workspace: a shard's no-op check reads every input of
    the workspace (and its own outputs), as `briefs check` plans every output."""
    if figure in ("check", "noop"):
        return _cpu(row, figure) / row["outputs"]
    return float(row[figure])


def _against(base: dict[str, Any] | None, row: dict[str, Any], figure: str, what: str) -> str:
    if base is None:
        return "the base of the comparisons below"
    ratio = _per_output(row, figure) / _per_output(base, figure)
    mix = " (the sample: another mix)" if base["outputs"] == SAMPLE_OUTPUTS else ""
    return (f"{ratio:.2f}x {what}{base['outputs']}{mix}  "
            f"{'met' if round(ratio, 2) <= LINEAR else 'NOT MET'}")


def verdict(ratio: float, met: bool) -> str:
    return f"{ratio:.2f}x of target  {'met' if met else 'NOT MET'}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("outputs", type=int, nargs="*", help="sizes (default: BENCH_SCALE)")
    parser.add_argument("-j", "--jobs", type=int, help="render workers per shard")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    for outputs in args.outputs or sizes_from_environment():
        figures = measure_size(outputs, args.jobs)
        print(json.dumps(figures) if args.json else
              f"{outputs} outputs, {figures['shards']} shards: "
              f"{figures['per_second_per_core']:.2f} outputs/s/core, "
              f"{figures['cpu_s_per_output']:.3f} CPU s per output, worker peak "
              f"{figures['worker_peak_mib']:.0f} MiB", flush=True)


if __name__ == "__main__":
    os.chdir(REPO)
    main()
