"""The wheel, as a user gets it: built, installed into a fresh virtual environment outside
the checkout, then `briefs init`, `briefs doctor` and `briefs build` in an empty folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

from tests.conftest import REPO

SOURCE = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "LICENSE", "briefs.yaml",
          "briefs", "content", "styles")
"""What the wheel is built from (copied, so the build leaves nothing in the checkout)."""


def run(args: list[str | Path], cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, env=env)


def test_the_wheel_installs_and_builds_outside_the_checkout(tmp_path: Path) -> None:
    source = tmp_path / "source"
    for part in SOURCE:
        if (REPO / part).is_dir():
            shutil.copytree(REPO / part, source / part,
                            ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            source.mkdir(exist_ok=True)
            shutil.copy2(REPO / part, source / part)
    dist = tmp_path / "dist"
    built = run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", dist,
                 source], cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    [wheel] = dist.glob("briefs_publish-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("briefs/sample_workspace/briefs.yaml", "briefs/assets/styles/base.css",
                   "briefs/scaffold/templates/small/briefs.yaml",
                   "briefs/scaffold/templates/small/content/first-brief/fr.yaml",
                   "briefs/scaffold/templates/small/content/first-brief/translations.lock",
                   "briefs/scaffold/templates/small/styles/team/logos/logo.svg",
                   "briefs/preview/templates/index.html.j2"):
        assert needed in names, needed
    venv = tmp_path / "venv"
    assert run([sys.executable, "-m", "venv", venv], cwd=tmp_path).returncode == 0
    # The dependencies come from this environment (no download in the test); CI's workflow
    # also installs the wheel with its dependencies from PyPI.
    site = Path(run([venv / "bin" / "python", "-c", "import sysconfig; "
                     "print(sysconfig.get_paths()['purelib'])"], cwd=tmp_path).stdout.strip())
    (site / "briefs-test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    installed = run([venv / "bin" / "python", "-m", "pip", "install", "--quiet", "--no-deps",
                     "--no-index", wheel], cwd=tmp_path)
    assert installed.returncode == 0, installed.stderr
    where = run([venv / "bin" / "python", "-c", "import briefs; print(briefs.__file__)"],
                cwd=tmp_path)
    assert where.stdout.startswith(str(site)), where.stdout
    folder = tmp_path / "team"
    folder.mkdir()
    briefs = venv / "bin" / "briefs"
    created = run([briefs, "init"], cwd=folder)
    assert created.returncode == 0 and "Created a workspace in this folder." in created.stdout
    doctor = run([briefs, "doctor"], cwd=folder)
    assert doctor.returncode == 0, doctor.stdout
    build = run([briefs, "build"], cwd=folder)
    assert build.returncode == 0, build.stderr
    assert "4 built, 0 up to date, 0 failed" in build.stderr
    assert (folder / "build/first-flyer/first-flyer.fr.pdf").is_file()
    full = run([briefs, "init", "--template", "full", "sample"], cwd=tmp_path)
    assert full.returncode == 0, full.stderr
    check = run([briefs, "check", "-w", "sample"], cwd=tmp_path)
    assert check.returncode == 0 and "OK: 24 outputs checked." in check.stdout, check.stderr
