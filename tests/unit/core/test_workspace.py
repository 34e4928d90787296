"""Workspace: found from any folder inside it; config errors are diagnostics."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefs.content.config import load_workspace
from briefs.core.diagnostics import BriefsError


def test_found_from_a_subfolder(tmp_path: Path) -> None:
    (tmp_path / "briefs.yaml").write_text("name: w\ndefault_brand: b\n")
    (tmp_path / "content" / "doc").mkdir(parents=True)
    (tmp_path / "content" / "doc" / "document.yaml").write_text("kind: flyer\n")
    workspace = load_workspace(tmp_path / "content" / "doc")
    assert workspace.root == tmp_path.resolve()
    assert workspace.document_ids() == ["doc"]
    assert workspace.output_dir == (tmp_path / "build").resolve()


def test_config_errors_are_positioned(tmp_path: Path) -> None:
    (tmp_path / "briefs.yaml").write_text("name: w\ndefault_brand: b\nlocale: [en]\n")
    with pytest.raises(BriefsError) as caught:
        load_workspace(tmp_path)
    [diagnostic] = caught.value.diagnostics
    assert diagnostic.format(tmp_path).startswith(
        'briefs.yaml:3:1: error: unknown key "locale" (did you mean "locales"?)')


def test_the_output_folder_is_worked_out_in_one_place(tmp_path: Path) -> None:
    from briefs.core.workspace import output_dir_of

    root = tmp_path.resolve()
    assert output_dir_of(root, "build") == root / "build"
    assert output_dir_of(root, "out/pdf/../pdfs") == root / "out" / "pdfs"
    assert output_dir_of(root, ".") is None and output_dir_of(root, "..") is None
    assert output_dir_of(root, "../elsewhere") is None
    (tmp_path / "briefs.yaml").write_text("name: w\ndefault_brand: b\noutput_dir: ../x\n")
    with pytest.raises(BriefsError) as caught:
        load_workspace(tmp_path)
    assert caught.value.diagnostics[0].format(tmp_path).startswith(
        "briefs.yaml:3:13: error: output_dir must be a folder inside the workspace")


def test_the_source_text_is_named_in_one_place(tmp_path: Path) -> None:
    (tmp_path / "briefs.yaml").write_text(
        "name: w\ndefault_brand: b\nsource_locale: fr\nlocales: [fr, en]\n")
    workspace = load_workspace(tmp_path)
    assert workspace.text_path("doc") == workspace.content_dir / "doc" / "fr.yaml"
    assert workspace.text_path("doc", "en") == workspace.content_dir / "doc" / "en.yaml"
