"""CI sharding for real: N shards in separate processes merge into exactly the full build."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from benchmarks.workspace import generate_workspace
from briefs.content.config import load_workspace
from briefs.pipeline.plan import plan_build
from briefs.pipeline.session import BuildSession
from briefs.pipeline.sharding import estimated_cost

SHARDS = 4
LOCALES = ("en", "fr", "es", "ru", "ar")
DOCUMENTS = 20  # x 5 locales: 100 outputs
TIMEOUT = 1200


def briefs(*args: str, cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "briefs", *args], cwd=cwd, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "NO_COLOR": "1"})


def finished(process: subprocess.Popen[str]) -> dict:
    stdout, stderr = process.communicate(timeout=TIMEOUT)
    assert process.returncode == 0, stderr[-3000:]
    return json.loads(stdout)


def test_shards_in_separate_processes_merge_into_the_full_manifest(tmp_path: Path) -> None:
    template = generate_workspace(tmp_path / "template", DOCUMENTS, LOCALES)
    roots = [tmp_path / name for name in ("full", *(f"shard{k}" for k in range(1, 1 + SHARDS)))]
    for root in roots:
        shutil.copytree(template, root)
    full = briefs("build", "--json", cwd=roots[0])
    shards = [briefs("build", "--json", "-j", "1", "--shard", f"{k}/{SHARDS}", cwd=root)
              for k, root in enumerate(roots[1:], start=1)]  # side by side, like CI jobs
    reports = [finished(process) for process in shards]
    assert len(finished(full)["rendered"]) == DOCUMENTS * len(LOCALES)

    built = [report["rendered"] for report in reports]
    every = sorted(output for share in built for output in share)
    assert len(every) == DOCUMENTS * len(LOCALES) == len(set(every))  # disjoint and complete

    manifests = [str(root / "build" / "manifest.json") for root in roots[1:]]
    for root in roots[1:]:  # as CI gathers every shard's PDFs into one folder
        shutil.copytree(root / "build", tmp_path / "merged", dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns(".*", "manifest.json"))
    merged = subprocess.run([sys.executable, "-m", "briefs", "manifest", "merge", *manifests,
                             "-o", str(tmp_path / "merged")], capture_output=True, text=True,
                            check=False)
    assert merged.returncode == 0, merged.stderr
    assert (tmp_path / "merged" / "manifest.json").read_bytes() == \
        (roots[0] / "build" / "manifest.json").read_bytes()

    session = BuildSession(load_workspace(template))
    plan = plan_build(session, session.workspace.document_ids(), list(LOCALES))
    cost = {target.id: estimated_cost(target) for target in plan.targets}
    loads = [sum(cost[output] for output in share) for share in built]
    assert max(loads) <= 1.2 * min(loads), loads
