"""The one build entry point, fast: a fake renderer stands in for WeasyPrint, so that
planning, acceptance, the writer, the manifest, the cache and the stamp are tested alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefs.pipeline import entry
from briefs.pipeline.events import BuildEvent, Failed, Finished, Planned, Rendered, UpToDate
from briefs.pipeline.noop import STAMP, up_to_date
from briefs.pipeline.report import BuildReport
from briefs.pipeline.request import BadRequest, BuildOptions, BuildRequest
from briefs.render import workers
from briefs.render.engine import RenderJob, RenderResult
from briefs.render.workers import Renderer
from briefs.scaffold.new_workspace import init_workspace


def fake_render(job: RenderJob) -> RenderResult:
    return RenderResult(pdf=f"%PDF-1.7 fake {job.target_id}".encode(), pages=1)


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(workers, "run_job", fake_render)
    return init_workspace(tmp_path / "ws")


def build(root: Path, **options: object) -> tuple[entry.BuildOutcome, list[BuildEvent]]:
    events: list[BuildEvent] = []
    request = BuildRequest(root, options=BuildOptions(**options))  # type: ignore[arg-type]
    return entry.run(request, [events.append], Renderer(1)), events


IDS = ["first-brief.en", "first-brief.fr", "first-flyer.en", "first-flyer.fr"]


def test_a_build_plans_renders_writes_records_and_stamps(root: Path) -> None:
    outcome, events = build(root)
    assert sorted(outcome.result.rendered) == IDS and not outcome.result.failed
    assert isinstance(events[0], Planned) and isinstance(events[-1], Finished)
    assert sum(isinstance(e, Rendered) for e in events) == 4
    pdf = root / "build" / "first-flyer" / "first-flyer.fr.pdf"
    assert pdf.read_bytes() == b"%PDF-1.7 fake first-flyer.fr"
    manifest = json.loads((root / "build" / "manifest.json").read_text())
    assert sorted(e["path"] for e in manifest["outputs"]) == sorted(outcome.outputs())
    arguments = BuildRequest(root).stamp_arguments()
    assert (root / "build" / STAMP).is_file()
    assert sorted(up_to_date(root, root / "build", arguments) or []) == sorted(outcome.outputs())
    report = BuildReport.of(outcome)
    assert report.as_json()["rendered"] == outcome.result.rendered and report.errors == 0

    again, events = build(root)
    assert sorted(again.result.up_to_date) == IDS and not again.result.rendered
    assert sum(isinstance(e, UpToDate) for e in events) == 4


def test_strict_builds_what_it_can_then_fails(root: Path) -> None:
    french = root / "content" / "first-flyer" / "fr.yaml"
    english = (root / "content" / "first-flyer" / "en.yaml").read_text()
    first_key = next(line.split(":")[0] for line in english.splitlines()
                     if line and not line.startswith((" ", "#")))
    french.write_text("\n".join(line for line in french.read_text().splitlines()
                                if not line.startswith(f"{first_key}:")) + "\n")
    outcome, events = build(root, strict=True)
    assert outcome.result.failed == ["first-flyer.fr"]
    assert sorted(outcome.result.rendered) == [i for i in IDS if i != "first-flyer.fr"]
    assert any(isinstance(e, Failed) and e.reason == "warnings under --strict" for e in events)
    assert outcome.errors >= 1 and not (root / "build" / "first-flyer" / "first-flyer.fr.pdf"
                                        ).exists()
    assert not (root / "build" / STAMP).exists()
    relaxed, _ = build(root)
    assert "first-flyer.fr" in relaxed.result.rendered and relaxed.errors == 0


@pytest.mark.parametrize(("request_", "message"), [
    (BuildRequest(Path("."), docs=("nope",)), 'no document "nope"'),
    (BuildRequest(Path("."), locales=("de",)), 'locale "de" is not in briefs.yaml'),
    (BuildRequest(Path("."), options=BuildOptions(profiles=("glossy",))), 'no profile "glossy"'),
    (BuildRequest(Path("."), options=BuildOptions(formats=("epub",))), 'no output format "epub"'),
    (BuildRequest(Path("."), single=True), "-o needs one output: name one document"),
    (BuildRequest(Path("."), docs=("first-flyer",), locales=("en", "fr"), single=True),
     "-o needs one output: give one -l LOCALE"),
    (BuildRequest(Path("."), docs=("first-flyer",), single=True,
                  options=BuildOptions(profiles=("all",))), "choose one --profile"),
])
def test_a_request_no_build_can_satisfy_is_refused_before_anything(
        root: Path, request_: BuildRequest, message: str) -> None:
    import dataclasses

    with pytest.raises(BadRequest, match=message):
        entry.run(dataclasses.replace(request_, workspace=root), [], Renderer(1))
    assert not (root / "build" / "manifest.json").exists()


def test_a_narrowed_build_never_writes_the_stamp(root: Path) -> None:
    steering = entry.Steering(narrow=lambda session, docs, locales: docs[:1])
    outcome = entry.run(BuildRequest(root), [], Renderer(1), steering)
    assert outcome.partial and outcome.doc_ids == ["first-brief"]
    assert not (root / "build" / STAMP).exists()


def test_a_lasting_request_builds_what_is_left_and_writes_no_stamp(root: Path) -> None:
    """A document the preview was started on, deleted since: the rest of the selection is
    built, and the build is partial (an unchanged rerun must not skip what was asked for)."""
    request = BuildRequest(root, docs=("first-flyer", "gone"), lasting=True)
    outcome = entry.run(request, [], Renderer(1))
    assert sorted(outcome.result.rendered) == ["first-flyer.en", "first-flyer.fr"]
    assert outcome.doc_ids == ["first-flyer"] and outcome.partial
    assert not (root / "build" / STAMP).exists()
    with pytest.raises(BadRequest, match='no document "gone"'):
        entry.run(BuildRequest(root, docs=("first-flyer", "gone")), [], Renderer(1))


@pytest.mark.parametrize(("selection", "outputs"), [
    ({"docs": ("first-flyer",), "locales": ("en",)}, 1),
    ({"docs": ("first-flyer",)}, 2), ({}, 4),
    ({"docs": ("first-flyer",), "locales": ("en",),
      "options": BuildOptions(profiles=("all",))}, 2)])
def test_a_build_sizes_its_renderer_by_its_outputs(
        root: Path, monkeypatch: pytest.MonkeyPatch, selection: dict[str, object],
        outputs: int) -> None:
    asked: list[int] = []

    def for_outputs(jobs: int, count: int) -> Renderer:
        asked.append(count)
        return Renderer(1)  # in this process: the fake renders

    monkeypatch.setattr(Renderer, "for_outputs", staticmethod(for_outputs))
    outcome = entry.run(BuildRequest(root, **selection))  # type: ignore[arg-type]
    assert asked == [outputs] and len(outcome.result.rendered) == outputs
