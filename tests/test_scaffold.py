"""Scaffold: `init` copies a workspace that builds; `new` writes commented starters."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefs.diagnostics import BriefsError
from briefs.scaffold import init_workspace, new_document
from briefs.workspace import load_workspace


def test_init_creates_a_complete_workspace(tmp_path: Path) -> None:
    root = init_workspace(tmp_path / "team")
    for part in ("briefs.yaml", "content", "templates", "styles", ".gitignore"):
        assert (root / part).exists()
    workspace = load_workspace(root)
    assert workspace.document_ids() == ["forum-key-messages", "river-dialogue-flyer"]
    assert workspace.brand_ids() == ["civic-blue", "field-green"]


def test_init_refuses_to_mix_with_existing_files(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    with pytest.raises(BriefsError, match="already has content"):
        init_workspace(tmp_path)


def test_new_uses_source_locale_and_default_brand(tmp_path: Path) -> None:
    root = init_workspace(tmp_path / "ws")
    folder = new_document(load_workspace(root), "climate-forum", "key-messages")
    assert sorted(p.name for p in folder.iterdir()) == ["document.yaml", "en.yaml", "images"]
    settings = (folder / "document.yaml").read_text()
    assert "brand: civic-blue" in settings and "{{" not in settings
    assert settings.lstrip().startswith("#")  # commented starter
