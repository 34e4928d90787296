"""The progress bar's words: what renders, what waits, the time left; paths after the summary."""

from __future__ import annotations

import sys

import pytest

from briefs.cli.progress import Estimate, list_written, now_rendering


def test_outputs_beyond_the_workers_are_queued_not_rendering() -> None:
    estimate = Estimate()
    sent = [f"doc.{locale}" for locale in ("en", "fr", "es", "ru", "zh", "ar")]
    assert now_rendering(sent, 2, estimate) == "rendering doc.en, doc.fr · 4 queued"
    assert now_rendering(sent[:1], 2, estimate) == "rendering doc.en"
    assert now_rendering(sent, 5, estimate) == ("rendering doc.en, doc.fr, doc.es and 2 more · "
                                                "1 queued")


def test_an_estimate_appears_once_an_output_is_timed() -> None:
    estimate = Estimate()
    estimate.to_do = 10
    assert estimate.seconds_left(2) is None
    estimate.done(None)          # up to date: costs nothing, tells nothing
    assert estimate.seconds_left(2) is None
    estimate.done(4.0)
    estimate.done(2.0)           # 7 left, 3 s each, 2 at a time
    assert estimate.seconds_left(2) == pytest.approx(10.5)
    assert now_rendering(["a.en", "a.fr", "b.en"], 2, estimate) == (
        "rendering a.en, a.fr · 1 queued · about 10 s left")
    estimate.to_do = 50
    assert now_rendering(["a.en"], 1, estimate).endswith("about 2 min 30 s left")


PATHS = [f"build/doc{n}/doc{n}.en.pdf" for n in range(18)]


def test_a_terminal_gets_a_few_paths_and_a_count(capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    list_written(PATHS, quiet=False)
    lines = capsys.readouterr().out.splitlines()
    assert lines[:4] == PATHS[:4]
    assert lines[4:] == ["... and 14 more in build/ (build/manifest.json lists them all; a pipe "
                         "or --quiet prints every path)"]


@pytest.mark.parametrize(("tty", "quiet"), [(False, False), (True, True)])
def test_a_pipe_or_quiet_gets_every_path(capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch, tty: bool,
                                         quiet: bool) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: tty)
    list_written(PATHS, quiet=quiet)
    assert capsys.readouterr().out.splitlines() == PATHS
