"""Plug-ins from entry points, for every registry: load each, keep the valid ones with a free name.

Kinds, output formats and checks come from installed packages the same way: an entry point
names an object, or a function (or class) returning one or a list of them. A plug-in that
cannot be imported or raises, gives something else, or takes a name already taken is
reported (one plain line, no traceback) and skipped: it must not stop the build of
everything else.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Generic, Protocol, TypeVar

from briefs.core.diagnostics import Diagnostics

T = TypeVar("T")


def entry_points(group: str) -> tuple[Any, ...]:
    """The installed entry points of `group` (`importlib.metadata.entry_points(group=)`).

    Every distribution's metadata is read once, for all three registries' groups, while the
    folders on `sys.path` are unchanged (installing or removing a package changes its
    folder): three scans cost a command's start 9 ms, one 3 ms."""
    return tuple(_installed(_path_state()).select(group=group))


@lru_cache(maxsize=1)
def _installed(_state: tuple[tuple[str, int], ...]) -> Any:
    from importlib.metadata import entry_points as installed

    return installed()


def _path_state() -> tuple[tuple[str, int], ...]:
    """Each folder on `sys.path` and when it last changed (0: none there)."""
    state = []
    for folder in sys.path:
        try:
            state.append((folder, os.stat(folder or ".").st_mtime_ns))
        except OSError:
            state.append((folder, 0))
    return tuple(state)


class EntryPointLike(Protocol):
    """What `importlib.metadata.EntryPoint` offers that the loader uses."""

    name: str
    value: str

    def load(self) -> Any: ...


@dataclass(frozen=True)
class PluginSpec(Generic[T]):
    """What one registry accepts from a plug-in."""

    noun: str
    """How messages name one: "kind", "output format", "check"."""
    wanted: type[T]
    described: str
    """What a valid one is, for the message about one that is not: "a briefs Kind"."""
    usable: Callable[[T], bool] = lambda _value: True
    """Whether an object of the wanted type is complete (a name, a suffix...)."""
    claims: Callable[[T], tuple[str, ...]] = lambda value: (str(getattr(value, "name", "")),)
    """What it takes that no other may have (its name; a format's suffix too)."""
    clash: Callable[[T], str] | None = None
    """What the message about a taken one says after "defines the " (by default
    'kind "note", which exists already')."""

    def clash_of(self, value: T) -> str:
        if self.clash is not None:
            return self.clash(value)
        return f'{self.noun} "{getattr(value, "name", "")}", which exists already'


def load_plugins(entries: Iterable[EntryPointLike], spec: PluginSpec[T],
                 diagnostics: Diagnostics, taken: set[str]) -> list[T]:
    """The valid objects `entries` name, in order; each claim of one kept is added to
    `taken`; every problem is an error in `diagnostics`."""
    found: list[T] = []
    for entry in entries:
        where = f"the plug-in {spec.noun} {entry.name} ({entry.value})"
        for value in _loaded(entry, spec.wanted, where, diagnostics):
            if not isinstance(value, spec.wanted) or not _usable(spec, value):
                diagnostics.error(f"{where} is not {spec.described} "
                                  f"(got {type(value).__name__})")
            elif any(claim in taken for claim in spec.claims(value)):
                diagnostics.error(f"{where} defines the {spec.clash_of(value)}; it is ignored")
            else:
                taken.update(spec.claims(value))
                found.append(value)
    return found


def _loaded(entry: EntryPointLike, wanted: type, where: str,
            diagnostics: Diagnostics) -> list[object]:
    """The objects an entry point names: the object, or what calling it returns."""
    try:
        loaded = entry.load()
        value = loaded() if callable(loaded) and not isinstance(loaded, wanted) else loaded
        return list(value) if isinstance(value, list | tuple) else [value]
    except (Exception, SystemExit) as exc:  # a plug-in's bug, or its sys.exit() on import
        diagnostics.error(f"{where} cannot be loaded: {type(exc).__name__}: {exc}")
        return []


def _usable(spec: PluginSpec[T], value: T) -> bool:
    try:
        return bool(spec.usable(value))
    except Exception:  # a property of the plug-in's object that raises
        return False
