"""Workers: a failing or crashing render fails only its own target."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefs.core.paths import Mounts
from briefs.render import workers
from briefs.render.engine import RenderJob, RenderResult
from briefs.render.workers import Renderer

MOUNTS = Mounts.of(Path("/tmp"))


def render_all(jobs: list[RenderJob], workers: int) -> list[RenderResult]:
    with Renderer(workers) as renderer:
        for job in jobs:
            renderer.submit(job)
        return [result for _, result in renderer.results()]


def fake_render(job: RenderJob) -> RenderResult:
    if "raise" in job.html:
        raise RuntimeError("boom")
    if "crash" in job.html:
        os._exit(3)
    return RenderResult(pdf=b"%PDF-fake " + job.html.encode(), pages=1)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_raising_render_fails_alone(monkeypatch: pytest.MonkeyPatch, jobs: int) -> None:
    monkeypatch.setattr(workers, "run_job", fake_render)
    batch = [RenderJob(html=h, mounts=MOUNTS, title=h) for h in ("a", "raise", "b")]
    results = list(render_all(batch, jobs))
    assert [r.pdf is not None for r in results] == [True, False, True]
    assert results[1].errors == ["raise: internal error while rendering: RuntimeError: boom"]


def test_a_crashing_worker_fails_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "run_job", fake_render)
    batch = [RenderJob(html=h, mounts=MOUNTS, title=h) for h in ("a", "crash", "b", "c")]
    results = list(render_all(batch, 2))
    assert [r.pdf is not None for r in results] == [True, False, True, True]
    assert "the render worker crashed (exit code 3)" in results[1].errors[0]


@pytest.mark.render
def test_real_render_in_a_worker(tmp_path: Path) -> None:
    batch = [RenderJob(html=f"<p>{n}</p>", mounts=Mounts.of(tmp_path), title=str(n))
             for n in range(3)]
    results = list(render_all(batch, 2))
    assert all(r.pdf and r.pdf.startswith(b"%PDF") and r.pages == 1 for r in results)


def slow_render(job: RenderJob) -> RenderResult:
    import time

    time.sleep(60)
    return RenderResult(pdf=None, pages=0)


def test_shutting_down_at_once_stops_a_running_render(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl+C in `briefs watch` ends it now, not after the render in progress."""
    import time

    monkeypatch.setattr(workers, "run_job", slow_render)
    renderer = Renderer(2)
    renderer.submit(RenderJob(html="slow", mounts=MOUNTS, title="slow"))
    time.sleep(0.5)
    started = time.monotonic()
    renderer.shut_down(at_once=True)
    assert time.monotonic() - started < 10
    renderer.shut_down(at_once=True)  # a second call does nothing


def test_a_graceful_end_that_hangs_becomes_a_stop(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.setattr(workers, "run_job", slow_render)
    monkeypatch.setattr(workers, "SHUTDOWN_GRACE_SECONDS", 1)
    renderer = Renderer(2)
    renderer.submit(RenderJob(html="slow", mounts=MOUNTS, title="slow"))
    started = time.monotonic()
    renderer.shut_down()
    assert time.monotonic() - started < 10


@pytest.mark.parametrize(("jobs", "outputs", "workers_", "pooled"), [
    (0, 1, 1, True),    # one output: one worker process, started while the build plans
    (0, 24, 2, True),   # the cores
    (4, 3, 3, True),    # never more workers than outputs
    (1, 24, 1, False),  # -j 1: in this process
    (0, 0, 1, True),
])
def test_workers_follow_the_outputs(monkeypatch: pytest.MonkeyPatch, jobs: int, outputs: int,
                                    workers_: int, pooled: bool) -> None:
    monkeypatch.setattr(workers, "default_jobs", lambda: 2)
    renderer = Renderer.for_outputs(jobs, outputs)
    assert (renderer.workers, renderer.pooled, renderer.in_process) == (workers_, pooled,
                                                                         not pooled)


def render_pid(job: RenderJob) -> RenderResult:
    return RenderResult(pdf=str(os.getpid()).encode(), pages=1)


def test_one_pooled_worker_renders_in_its_own_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "run_job", render_pid)
    with Renderer(1, pooled=True) as renderer:
        renderer.submit(RenderJob(html="a", mounts=MOUNTS, title="a"))
        (_, result), = renderer.results()
    assert result.pdf is not None and int(result.pdf) != os.getpid()


