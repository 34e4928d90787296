"""Charts kept between builds: found again only for the same spec, numbers and toolkit, and only
when signed with the user's key (a planted file is drawn over)."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from briefs.output.writer import Writer
from briefs.render import chart_store
from briefs.render.chart_store import ChartStore, chart_key
from briefs.render.charts import ChartSpec, Series, chart_svg

KEY = b"k" * 32


def spec(**changes: object) -> ChartSpec:
    made = ChartSpec("column", ("North", "South"), (Series("2015", (14.8, 20.0)),),
                     ("#0a4f8f", "#e8772e"), ("Civic Sans",), lambda value: f"{value:g}",
                     number_key="('en', 1)")
    return dataclasses.replace(made, **changes)  # type: ignore[arg-type]


def store(root: Path, key: bytes | None = KEY) -> ChartStore:
    return ChartStore(root / "build" / ".cache" / "charts", Writer(root / "build"), key)


def test_a_chart_is_drawn_once_and_found_by_the_next_build(tmp_path: Path) -> None:
    first = store(tmp_path)
    svg = first.svg(spec())
    assert first.svg(spec()) == svg and first.drawn == 1
    later = store(tmp_path)
    assert later.svg(spec()) == svg == chart_svg(spec())
    assert later.drawn == 0


@pytest.mark.parametrize("change", [
    {"kind": "bar"}, {"categories": ("North", "East")},
    {"series": (Series("2015", (14.8, 20.5)),)}, {"series": (Series("2016", (14.8, 20.0)),)},
    {"colors": ("#0a4f8f", "#000000")}, {"families": ("Other Sans",)}, {"rtl": True},
    {"text_color": "#000000"}, {"grid_color": "#000000"}, {"number_key": "('fr', 1)"},
])
def test_any_change_to_what_is_drawn_draws_it_again(tmp_path: Path,
                                                    change: dict[str, object]) -> None:
    store(tmp_path).svg(spec())
    later = store(tmp_path)
    assert later.svg(spec(**change)) == chart_svg(spec(**change))
    assert later.drawn == 1


def test_another_toolkit_draws_it_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = chart_key(spec())
    monkeypatch.setattr(chart_store, "toolkit_versions", lambda: {"code": "edited"})
    assert chart_key(spec()) != before
    monkeypatch.undo()
    monkeypatch.setattr(chart_store, "_drawing_versions", lambda: ("matplotlib=9",))
    assert chart_key(spec()) != before


def test_a_planted_or_foreign_chart_is_never_used(tmp_path: Path) -> None:
    store(tmp_path).svg(spec())
    path = next((tmp_path / "build" / ".cache" / "charts").iterdir())
    planted = b"<svg><text>planted</text></svg>"
    path.write_bytes(path.read_bytes()[:32] + planted)  # the signature of other bytes
    assert store(tmp_path).svg(spec()) == chart_svg(spec())
    path.write_bytes(b"x" * 32 + planted)
    assert store(tmp_path, key=b"o" * 32).svg(spec()) == chart_svg(spec())


def test_a_signed_chart_under_another_name_is_not_used(tmp_path: Path) -> None:
    store(tmp_path).svg(spec())
    folder = tmp_path / "build" / ".cache" / "charts"
    signed = next(folder.iterdir()).read_bytes()
    (folder / f"{chart_key(spec(rtl=True))}.svg").write_bytes(signed)
    later = store(tmp_path)
    assert later.svg(spec(rtl=True)) == chart_svg(spec(rtl=True)) and later.drawn == 1


def test_symlinks_and_huge_files_are_not_read(tmp_path: Path) -> None:
    store(tmp_path).svg(spec())
    path = next((tmp_path / "build" / ".cache" / "charts").iterdir())
    outside = tmp_path / "outside.svg"
    outside.write_bytes(path.read_bytes())
    path.unlink()
    path.symlink_to(outside)
    assert store(tmp_path).drawn == 0 and store(tmp_path)._stored(path.stem) is None
    path.unlink()
    path.write_bytes(b"x" * (chart_store.MAX_CHART_BYTES + 64))
    assert store(tmp_path)._stored(path.stem) is None


def test_without_a_key_nothing_is_stored(tmp_path: Path) -> None:
    keyless = store(tmp_path, key=None)
    assert keyless.svg(spec()) == chart_svg(spec())
    assert not (tmp_path / "build" / ".cache" / "charts").exists()


def test_a_cache_folder_linked_out_of_the_output_folder_is_not_read(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    store(elsewhere).svg(spec())  # a signed chart, outside this workspace's output folder
    (tmp_path / "build" / ".cache").mkdir(parents=True)
    (tmp_path / "build" / ".cache" / "charts").symlink_to(elsewhere / "build" / ".cache" /
                                                          "charts")
    linked = store(tmp_path)
    assert linked._stored(chart_key(spec())) is None


def test_facts_recalled_are_this_users_signed_ones_and_remembering_replaces_them(
        tmp_path: Path) -> None:
    """`recall`/`remember` (fontconfig's answers, images' verdicts): a fact kept by one store
    is recalled by the next build's store with the same key, not by one with another key,
    and not once its file was altered; remembering anew replaces what was kept."""
    output = tmp_path / "build"
    folder = output / ".cache" / "facts"
    first = ChartStore(folder, Writer(output), b"k" * 32, ".json")
    first.remember({"fc-match": "Sans"}, b'{"path": "/fonts/Sans.ttf"}')
    assert ChartStore(folder, Writer(output), b"k" * 32, ".json").recall(
        {"fc-match": "Sans"}) == b'{"path": "/fonts/Sans.ttf"}'
    assert ChartStore(folder, Writer(output), b"x" * 32, ".json").recall(
        {"fc-match": "Sans"}) is None
    assert ChartStore(folder, Writer(output), b"k" * 32, ".json").recall(
        {"fc-match": "Serif"}) is None
    (stored,) = folder.iterdir()
    stored.write_bytes(stored.read_bytes().replace(b"/fonts/", b"/etc/x"))
    assert ChartStore(folder, Writer(output), b"k" * 32, ".json").recall(
        {"fc-match": "Sans"}) is None
    again = ChartStore(folder, Writer(output), b"k" * 32, ".json")
    again.remember({"fc-match": "Sans"}, b'{"path": "/fonts/Other.ttf"}')
    assert ChartStore(folder, Writer(output), b"k" * 32, ".json").recall(
        {"fc-match": "Sans"}) == b'{"path": "/fonts/Other.ttf"}'


def _read_in_time(read: Callable[[], object]) -> bool:
    """Whether `read` returns within seconds (a pipe opened for reading blocks until a writer
    comes; the test's own open for writing then lets a blocked reader go)."""
    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(3)
    return not reader.is_alive()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_or_a_folder_in_place_of_a_kept_fact_is_passed_over(tmp_path: Path) -> None:
    """A restored cache is the workspace's: a named pipe there must not hang the build."""
    output = tmp_path / "build"
    folder = output / ".cache" / "facts"
    ChartStore(folder, Writer(output), KEY, ".json").remember({"image": "a"}, b"{}")
    (stored,) = folder.iterdir()
    stored.unlink()
    os.mkfifo(stored)
    later = ChartStore(folder, Writer(output), KEY, ".json")
    try:
        assert _read_in_time(lambda: later.recall({"image": "a"}))
    finally:
        with contextlib.suppress(OSError):  # a blocked reader, let go
            os.close(os.open(stored, os.O_WRONLY | os.O_NONBLOCK))
    stored.unlink()
    stored.mkdir()
    assert ChartStore(folder, Writer(output), KEY, ".json").recall({"image": "a"}) is None
