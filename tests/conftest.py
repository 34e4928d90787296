"""Shared fixtures: a copy of the sample workspace, built once per session."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from briefs.cli import cli
from briefs.scaffold import init_workspace

REPO = Path(__file__).resolve().parent.parent


def run_cli(*args: str, workspace: Path | None = None) -> Result:
    """Invoke `briefs` in-process; stdout and stderr are kept apart."""
    runner = CliRunner()
    prefix = ["--workspace", str(workspace)] if workspace else []
    return runner.invoke(cli, [*prefix, *args], catch_exceptions=False)


@pytest.fixture(scope="session")
def built_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample workspace, copied with `briefs init` and built once for the session."""
    root = tmp_path_factory.mktemp("sample") / "ws"
    init_workspace(root)
    result = run_cli("build", workspace=root)
    assert result.exit_code == 0, result.stderr
    return root


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