def test_a_worker_starts_without_the_content_models() -> None:
    """A worker's start-up imports WeasyPrint and what finishing uses, not pydantic and the
    content models (`render/overflow.py` counted words through the translation status, which
    imported them: 0.15 CPU-seconds of every worker's start-up); what it imported is then
    frozen out of the garbage collector's passes."""
    import subprocess
    import sys

    code = ("import sys\nfrom briefs.render.workers import _warm_up\n_warm_up()\n"
            "heavy = [m for m in ('pydantic', 'babel', 'jinja2', 'briefs.content.config') "
            "if m in sys.modules]\nassert not heavy, heavy\n"
            "import gc\nassert gc.get_freeze_count() > 10000, gc.get_freeze_count()")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr


def test_a_pool_worker_collects_young_objects_less_often() -> None:
    """A pool worker starts with `_warm_up`, then collects its young objects every
    RENDER_GC_THRESHOLD allocations instead of 700 (a render's collections cost half)."""
    import subprocess
    import sys

    code = ("import gc\nfrom briefs.render.workers import RENDER_GC_THRESHOLD, _start_worker\n"
            "_start_worker()\nassert gc.get_threshold()[0] == RENDER_GC_THRESHOLD > 700, "
            "gc.get_threshold()\nassert gc.get_freeze_count() > 10000, gc.get_freeze_count()")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr


def hyphenation_read(job: RenderJob) -> RenderResult:
    """Which of pyphen's dictionaries this process had read when the job arrived."""
    import pyphen

    return RenderResult(pdf="\n".join(str(path) for path in pyphen.hdcache).encode(), pages=1)


