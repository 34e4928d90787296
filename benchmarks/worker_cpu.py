"""A render worker's CPU over the sample's 24 outputs, this toolkit against another, paired:
`python -m benchmarks.worker_cpu --baseline DIR [--rounds N]`.

The render jobs of a full build of the sample are captured for each toolkit, in its own copy
of the sample and by that toolkit (`-j 1 --force`, after a first build, so that they carry
its kept layouts, and find the drawings and photos it kept, as a cold build's do: these are
named by the toolkit's version, so jobs captured by one toolkit would make the other draw
every SVG and photo again), then each round
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
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.common import ENV, REPO
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


CAPTURE = """
import pickle, sys
from pathlib import Path
from benchmarks.warm_floor import sample_jobs
root = Path(sys.argv[1])
sample_jobs(root)  # the first build keeps its layouts, drawings and photos
Path(sys.argv[2]).write_bytes(pickle.dumps(sample_jobs(root)))
"""


def side_envs(baseline: Path) -> dict[str, dict[str, str]]:
    """Each toolkit's environment (the checkout's `benchmarks` importable by both)."""
    return {"this": {**ENV, "PYTHONPATH": str(REPO)},
            "baseline": {**ENV, "PYTHONPATH": os.pathsep.join([str(baseline), str(REPO)])}}


def capture(folder: Path, env: dict[str, str]) -> Path:
    """The sample's render jobs as the toolkit of `env` makes them, in its own copy of the
    sample in `folder`."""
    root, jobs = folder / "sample", folder / "jobs.pickle"
    init_workspace(root, template="full")
    result = subprocess.run([sys.executable, "-c", CAPTURE, str(root), str(jobs)], env=env,
                            cwd=folder, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"capturing the jobs failed:\n{result.stderr[-2000:]}")
    return jobs


def paired(jobs: dict[str, Path], baseline: Path, rounds: int,
           passes: int = 1) -> dict[str, object]:
    sides = side_envs(baseline)
    cpu: dict[str, list[float]] = {side: [] for side in sides}
    digests: set[str] = set()
    for round_ in range(rounds):
        order = list(sides) if round_ % 2 == 0 else list(sides)[::-1]
        for side in order:
            seconds, digest = one_worker(jobs[side], sides[side], passes)
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
        envs = side_envs(args.baseline.resolve())
        jobs = {}
        for side, env in envs.items():
            (Path(scratch) / side).mkdir()
            jobs[side] = capture(Path(scratch) / side, env)
        print(json.dumps(paired(jobs, args.baseline, args.rounds, 2 if args.again else 1),
                         indent=2))


if __name__ == "__main__":
    main()
