"""Shared fixtures: a copy of the sample workspace, built once per session.

Tests under tests/e2e/, and any test that uses a built workspace, are marked `render`:
`pytest -m "not render"` runs the fast unit tests alone.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from click.testing import CliRunner, Result

from briefs.cli import cli
from briefs.scaffold.new_workspace import ejected_files, init_workspace

REPO = Path(__file__).resolve().parent.parent
PROJECTS = REPO / "tests" / "projects"
RENDERING_FIXTURES = {"built_sample", "workspace_copy", "served", "shared", "built_scripts"}


def pytest_configure(config: pytest.Config) -> None:
    """Every build a test starts builds by itself, even if the person running the tests has
    a build server running (tests/e2e/test_server.py starts its own, in a folder of its own)."""
    os.environ["BRIEFS_SERVER"] = "0"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        in_e2e = "e2e" in Path(str(item.fspath)).parts
        if in_e2e or RENDERING_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.render)


def run_cli(*args: str, workspace: Path | None = None) -> Result:
    """Invoke `briefs` in-process; stdout and stderr are kept apart."""
    runner = CliRunner()
    prefix = ["--workspace", str(workspace)] if workspace else []
    return runner.invoke(cli, [*prefix, *args], catch_exceptions=False)


def run_python(code: str) -> str:
    """What `code` prints, run by this Python in a new process (what a process imports, or
    does at its exit, is seen only there); its failure fails the test with its stderr."""
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout


def add_profiles(root: Path, entries: str) -> None:
    """Profiles (`entries`: YAML indented under `profiles:`) added to a workspace's
    briefs.yaml, under its `profiles:` when it has one (the sample has its press profile)."""
    config = root / "briefs.yaml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next((index for index, line in enumerate(lines) if line.startswith("profiles:")), None)
    if at is None:
        lines += ["profiles:\n", entries]
    else:
        lines.insert(at + 1, entries)
    config.write_text("".join(lines), encoding="utf-8")


def workspace_file(root: Path, relative: str) -> Path:
    """A file of the workspace; a built-in template or stylesheet is first copied in (as
    `briefs init --eject` would), so that a test can change it there."""
    path = root / relative
    built_in = ejected_files().get(relative)
    if not path.exists() and built_in is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(built_in, path)
    return path


@pytest.fixture(scope="session")
def built_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample workspace, copied with `briefs init` and built once for the session."""
    root = tmp_path_factory.mktemp("sample") / "ws"
    init_workspace(root, template="full")
    result = run_cli("build", workspace=root)
    assert result.exit_code == 0, result.stderr
    return root


@pytest.fixture(scope="session")
def built_scripts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample's documents in he, hi, ja, ko, th, fa and el (tests/projects/more-scripts
    laid over a copy of the sample: a shorter English source, seven translations, their
    catalogs), built once for the session."""
    root = tmp_path_factory.mktemp("scripts") / "ws"
    init_workspace(root, template="full")
    shutil.copytree(PROJECTS / "more-scripts", root, dirs_exist_ok=True)
    result = run_cli("build", workspace=root)
    assert result.exit_code == 0, result.stderr
    return root


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """A new workspace as `briefs init` makes it (one brief, one flyer, en and fr), unbuilt."""
    return init_workspace(tmp_path / "ws")


@pytest.fixture
def workspace_copy(built_sample: Path, tmp_path: Path) -> Path:
    """A private copy of the built sample workspace, safe to break."""
    target = tmp_path / "ws"
    shutil.copytree(built_sample, target, symlinks=True)
    return target


@pytest.fixture
def snapshot() -> Callable[[Path], dict[str, bytes]]:
    """Every output under build/ (not the hidden caches), to prove outputs were left untouched."""

    def take(root: Path) -> dict[str, bytes]:
        build = root / "build"
        return {p.relative_to(build).as_posix(): p.read_bytes()
                for p in sorted(build.rglob("*"))
                if p.is_file() and not p.relative_to(build).as_posix().startswith(".")}

    return take


@pytest.fixture(scope="module")
def pdfua_validate_module() -> Iterator[Callable[[str], Any]]:
    """`pdfua_validate` for a module-scoped fixture (a pass over many PDFs, once)."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        yield pdfua_validate.__wrapped__(monkeypatch)  # type: ignore[attr-defined]


@pytest.fixture
def pdfua_validate(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], Any]:
    """pdfua's `validate`, guarded against its UA-14-001 crash.

    pdfua 0.1.3's EmptyHeadingRule asks a pikepdf Array for an attribute, which pikepdf
    answers with ValueError, so the rule is skipped on every heading whose /K is an array
    (reported upstream, see docs/decisions.md). The guard gives the rule an `as_integer` that
    says an array is no number, so that the rule runs; it switches itself off once pdfua no
    longer crashes.
    """
    import pdfua
    import pdfua.rules.structure as structure

    original = structure.as_integer
    try:
        original(pikepdf.Array([]))
    except ValueError:
        def as_integer(value: object) -> int | None:
            if isinstance(value, pikepdf.Array | pikepdf.Dictionary):
                return None
            return original(value)

        monkeypatch.setattr(structure, "as_integer", as_integer)
    return pdfua.validate  # type: ignore[no-any-return]
