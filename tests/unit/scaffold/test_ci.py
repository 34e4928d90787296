"""`briefs init --ci`: the pipeline files, never written through a link out of the workspace."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from briefs import __version__
from briefs.core.diagnostics import BriefsError
from briefs.scaffold.ci import PIPELINES, pipeline_text, write_ci


@pytest.mark.parametrize("service", sorted(PIPELINES))
def test_pipelines_are_valid_yaml_pinned_to_this_version(service: str) -> None:
    text = pipeline_text(service)
    assert "@" not in "".join(w for w in text.split() if w.startswith("@") and w.endswith("@"))
    data = yaml.safe_load(text)
    variables = data["env"] if service == "github" else data["variables"]
    assert variables["BRIEFS_VERSION"] == __version__
    assert 'pip install "briefs-publish==$BRIEFS_VERSION"' in text
    assert "briefs build --strict --shard" in text


def test_a_workflow_folder_linking_out_of_the_workspace_is_refused(tmp_path: Path) -> None:
    root, outside = tmp_path / "ws", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (root / ".github").symlink_to(outside)
    with pytest.raises(BriefsError, match="leads out of the workspace"):
        write_ci(root, "github")
    assert list(outside.rglob("*")) == []


def test_a_pipeline_file_that_is_a_link_is_not_followed(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    root.mkdir()
    target = tmp_path / "elsewhere.yml"
    (root / ".gitlab-ci.yml").symlink_to(target)
    with pytest.raises(BriefsError, match="already exists"):
        write_ci(root, "gitlab")
    assert not target.exists()


def test_the_github_workflow_keeps_the_build_cache_and_its_key_per_shard() -> None:
    """What a cold build reuses (build/.cache) is kept between runs with the key file that
    signs it (outside the workspace: ~/.cache/briefs), per version, shard and branch."""
    build = yaml.safe_load(pipeline_text("github"))["jobs"]["build"]
    names = [step.get("uses", step.get("name", "")) for step in build["steps"]]
    (cache,) = [step for step in build["steps"] if step.get("uses", "").startswith(
        "actions/cache@")]
    assert names.index(cache["uses"]) < next(i for i, step in enumerate(build["steps"])
                                             if "briefs build" in step.get("run", ""))
    assert cache["with"]["path"].split() == ["build/.cache", "~/.cache/briefs"]
    key = cache["with"]["key"]
    for part in ("env.BRIEFS_VERSION", "matrix.shard", "env.SHARDS", "github.ref_name",
                 "github.run_id"):
        assert part in key
    restore = cache["with"]["restore-keys"].splitlines()
    assert len(restore) == 2 and all(key.startswith(prefix) for prefix in restore)


def test_the_gitlab_pipeline_keeps_the_build_cache_signed_with_a_ci_variable() -> None:
    text = pipeline_text("gitlab")
    cache = yaml.safe_load(text)["build"]["cache"]
    assert cache["paths"] == ["build/.cache/"] and cache["when"] == "always"
    assert "$CI_JOB_NAME_SLUG" in cache["key"] and "$BRIEFS_VERSION" in cache["key"]
    assert "$CI_COMMIT_REF_SLUG" in cache["key"] and cache["fallback_keys"]
    assert "BRIEFS_CACHE_KEY" in text
