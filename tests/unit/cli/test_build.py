"""`briefs build` in-process with a fake renderer: what it reads, and how often."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from briefs.content import loader
from briefs.render import workers
from briefs.render.engine import RenderJob, RenderResult
from briefs.scaffold.new_workspace import init_workspace
from tests.conftest import run_cli


def fake_render(job: RenderJob) -> RenderResult:
    return RenderResult(pdf=f"%PDF-1.7 fake {job.target_id}".encode(), pages=1)


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every parse of a briefs.yaml, by either YAML entry point briefs could use."""
    seen: list[str] = []
    load_text, safe_load = loader.load_yaml_text, yaml.safe_load

    def counted_text(text: str, path: Path, *args: Any) -> Any:
        if path.name == "briefs.yaml":
            seen.append("load_yaml_text")
        return load_text(text, path, *args)

    def counted_safe(stream: Any) -> Any:
        seen.append("safe_load")
        return safe_load(stream)

    monkeypatch.setattr(loader, "load_yaml_text", counted_text)
    monkeypatch.setattr(yaml, "safe_load", counted_safe)
    monkeypatch.setattr(workers, "run_job", fake_render)
    return seen


def test_briefs_yaml_is_parsed_once_per_build(tmp_path: Path, parses: list[str]) -> None:
    root = init_workspace(tmp_path / "ws")
    result = run_cli("build", "-j", "1", workspace=root)
    assert result.exit_code == 0, result.stderr
    assert (root / "build" / "first-flyer" / "first-flyer.en.pdf").is_file()
    assert parses == ["load_yaml_text"]
    parses.clear()
    again = run_cli("build", "-j", "1", workspace=root)  # the no-op path
    assert again.exit_code == 0 and "nothing changed" in again.stderr
    assert parses == ["load_yaml_text"]


def test_a_broken_briefs_yaml_is_reported_once_at_its_line(tmp_path: Path,
                                                           parses: list[str]) -> None:
    root = init_workspace(tmp_path / "ws")
    config = root / "briefs.yaml"
    config.write_text(config.read_text().replace("output_dir: build", "output_dir: [a"))
    result = run_cli("build", "-j", "1", workspace=root)
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert result.stderr.count("briefs.yaml:") == 1, result.stderr
    assert parses == ["load_yaml_text"]


def test_an_output_dir_outside_the_workspace_is_refused_before_the_no_op_check(
        tmp_path: Path, parses: list[str]) -> None:
    root = init_workspace(tmp_path / "ws")
    config = root / "briefs.yaml"
    config.write_text(config.read_text().replace("output_dir: build", "output_dir: .."))
    result = run_cli("build", "-j", "1", workspace=root)
    assert result.exit_code == 1
    assert "output_dir must be a folder inside the workspace" in result.stderr
    assert not (tmp_path / "manifest.json").exists()


def test_the_no_op_path_still_needs_no_heavy_imports(tmp_path: Path,
                                                     parses: list[str]) -> None:
    import subprocess
    import sys

    root = init_workspace(tmp_path / "ws")
    assert run_cli("build", "-j", "1", workspace=root).exit_code == 0  # leaves the stamp
    code = ("import sys; from briefs.cli import main; sys.argv = ['briefs', '-w', "
            f"{str(root)!r}, 'build']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in ('weasyprint', 'pydantic', 'jinja2', 'fontTools') "
            "if m in sys.modules]\n"
            "assert not heavy, heavy")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr
    assert "nothing changed since the last build" in result.stderr


def test_after_an_edit_the_worker_starts_before_the_server_client_and_metadata_imports(
        tmp_path: Path) -> None:
    """What runs before a build's render worker starts delays its WeasyPrint import (a
    one-document build's critical path): after an edit, with no build server running, neither
    the server's client nor importlib.metadata (the no-op key's versions) is imported yet."""
    import subprocess
    import sys

    root = init_workspace(tmp_path / "ws")
    assert run_cli("build", "-j", "1", workspace=root).exit_code == 0  # leaves the stamp
    text = root / "content" / "first-brief" / "en.yaml"
    text.write_text(text.read_text() + "\n")
    code = ("import sys, briefs.render.workers as w, briefs.server.address as a\n"
            "a.server_key = lambda *args: print('server key made')\n"
            "def start(self, languages=()):\n"
            "    print(sorted({'importlib.metadata', 'briefs.server.client', 'pydantic'}"
            " & set(sys.modules)))\n"
            "    raise SystemExit(0)\n"
            "w.Renderer.start = start\n"
            "from briefs.cli import main\n"
            f"sys.argv = ['briefs', '-w', {str(root)!r}, 'build', '-q']\n"
            "main()\n")
    (tmp_path / "run" / "briefs").mkdir(parents=True, mode=0o700)  # no socket in it
    env = {**os.environ, "XDG_RUNTIME_DIR": str(tmp_path / "run")}
    env.pop("BRIEFS_SERVER", None)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=False, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_build_collects_garbage_less_often_and_puts_the_thresholds_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    from briefs.cli.build import GC_YOUNG_THRESHOLD
    from briefs.pipeline import entry
    from briefs.pipeline.request import BadRequest

    seen: list[tuple[int, int, int]] = []

    def planned(*args: object, **kwargs: object) -> None:
        seen.append(gc.get_threshold())
        raise BadRequest("stopped here")

    monkeypatch.setattr(entry, "run", planned)
    before = gc.get_threshold()
    root = init_workspace(tmp_path / "ws")
    result = run_cli("build", "-j", "1", "--force", workspace=root)
    assert "stopped here" in result.stderr
    assert seen == [(GC_YOUNG_THRESHOLD, *before[1:])]
    assert gc.get_threshold() == before
