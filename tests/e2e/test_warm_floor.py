"""The sample's outputs rendered by a warm engine that keeps parsed stylesheets are the bytes
an engine that parses them at every render makes."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import pytest

import briefs.render.workers as workers
from briefs.render.engine import Engine
from tests.conftest import run_cli

pytestmark = pytest.mark.render


def test_kept_stylesheets_give_the_same_bytes(workspace_copy: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    jobs: list[Any] = []
    real = workers.run_job
    monkeypatch.setattr(workers, "run_job", lambda job: jobs.append(job) or real(job))
    result = run_cli("build", "river-dialogue-flyer", "water-access-policy-brief", "-l", "en",
                     "-l", "zh", "-l", "ar", "--force", "-j", "1", workspace=workspace_copy)
    assert result.exit_code == 0, result.stderr
    assert len(jobs) == 6
    kept, plain = Engine(), Engine()
    plain.stylesheets.active = lambda log: contextlib.nullcontext()  # type: ignore
    for _ in range(2):
        for job in jobs:
            with_cache, without = kept.render(job), plain.render(job)
            assert with_cache.pdf is not None and with_cache.pdf == without.pdf, job.title
            assert with_cache.problems == without.problems
            assert sorted(set(with_cache.dependencies)) == sorted(set(without.dependencies))
    assert kept.stylesheets.hits >= 6 * 4 and plain.stylesheets.hits == 0