def test_workers_read_the_builds_hyphenation_dictionaries_before_the_first_job(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import pyphen

    dutch = str(pyphen.LANGUAGES[pyphen.language_fallback("nl")])
    assert dutch not in map(str, pyphen.hdcache)  # not inherited from this process
    monkeypatch.setattr(workers, "run_job", hyphenation_read)
    with Renderer(1, pooled=True) as renderer:
        renderer.start(["nl", "zh", "xx-unknown"])  # none for Chinese, nor an unknown one
        renderer.submit(RenderJob(html="a", mounts=MOUNTS, title="a"))
        (_, result), = renderer.results()
    assert result.pdf is not None and dutch in result.pdf.decode().splitlines()


def test_a_one_build_renderer_polls_quickly_from_its_last_result_to_its_end(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """pebble's threads sleep 0.1 s between looks; joining a pool waited for two of those
    sleeps at the end of every `briefs build` (10 to 150 ms of a one-document build). Quick
    from the wait for each worker's last result (as many results as workers) to the join."""
    from pebble.common import CONSTS

    from briefs.render.pool_polling import QUICK_SECONDS

    monkeypatch.setattr(workers, "run_job", render_pid)
    own = CONSTS.sleep_unit
    assert own == 0.1  # pebble's, which a long-lived renderer keeps
    with Renderer(1, pooled=True) as long_lived:
        long_lived.submit(RenderJob(html="a", mounts=MOUNTS, title="a"))
        assert [r.pdf is not None for _, r in long_lived.results()] == [True]
        assert CONSTS.sleep_unit == own
    for jobs in (1, 3, 5):
        periods = []
        with Renderer.for_outputs(0, jobs) as renderer:
            assert renderer.one_build
            last = min(renderer.workers, jobs)
            expected = [own] * (jobs - last) + [QUICK_SECONDS] * last
            for name in "abcde"[:jobs]:
                renderer.submit(RenderJob(html=name, mounts=MOUNTS, title=name))
            for _, result in renderer.results():  # quick only for the last: a long build's
                periods.append(CONSTS.sleep_unit)  # threads would wake 100 times a second
                assert result.pdf is not None
            periods.append(CONSTS.sleep_unit)  # still quick while the pools are joined
        assert periods == [*expected, QUICK_SECONDS]
        assert CONSTS.sleep_unit == own


@pytest.mark.render
def test_a_first_job_after_the_warm_up_imports_nothing_and_parses_no_c_type(
        tmp_path: Path) -> None:
    """What a worker's first render imported or had cffi parse (2 ms a C type) is done in its
    start-up, while the main process plans: the job itself is on the critical path."""
    import subprocess
    import sys

    code = ("import sys\nfrom pathlib import Path\n"
            "from briefs.core.paths import Mounts\n"
            "from briefs.render.engine import RenderJob\n"
            "from briefs.render.workers import _warm_up, run_job\n"
            "import pebble\n"  # and multiprocessing, pickle: a pool's worker has them
            "_warm_up(('en',))\n"
            "from weasyprint.text.ffi import ffi\n"
            "types, modules = len(ffi._parsed_types), set(sys.modules)\n"
            "html = ('<html lang=en><body><h1>Key messages</h1><p>Water for 2030: access, '"
            "'quality, and the cost of both. <span lang=ar dir=rtl>المياه للجميع</span>'"
            "'</p></body></html>')\n"
            f"result = run_job(RenderJob(html=html, mounts=Mounts.of(Path({str(tmp_path)!r})),"
            " title='t'))\n"
            "assert result.pdf, result.errors\n"
            "print(len(ffi._parsed_types) - types, sorted(set(sys.modules) - modules))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=False, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "0 []"


def test_a_workers_start_up_runs_without_garbage_collections() -> None:
    """The collector's passes over the start-up's young imports cost 11% of it (about 50 ms);
    it is on again for the renders."""
    import subprocess
    import sys

    code = ("import gc\nfrom briefs.render.workers import _warm_up\n"
            "passes = []\ngc.callbacks.append(lambda phase, info: passes.append(phase))\n"
            "_warm_up(('en',))\nprint(len(passes), gc.isenabled())")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["0", "True"]


def kept_for_again(job: RenderJob) -> RenderResult:
    """Whether this process keeps what a render of the same output again reuses."""
    from briefs.render.checked_pdfs import CHECKED
    from briefs.render.deflated import DEFLATED
    from briefs.render.tagging.font_runs import KEPT

    return RenderResult(pdf=repr((KEPT.enabled, CHECKED.enabled, DEFLATED.enabled)).encode(),
                        pages=1)


@pytest.mark.parametrize("one_build", [True, False])
def test_only_a_long_lived_renderer_s_workers_keep_what_a_render_again_reuses(
        monkeypatch: pytest.MonkeyPatch, one_build: bool) -> None:
    """`briefs server`, `watch` and the preview render outputs again; a build or a check
    renders each once, and its workers keep nothing for it (render_again.py)."""
    monkeypatch.setattr(workers, "run_job", kept_for_again)
    with Renderer(1, pooled=True, one_build=one_build) as renderer:
        renderer.submit(RenderJob(html="a", mounts=MOUNTS, title="a"))
        (_, result), = renderer.results()
    assert result.pdf == repr((not one_build,) * 3).encode()


def test_a_long_lived_renderer_in_this_process_keeps_them_here() -> None:
    from briefs.render.render_again import keep_for_renders_again
    from briefs.render.tagging.font_runs import KEPT

    keep_for_renders_again(False)  # as a fresh process starts
    try:
        Renderer(1, one_build=True)
        assert not KEPT.enabled
        Renderer(1)  # the preview's: it renders in this process
        assert KEPT.enabled
    finally:
        keep_for_renders_again(False)
