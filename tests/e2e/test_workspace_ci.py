"""`briefs init --ci`: a fresh workspace passes its own generated pipeline's commands.

The commands that need the network (apt-get, pip install) are left out; the rest run as the
CI runner would run them, in order, with the pipeline's variables: each shard's build in a
folder of its own, then the merge job in another, given the shards' artifacts.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import run_cli

NEEDS_NETWORK = re.compile(r"apt-get|pip install")
BIN = str(Path(sys.executable).parent)


def shell(command: str, cwd: Path, env: dict[str, str]) -> None:
    full = {**os.environ, "PATH": f"{BIN}:{os.environ['PATH']}", **env}
    full.pop("NO_COLOR", None)
    result = subprocess.run(["bash", "-eo", "pipefail", "-c", command], cwd=cwd, env=full,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"


def offline(commands: list[str]) -> list[str]:
    return [command for command in commands if not NEEDS_NETWORK.search(command)]


def fresh(tmp_path: Path, service: str) -> tuple[Path, dict[str, Any]]:
    root = tmp_path / "team"
    made = run_cli("init", str(root), "--ci", service)
    assert made.exit_code == 0, made.stderr
    name = ".github/workflows/briefs.yml" if service == "github" else ".gitlab-ci.yml"
    return root, yaml.safe_load((root / name).read_text())


def artifacts(shards: list[Path], target: Path) -> None:
    """What download-artifact (merge-multiple) or GitLab's `needs:` put in the merge job."""
    target.mkdir()
    for shard in shards:
        for part in ("build", "manifests"):
            shutil.copytree(shard / part, target / part, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns(".*"))


def test_github_workflow_commands_pass_in_a_fresh_workspace(tmp_path: Path) -> None:
    root, workflow = fresh(tmp_path, "github")
    build, merge = workflow["jobs"]["build"], workflow["jobs"]["merge"]
    assert build["strategy"]["matrix"]["shard"] == [1] and workflow["env"]["SHARDS"] == 1
    installs = [step["run"] for step in build["steps"] if "run" in step]
    assert any('pip install "briefs-publish==' in run for run in installs)
    assert any("--strict" in run for run in installs)
    uploads = [step for step in build["steps"] if step.get("uses", "").startswith(
        "actions/upload-artifact")]
    assert "build/" in uploads[0]["with"]["path"] and "manifests/" in uploads[0]["with"]["path"]
    shards = []
    for shard in (1, 2):  # the matrix widened to two shards, as the comment says
        folder = tmp_path / f"runner-{shard}"
        shutil.copytree(root, folder)
        env = {**{k: str(v) for k, v in workflow["env"].items()}, "SHARDS": "2"}
        for step in build["steps"]:
            if "run" in step:
                command = step["run"].replace("${{ matrix.shard }}", str(shard))
                for line in offline(command.splitlines()):
                    shell(line, folder, env)
        shards.append(folder)
    reports = [json.loads((folder / f"manifests/report-{n}.json").read_text())
               for n, folder in enumerate(shards, 1)]
    assert all(report["ok"] for report in reports)
    merged = tmp_path / "merge"
    artifacts(shards, merged)
    for step in merge["steps"]:
        for line in offline(step.get("run", "").splitlines()):
            shell(line, merged, {k: str(v) for k, v in workflow["env"].items()})
    manifest = json.loads((merged / "build/manifest.json").read_text())
    paths = sorted(entry["path"] for entry in manifest["outputs"])
    assert len(paths) == 4 and all((merged / "build" / path).is_file() for path in paths)


def test_gitlab_pipeline_commands_pass_in_a_fresh_workspace(tmp_path: Path) -> None:
    root, pipeline = fresh(tmp_path, "gitlab")
    env = {k: str(v) for k, v in pipeline["variables"].items()}
    build = pipeline["build"]
    assert any("--strict" in line for line in build["script"])
    for line in offline(build["before_script"] + build["script"] + build["after_script"]):
        shell(line, root, env)
    assert (root / "manifests/shard-1.json").is_file()
    merged = tmp_path / "merge"
    artifacts([root], merged)
    for line in offline(pipeline["merge"]["before_script"] + pipeline["merge"]["script"]):
        shell(line, merged, env)
    assert len(json.loads((merged / "build/manifest.json").read_text())["outputs"]) == 4


def test_an_existing_pipeline_is_not_overwritten(tmp_path: Path) -> None:
    (tmp_path / "team").mkdir()
    (tmp_path / "team/.gitlab-ci.yml").write_text("mine\n")
    result = run_cli("init", str(tmp_path / "team"), "--ci", "gitlab")
    assert result.exit_code == 1
    assert ".gitlab-ci.yml already exists; nothing was written" in result.stderr
    assert (tmp_path / "team/.gitlab-ci.yml").read_text() == "mine\n"
    assert not (tmp_path / "team/briefs.yaml").exists()  # refused before anything was made


@pytest.mark.parametrize("service", ["github", "gitlab"])
def test_the_pipeline_pins_this_version(tmp_path: Path, service: str) -> None:
    from briefs import __version__

    _root, pipeline = fresh(tmp_path, service)
    variables = pipeline["env"] if service == "github" else pipeline["variables"]
    assert variables["BRIEFS_VERSION"] == __version__


def test_the_reusable_action_builds_a_fresh_workspace(tmp_path: Path) -> None:
    from tests.conftest import REPO

    action = yaml.safe_load((REPO / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    assert set(action["inputs"]) >= {"version", "args", "shard", "working-directory"}
    root = tmp_path / "team"
    assert run_cli("init", str(root)).exit_code == 0
    output = tmp_path / "github-output"
    inputs = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    inputs["shard"] = "1/1"

    def given(match: re.Match[str]) -> str:
        return inputs[match[1]]

    for step in action["runs"]["steps"]:
        if "run" not in step or NEEDS_NETWORK.search(step["run"]):
            continue
        env = {key: re.sub(r"\$\{\{ inputs\.([\w-]+) \}\}", given, value)
               for key, value in step.get("env", {}).items()}
        shell(step["run"], root, {**env, "GITHUB_OUTPUT": str(output)})
    assert output.read_text() == f"manifest={root}/build/manifest.json\n"
    assert len(json.loads((root / "build/manifest.json").read_text())["outputs"]) == 4
