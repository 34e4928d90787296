"""Whether a change keeps the PDFs byte-identical: `python -m benchmarks.same_pdfs --baseline DIR`.

Builds three workspaces with this toolkit and with another (`git archive OLD briefs | tar -x
-C DIR`), each side in its own copies, every profile (`build --force --profile all`): the
sample (four documents, six languages), the sample with tests/projects/more-scripts laid over
it (he hi ja ko th fa el) and the two real documents of docs/examples. Prints how many PDFs
each side made and every one whose SHA-256 differs; exits 1 if any differs or is missing.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.common import ENV, REPO
from briefs.scaffold.new_workspace import init_workspace

EXAMPLES = ("wetland-dialogue-flyer", "edge-forum-brief")


def make_workspaces(folder: Path) -> list[Path]:
    """The three workspaces, unbuilt, in `folder`."""
    sample = init_workspace(folder / "sample", template="full")
    scripts = init_workspace(folder / "scripts", template="full")
    shutil.copytree(REPO / "tests" / "projects" / "more-scripts", scripts, dirs_exist_ok=True)
    examples = init_workspace(folder / "examples")
    for name in EXAMPLES:
        shutil.copytree(REPO / "docs" / "examples" / name, examples / "content" / name)
    return [sample, scripts, examples]


def built_pdfs(workspaces: list[Path], toolkit: Path) -> dict[str, str]:
    """SHA-256 of every PDF the toolkit in `toolkit` builds in `workspaces`, by path."""
    env = {**ENV, "BRIEFS_SERVER": "0",
           "PYTHONPATH": os.pathsep.join([str(toolkit), str(REPO)])}
    digests: dict[str, str] = {}
    for root in workspaces:
        result = subprocess.run([sys.executable, "-m", "briefs", "--workspace", str(root),
                                 "build", "--force", "--profile", "all", "-q"],
                                cwd=root.parent, env=env, capture_output=True, text=True,
                                check=False)  # not the checkout: `-m` puts the current
        # folder first on sys.path, where its `briefs` would hide the baseline's
        if result.returncode != 0:
            raise SystemExit(f"{root.name} did not build with {toolkit}:\n"
                             f"{result.stderr[-2000:]}")
        for pdf in sorted((root / "build").rglob("*.pdf")):
            if ".cache" not in pdf.parts:
                name = f"{root.name}/{pdf.relative_to(root / 'build').as_posix()}"
                digests[name] = hashlib.sha256(pdf.read_bytes()).hexdigest()
    return digests


def differences(this: dict[str, str], baseline: dict[str, str]) -> list[str]:
    """The PDFs whose digests differ, or that one side did not make."""
    return sorted(name for name in this.keys() | baseline.keys()
                  if this.get(name) != baseline.get(name))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, required=True,
                        help="a folder holding another `briefs` package")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="briefs-same-pdfs-") as scratch:
        sides = {}
        for side, toolkit in (("baseline", args.baseline.resolve()), ("this", REPO)):
            sides[side] = built_pdfs(make_workspaces(Path(scratch) / side), toolkit)
    this, baseline = sides["this"], sides["baseline"]
    different = differences(this, baseline)
    print(f"{len(this)} PDFs (baseline: {len(baseline)}), {len(different)} different")
    for name in different:
        print(f"  {name}")
    raise SystemExit(1 if different else 0)


if __name__ == "__main__":
    main()
