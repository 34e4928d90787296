"""The text layer's font runs kept between builds (kept_font_runs.py): what an earlier build's
run answers is what fontTools gives, and a stored run that is not one is refused."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from briefs.render import kept_drawings
from briefs.render.tagging import kept_font_runs
from briefs.render.tagging.font_runs import KEPT, FontRun, FontRuns
from briefs.render.tagging.kept_font_runs import KeptRuns, decode, encode, render_runs
from tests.unit.render.tagging.test_font_runs import FIRST, _render
from tests.unit.render.test_kept_drawings import MemoryStore

RUN = FontRun((("copy", 1), ("composite", 1, ((2, 40, 300), (3, -5, 0))), ("carrier",),
               ("units",), ("copy", 7)),
              (3, 4, 5, 1000, None), b"\x00\x01font bytes\xff", cff=True)


def test_a_run_is_written_and_read_back_the_same() -> None:
    for run in (RUN, FontRun((), (), None, refused=True), FontRun((("units",),), (2048,), None)):
        data = encode(run)
        assert data is not None and decode(data) == run


@pytest.mark.parametrize("change", [
    lambda plain: plain.update(requests=[["open", 1]]),
    lambda plain: plain.update(requests=[["copy", True]]),
    lambda plain: plain.update(requests=[["copy", 70000]]),
    lambda plain: plain["requests"][1].__setitem__(2, [[2, 40]]),
    lambda plain: plain["requests"][1].__setitem__(2, [[2, 40, "x"]] * 2),
    lambda plain: plain.update(outcomes=[3, 4, 5]),
    lambda plain: plain.update(outcomes=[3, 4, 5, 1000, "5"]),
    lambda plain: plain.update(written="not base64!"),
    lambda plain: plain.update(cff="yes"),
    lambda plain: plain.pop("refused"),
    lambda plain: plain.update(requests=[["units"]] * 20_001, outcomes=[1] * 20_001),
])
def test_a_stored_run_that_is_not_one_is_refused(change: Any) -> None:
    encoded = encode(RUN)
    assert encoded is not None
    plain = json.loads(encoded)
    change(plain)
    assert decode(json.dumps(plain).encode()) is None
    assert decode(b"\xff not json") is None and decode(b"[]") is None


def test_a_run_with_a_request_it_could_not_read_back_is_not_kept() -> None:
    assert encode(FontRun((("open", 1),), (3,), None)) is None


def test_an_earlier_builds_run_answers_without_fonttools_and_writes_the_same(
        parses: list[bytes], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(KEPT, "enabled", False)  # as in a build's worker: nothing in memory
    first_build = kept_drawings.RenderDrawings(MemoryStore())  # type: ignore[arg-type]
    first = _render(KeptRuns(first_build), FIRST)
    assert len(parses) == 1 and len(first_build.made) == 1  # sent to the build to keep
    KEPT.clear()  # a new worker
    second_build = kept_drawings.RenderDrawings(MemoryStore(first_build.made))  # type: ignore[arg-type]
    assert _render(KeptRuns(second_build), FIRST) == first
    assert len(parses) == 1 and second_build.made == {}  # not parsed, nothing new to keep
    assert _render(FontRuns(), FIRST) == first  # what fontTools itself writes


def test_a_stored_run_is_taken_at_its_word_and_an_unreadable_one_is_not(
        parses: list[bytes], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(KEPT, "enabled", False)
    first_build = kept_drawings.RenderDrawings(MemoryStore())  # type: ignore[arg-type]
    first = _render(KeptRuns(first_build), FIRST)
    (name, data), = first_build.made.items()
    plain = json.loads(data)
    plain["outcomes"][0] = 9  # a glyph id fontTools did not give
    stored = {name: json.dumps(plain).encode()}
    # the store hands it over (its signature is the store's concern): its requests are the
    # same, so it is followed; what it says must then be fontTools' own to be written
    KEPT.clear()
    followed = _render(KeptRuns(kept_drawings.RenderDrawings(MemoryStore(stored))),  # type: ignore[arg-type]
                       FIRST)
    assert followed != first  # which is why the store is signed (signed_store.py)
    stored = {name: b"garbage"}
    KEPT.clear()
    assert _render(KeptRuns(kept_drawings.RenderDrawings(MemoryStore(stored))),  # type: ignore[arg-type]
                   FIRST) == first  # unreadable: fontTools again


def test_a_render_without_a_store_keeps_runs_in_its_process_only() -> None:
    assert render_runs() is KEPT
    with kept_drawings.drawings_for(None):
        assert render_runs() is KEPT
    drawings = kept_drawings.RenderDrawings(MemoryStore())  # type: ignore[arg-type]
    token = kept_drawings._CURRENT.set(drawings)
    try:
        assert isinstance(render_runs(), KeptRuns)
    finally:
        kept_drawings._CURRENT.reset(token)
    assert kept_font_runs.parts((b"\x01", frozenset({3, 1}))) == ("font run", "01", "1,3")


LABELLED = ('<html lang="en"><head><title>t</title></head><body><p>Rainfall by month</p>'
            '<svg width="200" height="60"><text x="5" y="20">March</text>'
            '<text x="80" y="20">April</text></svg></body></html>')
"""A page whose chart labels get the text layer's carrier glyphs (label_spaces.py)."""


def _render_job(root: Path, store: kept_drawings.DrawingStore | None) -> Any:
    from briefs.core.paths import Mounts
    from briefs.render.engine import Engine, RenderJob

    result = Engine().render(RenderJob(html=LABELLED, mounts=Mounts.of(root), title="t",
                                       options={"pdf_variant": "pdf/ua-1"}, drawings=store))
    assert result.pdf, result.errors
    return result


@pytest.mark.render
def test_a_new_worker_answers_an_earlier_builds_font_work_without_fonttools(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parses: list[bytes]) -> None:
    from briefs.render.bytecode import signing_key
    from tests.unit.render.test_kept_drawings import keep

    monkeypatch.setenv("BRIEFS_CACHE_KEY", "k" * 40)
    monkeypatch.setattr(KEPT, "enabled", False)  # as in a build's worker: nothing in memory
    store = kept_drawings.DrawingStore(tmp_path / "build" / ".cache" / "drawings",
                                       tmp_path / "build")
    first = _render_job(tmp_path, store)
    runs = {name: data for name, data in first.drawings.items()
            if (run := decode(data)) is not None and run.written is not None}
    assert runs and parses  # a font edited by fontTools, its run sent to the build
    key = signing_key()
    assert key is not None
    keep(store, first.drawings, key)
    parsed = len(parses)
    again = _render_job(tmp_path, store)
    assert len(parses) == parsed and again.pdf == first.pdf  # no fontTools: the same PDF
    assert _render_job(tmp_path, None).pdf == first.pdf  # as without any store

    forged = {name: data.replace(b'"cff":false', b'"cff":true') for name, data in runs.items()}
    keep(store, forged, b"another user's key")
    again = _render_job(tmp_path, store)
    assert len(parses) > parsed and again.pdf == first.pdf  # not signed by this user: unread
