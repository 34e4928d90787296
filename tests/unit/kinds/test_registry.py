"""The kind registry: built-in kinds, plug-ins from entry points, the workspace's own."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from briefs.content.config import Workspace, WorkspaceConfig
from briefs.content.schema import CommonSettings, Strict
from briefs.core.diagnostics import Diagnostics
from briefs.kinds import registry
from briefs.kinds.kind import Kind, PageRule


class NoteSettings(CommonSettings):
    kind: str = "note"


class NoteText(Strict):
    title: str


PLUGIN = Kind(name="note", description="A note", settings_model=NoteSettings,
              text_model=NoteText, folder=Path("/nonexistent"))


def workspace(tmp_path: Path) -> Workspace:
    return Workspace(tmp_path, WorkspaceConfig(name="w", default_brand="b"))


def entry_points(*values: object) -> object:
    points = [SimpleNamespace(name=f"p{i}", value=f"pkg:obj{i}", load=lambda v=v: v)
              for i, v in enumerate(values)]
    return lambda group: points if group == registry.ENTRY_POINT_GROUP else []


def test_built_in_kinds(tmp_path: Path) -> None:
    diagnostics = Diagnostics()
    kinds = registry.load_kinds(workspace(tmp_path), diagnostics)
    assert kinds.names() == ["key-messages", "flyer", "fact-sheet", "policy-brief"]
    assert not diagnostics.errors
    assert kinds.get("flyer").pages.fixed == 1  # type: ignore[union-attr]
    assert kinds.get("fact-sheet").pages.fixed == 2  # type: ignore[union-attr]
    assert 'did you mean "flyer"' in kinds.unknown("flyr")


def test_plugin_kinds_come_from_entry_points(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> Kind:
        raise RuntimeError("boom")

    monkeypatch.setattr(registry, "entry_points", entry_points(PLUGIN, broken, "nonsense",
                                                               lambda: [PLUGIN]))
    diagnostics = Diagnostics()
    kinds = registry.load_kinds(workspace(tmp_path), diagnostics)
    assert kinds.get("note") is PLUGIN
    messages = [d.message for d in diagnostics.errors]
    assert "the plug-in kind p1 (pkg:obj1) cannot be loaded: RuntimeError: boom" in messages
    assert "the plug-in kind p2 (pkg:obj2) is not a briefs Kind (got str)" in messages
    assert any('defines the kind "note", which exists already' in m for m in messages)


def test_a_kind_without_a_page_setting_has_no_limit() -> None:
    """Regression: a kind whose settings have no max_pages crashed the build."""
    settings = NoteSettings()
    assert PageRule().limit(settings) is None
    assert PageRule(setting="max_pages").limit(settings) is None
    assert PageRule(setting="max_pages", default=3).limit(settings) == 3
    assert PageRule(fixed=1).limit(settings) == 1


def test_a_broken_workspace_kind_is_named_as_such(tmp_path: Path) -> None:
    folder = tmp_path / "kinds" / "report"
    folder.mkdir(parents=True)
    (folder / "kind.yaml").write_text("description: x\n")
    diagnostics = Diagnostics()
    kinds = registry.load_kinds(workspace(tmp_path), diagnostics)
    assert diagnostics.errors and "report" not in kinds
    assert "could not be loaded; fix the errors in kinds/report/kind.yaml" in \
        kinds.unknown("report")
