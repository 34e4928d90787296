"""The one plug-in loader: valid objects with free names kept; anything else one plain error."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import pytest

from briefs.core.diagnostics import Diagnostics
from briefs.core.plugins import PluginSpec, load_plugins


@dataclass
class Thing:
    name: str
    suffix: str = ".thing"


SPEC: PluginSpec[Thing] = PluginSpec("thing", Thing, "a Thing with a name",
                                     usable=lambda thing: bool(thing.name))
WITH_SUFFIX: PluginSpec[Thing] = PluginSpec(
    "thing", Thing, "a Thing", claims=lambda thing: (thing.name, thing.suffix),
    clash=lambda thing: f'thing "{thing.name}" ({thing.suffix}), whose name or suffix is taken')


def point(name: str, load: object) -> SimpleNamespace:
    return SimpleNamespace(name=name, value=f"pkg_{name}:THING", load=load)


def returning(value: object) -> object:
    return lambda: value


def test_valid_plugins_are_kept_in_order_and_their_names_taken() -> None:
    diagnostics, taken = Diagnostics(), {"built-in"}
    found = load_plugins([point("a", returning(Thing("a"))),
                          point("b", returning(lambda: [Thing("b"), Thing("c")]))],
                         SPEC, diagnostics, taken)
    assert [thing.name for thing in found] == ["a", "b", "c"]
    assert taken == {"built-in", "a", "b", "c"} and not diagnostics.items


def test_a_plugin_that_raises_on_import_is_one_plain_error() -> None:
    def broken() -> object:
        raise ImportError("No module named 'pkg_x'")

    def exits() -> object:
        raise SystemExit(2)

    def factory_fails() -> object:
        return lambda: 1 / 0

    diagnostics = Diagnostics()
    found = load_plugins([point("x", broken), point("e", exits), point("f", factory_fails),
                          point("ok", returning(Thing("ok")))], SPEC, diagnostics, set())
    assert [thing.name for thing in found] == ["ok"]
    assert [d.message for d in diagnostics.errors] == [
        "the plug-in thing x (pkg_x:THING) cannot be loaded: ImportError: No module named "
        "'pkg_x'",
        "the plug-in thing e (pkg_e:THING) cannot be loaded: SystemExit: 2",
        "the plug-in thing f (pkg_f:THING) cannot be loaded: ZeroDivisionError: division by "
        "zero"]
    assert all("Traceback" not in d.message and d.path is None for d in diagnostics)


def test_a_bad_plugin_is_reported_and_skipped() -> None:
    diagnostics = Diagnostics()
    found = load_plugins([point("s", returning("a string")), point("n", returning(Thing(""))),
                          point("l", returning(lambda: [Thing("good"), 42]))],
                         SPEC, diagnostics, set())
    assert [thing.name for thing in found] == ["good"]
    assert [d.message for d in diagnostics.errors] == [
        "the plug-in thing s (pkg_s:THING) is not a Thing with a name (got str)",
        "the plug-in thing n (pkg_n:THING) is not a Thing with a name (got Thing)",
        "the plug-in thing l (pkg_l:THING) is not a Thing with a name (got int)"]


def test_a_duplicate_name_is_reported_and_the_first_kept() -> None:
    first, second = Thing("note"), Thing("note")
    diagnostics = Diagnostics()
    found = load_plugins([point("a", returning(first)), point("b", returning(second)),
                          point("c", returning(Thing("built-in")))],
                         SPEC, diagnostics, {"built-in"})
    assert found == [first] and found[0] is first
    assert [d.message for d in diagnostics.errors] == [
        'the plug-in thing b (pkg_b:THING) defines the thing "note", which exists already; '
        "it is ignored",
        'the plug-in thing c (pkg_c:THING) defines the thing "built-in", which exists '
        "already; it is ignored"]


def test_every_claim_must_be_free() -> None:
    diagnostics, taken = Diagnostics(), {"pdf", ".pdf"}
    found = load_plugins([point("a", returning(Thing("pdf2", ".pdf"))),
                          point("b", returning(Thing("text", ".txt"))),
                          point("c", returning(Thing("text2", ".txt")))],
                         WITH_SUFFIX, diagnostics, taken)
    assert [thing.name for thing in found] == ["text"] and {"text", ".txt"} <= taken
    assert [d.message.split(" defines the ")[1] for d in diagnostics.errors] == [
        'thing "pdf2" (.pdf), whose name or suffix is taken; it is ignored',
        'thing "text2" (.txt), whose name or suffix is taken; it is ignored']


def test_a_usable_check_that_raises_counts_as_unusable() -> None:
    class Odd(Thing):
        @property
        def name(self) -> str:  # type: ignore[override]
            raise RuntimeError("no name")

    diagnostics = Diagnostics()
    spec: PluginSpec[Thing] = PluginSpec("thing", Thing, "a Thing",
                                         usable=lambda thing: bool(thing.name))
    assert load_plugins([point("o", returning(Odd.__new__(Odd)))], spec, diagnostics,
                        set()) == []
    assert diagnostics.errors[0].message.endswith("is not a Thing (got Odd)")


def test_installed_entry_points_are_read_once_while_sys_path_is_unchanged(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Three registries ask for their groups at every command's start: one scan of the
    installed packages serves them, and a package installed since (its folder changed) is
    seen."""
    import importlib.metadata

    from briefs.core import plugins

    scans = []
    real = importlib.metadata.entry_points

    def counted() -> object:
        scans.append(1)
        return real()

    monkeypatch.setattr(importlib.metadata, "entry_points", counted)
    monkeypatch.syspath_prepend(str(tmp_path))
    plugins._installed.cache_clear()
    groups = [plugins.entry_points(group=group)
              for group in ("briefs.kinds", "briefs.outputs", "briefs.checks")]
    assert len(scans) == 1
    assert groups == [tuple(real(group=group))
                      for group in ("briefs.kinds", "briefs.outputs", "briefs.checks")]
    (tmp_path / "new_package-1.0.dist-info").mkdir()  # installing one changes the folder
    os.utime(tmp_path, ns=(0, 10**18))
    plugins.entry_points(group="briefs.kinds")
    assert len(scans) == 2
