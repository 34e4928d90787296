"""Charts kept between builds: found again only for the same spec, numbers and toolkit, and only
when signed with the user's key (a planted file is drawn over)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from briefs.output.writer import Writer
from briefs.render import chart_store, signed_store
from briefs.render.chart_store import KeptCharts, chart_key
from briefs.render.charts import ChartSpec, Series, chart_svg
from briefs.render.signed_store import SignedStore

KEY = b"k" * 32


def spec(**changes: object) -> ChartSpec:
    made = ChartSpec("column", ("North", "South"), (Series("2015", (14.8, 20.0)),),
                     ("#0a4f8f", "#e8772e"), ("Civic Sans",), lambda value: f"{value:g}",
                     number_key="('en', 1)")
    return dataclasses.replace(made, **changes)  # type: ignore[arg-type]


def store(root: Path, key: bytes | None = KEY) -> KeptCharts:
    return KeptCharts(SignedStore(root / "build" / ".cache" / "charts", Writer(root / "build"),
                                  key, ".svg"))


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
    assert store(tmp_path).drawn == 0 and store(tmp_path).store._stored(path.stem) is None
    path.unlink()
    path.write_bytes(b"x" * (signed_store.MAX_STORED_BYTES + 64))
    assert store(tmp_path).store._stored(path.stem) is None


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
    assert linked.store._stored(chart_key(spec())) is None
