"""Scaffold: `init` copies a workspace that builds; `new` writes commented starters."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefs.content.config import load_workspace
from briefs.core.diagnostics import BriefsError
from briefs.kinds.key_messages import KIND as KEY_MESSAGES
from briefs.scaffold.document import new_document
from briefs.scaffold.workspace import eject_assets, init_workspace


def test_init_full_creates_the_sample_workspace(tmp_path: Path) -> None:
    root = init_workspace(tmp_path / "team", template="full")
    for part in ("briefs.yaml", "content", "styles", ".gitignore"):
        assert (root / part).exists()
    assert not (root / "templates").exists()  # built-in templates come from briefs itself
    workspace = load_workspace(root)
    assert workspace.document_ids() == ["forum-key-messages", "river-dialogue-flyer",
                                        "urban-water-fact-sheet"]
    assert workspace.brand_ids() == ["civic-blue", "field-green"]


def test_init_small_is_the_default(tmp_path: Path) -> None:
    root = init_workspace(tmp_path / "team")
    workspace = load_workspace(root)
    assert workspace.document_ids() == ["first-brief", "first-flyer"]
    assert workspace.brand_ids() == ["team"]
    assert workspace.config.locales == ["en", "fr"]
    for doc in workspace.document_ids():
        assert {p.name for p in (root / "content" / doc).glob("*.yaml")} == \
            {"document.yaml", "en.yaml", "fr.yaml"}
    assert (root / "styles/team/fonts/NotoSans-Regular.ttf").is_file()
    assert (root / "styles/team/fonts/LICENSE.txt").is_file()


def test_init_blank_has_a_brand_and_no_documents(tmp_path: Path) -> None:
    root = init_workspace(tmp_path / "team", template="blank")
    workspace = load_workspace(root)
    assert workspace.document_ids() == [] and workspace.brand_ids() == ["team"]


def test_init_refuses_an_unknown_template(tmp_path: Path) -> None:
    with pytest.raises(BriefsError, match='no template "huge"'):
        init_workspace(tmp_path, template="huge")


def test_init_refuses_to_mix_with_existing_files(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    with pytest.raises(BriefsError, match="already has content"):
        init_workspace(tmp_path)


def test_new_uses_source_locale_and_default_brand(tmp_path: Path) -> None:
    root = init_workspace(tmp_path / "ws")
    folder = new_document(load_workspace(root), "climate-forum", KEY_MESSAGES)
    assert sorted(p.name for p in folder.iterdir()) == ["document.yaml", "en.yaml", "images"]
    settings = (folder / "document.yaml").read_text()
    assert "brand: team" in settings and "{{" not in settings
    assert settings.lstrip().startswith("#")  # commented starter


def test_eject_copies_every_built_in_file_once(tmp_path: Path) -> None:
    root = init_workspace(tmp_path / "ws")
    copied = eject_assets(root)
    names = {path.relative_to(root).as_posix() for path in copied}
    assert {"templates/base.html.j2", "templates/key-messages.html.j2",
            "templates/flyer.html.j2", "templates/fact-sheet.html.j2",
            "styles/common/base.css", "styles/common/flyer.css",
            "templates/locales/fr/LC_MESSAGES/messages.po"} <= names
    assert eject_assets(root) == []  # nothing is overwritten
