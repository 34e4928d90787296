"""Jobs handed to the workers while the other documents are planned (pipeline/head_start.py):
what the renderer gets and when, and what the user is told (the same as without it)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from briefs.pipeline import entry
from briefs.pipeline.events import BuildEvent, Failed, Planned, Started
from briefs.pipeline.request import BuildOptions, BuildRequest
from briefs.render import workers
from briefs.render.engine import RenderJob
from briefs.render.workers import Renderer
from briefs.scaffold.new_workspace import init_workspace
from tests.unit.pipeline.test_entry import fake_render


class PooledRecorder(Renderer):
    """A renderer that says it has worker processes (so the build hands jobs over early) but
    renders in this process when the results are asked for; records each submission and
    whether `Planned` had been told by then."""

    def __init__(self, events: list[BuildEvent]) -> None:
        super().__init__(2, pooled=True)
        self.events = events
        self.sent: list[tuple[str, bool]] = []

    def start(self, languages: Any = ()) -> None:
        pass

    def submit(self, job: RenderJob, group: str = "") -> None:
        planned = any(isinstance(event, Planned) for event in self.events)
        self.sent.append((job.target_id, planned))
        self._submitted.append((job, None))


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(workers, "run_job", fake_render)
    return init_workspace(tmp_path / "ws")


def build(root: Path, **options: Any) -> tuple[entry.BuildOutcome, list[BuildEvent],
                                                 PooledRecorder]:
    events: list[BuildEvent] = []
    renderer = PooledRecorder(events)
    request = BuildRequest(root, options=BuildOptions(**options))
    return entry.run(request, [events.append], renderer), events, renderer


def test_each_documents_first_output_goes_out_before_the_plan_is_done(root: Path) -> None:
    outcome, _, renderer = build(root, force=True)
    early = [target for target, planned in renderer.sent if not planned]
    assert early == ["first-brief.en", "first-flyer.en"]  # one per document, as planned
    assert sorted(target for target, _ in renderer.sent) == sorted(outcome.result.rendered)
    assert len(renderer.sent) == len(set(renderer.sent)) == 4  # each job sent once


def test_the_user_is_told_the_same_as_without_it(root: Path) -> None:
    _, events, _ = build(root, force=True)
    planned = next(i for i, event in enumerate(events) if isinstance(event, Planned))
    started = [(i, event.output.id) for i, event in enumerate(events)
               if isinstance(event, Started)]
    assert started and min(i for i, _ in started) > planned
    assert [output for _, output in started] == [
        "first-brief.en", "first-brief.fr", "first-flyer.en", "first-flyer.fr"]


def test_up_to_date_outputs_are_not_sent(root: Path) -> None:
    build(root)
    _, _, renderer = build(root)
    assert renderer.sent == []


def test_a_shard_is_chosen_from_the_whole_plan_first(root: Path) -> None:
    _, _, renderer = build(root, force=True, shard=(1, 2))
    assert renderer.sent and all(planned for _, planned in renderer.sent)


def test_a_template_error_is_reported_once_and_nothing_is_sent(root: Path) -> None:
    template = root / "templates" / "flyer.html.j2"
    template.parent.mkdir(exist_ok=True)
    template.write_text("{{ missing_function() }}", encoding="utf-8")
    outcome, events, renderer = build(root, force=True)
    assert all(not target.startswith("first-flyer") for target, _ in renderer.sent)
    failed = [event.output.id for event in events if isinstance(event, Failed)]
    assert sorted(failed) == ["first-flyer.en", "first-flyer.fr"]
    messages = [problem.message for problem in outcome.diagnostics]
    assert len(messages) == len(set(messages)) and messages
