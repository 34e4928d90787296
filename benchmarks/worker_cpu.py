"""A render worker's CPU over the sample's 24 outputs, this toolkit against another, paired:
`python -m benchmarks.worker_cpu --baseline DIR [--rounds N]`.

The render jobs of a full build of the sample are captured once (`-j 1 --force`, after a
first build, so that they carry its kept layouts as a cold build's do), then each round
runs, one after the other and the order alternating, a fresh process per toolkit that warms
up as a build's worker does (`_warm_up`) and renders every job: its CPU seconds (user +
system, the process and its children) of the renders alone, and the SHA-256 of every PDF,
which must be the same for both toolkits. Medians of the rounds; the ratio is the median of
the rounds' own ratios. With `--again`, each process then renders every job a second time and
that pass is measured instead: a warm worker rendering the outputs again, as under `briefs
server`, `watch` or the preview (started as theirs are).
"""

from __future__ import annotations

import argparse
import json
import pickle
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.common import ENV
from benchmarks.warm_floor import sample_jobs
from briefs.scaffold.new_workspace import init_workspace

LANGUAGES = ("en", "fr", "es", "ru", "zh", "ar")
RENDER = """
import hashlib, pickle, resource, sys
from briefs.render import workers
jobs = pickle.load(open(sys.argv[1], "rb"))
start_worker = getattr(workers, "_start_worker", workers._warm_up)
try:  # as a pool starts one: a long-lived renderer's (which renders outputs again) or a build's
    start_worker({languages!r}, {passes} > 1)
except TypeError:  # a toolkit whose workers keep nothing for a render again
    start_worker({languages!r})
def cpu():
    own, children = (resource.getrusage(w) for w in (resource.RUSAGE_SELF,
                                                     resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
for _ in range({passes}):  # the last pass is measured
    start = cpu()
    digests = [hashlib.sha256(workers.run_job(job).pdf or b"").hexdigest() for job in jobs]
print(cpu() - start, hashlib.sha256(" ".join(digests).encode()).hexdigest())
"""


def one_worker(jobs: Path, env: dict[str, str], passes: int = 1) -> tuple[float, str]:
    """CPU seconds of one fresh worker's renders of `jobs` (its last pass of `passes`), and a
    digest of its PDFs."""
    result = subprocess.run([sys.executable, "-c", RENDER.format(languages=LANGUAGES,
                                                                 passes=passes),
                             str(jobs)], capture_output=True, text=True, env=env, check=False,
                            cwd=jobs.parent)  # not the checkout's folder: `-c` puts the
    # current folder first on sys.path, where its `briefs` would hide the baseline's
    if result.returncode != 0:
        raise SystemExit(f"a worker failed:\n{result.stderr[-2000:]}")
    seconds, digest = result.stdout.split()
    return float(seconds), digest


def paired(jobs: Path, baseline: Path, rounds: int, passes: int = 1) -> dict[str, object]:
    sides = {"this": dict(ENV), "baseline": {**ENV, "PYTHONPATH": str(baseline)}}
    cpu: dict[str, list[float]] = {side: [] for side in sides}
    digests: set[str] = set()
    for round_ in range(rounds):
        order = list(sides) if round_ % 2 == 0 else list(sides)[::-1]
        for side in order:
            seconds, digest = one_worker(jobs, sides[side], passes)
            cpu[side].append(seconds)
            digests.add(digest)
    ratios = [new / old for new, old in zip(cpu["this"], cpu["baseline"], strict=True)]
    return {"cpu_s": cpu, "median_s": {side: statistics.median(v) for side, v in cpu.items()},
            "this_over_baseline": {"median": statistics.median(ratios),
                                   "spread": [min(ratios), max(ratios)]},
            "pdfs_identical": len(digests) == 1}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, required=True,
                        help="a folder holding another `briefs` package (`git archive OLD "
                             "briefs | tar -x -C DIR`)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--again", action="store_true",
                        help="measure a second pass over the same jobs in the same process")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="briefs-worker-cpu-") as scratch:
        root = Path(scratch) / "sample"
        init_workspace(root, template="full")
        sample_jobs(root)  # the first build keeps its layouts, which the next jobs carry
        jobs = Path(scratch) / "jobs.pickle"
        jobs.write_bytes(pickle.dumps(sample_jobs(root)))
        print(json.dumps(paired(jobs, args.baseline, args.rounds, 2 if args.again else 1),
                         indent=2))


if __name__ == "__main__":
    main()
