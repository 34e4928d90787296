"""A kind from an installed package (entry point `briefs.kinds`) builds like a built-in one."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from pypdf import PdfReader

from briefs.content.schema import CommonSettings, ShortText, Strict
from briefs.kinds import registry
from briefs.kinds.kind import Kind
from tests.conftest import run_cli


class NoteSettings(CommonSettings):
    """No max_pages: the page rule lives in the kind, not in the settings."""

    kind: str = "note"


class NoteText(Strict):
    title: ShortText


@pytest.fixture
def plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Kind:
    folder = tmp_path / "site-packages" / "briefs_note" / "kind"
    folder.mkdir(parents=True)
    (folder / "template.html.j2").write_text(
        '{% extends "base.html.j2" %}{% block title %}{{ text.title }}{% endblock %}'
        '{% block body %}<h1 class="note">{{ text.title }}</h1>{% endblock %}')
    (folder / "style.css").write_text(".note { color: var(--color-accent); }")
    kind = Kind(name="note", description="A note", settings_model=NoteSettings,
                text_model=NoteText, folder=folder, origin="plug-in briefs-note")
    point = SimpleNamespace(name="note", value="briefs_note:KIND", load=lambda: kind)
    monkeypatch.setattr(registry, "entry_points",
                        lambda group: [point] if group == registry.ENTRY_POINT_GROUP else [])
    return kind


def test_a_plugin_kind_without_max_pages_builds(workspace_copy: Path, plugin: Kind) -> None:
    """Regression: a kind without `max_pages` ended in an internal error (exit 3)."""
    folder = workspace_copy / "content" / "memo"
    folder.mkdir()
    (folder / "document.yaml").write_text("kind: note\n")
    (folder / "en.yaml").write_text("title: A short memo\n")
    result = run_cli("build", "memo", "-l", "en", workspace=workspace_copy)
    assert result.exit_code == 0, result.stderr
    pdf = PdfReader(workspace_copy / "build" / "memo" / "memo.en.pdf")
    assert len(pdf.pages) == 1 and "A short memo" in pdf.pages[0].extract_text()
    kinds = run_cli("kinds", workspace=workspace_copy).stdout
    assert "note" in kinds and "plug-in briefs-note" in kinds
