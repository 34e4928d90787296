"""The registry of document kinds: built in, from plug-in packages, and from the workspace."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from briefs.content.config import Workspace
from briefs.core.diagnostics import Diagnostics, did_you_mean
from briefs.core.plugins import PluginSpec, entry_points, load_plugins
from briefs.kinds.kind import Kind

ENTRY_POINT_GROUP = "briefs.kinds"
BUILTIN_DIR = Path(__file__).resolve().parent / "builtin"


class KindRegistry:
    """Every kind a workspace can use, by name."""

    def __init__(self, kinds: Iterable[Kind] = (), broken: Iterable[str] = ()) -> None:
        self._kinds: dict[str, Kind] = {}
        self.broken = set(broken)
        """Kinds the workspace defines whose kind.yaml has errors (reported already)."""
        for kind in kinds:
            self.register(kind)

    def register(self, kind: Kind) -> None:
        if kind.name in self._kinds:
            raise ValueError(f'a kind named "{kind.name}" is registered twice '
                             f"({self._kinds[kind.name].origin}; {kind.origin})")
        self._kinds[kind.name] = kind

    def get(self, name: object) -> Kind | None:
        return self._kinds.get(name) if isinstance(name, str) else None

    def names(self) -> list[str]:
        return list(self._kinds)

    def __iter__(self) -> Iterator[Kind]:
        return iter(self._kinds.values())

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name in self._kinds

    def unknown(self, name: object) -> str:
        """Why `name` is not a kind, and what to write instead."""
        choices = ", ".join(self.names())
        if name in self.broken:
            return (f'kind: the kind "{name}" could not be loaded; fix the errors in '
                    f"kinds/{name}/kind.yaml first")
        if name is None:
            return f'missing required field "kind"; set it to one of: {choices}'
        return (f'kind: unknown kind "{name}"{did_you_mean(str(name), self.names())}; use one '
                f"of: {choices}")


def builtin_kinds(diagnostics: Diagnostics) -> list[Kind]:
    """The kinds briefs ships: two written in Python, the others as data (kind.yaml)."""
    from briefs.kinds import flyer, key_messages
    from briefs.kinds.spec import load_kind

    kinds = [key_messages.KIND, flyer.KIND]
    for folder in sorted(BUILTIN_DIR.iterdir()):
        if (folder / "kind.yaml").is_file():
            found = load_kind(folder, diagnostics, {k.name for k in kinds},
                              roots=(BUILTIN_DIR,), origin="built in")
            if found is not None:
                kinds.append(found)
    return kinds


KIND_PLUGINS: PluginSpec[Kind] = PluginSpec("kind", Kind, "a briefs Kind")


def plugin_kinds(diagnostics: Diagnostics, taken: set[str]) -> list[Kind]:
    """Kinds from installed packages: entry points in the group `briefs.kinds`, each a Kind or a
    function returning one or a list of them."""
    return load_plugins(entry_points(group=ENTRY_POINT_GROUP), KIND_PLUGINS, diagnostics, taken)


def workspace_kinds(workspace: Workspace, diagnostics: Diagnostics,
                    taken: set[str]) -> list[Kind | str]:
    """Kinds the workspace defines in kinds/<name>/kind.yaml (the name of one that has
    errors, reported in `diagnostics`)."""
    from briefs.kinds.spec import load_kind

    folder = workspace.kinds_dir
    if not folder.is_dir():
        return []
    found = []
    for entry in sorted(folder.iterdir()):
        if entry.is_dir() and (entry / "kind.yaml").is_file():
            kind = load_kind(entry, diagnostics, taken, roots=(workspace.root,),
                             origin="this workspace")
            found.append(kind if kind is not None else entry.name)
    return found


def load_kinds(workspace: Workspace, diagnostics: Diagnostics) -> KindRegistry:
    """Built-in kinds, then plug-ins, then the workspace's own; problems go to `diagnostics`."""
    kinds = builtin_kinds(diagnostics)
    taken = {kind.name for kind in kinds}
    kinds += plugin_kinds(diagnostics, taken)
    own = workspace_kinds(workspace, diagnostics, taken | {k.name for k in kinds})
    return KindRegistry([*kinds, *(k for k in own if isinstance(k, Kind))],
                        broken=[k for k in own if isinstance(k, str)])
