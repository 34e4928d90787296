"""The build session: typed events for listeners; two workspaces built in one process share
nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

from briefs.content.config import load_workspace
from briefs.formats.targets import TargetKey
from briefs.pipeline.events import (
    BuildEvent,
    Failed,
    Finished,
    Note,
    Planned,
    Rendered,
    Started,
    UpToDate,
)
from briefs.pipeline.plan import plan_build
from briefs.pipeline.run import run_build
from briefs.pipeline.session import BuildOptions, BuildSession
from briefs.render.workers import Renderer

FLYER = "river-dialogue-flyer"


def build(root: Path, renderer: Renderer, events: list[BuildEvent] | None = None,
          **options: object) -> BuildSession:
    listeners = [events.append] if events is not None else []
    session = BuildSession(load_workspace(root), BuildOptions(**options), listeners)  # type: ignore[arg-type]
    run_build(session, plan_build(session, [FLYER], ["en"]), renderer)
    return session


def test_a_build_reports_typed_events(workspace_copy: Path) -> None:
    events: list[BuildEvent] = []
    with Renderer(1) as renderer:
        build(workspace_copy, renderer, events, force=True)
        kinds = [type(event) for event in events if not isinstance(event, Note)]
        assert kinds == [Planned, Started, Rendered, Finished]
        planned, rendered, finished = events[0], events[-2], events[-1]
        assert isinstance(planned, Planned) and isinstance(rendered, Rendered)
        assert [ref.key for ref in planned.outputs] == [TargetKey(FLYER, "en", "screen")]
        assert rendered.output.name.path == f"{FLYER}/{FLYER}.en.pdf" and rendered.pages == 1
        assert isinstance(finished, Finished) and finished.rendered == 1
        assert set(finished.timings) == {"prepare", "render"}

        events.clear()
        build(workspace_copy, renderer, events)
        assert [type(e) for e in events] == [Planned, UpToDate, Finished]

        path = workspace_copy / "content" / FLYER / "en.yaml"
        path.write_text(path.read_text().replace("kicker:", "kickr:"))
        events.clear()
        build(workspace_copy, renderer, events)
        assert [type(e) for e in events] == [Planned, Failed, Finished]
        assert isinstance(events[0], Planned) and events[0].outputs == ()


def test_two_workspaces_in_one_process_share_nothing(workspace_copy: Path,
                                                     tmp_path: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(workspace_copy, other)
    brand = other / "styles" / "field-green" / "brand.yaml"
    brand.write_text(brand.read_text().replace('primary: "#1f5c45"', 'primary: "#7a1f5c"'))
    prose = other / "content" / FLYER / "en.yaml"
    prose.write_text(prose.read_text().replace("kicker: ", "kicker: Zyxwvut ", 1))
    with Renderer(1) as renderer:  # one warm WeasyPrint engine for both
        first = BuildSession(load_workspace(workspace_copy), BuildOptions(force=True))
        second = BuildSession(load_workspace(other), BuildOptions(force=True))
        plans = [plan_build(session, [FLYER], ["en"]) for session in (first, second)]
        for session, plan in zip((second, first), reversed(plans), strict=True):
            run_build(session, plan, renderer)
    assert first.writer is not second.writer and first.coverage is not second.coverage
    assert first.file_hashes is not second.file_hashes
    assert first.qr_codes is not second.qr_codes
    assert first.compiled_templates is not second.compiled_templates
    from pypdf import PdfReader

    mine = PdfReader(workspace_copy / "build" / FLYER / f"{FLYER}.en.pdf").pages[0]
    theirs = PdfReader(other / "build" / FLYER / f"{FLYER}.en.pdf").pages[0]
    assert "ZYXWVUT" not in mine.extract_text() and "ZYXWVUT" in theirs.extract_text()
    green, purple = b"0.121569 0.360784 0.270588 rg", b"0.478431 0.121569 0.360784 rg"
    assert green in _content(mine) and purple not in _content(mine)
    assert purple in _content(theirs) and green not in _content(theirs)


def _content(page: object) -> bytes:
    return page.get_contents().get_data()  # type: ignore[attr-defined]
