"""Time limits: work that never ends is stopped, on the main thread and off it, and a limit
never fires after its block has ended."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from briefs.core.paths import Mounts
from briefs.render import engine
from briefs.render.deadline import TimeLimitExceeded, time_limit
from briefs.render.engine import Engine, RenderJob, RenderResult


def spin(seconds: float) -> None:
    """Pure Python work for `seconds` (what a runaway layout looks like)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def in_thread(work: Callable[[], object]) -> object:
    found: list[object] = []

    def run() -> None:
        try:
            found.append(work())
        except BaseException as exc:  # handed back to the test
            found.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(30)
    assert not thread.is_alive()
    return found[0]


def limited_spin() -> str:
    started = time.monotonic()
    with pytest.raises(TimeLimitExceeded, match=r"spinning took longer than 0\.3 s"), \
            time_limit(0.3, "spinning"):
        spin(20)
    return f"{time.monotonic() - started:.1f}"


def test_work_that_never_ends_is_stopped_on_the_main_thread() -> None:
    assert float(limited_spin()) < 5


def test_work_that_never_ends_is_stopped_in_another_thread() -> None:
    result = in_thread(limited_spin)
    assert isinstance(result, str) and float(result) < 5, result


def test_a_limit_never_fires_after_its_block() -> None:
    def quick_then_slow() -> str:
        for _ in range(20):
            try:
                with time_limit(0.05, "a quick step"):
                    spin(0.04)  # ends close to its limit
            except TimeLimitExceeded:
                pass  # fired inside its block (a loaded machine ran it past 0.05 s): allowed
        spin(0.5)  # well past every limit: nothing may be raised here
        return "ok"

    assert in_thread(quick_then_slow) == "ok"


def test_a_render_that_never_ends_fails_its_output(monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    """The preview renders in its own thread, `build -j 1` on the main thread: both bounded."""
    monkeypatch.setattr(engine, "RENDER_SECONDS", 0.3)
    monkeypatch.setattr(Engine, "_render", lambda self, job: spin(20) or RenderResult(None, 0))
    job = RenderJob(html="<p>x</p>", mounts=Mounts.of(tmp_path), title="forum.en")
    for result in (Engine().render(job), in_thread(lambda: Engine().render(job))):
        assert isinstance(result, RenderResult), result
        assert result.pdf is None
        assert result.errors == ["forum.en: rendering took longer than 0.3 s and was stopped"]
